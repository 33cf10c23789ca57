"""The charts' layout: rings over the fill, score labels clear of the line, whole names, knock-outs
marked, criteria grouped by pillar."""

from __future__ import annotations

import math

import pytest

from vthscan.report import charts
from vthscan.report.model import ChartData

LEVELS = ("Voldoet", "Aandachtspunt", "Tekort")
COLORS = ("#2E7D32", "#E0A100", "#C62828")
LONG = "Onafhankelijke uitvoering van toezicht en handhaving door de omgevingsdienst (bestuurlijk)"


def pillar_rows(scores, titles=None):
    titles = titles or [f"Pijler {index}" for index in range(len(scores))]
    return tuple((f"P{index}", title, score, None if score is None else (0 if score >= 75 else 1 if score >= 50 else 2),
                  (75.0, 50.0), f"P{index}", False) for index, (title, score) in enumerate(zip(titles, scores, strict=True)))


def segments_cross_box(points, box) -> bool:
    """Does any segment of the closed line through `points` pass through the rectangle `box`?"""
    x0, y0, x1, y1 = box
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        for step in range(201):       # fine sampling: a segment entering the box is found
            t = step / 200
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
            if x0 < x < x1 and y0 < y < y1:
                return True
    return False


@pytest.mark.parametrize("scores", [
    (70.1, 67.1, 69.3, 49.0, 80.6, 72.5, 71.9), (100, 0, 100, 0, 100), (50, 50, 50, 50), (0, 0, 0, 0, 0, 0),
    (10, 95, 12, 90, 15, 85, 20, 80), (60, 62, 61), (100, 100, 100, 100, 100, 5),
])
def test_score_labels_are_never_crossed_by_the_line(scores):
    titles = tuple((f"P{index}", f"Pijler {index}") for index in range(len(scores)))
    template = charts._radar_template(titles, LEVELS)
    axes = template.axes
    angles = charts._angles(len(scores))
    points = [tuple(axes.transData.transform((angle, score))) for angle, score in zip(angles, scores, strict=True)]
    renderer = template.figure.canvas.get_renderer()
    for angle, score, (dx, dy) in zip(angles, scores, charts.label_offsets(axes, angles, list(scores)), strict=True):
        label = axes.annotate(charts.format_score(score), (angle, score), xytext=(dx, dy), textcoords="offset points",
                              ha="center", va="center", fontsize=7, fontweight="bold",
                              bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        try:
            label.draw(renderer)
            box = label.get_bbox_patch().get_window_extent(renderer)
            assert not segments_cross_box(points, (box.x0, box.y0, box.x1, box.y1)), (scores, score)
        finally:
            label.remove()


def test_threshold_rings_are_drawn_over_the_fill():
    """With every pillar at 100 the fill covers the whole plot: the Voldoet ring (75) must still show."""
    data = ChartData(LEVELS, COLORS, pillar_rows((100, 100, 100, 100, 100)), ())
    charts.cache_clear()
    chart = charts.radar_chart(data)
    image = chart.image().convert("L")
    template = charts._radar_template(tuple((p[0], p[1]) for p in data.pillars), LEVELS)
    axes = template.axes
    angle = charts._angles(5)[0] + math.pi / 5        # between the first two axes, on the ring's straight part
    # the ring is a polygon between the axes: halfway, it lies at 75 x cos(36 degrees) from the centre
    x, y = axes.transData.transform((angle, 75 * math.cos(math.pi / 5)))
    darkest = min(image.getpixel((int(x) + dx, image.height - int(y) + dy)) for dx in range(-3, 4) for dy in range(-3, 4))
    assert darkest < 100


def test_radar_key_names_every_pillar_in_full_inside_the_picture():
    titles = (("R", "Robuustheid van de omgevingsdienst (zes robuustheidscriteria, 2023)"), ("P1", LONG),
              ("P2", "Kort"), ("P3", "Pijler 3 — Informatievoorziening VTH en de landelijke voorzieningen"))
    template = charts._radar_template(titles, LEVELS)
    figure = template.figure
    text = " ".join(" ".join(t.get_text() for t in figure.texts).split())
    for _, title in titles:
        assert title in text, title
    assert "…" not in text
    renderer = figure.canvas.get_renderer()
    for artist in figure.texts:
        box = artist.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= figure.bbox.width and box.y0 >= 0, artist.get_text()


def test_bars_show_whole_names_mark_knockouts_and_group_by_pillar():
    pillars = (("R", "Robuustheid", 60.0, 1, (75.0, 50.0), "R", False),
               ("P1", "Pijler 1 — Robuuste omgevingsdiensten", 80.0, 0, (75.0, 50.0), "P1", False))
    criteria = (("R1", "Alle basistaken zijn ondergebracht", 40.0, 2, (75.0, 50.0), "R", True),
                ("R2", LONG, 90.0, 0, (75.0, 50.0), "R", False),
                ("P1.1", "Financiële gezondheid", 70.0, 1, (75.0, 50.0), "P1", False))
    data = ChartData(LEVELS, COLORS, pillars, criteria)
    charts.cache_clear(templates=True)
    chart = charts.criteria_chart(data)
    template = charts._bars_template(tuple((c[0], c[1], c[5], c[6]) for c in criteria),
                                     (("R", "Robuustheid"), ("P1", "Pijler 1 — Robuuste omgevingsdiensten")),
                                     LEVELS, COLORS)
    labels = [(t.get_position()[1], " ".join(t.get_text().split())) for t in template.axes.texts]
    by_text = {text: y for y, text in labels}
    assert f"R2 {LONG}" in by_text and "…" not in " ".join(by_text)       # wrapped, not cut
    assert "R1 ⚑ Alle basistaken zijn ondergebracht" in by_text and "⚑" not in next(t for t in by_text if t.startswith("R2"))
    # headings above their criteria, top to bottom (y grows downward): R, R1, R2, P1, P1.1
    order = sorted(by_text.items(), key=lambda item: item[1])
    assert [text.split()[0] for text, _ in order] == ["R", "R1", "R2", "P1", "P1.1"]
    assert "knock-out" in chart.description and "per pijler" in chart.description
    renderer = template.figure.canvas.get_renderer()
    for artist in template.axes.texts:
        assert artist.get_window_extent(renderer).x0 >= 0, artist.get_text()


@pytest.mark.parametrize("scores", [(80, 40, 60, None, 75), (80, 40)])      # a radar; bars for two pillars
def test_the_outline_the_pdf_is_laid_out_with_is_the_drawn_charts_size_and_description(scores):
    """The PDF lays out a chart before it is drawn (it may be drawn in a second process): a size that
    differed would stretch the picture."""
    from vthscan.report import chart_outline

    rows = pillar_rows(scores, [LONG] + [f"Pijler {index}" for index in range(1, len(scores))])
    criteria = tuple((f"C{index}", LONG, 60.0 + index, 1, (75.0, 50.0), row[0], index % 2 == 0)
                     for index, row in enumerate(rows))
    data = ChartData(LEVELS, COLORS, rows, criteria)
    for outline, chart in ((chart_outline.radar_outline(data), charts.radar_chart(data)),
                           (chart_outline.criteria_outline(data), charts.criteria_chart(data))):
        assert (outline.width_in, outline.height_in, outline.description) == \
            (chart.width_in, chart.height_in, chart.description)
        assert chart.pixels == (round(chart.width_in * charts.DPI), round(chart.height_in * charts.DPI))
