"""The gap report's middle chapters: the outcome per pillar and the improvement plan."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Table

from . import styles as st
from .document import heading
from .layout import cell, escape_text, frame_table, head_row, labelled_texts, markup_para, para, tint_behind
from .model import ActionRow, CriterionRow, ReportData


def pillar_key(index: int) -> str:
    """The bookmark of the index-th pillar's heading (pillar ids may hold any character)."""
    return f"pijler-{index + 1}"


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
    story = [heading("Uitkomsten per pijler", s.h1, "pijlers"),
             para("Per pijler de criteria met hun score, niveau en tekort, en waar elk criterium op rust: "
                  "geverifieerd (het onderwerp komt uit de bronnen), reconstructie (afgeleid, de officiële "
                  "tekst is niet gecontroleerd) of ontwerpkeuze van vthscan (geen officiële norm). De "
                  "bronnen staan in bijlage E, alle antwoorden in bijlage A.", s.body)]
    for index, pillar in enumerate(report.pillars):
        story.append(CondPageBreak(7 * cm))
        story.append(heading(f"{pillar.id}  {pillar.title}", s.h2, pillar_key(index), level=1))
        story.append(markup_para(f"<b>Score {escape_text(pillar.score)}</b> · niveau <b>{escape_text(pillar.level)}</b> · "
                                 f"tekort {escape_text(pillar.gap)}", s.body))
        if pillar.description:
            story.append(para(pillar.description, s.small))
        story.append(para(pillar.explanation, s.body))
        if pillar.reliance:
            story.append(markup_para(f"<b>{escape_text(pillar.reliance)}</b>", s.body))
        rows = [head_row("Criterium", "Gewicht", "Score", "Niveau", "Tekort", "Drempels", "Basis")]
        extra = []
        for row_index, criterion in enumerate(pillar.criteria, start=1):
            rows.append(_criterion_cells(criterion))
            extra += level_cell(report, criterion.level_rank, row_index, 3)
        story.append(frame_table(rows, [0.235, 0.1, 0.075, 0.17, 0.085, 0.195, 0.14], extra))
        for criterion in pillar.criteria:
            if criterion.placeholder_norm:
                story.append(markup_para(f"<b>Voorlopige norm bij {escape_text(criterion.id)}:</b> "
                                         f"{escape_text(criterion.placeholder_norm)}", s.small))
        for criterion in pillar.criteria:
            if not criterion.notes:
                continue
            story.append(markup_para(f"Toelichtingen bij {escape_text(criterion.id)} {escape_text(criterion.title)}", s.h3))
            for note in criterion.notes:
                story += labelled_texts(f"<b>{escape_text(note.question)}</b> <i>{escape_text(note.question_text)}</i>",
                                        [(note.kind, note.text)], s.note)
    return story + [chapter_break()]


def _criterion_cells(criterion: CriterionRow) -> list:
    s = st.styles()
    marks = []
    if criterion.knockout:
        marks.append("knock-out" + (", haalt het beste niveau niet" if criterion.fails_knockout else ""))
    if criterion.counts:
        marks.append(criterion.counts)
    label = f"<b>{escape_text(criterion.id)}</b>  {escape_text(criterion.title)}"
    if marks:
        label += "<br/><font size=7.5 color='#5A5A5A'>" + escape_text(" · ".join(marks)) + "</font>"
    basis = [escape_text(criterion.basis or "niet vermeld")]
    if criterion.placeholder_norm:
        basis.append("<b>voorlopige norm</b>")
    if criterion.sources:
        basis.append(f"<font size=7.5 color='#5A5A5A'>bron {escape_text(', '.join(criterion.sources))}</font>")
    return [markup_para(label, s.cell), cell(criterion.weight, s.cell), cell(criterion.score, s.cell),
            cell(criterion.level, s.cell_bold), cell(criterion.gap, s.cell), cell(criterion.thresholds, s.cell),
            markup_para("<br/>".join(basis), s.cell)]


# --- the improvement plan --------------------------------------------------------------------------------

# Nr, action, owner, priority and effort, term (dates). Wide enough for the longest word of an owner
# or a term ("omgevingsdienst", "begrotingscyclus"); longer words are hyphenated at a syllable.
PLAN_COLUMNS = [0.05, 0.46, 0.165, 0.145, 0.18]
COMPACT_COLUMNS = [0.05, 0.11, 0.48, 0.165, 0.195]


def _term(action: ActionRow) -> str:
    if not action.period:
        return escape_text(action.term)
    return f"{escape_text(action.period)}<br/><font size=7.5 color='#5A5A5A'>({escape_text(action.term)})</font>"


def action_table(actions: tuple[ActionRow, ...], compact: bool = False) -> Table:
    """The summary's top actions (`compact`: one row each), or the whole plan grouped by criterion:
    a row naming the criterion and the computed effect of reaching its threshold, then its actions."""
    s = st.styles()
    if compact:
        rows = [head_row("Nr", "Criterium", "Actie", "Eigenaar", "Termijn")]
        for action in actions:
            criterion = f"<b>{escape_text(action.criterion)}</b>" + ("<br/><i>knock-out</i>" if action.knockout else "")
            rows.append([cell(action.number, s.cell), markup_para(criterion, s.cell), cell(action.text, s.cell),
                         cell(action.owner, s.cell), markup_para(_term(action), s.cell)])
        return frame_table(rows, COMPACT_COLUMNS)
    rows = [head_row("Nr", "Actie", "Eigenaar", "Prioriteit, inspanning", "Termijn")]
    extra = []
    for action in actions:
        if action.first_of_criterion:
            group = (f"<b>{escape_text(action.criterion)}  {escape_text(action.criterion_title)}</b> (pijler "
                     f"{escape_text(action.pillar)}{', knock-out' if action.knockout else ''})<br/>"
                     f"<i>Effect:</i> {escape_text(action.effect)}")
            row = len(rows)
            rows.append([markup_para(group, s.cell), "", "", "", ""])
            extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), st.PALE),
                      ("NOSPLIT", (0, row), (-1, row + 1))]    # the criterion stays with its first action
        planning = f"<b>{escape_text(action.priority)}</b><br/>inspanning {escape_text(action.effort)}"
        rows.append([cell(action.number, s.cell), cell(action.text, s.cell), cell(action.owner, s.cell),
                     markup_para(planning, s.cell), markup_para(_term(action), s.cell)])
    return frame_table(rows, PLAN_COLUMNS, extra + [("ROWBACKGROUNDS", (0, 1), (-1, -1), [st.WHITE])],
                       split_in_row=False)


def plan(report: ReportData) -> list:
    s = st.styles()
    story = [heading("Verbeterplan", s.h1, "verbeterplan")]
    if not report.actions:
        story.append(para("Er zijn geen verbeteracties nodig: alle criteria halen het beste niveau.", s.body))
        return story + [chapter_break()]
    story.append(para("De acties staan in de volgorde van de rekenregels: eerst de knock-outcriteria, daarna "
                      "naar tekort maal gewicht (zie de rekenwijze in bijlage B). Per criterium staat het "
                      "effect als het criterium de drempel van het beste niveau haalt en de rest gelijk "
                      "blijft. De termijn telt vanaf de datum van het rapport.", s.body))
    story.append(action_table(report.actions))
    return story + [chapter_break()]
