"""The gap report's appendices: every answer (A), the calculation method (B), the thresholds (C),
where the report comes from (D) and the sources the criteria cite (E)."""

from __future__ import annotations

from reportlab.lib.units import cm, mm
from reportlab.platypus import CondPageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from . import gap_texts as tx
from . import styles as st
from .document import heading
from .gap_sections import chapter_break
from .layout import cell, escape_text, frame_table, head_row, labelled_texts, linked_text, markup_para, para
from .model import ReportData


def appendix(report: ReportData) -> list:
    return _answers(report) + _method(report) + _thresholds(report) + _provenance(report) + _sources(report)


def _answers(report: ReportData) -> list:
    s = st.styles()
    key, title = tx.APPENDIX_ANSWERS
    story = [heading(title, s.h1, key), para(tx.ANSWERS_INTRO, s.body)]
    for criterion in report.appendix:
        story.append(CondPageBreak(4 * cm))
        name, place = tx.appendix_criterion_heading(criterion)
        story.append(markup_para(f"{escape_text(name)}  <font color='#5A5A5A'>{escape_text(place)}</font>", s.h3))
        story.append(HRFlowable(width="100%", thickness=0.6, color=st.NAVY, spaceAfter=3))
        for question in criterion.questions:
            facts = tx.question_facts(question)
            # One paragraph per question (paragraphs are most of the layout time): the question on
            # the first line, its facts and the answer below it, indented. A paragraph splits over
            # pages where a table cell cannot; a long text gets paragraphs of its own.
            head = (f"<b>{escape_text(question.id)}</b>  {escape_text(question.text)}<br/>"
                    f"<font color='#5A5A5A' size=7.5>{escape_text(facts)}</font>")
            # the evidence's http(s) addresses are links
            story += labelled_texts(head, tx.question_texts(question), s.answer, linked={tx.EVIDENCE_LABEL})
    return story + [chapter_break()]


def _method(report: ReportData) -> list:
    s = st.styles()
    key, title = tx.APPENDIX_METHOD
    story = [heading(title, s.h1, key), para(tx.METHOD_INTRO, s.body)]
    for section in report.method:
        story.append(para(section.title, s.h2))
        story.extend(para(paragraph, s.body) for paragraph in section.paragraphs)
    return story + [chapter_break()]


def _thresholds(report: ReportData) -> list:
    s = st.styles()
    table = report.thresholds
    key, title = tx.APPENDIX_THRESHOLDS
    story = [heading(title, s.h1, key), para(tx.thresholds_intro(report), s.body)]
    rows = [head_row(*tx.thresholds_head(report))]
    headline = tx.headline_scopes(report)
    for scope, title, values in table.rows:
        style = s.cell_bold if scope in headline else s.cell   # the total and pillars in bold
        rows.append([cell(scope, style), cell(title, style), *(cell(v, style) for v in values)])
    level_share = 0.4 / max(len(table.levels), 1)
    story.append(frame_table(rows, [0.14, 0.46] + [level_share] * len(table.levels)))
    return story + [chapter_break()]


def _provenance(report: ReportData) -> list:
    s = st.styles()
    key, title = tx.APPENDIX_PROVENANCE
    story = [heading(title, s.h1, key), para(tx.PROVENANCE_INTRO, s.body)]
    rows = [[cell(label, s.cell_bold), para(value, s.fingerprint if is_fingerprint else s.cell)]
            for label, value, is_fingerprint in tx.provenance_rows(report)]
    # the label column leaves the value column room for a whole SHA-256 on one line
    story += [frame_table(rows, [0.27, 0.73], header=False), Spacer(1, 3 * mm),
              para(tx.FINGERPRINT_EXPLANATION, s.small)]
    return story + [chapter_break()]


def _sources(report: ReportData) -> list:
    s = st.styles()
    key, title = tx.APPENDIX_SOURCES
    story = [heading(title, s.h1, key)]
    if not report.sources:
        return story + [para(tx.NO_SOURCES, s.body)]
    story.append(para(tx.SOURCES_INTRO, s.body))
    rows = [head_row(*tx.SOURCES_HEAD)]
    for source in report.sources:
        rows.append([cell(source.key, s.cell_bold), cell(source.title, s.cell),
                     markup_para(linked_text(source.url) if source.url else escape_text(tx.NO_ADDRESS), s.cell),
                     cell(", ".join(source.cited_by), s.cell)])
    story.append(frame_table(rows, [0.07, 0.43, 0.36, 0.14]))
    return story
