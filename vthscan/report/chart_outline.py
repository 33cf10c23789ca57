"""What a chart will be before it is drawn: its size, its description and where its rows go.

Plain Python (no matplotlib): a PDF's pages can be laid out with the charts' sizes while the pixels
are still being drawn (see `aside`), and `charts` draws exactly this.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache

from .model import ChartData

WIDTH_IN = 6.6                      # the text frame's width (styles.FRAME_WIDTH) in inches
RADAR_HEIGHT_IN = 4.6
# per graded level: (line style, width, how the caption names it)
THRESHOLD_STYLES = (("-", 1.6, "doorgetrokken"), ("--", 1.1, "gestreept"), (":", 1.1, "gestippeld"),
                    ("-.", 1.0, "streep-punt"))
LAYOUT_CACHE_SIZE = 3               # bars layouts kept (one per questionnaire layout)

BAR_IN, BARS_TOP_IN, BARS_BOTTOM_IN = 0.27, 0.25, 0.62
GROUP_IN = 0.28                 # a pillar's heading above its criteria
LINE_IN = 0.11                  # one more line of a name that needs three or more
LABEL_CHARACTERS = 44           # a name wraps at about this many characters (the room left of the bars)
GROUP_CHARACTERS = 110
KNOCKOUT_MARK = "⚑"


@dataclass(frozen=True)
class Outline:
    """A chart as a page layout needs it: its size and what it shows (alt text / caption)."""

    width_in: float
    height_in: float
    description: str


def is_radar(data: ChartData) -> bool:
    """The pillars' chart is a radar, or bars when there are fewer than three pillars (a radar needs three axes)."""
    return len(data.pillars) >= 3


def radar_outline(data: ChartData) -> Outline:
    if not is_radar(data):
        return bars_outline(data.pillars, (), data.level_labels)
    return Outline(WIDTH_IN, RADAR_HEIGHT_IN, radar_description(data.level_labels))


def criteria_outline(data: ChartData) -> Outline:
    return bars_outline(data.criteria, criteria_groups(data), data.level_labels)


def criteria_groups(data: ChartData) -> tuple[tuple[str, str], ...]:
    """(pillar id, title) of every pillar that has criteria in the chart, in their order."""
    titles = {p[0]: p[1] for p in data.pillars}
    return tuple((pillar, titles.get(pillar, pillar)) for pillar in dict.fromkeys(row[5] for row in data.criteria))


def ring_style(level_index: int) -> tuple[str, float, str]:
    return THRESHOLD_STYLES[level_index % len(THRESHOLD_STYLES)]


def radar_description(level_labels: tuple[str, ...]) -> str:
    return ("De dikke lijn met punten is de score per pijler (0-100, midden = 0); de ringen zijn de "
            "drempels: " + ", ".join(f"{ring_style(i)[2]} {label}" for i, label in enumerate(level_labels[:-1])) + ".")


def bar_names(rows: tuple) -> tuple[tuple[str, str, str, bool], ...]:
    """(id, title, pillar, knock-out) of each bar: all the layout depends on."""
    return tuple((row[0], row[1], row[5], row[6]) for row in rows)


def bars_outline(rows: tuple, groups: tuple[tuple[str, str], ...], level_labels: tuple[str, ...]) -> Outline:
    description = (f"De balk is de score (0-100); rechts staan de score en het niveau. De verticale streepjes "
                   f"zijn de drempels (dik: {level_labels[0]}, dun: {', '.join(level_labels[1:-1])}).")
    if any(row[6] for row in rows):
        description += f" {KNOCKOUT_MARK} wijst een knock-outcriterium aan."
    if groups:
        description += " De criteria staan per pijler."
    height = BARS_TOP_IN + BARS_BOTTOM_IN + bars_layout(bar_names(rows), groups).height
    return Outline(WIDTH_IN, height, description)


@dataclass(frozen=True)
class BarsLayout:
    """Where everything goes, in inches from the top of the plot: the bars' rows and the pillar headings."""

    rows: tuple[tuple[float, str], ...]          # (middle, the name in lines)
    groups: tuple[tuple[float, str], ...]        # (middle, the pillar heading in lines)
    height: float                                # of the plot


@lru_cache(maxsize=LAYOUT_CACHE_SIZE)
def bars_layout(rows: tuple[tuple[str, str, str, bool], ...], groups: tuple[tuple[str, str], ...]) -> BarsLayout:
    """Rows (id, title, pillar, knock-out) under their pillar's heading when `groups` names the pillars.
    Names wrap, never cut: a row is as tall as its name needs."""
    placed_rows, placed_groups, y = [], [], 0.0
    for group_id, group_title in groups or (("", ""),):
        if group_id:
            lines = textwrap.wrap(f"{group_id}  {group_title}", GROUP_CHARACTERS)
            height = GROUP_IN + LINE_IN * (len(lines) - 1)
            placed_groups.append((y + height / 2 + 0.03, "\n".join(lines)))
            y += height
        for row_id, title, pillar, knockout in rows:
            if groups and pillar != group_id:
                continue
            mark = f" {KNOCKOUT_MARK}" if knockout else ""
            lines = textwrap.wrap(f"{row_id}{mark}  {title}", LABEL_CHARACTERS)
            height = BAR_IN + LINE_IN * max(0, len(lines) - 2)
            placed_rows.append((y + height / 2, "\n".join(lines)))
            y += height
    return BarsLayout(tuple(placed_rows), tuple(placed_groups), y)
