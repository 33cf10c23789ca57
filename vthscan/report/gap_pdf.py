"""The gap report: a `ReportData` laid out as an A4 PDF with reportlab platypus, data in, bytes out.

Cover, contents and colophon, summary, charts, the outcome per pillar, the improvement plan (with the
state of the plan van aanpak and the owners' own view, when there are) and the appendices (every
answer, the calculation method, the thresholds, where the report comes from, the sources); the
pillars and the plan are in `gap_sections.py`, the appendices in `gap_appendix.py`. The paragraphs,
tables, page header and footer come from `layout.py`, which escapes every text from a user and keeps
long texts out of table cells; the document (metadata, outline, page numbers, watermark) from
`document.py`. The same ReportData gives the same bytes.

A chapter starts on a new page only when less than a third of the page is left (`chapter_break`).
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.units import cm, mm
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, PageTemplate, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from . import aside, chart_outline
from . import gap_texts as tx
from . import styles as st
from .document import ContentsTable, DocumentInfo, Entry, document_canvas, heading, pdf_document
from .gap_appendix import appendix
from .gap_sections import action_table, chapter_break, level_cell, pillars, plan
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
    runs_markup,
)
from .model import ReportData
from .owner_view_data import OwnerViewSection
from .owner_view_section import owner_view_story
from .plan_data import PlanSection
from .plan_section import plan_section_story


def page_info(report: ReportData) -> PageInfo:
    return PageInfo(*tx.running_head(report), tx.running_foot(report), report.is_draft)


def document_info(report: ReportData) -> DocumentInfo:
    return DocumentInfo(
        title=tx.document_title(report), author=report.organisation, subject=tx.document_subject(report),
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
    return [Entry(*tx.CONTENTS, listed=False)] + [
        Entry(key, title, level)
        for key, title, level in tx.chapters(report, plan_section is not None, owner_section is not None)]


# --- sections --------------------------------------------------------------------------------------------

def _cover(report: ReportData) -> list:
    s = st.styles()
    summary = report.summary
    story = [Spacer(1, 0.6 * cm), para(report.assessment_name, s.title), para(report.organisation, s.subtitle),
             Spacer(1, 0.3 * cm), HRFlowable(width="100%", thickness=0.6, color=st.GRID, spaceAfter=10)]
    for label, value in tx.cover_facts(report):
        story += [para(label, s.cover_label), para(value, s.cover_value), Spacer(1, 2.2 * mm)]
    level, figures = tx.verdict_banner(summary)
    verdict = Table([[markup_para(runs_markup(level), s.banner)], [para(figures, s.small)]],
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


def _contents(report: ReportData, plan_section: PlanSection | None, owner_section: OwnerViewSection | None) -> list:
    s = st.styles()
    key, title = tx.CONTENTS
    story = [heading(title, s.h1, key), ContentsTable(contents_entries(report, plan_section, owner_section)),
             Spacer(1, 0.8 * cm),
             para(tx.COLOPHON_TITLE, s.h2)]
    story += [para(text, s.small) for text in tx.PDF_COLOPHON]
    return story + [PageBreak()]


def _summary(report: ReportData) -> list:
    s = st.styles()
    summary = report.summary
    story = [heading(tx.SUMMARY[1], s.h1, tx.SUMMARY[0])]
    if summary.provisional:
        story.append(markup_para(runs_markup(tx.provisional_runs(summary)), s.small))
    story.append(markup_para(runs_markup(tx.verdict_runs(summary)), s.verdict))
    story.append(markup_para(runs_markup(tx.summary_facts(report)), s.body))

    story.append(para(tx.PILLARS_HEADING, s.h2))
    rows = [head_row(*tx.PILLAR_TABLE_HEAD)]
    extra = []
    for index, pillar in enumerate(summary.pillars, start=1):
        name = f"{escape_text(pillar.id)}  {escape_text(pillar.title)}"
        if pillar.reliance:
            name += f"<br/><font size=7.5 color='#5A5A5A'>{escape_text(tx.reliance_warning(pillar.reliance))}</font>"
        level = f"<b>{escape_text(pillar.level)}</b>"
        if pillar.note:
            level += f"<br/><font size=7.5>{escape_text(pillar.note)}</font>"
        rows.append([markup_para(name, s.cell), cell(pillar.weight, s.cell), cell(pillar.score, s.cell),
                     markup_para(level, s.cell), cell(pillar.gap, s.cell)])
        extra += level_cell(report, pillar.level_rank, index, 3)
    story.append(frame_table(rows, [0.52, 0.1, 0.085, 0.205, 0.09], extra))
    story.append(para(tx.GAP_CAPTION, s.caption))

    story.append(para(tx.KNOCKOUTS_HEADING, s.h2))
    # A list, not a table: the summary has to fit on one page.
    for knockout in summary.knockouts:
        story.append(WrapOnceParagraph(runs_markup(tx.knockout_runs(knockout)), s.bullet, bulletText="•"))
    if not summary.knockouts:
        story.append(para(tx.NO_FAILING_KNOCKOUTS, s.body))

    story.append(para(tx.top_actions_heading(len(summary.top_actions)), s.h2))
    if summary.top_actions:
        story += [action_table(summary.top_actions, compact=True), para(tx.TOP_ACTIONS_CAPTION, s.caption)]
    else:
        story.append(para(tx.NO_ACTIONS, s.body))
    return story + [chapter_break()]


def _charts(report: ReportData) -> list:
    s = st.styles()
    story = [heading(tx.CHARTS[1], s.h1, tx.CHARTS[0])]
    data = report.charts
    # The pixels are asked for when the PDF is saved (see ChartImage): the layout needs only the size.
    for name, outline, chart, caption in (
        ("ChartPillars", chart_outline.radar_outline(data), lambda: aside.radar_chart(data), tx.PILLAR_FIGURE),
        ("ChartCriteria", chart_outline.criteria_outline(data), lambda: aside.criteria_chart(data),
         tx.CRITERIA_FIGURE),
    ):
        width = st.FRAME_WIDTH
        height = width * outline.height_in / outline.width_in
        limit = st.FRAME_HEIGHT - 3 * cm
        if height > limit:
            width, height = width * limit / height, limit
        image = ChartImage(name, chart, width, height)
        story.append(KeepTogether([image, para(f"{caption} {outline.description}", s.caption)]))
    return story + [chapter_break()]
