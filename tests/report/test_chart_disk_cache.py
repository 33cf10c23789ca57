"""Charts kept on disk between processes (`report/chart_cache.py`): a second run draws nothing, an
entry of other versions or another layout is never used, a damaged file is drawn again and replaced,
and the PDF is the same, byte for byte, with or without the cache."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from vthscan.report import chart_cache, charts
from vthscan.report.model import ChartData

LEVELS = ("Voldoet", "Aandachtspunt", "Tekort")
COLORS = ("#2E7D32", "#E0A100", "#C62828")
PILLARS = (("A", "Pijler A"), ("B", "Pijler B"), ("C", "Pijler C"))


def chart_data(scores: tuple[float | None, ...]) -> ChartData:
    rows = tuple((pid, title, score, None if score is None else (0 if score >= 75 else 1 if score >= 50 else 2),
                  (75.0, 50.0), pid, pid == "B") for (pid, title), score in zip(PILLARS, scores, strict=True))
    return ChartData(LEVELS, COLORS, rows, rows)


def both(data: ChartData) -> tuple[charts.Chart, charts.Chart]:
    return charts.radar_chart(data), charts.criteria_chart(data)


def in_a_new_process(data: ChartData, folder=None) -> tuple[bytes, bytes]:
    """The charts as a new process draws them: nothing in memory; the disk cache in `folder`, if given."""
    charts.cache_clear(templates=True)
    if folder is None:
        return tuple(chart.deflated for chart in both(data))
    with chart_cache.kept_in(folder):
        return tuple(chart.deflated for chart in both(data))


@pytest.fixture(autouse=True)
def _forget_charts_in_memory():
    charts.cache_clear(templates=True)
    yield
    charts.cache_clear(templates=True)


@pytest.fixture
def calls(monkeypatch):
    """Counts of the drawing: charts drawn on a template, and whole figures (templates) drawn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    counted = {"charts": 0, "templates": 0}

    def counting(name, original):
        def call(*args, **kwargs):
            counted[name] += 1
            return original(*args, **kwargs)
        return call

    monkeypatch.setattr(charts, "_draw_radar", counting("charts", charts._draw_radar))
    monkeypatch.setattr(charts, "_draw_bars", counting("charts", charts._draw_bars))
    monkeypatch.setattr(FigureCanvasAgg, "draw", counting("templates", FigureCanvasAgg.draw))
    return counted


def test_a_second_run_takes_both_charts_from_disk_and_draws_nothing(tmp_path, calls):
    data = chart_data((80, 40, 60))
    first = in_a_new_process(data, tmp_path)
    assert calls == {"charts": 2, "templates": 2}
    assert sorted(path.name.split("-")[0] for path in tmp_path.iterdir()) == ["chart", "chart", "template", "template"]

    again = in_a_new_process(data, tmp_path)
    assert calls == {"charts": 2, "templates": 2}      # nothing drawn the second time
    assert again == first == in_a_new_process(data)


def test_new_scores_are_drawn_on_the_stored_templates_without_drawing_them(tmp_path, calls):
    in_a_new_process(chart_data((80, 40, 60)), tmp_path)
    new_scores = chart_data((20, 90, None))
    kept = in_a_new_process(new_scores, tmp_path)
    assert calls == {"charts": 4, "templates": 2}      # the templates came from disk
    assert kept == in_a_new_process(new_scores)         # the same pixels as drawn from scratch


def test_an_entry_of_other_library_versions_is_not_used(tmp_path, calls, monkeypatch):
    data = chart_data((80, 40, 60))
    with monkeypatch.context() as patch:
        patch.setattr(chart_cache, "versions", lambda: ("matplotlib 0.1", "reportlab 0.1", "vthscan 0.0.1"))
        in_a_new_process(data, tmp_path)
    assert calls == {"charts": 2, "templates": 2}
    in_a_new_process(data, tmp_path)
    assert calls == {"charts": 4, "templates": 4}      # drawn again: the stored ones are of other versions
    assert len(list(tmp_path.iterdir())) == 8


def test_an_entry_of_other_drawing_code_is_not_used(tmp_path, calls, monkeypatch):
    data = chart_data((80, 40, 60))
    in_a_new_process(data, tmp_path)
    monkeypatch.setattr(charts, "_drawing_code", lambda: "other code")
    in_a_new_process(data, tmp_path)
    assert calls == {"charts": 4, "templates": 4}


def test_a_template_of_another_layout_is_not_used(tmp_path, calls):
    data = chart_data((80, 40, 60))
    in_a_new_process(data, tmp_path)
    renamed = replace(data, criteria=tuple((row[0], row[1] + " (nieuw)", *row[2:]) for row in data.criteria))
    kept = in_a_new_process(renamed, tmp_path)
    assert calls == {"charts": 3, "templates": 3}      # the radar's template fits still; the bars' does not
    assert kept == in_a_new_process(renamed)


