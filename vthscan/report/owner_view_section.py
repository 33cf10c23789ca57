"""The gap report's section "Oordeel van de eigenaren": an `OwnerViewSection` (owner_view_data.py) laid
out for the PDF.

The round's state and that the owners' view changes no score first, then a table per criterion (the
OD's level, how many owners gave a level and how many agree, the spread, who differs most, the
talking point as sign and word, its row tinted as well), then, when the section carries names, every
owner's view with its explanation. Every user text (names, explanations) is escaped by the layout kit.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak

from . import gap_texts as tx
from . import owner_view_data as words
from . import styles as st
from .document import heading
from .gap_sections import chapter_break
from .layout import cell, escape_text, frame_table, head_row, labelled_texts, markup_para, para
from .owner_view_data import OwnerViewSection

# Criterion, the OD's level, owners and agreement, spread, who differs most, talking point.
COLUMNS = [0.24, 0.14, 0.15, 0.15, 0.16, 0.16]


def owner_view_story(section: OwnerViewSection) -> list:
    """The section's flowables, ending with a chapter break."""
    s = st.styles()
    key, title = tx.OWNER_VIEW
    story = [heading(title, s.h1, key), markup_para(f"<b>{escape_text(section.note)}</b>", s.body),
             para(words.intro(section), s.body)]
    rows = [head_row(*words.TABLE_HEAD)]
    extra = []
    for index, row in enumerate(section.rows, start=1):
        given, agree = words.owners_cell(row)
        rows.append([markup_para(f"<b>{escape_text(row.criterion)}</b>  {escape_text(row.title)}", s.cell),
                     cell(row.od_level, s.cell), markup_para(f"{escape_text(given)}<br/>{escape_text(agree)}", s.cell),
                     cell(row.spread, s.cell), cell(row.differs_most, s.cell),
                     cell(row.talking_point, s.cell_bold if row.is_talking_point else s.cell)])
        if row.is_talking_point:
            extra.append(("BACKGROUND", (0, index), (-1, index), st.PALE))
    story += [frame_table(rows, COLUMNS, extra), para(section.rule, s.caption)]
    if not section.names_shown:
        return story + [para(words.NAMES_HIDDEN, s.caption), chapter_break()]
    explained = [row for row in section.rows if row.views]
    if explained:
        story.append(para(words.PER_OWNER_HEADING, s.h2))
    for row in explained:
        story.append(CondPageBreak(2 * cm))
        story += labelled_texts(f"<b>{escape_text(row.criterion)}</b>  {escape_text(row.title)}",
                                words.view_texts(row), s.answer)
    return story + [chapter_break()]
