"""The gap report's section "Stand van het plan van aanpak": a `PlanSection` (plan_data.py) laid out
for the PDF.

The counts first, then every action as a short block: number, criterion and status on the first
line, then the action, its owner and dates, and the last progress note. The blocks use
`labelled_texts`, so long texts flow across pages and every user text is escaped.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak

from . import gap_texts as tx
from . import styles as st
from .document import heading
from .gap_sections import chapter_break
from .layout import cell, frame_table, head_row, labelled_texts, para, runs_markup
from .plan_data import PlanSection


def plan_section_story(section: PlanSection) -> list:
    """The section's flowables, ending with a chapter break."""
    s = st.styles()
    key, title = tx.PLAN_STATE
    story = [heading(title, s.h1, key), para(tx.plan_state_intro(section), s.body)]
    rows = [head_row(*tx.PLAN_STATE_HEAD), [cell(count, s.cell) for count in tx.plan_state_counts(section)]]
    story.append(frame_table(rows, [0.25, 0.25, 0.25, 0.25]))
    if not section.actions:
        story.append(para(tx.PLAN_STATE_EMPTY, s.body))
        return story + [chapter_break()]
    story.append(para(tx.PLAN_STATE_ACTIONS, s.h2))
    for line in section.actions:
        story.append(CondPageBreak(2.5 * cm))
        story += labelled_texts(runs_markup(tx.plan_line_heading(line)), tx.plan_line_texts(line), s.answer)
    return story + [chapter_break()]
