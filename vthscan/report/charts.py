"""The report's two charts as pixels (PNG for the web): a radar of the pillars and horizontal bars of all criteria.

Why matplotlib and not reportlab's own (faster, vector) charts: issue 4 makes matplotlib the chart
library, so the web results page and the PDF draw the same pictures with one code base. Its cost
(150-450 ms a chart) is paid once per distinct content: charts are cached in-process by exactly the
numbers and labels they show, so a second report of the same data does not draw again. A command
can keep them on disk too (`chart_cache`): then the next process neither draws nor imports matplotlib.

Rules: `matplotlib.figure.Figure` with the Agg canvas, never pyplot (it keeps figures alive in a
server); a fixed layout (no tight_layout: it measures all text again); 200 dpi for print.
Readable in black and white: levels are told apart by hatching and written labels, thresholds by
line style and marker thickness, never by colour alone.
"""

from __future__ import annotations

import hashlib
import io
import math
import sys
import textwrap
import threading
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from ..domain import wording
from ..domain.wording import format_score
from . import chart_cache, chart_outline
from .chart_outline import (
    BAR_IN,
    BARS_BOTTOM_IN,
    BARS_TOP_IN,
    KNOCKOUT_MARK,
    RADAR_HEIGHT_IN,
    WIDTH_IN,
    bar_names,
    bars_layout,
    bars_outline,
    criteria_groups,
    is_radar,
    radar_description,
    ring_style,
)
from .model import ChartData

DPI = 200
HATCHES = ("", "////", "xxxx", "....", "\\\\\\\\")   # per level rank: best level plain
CACHE_SIZE = 32                 # drawn charts per kind, about 0.2-0.4 MB each (compressed pixels)
TEMPLATE_CACHE_SIZE = 3         # empty charts per questionnaire layout, 10-16 MB each (see _Template)


@dataclass(frozen=True)
class Chart:
    """A drawn chart as compressed pixels: the PDF embeds them as they are, the web page gets a PNG."""

    deflated: bytes             # 8-bit RGB rows, top to bottom, zlib-compressed (a PDF FlateDecode stream)
    pixels: tuple[int, int]     # (width, height) in pixels
    width_in: float
    height_in: float
    description: str    # alt text / caption: what the chart shows

    @property
    def rgb(self) -> bytes:
        return zlib.decompress(self.deflated)

    def image(self):
        """The pixels as a Pillow image."""
        from PIL import Image

        return Image.frombytes("RGB", self.pixels, self.rgb)

    @cached_property
    def png(self) -> bytes:
        """PNG for the web page, encoded once per cached chart (the PDF never needs it)."""
        buffer = io.BytesIO()
        # Pillow writes no time or software into the file: the same chart gives the same bytes.
        self.image().save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue()


def radar_chart(data: ChartData) -> Chart:
    """Pillars against their thresholds; bars instead when there are fewer than three pillars."""
    if not is_radar(data):
        return _bars(data.pillars, (), data.level_labels, data.level_colors)
    return _radar(tuple((p[0], p[1], p[2], p[4]) for p in data.pillars), data.level_labels)


def criteria_chart(data: ChartData) -> Chart:
    """Every criterion, grouped under its pillar; knock-out criteria marked with a flag."""
    return _bars(data.criteria, criteria_groups(data), data.level_labels, data.level_colors)


def criteria_from_scratch(data: ChartData) -> bool:
    """Whether the criteria chart of `data`, asked for in a process that has drawn no chart yet, is
    drawn with its template (the slow case: the first report of a questionnaire layout): neither the
    chart nor its template is on disk."""
    groups = criteria_groups(data)
    chart = _bars_key(data.criteria, groups, data.level_labels, data.level_colors)
    template = _bars_key(bar_names(data.criteria), groups, data.level_labels, data.level_colors)
    return not (chart_cache.is_kept(chart_cache.CHART, _on_disk(chart))
                or chart_cache.is_kept(chart_cache.TEMPLATE, _on_disk(template)))


