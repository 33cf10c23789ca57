"""A line chart of one organisation's scores over the periods (overall and per pillar) as PNG bytes.

matplotlib `Figure` with the Agg canvas, never pyplot (a server must not keep figures alive). Lines
are told apart by line style and marker as well as colour, and the web page shows the same numbers
in a table. Cached by exactly the numbers and labels drawn.
"""

from __future__ import annotations

import io
from functools import lru_cache

from .charts import DRAWING

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">")
LINESTYLES = ("-", "--", ":", "-.")


@lru_cache(maxsize=32)
def trend_chart(periods: tuple[str, ...], series: tuple[tuple[str, tuple[float | None, ...]], ...]) -> bytes:
    """`series`: (name, score per period) with None where a period has no score; the first is drawn thick."""
    with DRAWING:     # matplotlib is not thread-safe (see charts.DRAWING)
        return _draw(periods, series)


def _draw(periods: tuple[str, ...], series: tuple[tuple[str, tuple[float | None, ...]], ...]) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.5, 4.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.08, 0.12, 0.58, 0.8))
    positions = list(range(len(periods)))
    for index, (name, values) in enumerate(series):
        points = [(x, v) for x, v in zip(positions, values, strict=True) if v is not None]
        if not points:
            continue
        axes.plot([x for x, _ in points], [v for _, v in points], label=name,
                  linewidth=3 if index == 0 else 1.4, color="black" if index == 0 else None,
                  linestyle=LINESTYLES[index % len(LINESTYLES)] if index else "-",
                  marker=MARKERS[index % len(MARKERS)], markersize=6 if index == 0 else 4)
    axes.set_xticks(positions)
    axes.set_xticklabels(periods, fontsize=8)
    axes.set_xlim(-0.3, max(len(periods) - 1, 1) + 0.3)
    axes.set_ylim(0, 100)
    axes.set_ylabel("score (0-100)", fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    axes.yaxis.grid(True, color="0.85", linewidth=0.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.legend(*axes.get_legend_handles_labels(), loc="upper left", bbox_to_anchor=(0.68, 0.93),
                  fontsize=7, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
