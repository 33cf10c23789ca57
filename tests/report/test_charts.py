"""The charts: drawn on a cached empty template (blitting), so nothing of one chart may leak into the next."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from vthscan.report import charts
from vthscan.report.model import ChartData

LEVELS = ("Voldoet", "Aandachtspunt", "Tekort")
COLORS = ("#2E7D32", "#E0A100", "#C62828")
PILLARS = (("A", "Pijler A"), ("B", "Pijler B"), ("C", "Pijler C"), ("D", "Pijler D"))


def chart_data(scores: tuple[float | None, ...]) -> ChartData:
    rows = tuple((pid, title, score, None if score is None else (0 if score >= 75 else 1 if score >= 50 else 2),
                  (75.0, 50.0), pid, False) for (pid, title), score in zip(PILLARS, scores, strict=True))
    return ChartData(LEVELS, COLORS, rows, rows)


def drawn(data: ChartData) -> tuple[bytes, bytes]:
    charts.cache_clear()
    return charts.radar_chart(data).rgb, charts.criteria_chart(data).rgb


def test_a_chart_is_the_same_whatever_was_drawn_before():
    first = drawn(chart_data((80, 40, 60, None)))
    other = drawn(chart_data((10, 95, 30, 70)))
    again = drawn(chart_data((80, 40, 60, None)))
    assert first == again
    assert first[0] != other[0] and first[1] != other[1]     # the scores are really drawn


def test_charts_drawn_at_the_same_time_do_not_mix():
    contents = [chart_data((score, 100 - score, score / 2, 50)) for score in (5, 35, 65, 95)]
    alone = [drawn(data) for data in contents]
    charts.cache_clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda data: (charts.radar_chart(data).rgb, charts.criteria_chart(data).rgb),
                                 contents * 2))
    assert together == alone * 2


def test_new_names_give_a_new_template():
    data = chart_data((80, 40, 60, 20))
    renamed = replace(data, criteria=tuple((row[0], row[1] + " (nieuw)", *row[2:]) for row in data.criteria))
    assert drawn(data)[1] != drawn(renamed)[1]


def test_chart_png_for_the_web_is_the_same_picture():
    import io

    from PIL import Image

    chart = charts.criteria_chart(chart_data((80, 40, 60, 20)))
    image = Image.open(io.BytesIO(chart.png))
    assert image.format == "PNG" and image.size == chart.pixels
    assert image.convert("RGB").tobytes() == chart.rgb