def cache_clear(templates: bool = False) -> None:
    """Forget drawn charts; with `templates`, the empty charts per questionnaire too (see `_Template`)."""
    _radar.cache_clear()
    _bars.cache_clear()
    if templates:
        _radar_template.cache_clear()
        _bars_template.cache_clear()
        bars_layout.cache_clear()


def _figure(height_in: float):
    # Imported here: the CLI's other commands and the domain never pay for matplotlib.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


# matplotlib is not thread-safe: a template's figure is shared, and rc_context changes settings
# for the whole process. One chart at a time per process; drawing is CPU-bound anyway.
DRAWING = threading.Lock()


@contextmanager
def _unhinted():
    # Unhinted glyphs: at 200 dpi they look the same, and text is most of a chart's drawing time
    # (hinting costs about a fifth of it). The setting only matters while drawing.
    import matplotlib

    with matplotlib.rc_context({"text.hinting": "no_hinting"}):
        yield


@cache
def _drawing_code() -> str:
    """A fingerprint of the code that draws (this module, its layout and the wording of its labels),
    part of the key of every chart kept on disk: vthscan's version number does not change with every edit."""
    return hashlib.sha256(b"".join(Path(module.__file__).read_bytes()
                                   for module in (sys.modules[__name__], chart_outline, wording))).hexdigest()


def _on_disk(key: tuple) -> tuple:
    """A chart's or template's key on disk: with the drawing code, so a change to it draws anew."""
    return key + (_drawing_code(),)


def _kept(key: tuple, draw) -> tuple[bytes, tuple[int, int]]:
    """A chart's pixels from the disk cache when the command keeps charts there, else `draw()`n."""
    key = _on_disk(key)
    pixels = chart_cache.load(chart_cache.CHART, key)
    if pixels is None:
        pixels = draw()
        chart_cache.store(chart_cache.CHART, key, *pixels)
    return pixels


class _Template:
    """A chart's figure with everything that does not depend on the scores, drawn once.

    Most of a chart's drawing time is text, and most of its text (criterion names, axes, legend)
    depends only on the questionnaire. So that part is drawn once and kept as a background; a chart
    for new scores restores it and draws only the score-dependent artists on top (matplotlib's
    "blitting"). The figure is reused, so callers hold `DRAWING` while they use it. The background
    is kept on disk too, under `key` (the layout), when the command keeps charts there.
    """

    def __init__(self, figure, axes, key: tuple):
        self.figure, self.axes = figure, axes
        key = _on_disk(key)
        self.background = figure.canvas.copy_from_bbox(figure.bbox)     # still empty: the right size
        height, width, _ = memoryview(self.background).shape
        stored = chart_cache.load_template(key, (width, height))
        if stored is not None:      # filled in: the region's memory is writable
            memoryview(self.background).cast("B")[:] = stored
        else:
            with _unhinted():
                figure.canvas.draw()
            self.background = figure.canvas.copy_from_bbox(figure.bbox)
            chart_cache.store_template(key, bytes(memoryview(self.background)), (width, height))

    def render(self, artists: list) -> tuple[bytes, tuple[int, int]]:
        """Draw `artists` (made with animated=True, so the background never has them) on the
        background: (compressed RGB pixels, size). The artists are removed again afterwards."""
        from PIL import Image

        canvas = self.figure.canvas
        try:
            canvas.restore_region(self.background)
            with _unhinted():
                for artist in artists:
                    self.axes.draw_artist(artist)
            # No PNG on the way: encoding and decoding one cost more than drawing the chart. The
            # alpha channel is dropped (white background), so the PDF needs no second mask image.
            # Kept compressed (a chart is 4-6 MB raw), ready to be a PDF image stream; zlib level 1
            # is twice as fast as the default for 15 % more bytes.
            rgba = canvas.buffer_rgba()
            size = (rgba.shape[1], rgba.shape[0])
            rgb = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB").tobytes()
            return zlib.compress(rgb, 1), size
        finally:
            for artist in artists:
                artist.remove()


