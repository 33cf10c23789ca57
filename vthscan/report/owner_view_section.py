"""The gap report's section "Oordeel van de eigenaren": an `OwnerViewSection` (owner_view_data.py) laid
out for the PDF.

The round's state and that the owners' view changes no score first, then a table per criterion (the
OD's level, how many owners gave a level and how many agree, the spread, who differs most, the
talking point as sign and word), then, when the section carries names, every owner's view with its
explanation. Every user text (names, explanations) is escaped by the layout kit.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak

from . import styles as st
from .document import heading
from .gap_sections import chapter_break
from .layout import cell, escape_text, frame_table, head_row, labelled_texts, markup_para, para
from .owner_view_data import OWNER_VIEW_HEADING, OwnerViewSection

# Criterion, the OD's level, owners and agreement, spread, who differs most, talking point.
COLUMNS = [0.24, 0.14, 0.15, 0.15, 0.16, 0.16]


def owner_view_story(section: OwnerViewSection) -> list:
    """The section's flowables, ending with a chapter break."""
    s = st.styles()
    story = [heading(OWNER_VIEW_HEADING[1], s.h1, OWNER_VIEW_HEADING[0]),
             markup_para(f"<b>{escape_text(section.note)}</b>", s.body),
             para(f"{section.status} {section.answered} {section.talking_points}", s.body)]
    rows = [head_row("Criterium", "Oordeel OD", "Eigenaren", "Spreiding", "Wijkt het meest af", "Gesprekspunt")]
    extra = []
    for index, row in enumerate(section.rows, start=1):
        rows.append([markup_para(f"<b>{escape_text(row.criterion)}</b>  {escape_text(row.title)}", s.cell),
                     cell(row.od_level, s.cell),
                     markup_para(f"{escape_text(row.given)} met een niveau<br/>eens met de OD: {escape_text(row.agree)}",
                                 s.cell),
                     cell(row.spread, s.cell), cell(row.differs_most, s.cell),
                     cell(row.talking_point, s.cell_bold if row.is_talking_point else s.cell)])
        if row.is_talking_point:
            extra.append(("BACKGROUND", (0, index), (-1, index), st.PALE))
    story += [frame_table(rows, COLUMNS, extra), para(section.rule, s.caption)]
    if not section.names_shown:
        story.append(para("Welke eigenaar welk oordeel gaf, staat alleen in het rapport voor de coördinatoren "
                          "van de omgevingsdienst en voor de eigenaren zelf.", s.caption))
        return story + [chapter_break()]
    explained = [row for row in section.rows if row.views]
    if explained:
        story.append(para("De oordelen per eigenaar", s.h2))
    for row in explained:
        story.append(CondPageBreak(2 * cm))
        story += labelled_texts(f"<b>{escape_text(row.criterion)}</b>  {escape_text(row.title)}",
                                [(f"{view.owner}: {view.level}", view.explanation or "geen toelichting")
                                 for view in row.views], s.answer)
    return story + [chapter_break()]