@pytest.mark.parametrize("damage", [
    lambda content: b"",
    lambda content: content[:-1000],                                      # cut off
    lambda content: content[:100] + bytes([content[100] ^ 1]) + content[101:],  # one bit flipped
    lambda content: b"not a chart at all",
])
def test_a_damaged_file_is_drawn_again_and_replaced(tmp_path, calls, damage):
    data = chart_data((80, 40, 60))
    fresh = in_a_new_process(data)
    in_a_new_process(data, tmp_path)
    intact = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    for path in tmp_path.iterdir():
        path.write_bytes(damage(path.read_bytes()))
    before = dict(calls)

    assert in_a_new_process(data, tmp_path) == fresh
    assert calls["templates"] == before["templates"] + 2 and calls["charts"] == before["charts"] + 2
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == intact     # replaced


def test_a_folder_that_cannot_be_written_only_means_drawing(tmp_path):
    data = chart_data((80, 40, 60))
    not_a_folder = tmp_path / "charts"
    not_a_folder.write_text("a file where the folder should be", encoding="utf-8")
    assert in_a_new_process(data, not_a_folder) == in_a_new_process(data)
    assert [path.name for path in tmp_path.iterdir()] == ["charts"]      # no temporary file left


def test_no_entry_is_read_or_written_outside_kept_in(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    in_a_new_process(chart_data((80, 40, 60)))
    assert chart_cache.load(chart_cache.CHART, ("any",)) is None
    assert list(tmp_path.iterdir()) == []


def test_the_oldest_entries_of_a_kind_go_beyond_the_limit(tmp_path, monkeypatch):
    monkeypatch.setitem(chart_cache.LIMITS, chart_cache.CHART, 2)
    with chart_cache.kept_in(tmp_path):
        chart_cache.store(chart_cache.TEMPLATE, ("template",), b"t", (1, 1))
        for number in range(3):
            chart_cache.store(chart_cache.CHART, (number,), b"c", (1, 1))
            os.utime(tmp_path / chart_cache.entry_name(chart_cache.CHART, (number,)), (number, number))
        chart_cache.store(chart_cache.CHART, (3,), b"c", (1, 1))
        assert [chart_cache.load(chart_cache.CHART, (number,)) is not None for number in range(4)] == \
            [False, False, True, True]
        assert chart_cache.load(chart_cache.TEMPLATE, ("template",)) == (b"t", (1, 1))


def test_a_temporary_file_left_by_an_ended_process_goes_and_one_being_written_stays(tmp_path):
    """`vthscan report` ends its second process when the command fails: it may be writing an entry."""
    left = tmp_path / f"{chart_cache.TEMPORARY_PREFIX}left"
    left.write_bytes(b"half an entry")
    old = left.stat().st_mtime - chart_cache.STALE_AFTER_SECONDS - 1
    os.utime(left, (old, old))
    being_written = tmp_path / f"{chart_cache.TEMPORARY_PREFIX}now"
    being_written.write_bytes(b"another process's entry")
    with chart_cache.kept_in(tmp_path):
        chart_cache.store(chart_cache.CHART, ("a chart",), b"c", (1, 1))
    assert not left.exists()
    assert being_written.exists()


def test_the_criteria_chart_is_from_scratch_only_when_neither_it_nor_its_template_is_on_disk(tmp_path):
    """`vthscan report` has a third process draw it then (report/aside.py): the name must agree with
    what drawing finds on disk."""
    data = chart_data((80, 40, 60))
    assert charts.criteria_from_scratch(data)       # no folder: nothing is kept
    with chart_cache.kept_in(tmp_path):
        assert charts.criteria_from_scratch(data)
        charts.criteria_chart(data)
        assert not charts.criteria_from_scratch(data)
        for path in tmp_path.glob("chart-*"):
            path.unlink()
        assert not charts.criteria_from_scratch(data)                   # the template is there
        assert not charts.criteria_from_scratch(chart_data((20, 90, None)))     # new scores alike
        renamed = replace(data, criteria=tuple((row[0], row[1] + " (nieuw)", *row[2:]) for row in data.criteria))
        assert charts.criteria_from_scratch(renamed)                    # another layout


def test_trimming_goes_on_when_another_process_removes_an_entry_meanwhile(tmp_path, monkeypatch):
    """Two processes draw the two charts at once (report/aside.py); each trims the folder after a write."""
    with chart_cache.kept_in(tmp_path):
        for key in ("old", "gone"):
            chart_cache.store(chart_cache.CHART, (key,), key.encode(), (1, 1))
            os.utime(tmp_path / chart_cache.entry_name(chart_cache.CHART, (key,)), (1, 1))   # long ago
        gone = tmp_path / chart_cache.entry_name(chart_cache.CHART, ("gone",))
        real_glob = type(tmp_path).glob

        def glob_then_removed(folder, pattern):
            found = list(real_glob(folder, pattern))
            gone.unlink(missing_ok=True)        # by the other process, between the listing and the stat
            return found

        monkeypatch.setattr(chart_cache, "LIMITS", {**chart_cache.LIMITS, chart_cache.CHART: 1})
        monkeypatch.setattr(type(tmp_path), "glob", glob_then_removed)
        chart_cache.store(chart_cache.CHART, ("new",), b"new", (1, 1))
        monkeypatch.undo()
        assert [path.name for path in tmp_path.iterdir()] == [chart_cache.entry_name(chart_cache.CHART, ("new",))]