def _angles(count: int) -> list[float]:
    """One axis per pillar, evenly around the circle (the template and the scores must agree)."""
    return [2 * math.pi * i / count for i in range(count)]


KEY_CHARACTERS = 34             # a pillar's name in the radar's key wraps at about this many characters


@lru_cache(maxsize=TEMPLATE_CACHE_SIZE)
def _radar_template(pillars: tuple[tuple[str, str], ...], level_labels: tuple[str, ...]) -> _Template:
    """Polar axes, grid, pillar names and legend: all but the scores and thresholds."""
    from matplotlib.lines import Line2D

    height = RADAR_HEIGHT_IN
    figure = _figure(height)
    # Fixed layout: a square polar plot on the left, the legend on the right.
    axes = figure.add_axes((0.06, 0.08, 0.58, 0.58 * WIDTH_IN / height), projection="polar")
    count = len(pillars)
    angles = _angles(count)
    axes.set_theta_offset(math.pi / 2)    # the first pillar at the top, then clockwise
    axes.set_theta_direction(-1)
    axes.set_autoscale_on(False)
    axes.set_ylim(0, 100)
    axes.set_yticks([25, 50, 75, 100])
    axes.set_yticklabels(["25", "50", "75", "100"], fontsize=6.5, color="0.35")
    axes.set_rlabel_position(90 - 360 / count / 2)
    axes.set_xticks(angles)
    axes.set_xticklabels([pillar_id for pillar_id, _ in pillars], fontsize=9, fontweight="bold")
    axes.tick_params(axis="x", pad=6)
    axes.grid(color="0.75", linewidth=0.5)
    axes.spines["polar"].set_color("0.6")

    # Every pillar's whole name, wrapped (never cut), continuation lines indented under the name.
    lines = []
    for pillar_id, title in pillars:
        wrapped = textwrap.wrap(title, KEY_CHARACTERS) or [""]
        lines += [f"{pillar_id}  {wrapped[0]}"] + [f"      {line}" for line in wrapped[1:]]
    spacing = 1.45 if len(lines) <= 16 else 1.2
    figure.text(0.66, 0.94, "Pijlers", fontsize=8.5, fontweight="bold", va="top")
    figure.text(0.66, 0.895, "\n".join(lines), fontsize=7 if len(lines) <= 16 else 6.3, va="top",
                linespacing=spacing)
    handles = [Line2D([], [], linestyle=ring_style(i)[0], linewidth=ring_style(i)[1], color="0.15",
                      label=f"Drempel {label}") for i, label in enumerate(level_labels[:-1])]
    handles.append(Line2D([], [], color="black", linewidth=2.2, marker="o", markersize=5, label="Score"))
    figure.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.65, 0.0), fontsize=7.5,
                  frameon=False, handlelength=3)
    return _Template(figure, axes, ("radar", pillars, level_labels))


@lru_cache(maxsize=CACHE_SIZE)
def _radar(pillars: tuple, level_labels: tuple[str, ...]) -> Chart:
    pixels = _kept(("radar", pillars, level_labels), lambda: _draw_radar(pillars, level_labels))
    return Chart(*pixels, WIDTH_IN, RADAR_HEIGHT_IN, radar_description(level_labels))


