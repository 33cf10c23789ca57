"""The gap report: a `ReportData` laid out as an A4 PDF with reportlab platypus, data in, bytes out.

Cover, summary, charts, the outcome per pillar, the improvement plan and the appendices (every
answer, the calculation method, the thresholds, where the report comes from). The paragraphs, tables,
page header and footer come from `layout.py`, which escapes every text from a user and keeps long
texts out of table cells; the same ReportData gives the same bytes.
"""

from __future__ import annotations

import io

from reportlab.lib.units import cm, mm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, PageTemplate, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from . import charts as chart_module
from . import styles as st
from .layout import (
    COVER_BAND,
    ChartImage,
    PageInfo,
    WrapOnceParagraph,
    body_frame,
    cell,
    decorate_page,
    escape_text,
    frame_table,
    head_row,
    labelled_texts,
    markup_para,
    numbered_canvas,
    para,
    pdf_document,
    tint_behind,
)
from .model import ActionRow, ReportData
from .plan_data import PlanSection
from .plan_section import plan_section_story


def page_info(report: ReportData) -> PageInfo:
    right = report.assessment_name
    if report.period not in right:
        right += f" · {report.period}"
    footer = (f"{report.questionnaire_id} versie {report.questionnaire_version} · normprofiel: "
              f"{report.profile_name} · {report.status_label.lower()}")
    return PageInfo(report.organisation, right, footer, report.is_draft)


def build_pdf(report: ReportData, plan: PlanSection | None = None) -> bytes:
    """The gap report as PDF bytes; with `plan`, the section "Stand van het plan van aanpak" after the
    improvement plan."""
    buffer = io.BytesIO()
    document = pdf_document(
        buffer, st.PAGE_SIZE, title=f"{report.assessment_name} - {report.organisation}", author=report.organisation,
        subject=f"{report.questionnaire_title} ({report.questionnaire_id} versie {report.questionnaire_version})",
    )
    info = page_info(report)
    body = body_frame(st.FRAME_WIDTH, st.FRAME_HEIGHT)
    cover = body_frame(st.FRAME_WIDTH, st.FRAME_HEIGHT - COVER_BAND + 1.0 * cm, name="cover")
    document.addPageTemplates([
        PageTemplate("cover", [cover], onPage=lambda c, d: decorate_page(c, info, cover_page=True)),
        PageTemplate("body", [body], onPage=lambda c, d: decorate_page(c, info, cover_page=False)),
    ])
    story = (_cover(report) + _summary(report) + _charts(report) + _pillars(report) + _plan(report)
             + (plan_section_story(plan) if plan is not None else []) + _appendix(report))
    document.build(story, canvasmaker=numbered_canvas(info))
    return buffer.getvalue()


def _level_cell(report: ReportData, rank: int | None, label: str, row: int, column: int) -> list[tuple]:
    """A tint of the level's colour behind its label (the label itself says the level)."""
    if rank is None:
        return []
    return tint_behind(report.charts.level_colors[rank], column, row)


# --- sections --------------------------------------------------------------------------------------------

