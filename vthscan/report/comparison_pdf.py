"""The comparison report: a landscape PDF in the gap report's look (same styles, header, footer) that
owners read at a glance.

Page 1 is the heat map of the pillars at full width: a row per pillar (and the total), a column per
organisation with its status and period, in each cell the level as a symbol (✔ ▲ ✖, as on the web)
and as text with the score on a tint of the level's colour; the weakest cell of each row is outlined.
A row that applies to none of the organisations is left out. Then the overall verdicts, the heat map
of the criteria, the criteria most often below the norm and the largest differences.
"""

from __future__ import annotations

import io
from datetime import date
from functools import cache

from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, PageTemplate, Spacer, Table

from ..domain.comparison import Comparison, Row
from ..domain.questionnaire import Questionnaire
from ..domain.wording import DEFAULT_PROFILE_LABEL, dutch_date, format_score, level_symbol
from . import styles as st
from .document import DocumentInfo, document_canvas, heading, pdf_document
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
# The level as a symbol, as on the web page: best, the levels between, worst (the text says it too).


@cache
def heat_head() -> ParagraphStyle:
    """Organisation names in the narrow heat-map columns: a size at which "Omgevingsdienst" fits whole."""
    return ParagraphStyle("heat_head", parent=st.styles().cell_head, fontSize=7.2, leading=9)


@cache
def heat_cell() -> ParagraphStyle:
    """A cell of the pillars' heat map: symbol and score large enough to read at a glance."""
    return ParagraphStyle("heat_cell", parent=st.styles().cell, fontSize=10, leading=13)


def build_comparison_pdf(comparison: Comparison, questionnaire: Questionnaire,
                         generated_on: date | None = None, author: str = "vthscan") -> bytes:
    """The comparison as PDF bytes; the same comparison and date give the same bytes. `author` is who
    made it (the PDF's metadata)."""
    generated_on = generated_on or date.today()
    profile = comparison.profile_name or DEFAULT_PROFILE_LABEL
    info = PageInfo(
        header_left=f"Vergelijking {questionnaire.title}",
        header_right=f"{len(comparison.columns)} beoordelingen · {dutch_date(generated_on)}",
        footer=f"{comparison.questionnaire_id} versie {', '.join(comparison.versions)} · normprofiel: {profile}",
        is_draft=False,
    )
    organisations = ", ".join(dict.fromkeys(f"{c.label} ({c.period})" for c in comparison.columns))
    metadata = DocumentInfo(
        title=f"Vergelijking {questionnaire.title}", author=author, created=generated_on,
        subject=(f"Vergelijking van {len(comparison.columns)} zelfevaluaties met {comparison.questionnaire_id} "
                 f"versie {', '.join(comparison.versions)}, normprofiel {profile}: {organisations}"),
    )
    buffer = io.BytesIO()
    document = pdf_document(buffer, PAGE, metadata)
    frame = body_frame(WIDTH, HEIGHT)
    document.addPageTemplates([PageTemplate("body", [frame], onPage=lambda c, d: decorate_page(c, info, False))])
    story = (_introduction(comparison, questionnaire, profile, generated_on) + _pillar_map(comparison)
             + [PageBreak()] + _verdicts(comparison, questionnaire) + _criteria_map(comparison) + _gaps(comparison))
    document.build(story, canvasmaker=document_canvas(info, metadata))
    return buffer.getvalue()


def _table(rows: list[list], fractions: list[float], extra: list[tuple] = ()) -> Table:
    return frame_table(rows, fractions, extra, width=WIDTH)


def _level_label(comparison: Comparison, level: str | None) -> str:
    return dict(comparison.levels)[level] if level else "niet beoordeeld"


def _symbol(comparison: Comparison, level: str) -> str:
    ids = [level_id for level_id, _ in comparison.levels]
    return level_symbol(ids.index(level), len(ids))