def _draw_radar(pillars: tuple, level_labels: tuple[str, ...]) -> tuple[bytes, tuple[int, int]]:
    angles = _angles(len(pillars))
    closed = angles + angles[:1]
    scores = [p[2] if p[2] is not None else 0.0 for p in pillars]
    with DRAWING:
        template = _radar_template(tuple((p[0], p[1]) for p in pillars), level_labels)
        axes = template.axes
        # Drawn in this order: the fill, then the threshold rings on top of it (so none is hidden
        # under the fill), then the score line, then its labels.
        artists = axes.fill(closed, scores + scores[:1], facecolor="0.88", edgecolor="none", animated=True)
        for level_index in range(len(level_labels) - 1):
            line, width, _ = ring_style(level_index)
            ring = [p[3][level_index] for p in pillars]
            artists += axes.plot(closed, ring + ring[:1], linestyle=line, linewidth=width, color="0.15",
                                 animated=True)
        artists += axes.plot(closed, scores + scores[:1], color="black", linewidth=2.2, marker="o",
                             markersize=5, animated=True)
        texts = ["n.b." if p[2] is None else format_score(value) for p, value in zip(pillars, scores, strict=True)]
        for (angle, value), text, (dx, dy) in zip(zip(angles, scores, strict=True), texts,
                                                  label_offsets(axes, angles, scores), strict=True):
            artists.append(axes.annotate(
                text, (angle, value), xytext=(dx, dy), textcoords="offset points", ha="center", va="center",
                fontsize=7, fontweight="bold", animated=True,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}))
        return template.render(artists)


LABEL_CLEARANCE = 13.0    # points from a score's point to the middle of its label: half the label and a margin


def label_offsets(axes, angles: list[float], scores: list[float]) -> list[tuple[float, float]]:
    """Where each score label goes, in points from its point: along the bisector of the outside angle
    between the line's two segments at that point, so that neither segment crosses the label (the
    angle between that direction and each segment is at least 90 degrees)."""
    at = [axes.transData.transform((angle, score)) for angle, score in zip(angles, scores, strict=True)]
    centre = axes.transData.transform((0, 0))
    offsets = []
    for index, point in enumerate(at):
        units = []
        for neighbour in (at[index - 1], at[(index + 1) % len(at)]):
            dx, dy = neighbour[0] - point[0], neighbour[1] - point[1]
            length = math.hypot(dx, dy)
            if length > 1e-9:
                units.append((dx / length, dy / length))
        outward = (point[0] - centre[0], point[1] - centre[1])
        if math.hypot(*outward) < 1e-6:     # at the centre: out along the pillar's axis
            outward = (math.sin(angles[index]), math.cos(angles[index]))
        direction = (-sum(u[0] for u in units), -sum(u[1] for u in units))
        if math.hypot(*direction) < 1e-6:
            # a straight line through the point (or none): square to it, on the outer side
            along = units[0] if units else (0.0, 0.0)
            direction = (-along[1], along[0])
            if direction[0] * outward[0] + direction[1] * outward[1] < 0 or not units:
                direction = (along[1], -along[0]) if units else outward
        size = math.hypot(*direction)
        offsets.append((direction[0] / size * LABEL_CLEARANCE, direction[1] / size * LABEL_CLEARANCE))
    return offsets