def _cover(report: ReportData) -> list:
    s = st.styles()
    summary = report.summary
    story = [Spacer(1, 0.6 * cm), para(report.assessment_name, s.title), para(report.organisation, s.subtitle),
             Spacer(1, 0.3 * cm), HRFlowable(width="100%", thickness=0.6, color=st.GRID, spaceAfter=10)]
    fields = [
        ("Organisatie", f"{report.organisation}" + (f" ({report.organisation_kind})"
                                                    if report.organisation_kind else "")),
        ("Beoordeling", report.assessment_name),
        ("Periode", report.period),
        ("Status", report.status_label),
        ("Datum van het rapport", report.generated_on),
        ("Vragenlijst", f"{report.questionnaire_title} ({report.questionnaire_id}, versie "
                        f"{report.questionnaire_version})"),
        ("Normprofiel", report.profile_name),
        ("Vingerafdruk vragenlijst en antwoorden", report.fingerprint[:16] + " (volledig in bijlage D)"),
    ]
    if report.review_trail:
        fields.insert(4, ("Ingediend en vastgesteld", report.review_trail))
    for label, value in fields:
        story += [para(label, s.cover_label), para(value, s.cover_value), Spacer(1, 2.2 * mm)]
    verdict = Table(
        [[markup_para(f"Totaaloordeel: <b>{escape_text(summary.level)}</b>", s.banner)],
         [markup_para(f"totaalscore {escape_text(summary.score)} van 100 · volledigheid {escape_text(summary.completeness)}",
                  s.small)]],
        colWidths=[st.FRAME_WIDTH], hAlign="LEFT")
    verdict.setStyle([("BOX", (0, 0), (-1, -1), 0.8, st.NAVY), ("BACKGROUND", (0, 0), (-1, -1), st.PALE),
                      ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
    story += [Spacer(1, 0.5 * cm), verdict]
    if report.is_draft:
        story += [Spacer(1, 0.3 * cm), para(summary.provisional, s.small)]
    return story + [NextPageTemplate("body"), PageBreak()]


def _summary(report: ReportData) -> list:
    s = st.styles()
    summary = report.summary
    story = [para("Samenvatting", s.h1)]
    if summary.provisional:
        story.append(markup_para(f"<b>Concept.</b> {escape_text(summary.provisional)}", s.small))
    story.append(para(summary.verdict, s.verdict))
    story.append(markup_para(f"<b>Volledigheid:</b> {escape_text(summary.completeness)}. "
                         f"<b>Normprofiel:</b> {escape_text(report.profile_name)}.", s.body))

    story.append(para("Pijlers", s.h2))
    rows = [head_row("Pijler", "Gewicht", "Score", "Niveau", "Tekort")]
    extra = []
    for index, pillar in enumerate(summary.pillars, start=1):
        level = f"<b>{escape_text(pillar.level)}</b>"
        if pillar.note:
            level += f"<br/><font size=7.5>{escape_text(pillar.note)}</font>"
        rows.append([cell(f"{pillar.id}  {pillar.title}", s.cell), cell(pillar.weight, s.cell),
                     cell(pillar.score, s.cell), markup_para(level, s.cell), cell(pillar.gap, s.cell)])
        extra += _level_cell(report, pillar.level_rank, pillar.level, index, 3)
    story.append(frame_table(rows, [0.545, 0.105, 0.085, 0.175, 0.09], extra))
    story.append(para("Tekort: het aantal punten tot de drempel van het beste niveau.", s.caption))

    story.append(para("Knock-outcriteria die niet voldoen", s.h2))
    # A list, not a table: the summary has to fit on one page.
    for knockout in summary.knockouts:
        story.append(WrapOnceParagraph(
            f"<b>{escape_text(knockout.criterion)}</b> {escape_text(knockout.title)} (pijler {escape_text(knockout.pillar)}): "
            f"score {escape_text(knockout.score)}, nodig {escape_text(knockout.needed)}, niveau <b>{escape_text(knockout.level)}</b>",
            s.bullet, bulletText="•"))
    if not summary.knockouts:
        story.append(para("Geen: alle beoordeelde knock-outcriteria halen het beste niveau.", s.body))

    heading = para(f"De {len(summary.top_actions)} belangrijkste acties" if summary.top_actions
                 else "Belangrijkste acties", s.h2)
    if summary.top_actions:
        story += [heading, _action_table(summary.top_actions, compact=True),
                  para("Het volledige verbeterplan staat verderop in dit rapport.", s.caption)]
    else:
        story += [heading, para("Er zijn geen verbeteracties nodig: alle criteria halen het beste niveau.", s.body)]
    return story + [PageBreak()]


def _charts(report: ReportData) -> list:
    s = st.styles()
    story = [para("Grafieken", s.h1)]
    for chart, caption in (
        (chart_module.radar_chart(report.charts), "Figuur 1. Score per pijler met de drempels."),
        (chart_module.criteria_chart(report.charts), "Figuur 2. Score per criterium met de drempels."),
    ):
        width = st.FRAME_WIDTH
        height = width * chart.height_in / chart.width_in
        limit = st.FRAME_HEIGHT - 3 * cm
        if height > limit:
            width, height = width * limit / height, limit
        image = ChartImage(chart, width, height)
        story.append(KeepTogether([image, para(f"{caption} {chart.description}", s.caption)]))
    return story + [PageBreak()]


def _pillars(report: ReportData) -> list:
    s = st.styles()
    story = [para("Uitkomsten per pijler", s.h1),
             para("Per pijler de criteria met hun score, niveau en tekort, en de toelichtingen bij de "
                "antwoorden. Alle antwoorden staan in bijlage A.", s.body)]
    for pillar in report.pillars:
        story.append(CondPageBreak(7 * cm))
        story.append(para(f"{pillar.id}  {pillar.title}", s.h2))
        story.append(markup_para(f"<b>Score {escape_text(pillar.score)}</b> · niveau <b>{escape_text(pillar.level)}</b> · "
                             f"tekort {escape_text(pillar.gap)}", s.body))
        if pillar.description:
            story.append(para(pillar.description, s.small))
        story.append(para(pillar.explanation, s.body))
        rows = [head_row("Criterium", "Gewicht", "Score", "Niveau", "Tekort", "Drempels")]
        extra = []
        for index, criterion in enumerate(pillar.criteria, start=1):
            marks = []
            if criterion.knockout:
                marks.append("knock-out" + (", haalt het beste niveau niet" if criterion.fails_knockout else ""))
            if criterion.counts:
                marks.append(criterion.counts)
            label = f"<b>{escape_text(criterion.id)}</b>  {escape_text(criterion.title)}"
            if marks:
                label += "<br/><font size=7.5 color='#5A5A5A'>" + escape_text(" · ".join(marks)) + "</font>"
            rows.append([markup_para(label, s.cell), cell(criterion.weight, s.cell), cell(criterion.score, s.cell),
                         cell(criterion.level, s.cell_bold), cell(criterion.gap, s.cell),
                         cell(criterion.thresholds, s.cell)])
            extra += _level_cell(report, criterion.level_rank, criterion.level, index, 3)
        story.append(frame_table(rows, [0.31, 0.105, 0.075, 0.185, 0.09, 0.235], extra))
        for criterion in pillar.criteria:
            if not criterion.notes:
                continue
            story.append(markup_para(f"Toelichtingen bij {escape_text(criterion.id)} {escape_text(criterion.title)}", s.h3))
            for note in criterion.notes:
                story += labelled_texts(f"<b>{escape_text(note.question)}</b> <i>{escape_text(note.question_text)}</i>",
                                        [(note.kind, note.text)], s.note)
    return story + [PageBreak()]


# Nr, criterion, action, planning, effect; planning is wide enough for the longest word of a term
# ("programmacyclus") so no word is broken.
PLAN_COLUMNS = [0.045, 0.19, 0.33, 0.2, 0.235]


def _action_table(actions: tuple[ActionRow, ...], compact: bool = False) -> Table:
    s = st.styles()
    if compact:
        rows = [head_row("Nr", "Criterium", "Actie", "Prioriteit, termijn")]
        fractions = [0.05, 0.12, 0.64, 0.19]
    else:
        rows = [head_row("Nr", "Criterium", "Actie", "Prioriteit, inspanning, termijn", "Verwacht effect op het niveau")]
        fractions = PLAN_COLUMNS
    for action in actions:
        criterion = f"<b>{escape_text(action.criterion)}</b>"
        if not compact:
            criterion += f" {escape_text(action.criterion_title)}"
        if action.knockout:
            criterion += "<br/><i>knock-out</i>"
        row = [cell(action.number, s.cell), markup_para(criterion, s.cell), cell(action.text, s.cell)]
        if compact:
            row.append(cell(f"{action.priority}, {action.term}", s.cell))
        else:
            planning = (f"prioriteit <b>{escape_text(action.priority)}</b><br/>inspanning {escape_text(action.effort)}"
                        f"<br/>termijn {escape_text(action.term)}")
            row += [markup_para(planning, s.cell), cell(action.effect, s.cell)]
        rows.append(row)
    return frame_table(rows, fractions)


def _plan(report: ReportData) -> list:
    s = st.styles()
    story = [para("Verbeterplan", s.h1)]
    if not report.actions:
        story.append(para("Er zijn geen verbeteracties nodig: alle criteria halen het beste niveau.", s.body))
        return story + [PageBreak()]
    story.append(para("De acties staan in de volgorde van de rekenregels: eerst de knock-outcriteria, daarna "
                    "naar tekort maal gewicht (zie de rekenwijze in bijlage B). Het verwachte effect geldt "
                    "als alle acties van het criterium samen het tekort wegwerken.", s.body))
    story.append(_action_table(report.actions))
    return story + [PageBreak()]


def _appendix(report: ReportData) -> list:
    s = st.styles()
    story = [para("Bijlage A. Alle vragen en antwoorden", s.h1),
             para("Per criterium elke vraag met het antwoord, de score (0-100), het gewicht, de toelichting en "
                "het bewijs. Zo is elke score in dit rapport na te rekenen.", s.body)]
    for criterion in report.appendix:
        story.append(CondPageBreak(4 * cm))
        story.append(markup_para(f"{escape_text(criterion.id)}  {escape_text(criterion.title)}  "
                             f"<font color='#5A5A5A'>(pijler {escape_text(criterion.pillar)}, score "
                             f"{escape_text(criterion.score)})</font>", s.h3))
        story.append(HRFlowable(width="100%", thickness=0.6, color=st.NAVY, spaceAfter=3))
        for question in criterion.questions:
            facts = f"{question.type} · {question.status}"
            if question.score != "-":
                facts += f" · score {question.score}"
            if question.status != "niet gescoord":
                facts += f" · gewicht {question.weight}"
            if question.rule:
                facts += f" · regel: {question.rule}"
            # One paragraph per question (paragraphs are most of the layout time): the question on
            # the first line, its facts and the answer below it, indented. A paragraph splits over
            # pages where a table cell cannot; a long text gets paragraphs of its own.
            head = (f"<b>{escape_text(question.id)}</b>  {escape_text(question.text)}<br/>"
                    f"<font color='#5A5A5A' size=7.5>{escape_text(facts)}</font>")
            texts = [("Antwoord", question.answer)]
            texts += [(label, value) for label, value in (("Reden niet van toepassing", question.na_reason),
                                                          ("Toelichting", question.comment),
                                                          ("Bewijs", question.evidence)) if value]
            story += labelled_texts(head, texts, s.answer)

    story += [PageBreak(), para("Bijlage B. Rekenwijze", s.h1),
              para("Zo komt elk getal in dit rapport tot stand. Dit is precies wat vthscan rekent.", s.body)]
    for section in report.method:
        story.append(para(section.title, s.h2))
        story.extend(para(paragraph, s.body) for paragraph in section.paragraphs)

    table = report.thresholds
    story += [CondPageBreak(8 * cm), para("Bijlage C. Drempels in dit rapport", s.h1),
              para(f"Normprofiel: {report.profile_name}. Een score haalt een niveau vanaf de genoemde drempel.",
                 s.body)]
    rows = [head_row("Onderdeel", "Titel", *(f"{label} vanaf" for label in table.levels))]
    headline = {"Totaal"} | {pillar.id for pillar in report.pillars}
    for scope, title, values in table.rows:
        style = s.cell_bold if scope in headline else s.cell   # the total and pillars in bold
        rows.append([cell(scope, style), cell(title, style), *(cell(v, style) for v in values)])
    level_share = 0.4 / max(len(table.levels), 1)
    story.append(frame_table(rows, [0.14, 0.46] + [level_share] * len(table.levels)))

    story += [CondPageBreak(7 * cm), para("Bijlage D. Herkomst van dit rapport", s.h1),
              para("Met deze gegevens is een afgedrukt rapport terug te voeren op de vragenlijst en de "
                 "antwoorden waaruit het is gemaakt.", s.body)]
    rows = [
        ["Vragenlijst", f"{report.questionnaire_title}"],
        ["Id en versie", f"{report.questionnaire_id}, versie {report.questionnaire_version}"],
        ["Vingerafdruk vragenlijst", report.questionnaire_fingerprint],
        ["Vingerafdruk vragenlijst en antwoorden", report.fingerprint],
        ["Normprofiel", report.profile_name],
        ["Status", report.status_label],
        ["Datum van het rapport", report.generated_on],
    ]
    provenance = frame_table([[cell(k, s.cell_bold), cell(v, s.cell)] for k, v in rows], [0.32, 0.68], header=False)
    story += [provenance, Spacer(1, 3 * mm),
              para("De vingerafdruk is de SHA-256 van: de vingerafdruk van de vragenlijst, een regeleinde, en "
                 "alle antwoorden als JSON (per vraag value, na, na_reason, unknown, comment en evidence; "
                 "sleutels gesorteerd, UTF-8, zonder spaties). Verandert er één antwoord of één teken in de "
                 "vragenlijst, dan verandert de vingerafdruk.", s.small)]
    return story
