"""The gap report as a Word document (DOCX), data in, bytes out: the same chapters and words as the
PDF, for readers who need an accessible version and for consultants who rebrand it and add text.

The words come from `gap_texts`, the charts from `aside` (the PDF's pictures, as PNG). Cover,
contents, summary and charts are here; the pillars, the plan and the appendices in
`docx_sections.py`; the document itself (styles, tables, links, pictures) in `docx_kit.py`. The
plan is a landscape section: one row per action, so it can be edited, sorted and filtered in Word.
"""

from __future__ import annotations

from datetime import date

from docx.shared import Pt

from . import aside
from . import docx_kit as kit
from . import gap_texts as tx
from .docx_sections import answers, owner_views, pillars, plan, plan_state, provenance, sources, thresholds
from .docx_sections import method as method_appendix
from .model import ReportData, Summary
from .owner_view_data import OwnerViewSection
from .plan_data import PlanSection

CHART_WIDTH_CM = 16.5
CHART_HEIGHT_MAX_CM = 22.0      # a tall bar chart is scaled down to fit a page with its caption


def build_docx(report: ReportData, plan_section: PlanSection | None = None,
               owner_section: OwnerViewSection | None = None) -> bytes:
    """The gap report as DOCX bytes; with `plan_section`, the state of the plan van aanpak after the plan;
    with `owner_section`, the owners' own view before the appendices."""
    document = kit.new_document()
    kit.set_properties(document, title=tx.document_title(report), subject=tx.document_subject(report),
                       author=report.organisation, created=date.fromisoformat(report.generated_on_iso))
    kit.set_running_texts(document.sections[0], " · ".join(tx.running_head(report)), tx.running_foot(report))
    _cover(document, report)
    _contents(document, report, plan_section is not None, owner_section is not None)
    _summary(document, report)
    _charts(document, report)
    pillars(document, report)
    kit.new_section(document, landscape=True)
    plan(document, report)
    kit.new_section(document, landscape=False)
    if plan_section is not None:
        plan_state(document, plan_section)
    if owner_section is not None:
        owner_views(document, owner_section)
    for chapter in (answers, method_appendix, thresholds, provenance, sources):
        chapter(document, report)
    return kit.to_bytes(document)


def _cover(document, report: ReportData) -> None:
    kit.paragraph(document, report.assessment_name, "Title")
    kit.paragraph(document, report.organisation, "Subtitle")
    for label, value in tx.cover_facts(report):
        kit.paragraph(document, ((label, kit.MUTED_RUN), ("\n", tx.PLAIN), (value, tx.PLAIN)))
    summary = report.summary
    level, figures = tx.verdict_banner(summary)
    kit.paragraph(document, level).runs[-1].font.size = Pt(14)
    kit.paragraph(document, figures)
    if summary.reliance:
        kit.paragraph(document, summary.reliance, kit.SMALL_TEXT)
    if report.is_draft:
        kit.paragraph(document, summary.provisional, kit.SMALL_TEXT)
    document.add_page_break()


def _contents(document, report: ReportData, has_plan_state: bool, has_owner_view: bool) -> None:
    # Not a Heading 1: the contents do not list themselves.
    kit.paragraph(document, tx.CONTENTS[1], "TOC Heading")
    kit.add_contents(document, [(title, level) for _key, title, level
                                in tx.chapters(report, has_plan_state, has_owner_view)], tx.CONTENTS_UPDATE_HINT)
    # Small print, as in the PDF: not a heading, so the headings start with the summary's Heading 1.
    kit.paragraph(document, ((tx.COLOPHON_TITLE, tx.BOLD),), kit.SMALL_TEXT)
    for text in tx.DOCX_COLOPHON:
        kit.paragraph(document, text, kit.SMALL_TEXT)
    document.add_page_break()


def _summary(document, report: ReportData) -> None:
    summary = report.summary
    kit.heading(document, tx.SUMMARY[1], 1)
    if summary.provisional:
        kit.paragraph(document, tx.provisional_runs(summary), kit.SMALL_TEXT)
    kit.paragraph(document, tx.verdict_runs(summary))
    kit.paragraph(document, tx.summary_facts(report))

    kit.heading(document, tx.PILLARS_HEADING, 2)
    rows = []
    for pillar in summary.pillars:
        name = [f"{pillar.id}  {pillar.title}"]
        if pillar.reliance:
            name.append(((tx.reliance_warning(pillar.reliance), kit.MUTED_RUN),))
        level = [((pillar.level, tx.BOLD),)] + ([((pillar.note, kit.MUTED_RUN),)] if pillar.note else [])
        rows.append([name, pillar.weight, pillar.score, level, pillar.gap])
    kit.add_table(document, tx.PILLAR_TABLE_HEAD, rows, [7.0, 2.0, 1.7, 4.2, 2.1])
    kit.paragraph(document, tx.GAP_CAPTION, "Caption")

    kit.heading(document, tx.KNOCKOUTS_HEADING, 2)
    for knockout in summary.knockouts:
        kit.paragraph(document, tx.knockout_runs(knockout), "List Bullet")
    if not summary.knockouts:
        kit.paragraph(document, tx.NO_FAILING_KNOCKOUTS)

    kit.heading(document, tx.top_actions_heading(len(summary.top_actions)), 2)
    if summary.top_actions:
        _top_actions(document, summary)
        kit.paragraph(document, tx.TOP_ACTIONS_CAPTION, "Caption")
    else:
        kit.paragraph(document, tx.NO_ACTIONS)


def _top_actions(document, summary: Summary) -> None:
    rows = []
    for action in summary.top_actions:
        criterion = [((action.criterion, tx.BOLD),)] + ([((tx.KNOCKOUT, tx.ITALIC),)] if action.knockout else [])
        dates, term = tx.term_texts(action)
        rows.append([str(action.number), criterion, action.text, action.owner,
                     [dates] + ([((term, kit.MUTED_RUN),)] if term else [])])
    kit.add_table(document, tx.TOP_ACTIONS_HEAD, rows, [1.0, 2.4, 7.0, 3.3, 3.3])


def _charts(document, report: ReportData) -> None:
    kit.heading(document, tx.CHARTS[1], 1)
    for chart, caption, description in (
        (aside.radar_chart(report.charts), tx.PILLAR_FIGURE, tx.pillar_chart_alt(report.charts)),
        (aside.criteria_chart(report.charts), tx.CRITERIA_FIGURE, tx.criteria_chart_alt(report.charts)),
    ):
        width = CHART_WIDTH_CM
        height = width * chart.height_in / chart.width_in
        if height > CHART_HEIGHT_MAX_CM:
            width, height = width * CHART_HEIGHT_MAX_CM / height, CHART_HEIGHT_MAX_CM
        kit.add_picture(document, chart.png, width, height, title=caption, description=description)
        kit.paragraph(document, f"{caption} {chart.description}", "Caption")