def _tint(questionnaire: Questionnaire, level: str | None, column: int, row: int) -> list[tuple]:
    if level is None:
        return []
    return tint_behind(questionnaire.level_by_id[level].color, column, row)


def _introduction(comparison: Comparison, questionnaire: Questionnaire, profile: str, day: date) -> list:
    s = st.styles()
    story = [heading("Vergelijking van zelfevaluaties", s.h1, "vergelijking"),
             markup_para(f"<b>Vragenlijst:</b> {escape_text(questionnaire.title)} "
                         f"({escape_text(comparison.questionnaire_id)}, versie "
                         f"{escape_text(', '.join(comparison.versions))}) · <b>Normprofiel:</b> "
                         f"{escape_text(profile)} · <b>Datum:</b> {escape_text(dutch_date(day))}", s.body)]
    if comparison.version_note:
        story.append(markup_para(f"<b>Let op:</b> {escape_text(comparison.version_note)}", s.body))
    periods = list(dict.fromkeys(column.period for column in comparison.columns))
    if len(periods) > 1:
        story.append(markup_para(
            f"<b>Let op: de beoordelingen gaan over verschillende perioden ({escape_text(', '.join(periods))}).</b> "
            "Een verschil kan ook komen doordat de tijd verstreken is.", s.body))
    return story


def _pillar_map(comparison: Comparison) -> list:
    """Page 1: the total and every pillar that applies to some organisation, by organisation."""
    s = st.styles()
    questionnaire = comparison.columns[0].questionnaire
    rows = [("Totaal", "Totaaloordeel", [(r.score, r.level) for r in comparison.results])]
    rows += [(row.id, row.title, [(c.score, c.level) for c in row.cells])
             for row in comparison.rows if row.is_pillar and _applies(row)]
    legend = "   ".join(f"{_symbol(comparison, level)} {label}" for level, label in comparison.levels)
    story = [para("Pijlers per organisatie", s.h2),
             para(f"{legend}. Omlijnd: de laagste score van de rij. Een streepje: de pijler geldt niet voor "
                  "deze organisatie. Pijlers die voor geen van de organisaties gelden, staan er niet in.", s.small)]
    for columns in _chunks(comparison):
        label_share = 0.22
        share = (1 - label_share) / len(columns)
        table = [[cell("Pijler", s.cell_head)] + [
            para(comparison.columns[c].label, heat_head()) for c in columns]]
        table.append([cell("Status, periode", s.cell_bold)] + [
            cell(f"{comparison.columns[c].status or 'status onbekend'} · {comparison.columns[c].period}", s.cell)
            for c in columns])
        extra = [("BACKGROUND", (0, 1), (-1, 1), st.PALE)]
        for number, (row_id, title, cells) in enumerate(rows, start=2):
            line = [cell(f"{row_id}  {title}", s.cell_bold)]
            scored = [cells[c][0] for c in columns if cells[c][0] is not None]
            weakest = min(scored) if len(scored) >= 2 else None
            for position, column in enumerate(columns, start=1):
                value, level = cells[column]
                if value is None or level is None:
                    line.append(cell("–", heat_cell()))
                    continue
                line.append(markup_para(
                    f"<b>{_symbol(comparison, level)} {escape_text(format_score(value))}</b> "
                    f"<font size=8>{escape_text(_level_label(comparison, level))}</font>", heat_cell()))
                extra += _tint(questionnaire, level, position, number)
                if value == weakest:
                    extra.append(("BOX", (position, number), (position, number), 1.6, st.TEXT))
            table.append(line)
        story += [_table(table, [label_share] + [share] * len(columns), extra), Spacer(1, 0.3 * cm)]
    return story


def _applies(row: Row) -> bool:
    return any(c.score is not None for c in row.cells)


def _chunks(comparison: Comparison) -> list[list[int]]:
    count = len(comparison.columns)
    return [list(range(start, min(start + COLUMNS_PER_TABLE, count))) for start in range(0, count, COLUMNS_PER_TABLE)]


