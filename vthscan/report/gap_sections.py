"""The gap report's middle chapters: the outcome per pillar and the improvement plan."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Table

from . import gap_texts as tx
from . import styles as st
from .document import heading
from .layout import (
    cell,
    escape_text,
    frame_table,
    head_row,
    labelled_texts,
    markup_para,
    para,
    runs_markup,
    tint_behind,
)
from .model import ActionRow, CriterionRow, ReportData


def level_cell(report: ReportData, rank: int | None, row: int, column: int) -> list[tuple]:
    """A tint of the level's colour behind its label (the label itself says the level)."""
    if rank is None:
        return []
    return tint_behind(report.charts.level_colors[rank], column, row)


def chapter_break() -> CondPageBreak:
    """A chapter starts on a new page only when less than a third of the page is left."""
    return CondPageBreak(st.FRAME_HEIGHT / 3)


def pillars(report: ReportData) -> list:
    s = st.styles()
    story = [heading(tx.PILLARS[1], s.h1, tx.PILLARS[0]), para(tx.PILLARS_INTRO, s.body)]
    for index, pillar in enumerate(report.pillars):
        story.append(CondPageBreak(7 * cm))
        story.append(heading(tx.pillar_title(pillar), s.h2, tx.pillar_key(index), level=1))
        story.append(markup_para(runs_markup(tx.pillar_facts(pillar)), s.body))
        if pillar.description:
            story.append(para(pillar.description, s.small))
        story.append(para(pillar.explanation, s.body))
        if pillar.reliance:
            story.append(markup_para(f"<b>{escape_text(pillar.reliance)}</b>", s.body))
        rows = [head_row(*tx.CRITERION_TABLE_HEAD)]
        extra = []
        for row_index, criterion in enumerate(pillar.criteria, start=1):
            rows.append(_criterion_cells(criterion))
            extra += level_cell(report, criterion.level_rank, row_index, 3)
        story.append(frame_table(rows, [0.235, 0.1, 0.075, 0.17, 0.085, 0.195, 0.14], extra))
        for criterion in pillar.criteria:
            if criterion.placeholder_norm:
                story.append(markup_para(runs_markup(tx.placeholder_runs(criterion)), s.small))
        for criterion in pillar.criteria:
            if not criterion.notes:
                continue
            story.append(para(tx.notes_heading(criterion), s.h3))
            for note in criterion.notes:
                story += labelled_texts(f"<b>{escape_text(note.question)}</b> <i>{escape_text(note.question_text)}</i>",
                                        [(note.kind, note.text)], s.note)
    return story + [chapter_break()]


def _criterion_cells(criterion: CriterionRow) -> list:
    s = st.styles()
    label = f"<b>{escape_text(criterion.id)}</b>  {escape_text(criterion.title)}"
    if marks := tx.criterion_marks(criterion):
        label += f"<br/><font size=7.5 color='#5A5A5A'>{escape_text(marks)}</font>"
    basis_word, placeholder, sources = tx.criterion_basis(criterion)
    basis = [escape_text(basis_word)]
    if placeholder:
        basis.append(f"<b>{escape_text(placeholder)}</b>")
    if sources:
        basis.append(f"<font size=7.5 color='#5A5A5A'>{escape_text(sources)}</font>")
    return [markup_para(label, s.cell), cell(criterion.weight, s.cell), cell(criterion.score, s.cell),
            cell(criterion.level, s.cell_bold), cell(criterion.gap, s.cell), cell(criterion.thresholds, s.cell),
            markup_para("<br/>".join(basis), s.cell)]


# --- the improvement plan --------------------------------------------------------------------------------

# Nr, action, owner, priority and effort, term (dates). Wide enough for the longest word of an owner
# or a term ("omgevingsdienst", "begrotingscyclus"); longer words are hyphenated at a syllable.
PLAN_COLUMNS = [0.05, 0.46, 0.165, 0.145, 0.18]
COMPACT_COLUMNS = [0.05, 0.11, 0.48, 0.165, 0.195]


def _term(action: ActionRow) -> str:
    dates, term = tx.term_texts(action)
    if not term:
        return escape_text(dates)
    return f"{escape_text(dates)}<br/><font size=7.5 color='#5A5A5A'>{escape_text(term)}</font>"


def action_table(actions: tuple[ActionRow, ...], compact: bool = False) -> Table:
    """The summary's top actions (`compact`: one row each), or the whole plan grouped by criterion:
    a row naming the criterion and the computed effect of reaching its threshold, then its actions."""
    s = st.styles()
    if compact:
        rows = [head_row(*tx.TOP_ACTIONS_HEAD)]
        for action in actions:
            criterion = f"<b>{escape_text(action.criterion)}</b>"
            if action.knockout:
                criterion += f"<br/><i>{escape_text(tx.KNOCKOUT)}</i>"
            rows.append([cell(action.number, s.cell), markup_para(criterion, s.cell), cell(action.text, s.cell),
                         cell(action.owner, s.cell), markup_para(_term(action), s.cell)])
        return frame_table(rows, COMPACT_COLUMNS)
    rows = [head_row(*tx.PLAN_TABLE_HEAD)]
    extra = []
    for action in actions:
        if action.first_of_criterion:
            name, pillar = tx.criterion_group(action)
            group = runs_markup(((name, tx.BOLD), (pillar, tx.PLAIN)))
            group += f"<br/>{runs_markup(((tx.EFFECT_LABEL, tx.ITALIC), (f' {action.effect}', tx.PLAIN)))}"
            row = len(rows)
            rows.append([markup_para(group, s.cell), "", "", "", ""])
            extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), st.PALE),
                      ("NOSPLIT", (0, row), (-1, row + 1))]    # the criterion stays with its first action
        planning = f"<b>{escape_text(action.priority)}</b><br/>{escape_text(tx.effort_text(action))}"
        rows.append([cell(action.number, s.cell), cell(action.text, s.cell), cell(action.owner, s.cell),
                     markup_para(planning, s.cell), markup_para(_term(action), s.cell)])
    return frame_table(rows, PLAN_COLUMNS, extra + [("ROWBACKGROUNDS", (0, 1), (-1, -1), [st.WHITE])],
                       split_in_row=False)


def plan(report: ReportData) -> list:
    s = st.styles()
    story = [heading(tx.PLAN[1], s.h1, tx.PLAN[0])]
    if not report.actions:
        story.append(para(tx.NO_ACTIONS, s.body))
        return story + [chapter_break()]
    story.append(para(tx.PLAN_INTRO, s.body))
    story.append(action_table(report.actions))
    return story + [chapter_break()]
