"""The comparison report: a landscape PDF in the gap report's look (same styles, header, footer).

Contents: what was compared and with which profile, the overall verdicts, the heat map (pillars and
criteria by organisation, score and level as text on a tint of the level's colour), the criteria
most often below the norm and the largest differences.
"""

from __future__ import annotations

import io
from datetime import date
from functools import cache

from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import PageTemplate, Spacer, Table

from ..domain.comparison import Comparison
from ..domain.questionnaire import Questionnaire
from ..domain.wording import DEFAULT_PROFILE_LABEL, dutch_date, format_score
from . import styles as st
from .document import DocumentInfo, document_canvas, pdf_document
from .layout import (
    PageInfo,
    body_frame,
    cell,
    decorate_page,
    escape_text,
    frame_table,
    head_row,
    markup_para,
    para,
    tint_behind,
)

PAGE = landscape(st.PAGE_SIZE)
WIDTH = PAGE[0] - st.MARGIN_LEFT - st.MARGIN_RIGHT
HEIGHT = PAGE[1] - st.MARGIN_TOP - st.MARGIN_BOTTOM
COLUMNS_PER_TABLE = 6  # organisations side by side on one page width; more continue in the next table


@cache
def heat_head() -> ParagraphStyle:
    """Organisation names in the narrow heat-map columns: a size at which "Omgevingsdienst" fits whole."""
    return ParagraphStyle("heat_head", parent=st.styles().cell_head, fontSize=7.2, leading=9)


def build_comparison_pdf(comparison: Comparison, questionnaire: Questionnaire,
                         generated_on: date | None = None) -> bytes:
    """The comparison as PDF bytes; the same comparison and date give the same bytes."""
    generated_on = generated_on or date.today()
    profile = comparison.profile_name or DEFAULT_PROFILE_LABEL
    info = PageInfo(
        header_left=f"Vergelijking {questionnaire.title}",
        header_right=f"{len(comparison.columns)} beoordelingen · {dutch_date(generated_on)}",
        footer=f"{comparison.questionnaire_id} versie {', '.join(comparison.versions)} · normprofiel: {profile}",
        is_draft=False,
    )
    buffer = io.BytesIO()
    metadata = DocumentInfo(title=f"Vergelijking {questionnaire.title}", author="vthscan", subject="", created=generated_on)
    document = pdf_document(buffer, PAGE, metadata)
    frame = body_frame(WIDTH, HEIGHT)
    document.addPageTemplates([PageTemplate("body", [frame], onPage=lambda c, d: decorate_page(c, info, False))])
    story = (_introduction(comparison, questionnaire, profile, generated_on) + _heat_map(comparison)
             + _gaps(comparison))
    document.build(story, canvasmaker=document_canvas(info, metadata))
    return buffer.getvalue()


def _table(rows: list[list], fractions: list[float], extra: list[tuple] = ()) -> Table:
    return frame_table(rows, fractions, extra, width=WIDTH)


def _level_label(comparison: Comparison, level: str | None) -> str:
    return dict(comparison.levels)[level] if level else "niet beoordeeld"


def _tint(questionnaire: Questionnaire, level: str | None, column: int, row: int) -> list[tuple]:
    if level is None:
        return []
    return tint_behind(questionnaire.level_by_id[level].color, column, row)


