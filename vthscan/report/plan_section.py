"""The gap report's section "Stand van het plan van aanpak": a `PlanSection` (plan_data.py) laid out
for the PDF.

The counts first, then every action as a short block: number, criterion and status on the first
line, then the action, its owner and dates, and the last progress note. The blocks use
`labelled_texts`, so long texts flow across pages and every user text is escaped.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak

from . import styles as st
from .document import heading
from .gap_sections import chapter_break
from .layout import cell, escape_text, frame_table, head_row, labelled_texts, para
from .plan_data import PlanSection

PLAN_SECTION_HEADING = ("stand-plan", "Stand van het plan van aanpak")  # its key and title in the outline


def plan_section_story(section: PlanSection) -> list:
    """The section's flowables, ending with a page break."""
    s = st.styles()
    story = [heading(PLAN_SECTION_HEADING[1], s.h1, PLAN_SECTION_HEADING[0]),
             para(f"Het plan van aanpak van {section.organisation}, {section.made_from}. Stand op "
                  f"{section.as_of}. Een actie is te laat als ze open of bezig is na haar einddatum.", s.body)]
    rows = [head_row("Open", "Waarvan te laat", "Gereed", "Vervallen"),
            [cell(section.open, s.cell), cell(section.overdue, s.cell), cell(section.done, s.cell),
             cell(section.cancelled, s.cell)]]
    story.append(frame_table(rows, [0.25, 0.25, 0.25, 0.25]))
    if not section.actions:
        story.append(para("Het plan heeft nog geen acties.", s.body))
        return story + [chapter_break()]
    story.append(para("Acties", s.h2))
    for line in section.actions:
        story.append(CondPageBreak(2.5 * cm))
        head = (f"<b>{escape_text(line.number)}</b>  {escape_text(line.criterion)} · "
                f"<b>{escape_text(line.status)}</b>")
        texts = [("Actie", line.text), ("Eigenaar", line.owner or "nog niemand"),
                 ("Planning", _planning(line.start, line.due))]
        texts += [(label, value) for label, value in (("Reden vervallen", line.reason), ("Bewijs", line.evidence),
                                                      ("Laatste voortgang", line.last_note)) if value]
        story += labelled_texts(head, texts, s.answer)
    return story + [chapter_break()]


def _planning(start: str, due: str) -> str:
    if start and due:
        return f"van {start} tot {due}"
    if due:
        return f"klaar op {due}"
    return f"vanaf {start}" if start else "geen datums"