@lru_cache(maxsize=TEMPLATE_CACHE_SIZE)
def _bars_template(rows: tuple[tuple[str, str, str, bool], ...], groups: tuple[tuple[str, str], ...],
                   level_labels: tuple[str, ...], level_colors: tuple[str, ...]) -> _Template:
    """Axes, grid, criterion names, pillar headings and legend: all but the bars, thresholds and scores."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    layout = bars_layout(rows, groups)
    height = BARS_TOP_IN + BARS_BOTTOM_IN + layout.height
    figure = _figure(height)
    left, right = 2.55 / WIDTH_IN, 1.0 - 1.2 / WIDTH_IN
    axes = figure.add_axes((left, BARS_BOTTOM_IN / height, right - left, layout.height / height))
    axes.set_autoscale_on(False)
    axes.set_xlim(0, 100)
    axes.set_ylim(layout.height, 0)       # inches from the top
    for y, name in layout.rows:
        # Names as plain texts (tick objects cost far more to draw).
        axes.text(-2, y, name, ha="right", va="center", fontsize=7, clip_on=False, linespacing=1.1)
    page_x = blended_transform_factory(figure.transFigure, axes.transData)
    for y, heading in layout.groups:
        axes.text(0.012, y, heading, transform=page_x, ha="left", va="center", fontsize=7.5, fontweight="bold",
                  color="#154273", clip_on=False)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.tick_params(axis="x", labelsize=7, length=2)
    axes.set_yticks([])
    axes.xaxis.grid(True, color="0.85", linewidth=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_xlabel("score (0-100)", fontsize=7)

    handles = [Patch(facecolor=_tint(color), edgecolor="black", linewidth=0.6, hatch=HATCHES[i % len(HATCHES)],
                     label=label) for i, (label, color) in enumerate(zip(level_labels, level_colors, strict=True))]
    handles += [Line2D([], [], marker="|", markersize=13 if i == 0 else 9, markeredgewidth=2.2 if i == 0 else 1.2,
                       color="black" if i == 0 else "0.35", linestyle="none", label=f"drempel {label}")
                for i, label in enumerate(level_labels[:-1])]
    if any(row[3] for row in rows):
        handles.append(Line2D([], [], linestyle="none", label=f"{KNOCKOUT_MARK} knock-out"))
    figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=6.5, frameon=False,
                  bbox_to_anchor=(0.5, 0.0), handlelength=1.6, columnspacing=1.2)
    return _Template(figure, axes, _bars_key(rows, groups, level_labels, level_colors))


def _bars_key(rows: tuple, groups: tuple, level_labels: tuple, level_colors: tuple) -> tuple:
    """What a bar chart's pixels depend on (its rows with scores), or its template's (the rows' names)."""
    return "bars", rows, groups, level_labels, level_colors


@lru_cache(maxsize=CACHE_SIZE)
def _bars(rows: tuple, groups: tuple[tuple[str, str], ...], level_labels: tuple[str, ...],
          level_colors: tuple[str, ...]) -> Chart:
    names = bar_names(rows)
    pixels = _kept(_bars_key(rows, groups, level_labels, level_colors),
                   lambda: _draw_bars(rows, names, groups, level_labels, level_colors))
    outline = bars_outline(rows, groups, level_labels)
    return Chart(*pixels, outline.width_in, outline.height_in, outline.description)


def _draw_bars(rows: tuple, names: tuple, groups: tuple[tuple[str, str], ...], level_labels: tuple[str, ...],
               level_colors: tuple[str, ...]) -> tuple[bytes, tuple[int, int]]:
    if groups:    # the layout's order: by pillar
        order = {row_id: index for index, (row_id, *_rest) in enumerate(
            name for group_id, _ in groups for name in names if name[2] == group_id)}
        rows = tuple(sorted(rows, key=lambda row: order[row[0]]))
    positions = [y for y, _ in bars_layout(names, groups).rows]
    with DRAWING:
        template = _bars_template(names, groups, level_labels, level_colors)
        axes = template.axes
        artists = []
        # One barh call per level and one plot call per threshold level: far fewer artists to draw.
        # (a scored row always has a level: row[3])
        for level in range(len(level_labels)):
            bars = [(y, row[2]) for y, row in zip(positions, rows, strict=True) if row[2] is not None and row[3] == level]
            if bars:
                artists += axes.barh([y for y, _ in bars], [width for _, width in bars], height=0.62 * BAR_IN,
                                     color=_tint(level_colors[level]), edgecolor="black", linewidth=0.6,
                                     hatch=HATCHES[level % len(HATCHES)], animated=True).patches
        for index in range(len(level_labels) - 1):
            size, width, shade = (13, 2.2, "black") if index == 0 else (9, 1.2, "0.35")
            artists += axes.plot([row[4][index] for row in rows], positions, marker="|", markersize=size,
                                 markeredgewidth=width, color=shade, linestyle="none", animated=True)
        for y, row in zip(positions, rows, strict=True):
            # Score and level in a column right of the plot, so no label hides a threshold mark.
            value = "niet beoordeeld" if row[2] is None else f"{format_score(row[2])}  {level_labels[row[3]]}"
            artists.append(axes.text(103, y, value, va="center", fontsize=6.8, clip_on=False, animated=True))
        return template.render(artists)


def _tint(hex_color: str, strength: float = 0.45) -> tuple[float, float, float]:
    red, green, blue = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(1 - (1 - c) * strength for c in (red, green, blue))
