"""The gap report: a `ReportData` laid out as an A4 PDF with reportlab platypus, data in, bytes out.

Cover, contents and colophon, summary, charts, the outcome per pillar, the improvement plan (with the
state of the plan van aanpak and the owners' own view, when there are) and the appendices (every answer, the calculation method, the thresholds, where the report comes from, the
sources); the pillars and the plan are in `gap_sections.py`, the appendices in `gap_appendix.py`.
The paragraphs, tables, page header and footer come from `layout.py`, which escapes every text from
a user and keeps long texts out of table cells; the document (metadata, outline, page numbers,
watermark) from `document.py`. The same ReportData gives the same bytes.

A chapter starts on a new page only when less than a third of the page is left (`chapter_break`).
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.units import cm, mm
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, PageTemplate, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from . import charts as chart_module
from . import styles as st
from .document import ContentsTable, DocumentInfo, Entry, document_canvas, heading, pdf_document
from .gap_appendix import appendix
from .gap_sections import action_table, chapter_break, level_cell, pillar_key, pillars, plan
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
    markup_para,
    para,
)
from .model import ReportData
from .owner_view_data import OWNER_VIEW_HEADING, OwnerViewSection
from .owner_view_section import owner_view_story
from .plan_data import PlanSection
from .plan_section import PLAN_SECTION_HEADING, plan_section_story


def page_info(report: ReportData) -> PageInfo:
    right = report.assessment_name
    if report.period not in right:
        right += f" · {report.period}"
    footer = (f"{report.questionnaire_id} versie {report.questionnaire_version} · normprofiel: "
              f"{report.profile_name} · {report.status_label.lower()}")
    return PageInfo(report.organisation, right, footer, report.is_draft)


def document_info(report: ReportData) -> DocumentInfo:
    return DocumentInfo(
        title=f"{report.assessment_name} - {report.organisation}", author=report.organisation,
        subject=f"{report.questionnaire_title} ({report.questionnaire_id} versie {report.questionnaire_version})",
        created=date.fromisoformat(report.generated_on_iso),
    )


def build_pdf(report: ReportData, plan_section: PlanSection | None = None,
              owner_section: OwnerViewSection | None = None) -> bytes:
    """The gap report as PDF bytes; with `plan_section`, the section "Stand van het plan van aanpak" after the
    improvement plan; with `owner_section`, the section "Oordeel van de eigenaren" before the appendices."""
    buffer = io.BytesIO()
    metadata = document_info(report)
    document = pdf_document(buffer, st.PAGE_SIZE, metadata)
    info = page_info(report)
    body = body_frame(st.FRAME_WIDTH, st.FRAME_HEIGHT)
    cover = body_frame(st.FRAME_WIDTH, st.FRAME_HEIGHT - COVER_BAND + 1.0 * cm, name="cover")
    document.addPageTemplates([
        PageTemplate("cover", [cover], onPage=lambda c, d: decorate_page(c, info, cover_page=True)),
        PageTemplate("body", [body], onPage=lambda c, d: decorate_page(c, info, cover_page=False)),
    ])
    story = (_cover(report) + _contents(report, plan_section, owner_section) + _summary(report) + _charts(report)
             + pillars(report) + plan(report)
             + (plan_section_story(plan_section) if plan_section is not None else [])
             + (owner_view_story(owner_section) if owner_section is not None else []) + appendix(report))
    document.build(story, canvasmaker=document_canvas(info, metadata))
    return buffer.getvalue()


def contents_entries(report: ReportData, plan_section: PlanSection | None = None,
                     owner_section: OwnerViewSection | None = None) -> list[Entry]:
    """The chapters (and the pillars) in the order of the report: the outline and the contents."""
    entries = [Entry("inhoud", "Inhoud", listed=False), Entry("samenvatting", "Samenvatting"),
               Entry("grafieken", "Grafieken"), Entry("pijlers", "Uitkomsten per pijler")]
    entries += [Entry(pillar_key(index), f"{pillar.id}  {pillar.title}", level=1)
                for index, pillar in enumerate(report.pillars)]
    entries += [Entry(key, title) for key, title in APPENDIX_TITLES]
    if plan_section is not None:  # right after the improvement plan
        after_plan = next(index for index, entry in enumerate(entries) if entry.key == "verbeterplan") + 1
        entries.insert(after_plan, Entry(*PLAN_SECTION_HEADING))
    if owner_section is not None:  # before the appendices
        appendices = next(index for index, entry in enumerate(entries) if entry.key == "bijlage-a")
        entries.insert(appendices, Entry(*OWNER_VIEW_HEADING))
    return entries


APPENDIX_TITLES = (("verbeterplan", "Verbeterplan"), ("bijlage-a", "Bijlage A. Alle vragen en antwoorden"),
                   ("bijlage-b", "Bijlage B. Rekenwijze"), ("bijlage-c", "Bijlage C. Drempels in dit rapport"),
                   ("bijlage-d", "Bijlage D. Herkomst van dit rapport"), ("bijlage-e", "Bijlage E. Bronnen"))


# --- sections --------------------------------------------------------------------------------------------

def signed_off_text(report: ReportData) -> str:
    """Who signed the report off and when, or that nobody has (yet)."""
    if report.signed_off:
        return report.signed_off
    if not report.is_draft:
        return "vastgesteld; door wie en wanneer staat niet in de gegevens van dit rapport"
    return "nog niet vastgesteld"


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
        ("Vastgesteld door", signed_off_text(report)),
        ("Datum van het rapport", report.generated_on),
        ("Vragenlijst", f"{report.questionnaire_title} ({report.questionnaire_id}, versie "
                        f"{report.questionnaire_version})"),
        ("Normprofiel", report.profile_name),
        ("Vingerafdruk vragenlijst en antwoorden", report.fingerprint[:16] + " (volledig in bijlage D)"),
    ]
    if report.submitted:
        fields.insert(4, ("Ingediend voor review door", report.submitted))
    for label, value in fields:
        story += [para(label, s.cover_label), para(value, s.cover_value), Spacer(1, 2.2 * mm)]
    verdict = Table(
        [[markup_para(f"Totaaloordeel: <b>{escape_text(summary.level)}</b>", s.banner)],
         [markup_para(f"totaalscore {escape_text(summary.score)} van 100 · volledigheid {escape_text(summary.completeness)}",
                  s.small)]],
        colWidths=[st.FRAME_WIDTH], hAlign="LEFT")
    verdict.setStyle([("FONTNAME", (0, 0), (-1, -1), st.fonts().regular), ("BOX", (0, 0), (-1, -1), 0.8, st.NAVY), ("BACKGROUND", (0, 0), (-1, -1), st.PALE),
                      ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
    story += [Spacer(1, 0.5 * cm), verdict]
    if summary.reliance:
        story += [Spacer(1, 0.2 * cm), para(summary.reliance, s.small)]
    if report.is_draft:
        story += [Spacer(1, 0.3 * cm), para(summary.provisional, s.small)]
    return story + [NextPageTemplate("body"), PageBreak()]


COLOPHON = (
    "Dit rapport is gemaakt met vthscan, de zelfscan voor het VTH-stelsel. De cijfers volgen uit de "
    "antwoorden, de vragenlijst en de drempels van het normprofiel; bijlage B legt de rekenwijze uit en "
    "bijlage D toont met een vingerafdruk uit welke vragenlijst en antwoorden het rapport komt.",
    "Toegankelijkheid: dit PDF-bestand is niet getagd. Het volgt de norm voor toegankelijke PDF's "
    "(PDF/UA) niet, dus een schermlezer leest koppen, tabellen en de volgorde niet goed voor. De "
    "toegankelijke versies van dit rapport zijn de resultatenpagina in vthscan (getest op WCAG 2.1, "
    "niveau AA) en de Word-versie.",
)


def _contents(report: ReportData, plan_section: PlanSection | None, owner_section: OwnerViewSection | None) -> list:
    s = st.styles()
    story = [heading("Inhoud", s.h1, "inhoud"), ContentsTable(contents_entries(report, plan_section, owner_section)),
             Spacer(1, 0.8 * cm),
             para("Colofon", s.h2)]
    story += [para(text, s.small) for text in COLOPHON]
    return story + [PageBreak()]


def _summary(report: ReportData) -> list:
    s = st.styles()
    summary = report.summary
    story = [heading("Samenvatting", s.h1, "samenvatting")]
    if summary.provisional:
        story.append(markup_para(f"<b>Concept.</b> {escape_text(summary.provisional)}", s.small))
    verdict = escape_text(summary.verdict)
    if summary.reliance:   # next to the verdict: what it rests on
        verdict += f" <b>{escape_text(summary.reliance)}</b>"
    story.append(markup_para(verdict, s.verdict))
    story.append(markup_para(f"<b>Volledigheid:</b> {escape_text(summary.completeness)}. "
                             f"<b>Normprofiel:</b> {escape_text(report.profile_name)}.", s.body))

    story.append(para("Pijlers", s.h2))
    rows = [head_row("Pijler", "Gewicht", "Score", "Niveau", "Tekort")]
    extra = []
    for index, pillar in enumerate(summary.pillars, start=1):
        name = f"{escape_text(pillar.id)}  {escape_text(pillar.title)}"
        if pillar.reliance:
            name += f"<br/><font size=7.5 color='#5A5A5A'>Let op: {escape_text(pillar.reliance)}</font>"
        level = f"<b>{escape_text(pillar.level)}</b>"
        if pillar.note:
            level += f"<br/><font size=7.5>{escape_text(pillar.note)}</font>"
        rows.append([markup_para(name, s.cell), cell(pillar.weight, s.cell), cell(pillar.score, s.cell),
                     markup_para(level, s.cell), cell(pillar.gap, s.cell)])
        extra += level_cell(report, pillar.level_rank, index, 3)
    story.append(frame_table(rows, [0.52, 0.1, 0.085, 0.205, 0.09], extra))
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

    heading_text = (f"De {len(summary.top_actions)} belangrijkste acties" if summary.top_actions
                    else "Belangrijkste acties")
    if summary.top_actions:
        story += [para(heading_text, s.h2), action_table(summary.top_actions, compact=True),
                  para("Hoogstens twee acties per criterium. Het volledige verbeterplan, met het effect per "
                       "criterium, staat verderop in dit rapport.", s.caption)]
    else:
        story += [para(heading_text, s.h2),
                  para("Er zijn geen verbeteracties nodig: alle criteria halen het beste niveau.", s.body)]
    return story + [chapter_break()]


def _charts(report: ReportData) -> list:
    s = st.styles()
    story = [heading("Grafieken", s.h1, "grafieken")]
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
    return story + [chapter_break()]