def _introduction(comparison: Comparison, questionnaire: Questionnaire, profile: str, day: date) -> list:
    s = st.styles()
    story = [para("Vergelijking van zelfevaluaties", s.h1),
             markup_para(f"<b>Vragenlijst:</b> {escape_text(questionnaire.title)} "
                         f"({escape_text(comparison.questionnaire_id)}, versie "
                         f"{escape_text(', '.join(comparison.versions))}) · <b>Normprofiel:</b> "
                         f"{escape_text(profile)} · <b>Datum:</b> {escape_text(dutch_date(day))}", s.body)]
    if comparison.version_note:
        story.append(markup_para(f"<b>Let op:</b> {escape_text(comparison.version_note)}", s.body))
    story.append(para(
        "Elke beoordeling is gescoord met dezelfde rekenregels en drempels. Een score is een gewogen "
        "gemiddelde van 0 tot 100; het niveau volgt uit de drempels van het normprofiel. Verschillen in "
        "takenpakket en registratie tussen organisaties kunnen een vergelijking vertekenen: lees de "
        "uitkomsten als aanleiding voor een gesprek, niet als ranglijst.", s.small))
    story.append(para("Totaaloordelen", s.h2))
    rows = [head_row("Organisatie", "Soort", "Periode", "Versie", "Score", "Niveau", "Begrensd door knock-out")]
    extra = []
    for index, (assessment, result) in enumerate(zip(comparison.columns, comparison.results, strict=True), start=1):
        rows.append([cell(assessment.label, s.cell), cell(assessment.kind, s.cell), cell(assessment.period, s.cell),
                     cell(assessment.questionnaire.version, s.cell), cell(format_score(result.score), s.cell),
                     markup_para(f"<b>{escape_text(_level_label(comparison, result.level))}</b>", s.cell),
                     cell(", ".join(result.capped_by) or "-", s.cell)])
        extra += _tint(questionnaire, result.level, 5, index)
    story.append(_table(rows, [0.30, 0.13, 0.08, 0.07, 0.08, 0.14, 0.20], extra))
    return story


def _heat_map(comparison: Comparison) -> list:
    s = st.styles()
    questionnaire = comparison.columns[0].questionnaire
    story = [Spacer(1, 0.3 * cm), para("Heatmap per pijler en criterium", s.h2),
             para("Per organisatie de score en het niveau. Pijlers staan vet, met hun criteria eronder. "
                  "Een streepje betekent: geldt niet voor deze organisatie.", s.small)]
    for start in range(0, len(comparison.columns), COLUMNS_PER_TABLE):
        columns = list(range(start, min(start + COLUMNS_PER_TABLE, len(comparison.columns))))
        label_share = 0.28
        share = (1 - label_share) / COLUMNS_PER_TABLE
        rows = [[cell("Onderdeel", s.cell_head)] + [
            para(f"{comparison.columns[c].label} ({comparison.columns[c].period})", heat_head()) for c in columns]]
        extra = []
        for row_number, row in enumerate(comparison.rows, start=1):
            style = s.cell_bold if row.is_pillar else s.cell
            cells = [cell(f"{row.id}  {row.title}", style)]
            for position, column in enumerate(columns, start=1):
                result = row.cells[column]
                if result.score is None:
                    cells.append(cell("-", s.cell))
                    continue
                cells.append(markup_para(f"{escape_text(format_score(result.score))} · "
                                         f"<b>{escape_text(_level_label(comparison, result.level))}</b>", s.cell))
                extra += _tint(questionnaire, result.level, position, row_number)
            rows.append(cells)
        story += [_table(rows, [label_share] + [share] * len(columns), extra), Spacer(1, 0.4 * cm)]
    return story


def _gaps(comparison: Comparison) -> list:
    s = st.styles()
    story = [para("Criteria die het vaakst onder de norm blijven", s.h2)]
    if comparison.common_gaps:
        rows = [head_row("Criterium", "Aantal", "Gemiddeld tekort", "Organisaties")]
        for gap in comparison.common_gaps:
            rows.append([cell(f"{gap.criterion}  {gap.title}", s.cell), cell(gap.count, s.cell),
                         cell(format_score(gap.mean_gap), s.cell), cell(", ".join(gap.labels), s.cell)])
        story.append(_table(rows, [0.36, 0.08, 0.12, 0.44]))
    else:
        story.append(para("Geen: alle criteria halen bij alle organisaties het beste niveau.", s.body))
    story.append(para("Grootste verschillen tussen organisaties", s.h2))
    if comparison.largest_differences:
        rows = [head_row("Criterium", "Verschil (punten)", "Hoogste score", "Laagste score")]
        for difference in comparison.largest_differences:
            rows.append([cell(f"{difference.criterion}  {difference.title}", s.cell),
                         cell(format_score(difference.spread), s.cell), cell(difference.highest, s.cell),
                         cell(difference.lowest, s.cell)])
        story.append(_table(rows, [0.40, 0.14, 0.23, 0.23]))
    else:
        story.append(para("Er is maar één beoordeling met scores; er valt niets te vergelijken.", s.body))
    return story