def _verdicts(comparison: Comparison, questionnaire: Questionnaire) -> list:
    s = st.styles()
    story = [heading("Totaaloordelen", s.h2, "totaaloordelen"),
             para("Elke beoordeling is gescoord met dezelfde rekenregels en drempels. Een score is een gewogen "
                  "gemiddelde van 0 tot 100; het niveau volgt uit de drempels van het normprofiel. Verschillen in "
                  "takenpakket en registratie tussen organisaties kunnen een vergelijking vertekenen: lees de "
                  "uitkomsten als aanleiding voor een gesprek, niet als ranglijst.", s.small)]
    rows = [head_row("Organisatie", "Soort", "Status", "Periode", "Versie", "Score", "Niveau", "Begrensd door knock-out")]
    extra = []
    for index, (assessment, result) in enumerate(zip(comparison.columns, comparison.results, strict=True), start=1):
        rows.append([cell(assessment.label, s.cell), cell(assessment.kind, s.cell),
                     cell(assessment.status or "onbekend", s.cell), cell(assessment.period, s.cell),
                     cell(assessment.questionnaire.version, s.cell), cell(format_score(result.score), s.cell),
                     markup_para(f"<b>{escape_text(_level_label(comparison, result.level))}</b>", s.cell),
                     cell(", ".join(result.capped_by) or "-", s.cell)])
        extra += _tint(questionnaire, result.level, 6, index)
    story.append(_table(rows, [0.24, 0.12, 0.13, 0.07, 0.06, 0.07, 0.13, 0.18], extra))
    return story


def _criteria_map(comparison: Comparison) -> list:
    s = st.styles()
    questionnaire = comparison.columns[0].questionnaire
    story = [Spacer(1, 0.3 * cm), heading("Criteria per organisatie", s.h2, "criteria"),
             para("Per organisatie de score en het niveau. De pijlers staan vet, met hun criteria eronder. "
                  "Een streepje betekent: geldt niet voor deze organisatie.", s.small)]
    rows = [row for row in comparison.rows if _applies(row)]
    for columns in _chunks(comparison):
        label_share = 0.28
        share = (1 - label_share) / COLUMNS_PER_TABLE
        table = [[cell("Onderdeel", s.cell_head)] + [
            para(f"{comparison.columns[c].label} ({comparison.columns[c].period})", heat_head()) for c in columns]]
        extra = []
        for row_number, row in enumerate(rows, start=1):
            style = s.cell_bold if row.is_pillar else s.cell
            cells = [cell(f"{row.id}  {row.title}", style)]
            for position, column in enumerate(columns, start=1):
                result = row.cells[column]
                if result.score is None:
                    cells.append(cell("–", s.cell))
                    continue
                cells.append(markup_para(f"{_symbol(comparison, result.level)} {escape_text(format_score(result.score))} · "
                                         f"<b>{escape_text(_level_label(comparison, result.level))}</b>", s.cell))
                extra += _tint(questionnaire, result.level, position, row_number)
            table.append(cells)
        story += [_table(table, [label_share] + [share] * len(columns), extra), Spacer(1, 0.4 * cm)]
    return story


def _gaps(comparison: Comparison) -> list:
    s = st.styles()
    story = [heading("Criteria die het vaakst onder de norm blijven", s.h2, "onder-de-norm")]
    if comparison.common_gaps:
        rows = [head_row("Criterium", "Aantal", "Gemiddeld tekort", "Organisaties")]
        for gap in comparison.common_gaps:
            rows.append([cell(f"{gap.criterion}  {gap.title}", s.cell), cell(gap.count, s.cell),
                         cell(format_score(gap.mean_gap), s.cell), cell(", ".join(gap.labels), s.cell)])
        story.append(_table(rows, [0.36, 0.08, 0.12, 0.44]))
    else:
        story.append(para("Geen: alle criteria halen bij alle organisaties het beste niveau.", s.body))
    story.append(heading("Grootste verschillen tussen organisaties", s.h2, "verschillen"))
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
