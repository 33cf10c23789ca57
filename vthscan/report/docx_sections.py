"""The Word version's middle chapters and appendices: the outcome per pillar, the improvement plan,
the state of the plan van aanpak, and the appendices A-E. Same words as the PDF (`gap_texts`)."""

from __future__ import annotations

from . import docx_kit as kit
from . import gap_texts as tx
from .model import CriterionRow, ReportData
from .plan_data import PlanSection

W = kit.TEXT_WIDTH_CM


def pillars(document, report: ReportData) -> None:
    kit.heading(document, tx.PILLARS[1], 1)
    kit.paragraph(document, tx.PILLARS_INTRO)
    for pillar in report.pillars:
        kit.heading(document, tx.pillar_title(pillar), 2)
        kit.paragraph(document, tx.pillar_facts(pillar))
        if pillar.description:
            kit.paragraph(document, pillar.description, kit.SMALL_TEXT)
        kit.paragraph(document, pillar.explanation)
        if pillar.reliance:
            kit.paragraph(document, ((pillar.reliance, tx.BOLD),))
        kit.add_table(document, tx.CRITERION_TABLE_HEAD, [_criterion_cells(c) for c in pillar.criteria],
                      [3.6, 1.8, 1.4, 2.8, 1.6, 3.0, 2.8])
        for criterion in pillar.criteria:
            if criterion.placeholder_norm:
                kit.paragraph(document, tx.placeholder_runs(criterion), kit.SMALL_TEXT)
        for criterion in pillar.criteria:
            if not criterion.notes:
                continue
            kit.heading(document, tx.notes_heading(criterion), 3)
            for note in criterion.notes:
                kit.labelled(document, ((note.question, tx.BOLD), (" ", tx.PLAIN), (note.question_text, tx.ITALIC)),
                             [(note.kind, note.text)])


def _criterion_cells(criterion: CriterionRow) -> list:
    label = [((criterion.id, tx.BOLD), (f"  {criterion.title}", tx.PLAIN))]
    if marks := tx.criterion_marks(criterion):
        label.append(((marks, kit.MUTED_RUN),))
    basis_word, placeholder, cited = tx.criterion_basis(criterion)
    basis = [basis_word] + ([((placeholder, tx.BOLD),)] if placeholder else []) + (
        [((cited, kit.MUTED_RUN),)] if cited else [])
    return [label, criterion.weight, criterion.score, ((criterion.level, tx.BOLD),), criterion.gap,
            criterion.thresholds, basis]


def plan(document, report: ReportData) -> None:
    """The plan in a landscape section: one row per action, the effect on each criterion's first."""
    kit.heading(document, tx.PLAN[1], 1)
    if not report.actions:
        kit.paragraph(document, tx.NO_ACTIONS)
        return
    kit.paragraph(document, tx.PLAN_INTRO)
    rows = []
    for action in report.actions:
        name, pillar = tx.criterion_group(action)
        dates, term = tx.term_texts(action)
        effect = action.effect if action.first_of_criterion else ((tx.effect_reference(action), kit.MUTED_RUN),)
        rows.append([str(action.number), [((name, tx.BOLD),), ((pillar.strip(), kit.MUTED_RUN),)], action.text,
                     action.owner, [((action.priority, tx.BOLD),), tx.effort_text(action)],
                     [dates] + ([((term, kit.MUTED_RUN),)] if term else []), effect])
    kit.add_table(document, tx.PLAN_ROWS_HEAD, rows, [1.0, 3.4, 6.2, 3.0, 2.8, 2.8, 6.5])


def plan_state(document, section: PlanSection) -> None:
    kit.heading(document, tx.PLAN_STATE[1], 1)
    kit.paragraph(document, tx.plan_state_intro(section))
    kit.add_table(document, tx.PLAN_STATE_HEAD, [[str(count) for count in tx.plan_state_counts(section)]],
                  [W / 4] * 4)
    if not section.actions:
        kit.paragraph(document, tx.PLAN_STATE_EMPTY)
        return
    kit.heading(document, tx.PLAN_STATE_ACTIONS, 2)
    for line in section.actions:
        kit.labelled(document, tx.plan_line_heading(line), tx.plan_line_texts(line))


# --- the appendices -------------------------------------------------------------------------------------------

def answers(document, report: ReportData) -> None:
    kit.heading(document, tx.APPENDIX_ANSWERS[1], 1)
    kit.paragraph(document, tx.ANSWERS_INTRO)
    for criterion in report.appendix:
        name, place = tx.appendix_criterion_heading(criterion)
        kit.heading(document, f"{name}  {place}", 2)
        for question in criterion.questions:
            head = ((question.id, tx.BOLD), (f"  {question.text}", tx.PLAIN), ("\n", tx.PLAIN),
                    (tx.question_facts(question), kit.MUTED_RUN))
            kit.labelled(document, head, tx.question_texts(question), linked=frozenset({tx.EVIDENCE_LABEL}))


def method(document, report: ReportData) -> None:
    kit.heading(document, tx.APPENDIX_METHOD[1], 1)
    kit.paragraph(document, tx.METHOD_INTRO)
    for section in report.method:
        kit.heading(document, section.title, 2)
        for text in section.paragraphs:
            kit.paragraph(document, text)


def thresholds(document, report: ReportData) -> None:
    kit.heading(document, tx.APPENDIX_THRESHOLDS[1], 1)
    kit.paragraph(document, tx.thresholds_intro(report))
    headline = tx.headline_scopes(report)
    rows = []
    for scope, title, values in report.thresholds.rows:
        style = tx.BOLD if scope in headline else tx.PLAIN    # the total and the pillars in bold
        rows.append([((text, style),) for text in (scope, title, *values)])
    levels = len(report.thresholds.levels)
    kit.add_table(document, tx.thresholds_head(report), rows, [2.4, 7.8] + [6.8 / max(levels, 1)] * levels)


def provenance(document, report: ReportData) -> None:
    kit.heading(document, tx.APPENDIX_PROVENANCE[1], 1)
    kit.paragraph(document, tx.PROVENANCE_INTRO)
    for label, value, is_fingerprint in tx.provenance_rows(report):
        made = kit.paragraph(document, ((f"{label}: ", tx.BOLD), (value, tx.PLAIN)))
        if is_fingerprint:
            made.runs[-1].font.name = "Courier New"     # a whole SHA-256, easy to compare by eye
    kit.paragraph(document, tx.FINGERPRINT_EXPLANATION, kit.SMALL_TEXT)


def sources(document, report: ReportData) -> None:
    kit.heading(document, tx.APPENDIX_SOURCES[1], 1)
    if not report.sources:
        kit.paragraph(document, tx.NO_SOURCES)
        return
    kit.paragraph(document, tx.SOURCES_INTRO)
    rows = [[((source.key, tx.BOLD),), source.title, "" if source.url else tx.NO_ADDRESS, ", ".join(source.cited_by)]
            for source in report.sources]
    table = kit.add_table(document, tx.SOURCES_HEAD, rows, [1.4, 7.0, 6.2, 2.4])
    for row, source in zip(table.rows[1:], report.sources, strict=True):
        if source.url:
            kit.add_linked_text(row.cells[2].paragraphs[0], source.url)
