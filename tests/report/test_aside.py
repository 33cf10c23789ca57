"""Work done in a second process while the PDF is laid out (`report/aside.py`, used by `vthscan
report`): the same bytes as when everything is done in the process itself; the process that lays out
the pages never draws, nor reads the hyphenation dictionary or the watermark's letters; a second
process that dies only means the work is done here.

Run in new processes: the test process may have threads (a browser test's server), and then
nothing is done aside."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from vthscan.report import aside, charts

from .conftest import REPO
from .test_chart_disk_cache import chart_data as scored_chart_data

SETUP = f"""
import hashlib, os, sys
sys.path.insert(0, {str(REPO / "tests")!r})
from report.conftest import DATA, MINI_ANSWERS, REPORT_DATE
from vthscan.domain.answers import AnswerSet
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.scoring import score
from vthscan.report import aside
from vthscan.report.data import build_report_data
from vthscan.report.gap_pdf import build_pdf

mini = load_questionnaire(DATA / "mini.yaml")
result = score(mini, MINI_ANSWERS, "omgevingsdienst")
data = build_report_data(mini, AnswerSet("mini", "1", "OD Test", "omgevingsdienst", "2026", MINI_ANSWERS), result,
                         generated_on=REPORT_DATE)
"""

ASIDE = SETUP + """
from vthscan.report import document, styles

def refused(*args):
    raise AssertionError("prepared by the second process, not read here")

print(aside.can_work_aside())
with aside.started():
    # as with --assessment: the first process asks for the charts after the second has prepared
    print(aside.prepared(wait=True) is not None)
    styles.load_dutch_hyphenation = document.letter_outlines = refused     # after the fork: here only
    aside.draw(data.charts)
    pdf = build_pdf(data)
print(styles.dutch_hyphenation.cache_info().currsize, document.watermark_outlines.cache_info().currsize)
print("matplotlib" in sys.modules)
print(hashlib.sha256(pdf).hexdigest())
"""

HERE = SETUP + """
pdf = build_pdf(data)
print("matplotlib" in sys.modules)
print(hashlib.sha256(pdf).hexdigest())
"""

DIES = SETUP + """
from vthscan.report import charts
parent, draw = os.getpid(), aside._both_drawn

def dies_in_the_second_process(chart_data, helper=None):
    if os.getpid() != parent:
        os._exit(3)
    return draw(chart_data)

aside._both_drawn = dies_in_the_second_process     # the fork inherits it
with aside.started():
    aside.draw(data.charts)
    pdf = build_pdf(data)
print("matplotlib" in sys.modules)
print(hashlib.sha256(pdf).hexdigest())
"""


ASKED_AT_ONCE = SETUP + """
with aside.started():
    aside.draw(data.charts)     # before it has imported matplotlib: it draws first, prepares nothing
    pdf = build_pdf(data)
    print(aside.prepared(wait=True))
print("matplotlib" in sys.modules)
print(hashlib.sha256(pdf).hexdigest())
"""

GONE_BEFORE_ASKED = SETUP + """
import multiprocessing, time
parent = os.getpid()
aside._prepare_and_draw = lambda pipe: os._exit(3)      # the second process ends at once (the fork has it)
with aside.started():
    while multiprocessing.active_children():        # until it has ended
        time.sleep(0.01)
    aside.draw(data.charts)
    pdf = build_pdf(data)
print(hashlib.sha256(pdf).hexdigest())
"""

FIRST_KILLED = SETUP + """
import multiprocessing, signal
with aside.started():
    aside.prepared(wait=True)       # it has prepared and now waits for the charts to be asked for
    print(multiprocessing.active_children()[0].pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""

NEVER_ASKED = SETUP + """
import multiprocessing
with aside.started():
    second = multiprocessing.active_children()
print(len(second), multiprocessing.active_children())
"""


WHO_DRAWS = SETUP + """
import multiprocessing
from pathlib import Path
from vthscan.report import chart_cache, charts
folder, log = Path(sys.argv[1]), Path(sys.argv[2])
criteria, radar = charts.criteria_chart, charts.radar_chart

def logged(draw, name):
    def chart(chart_data):
        with log.open("a") as file:
            file.write(f"{name}:{os.getpid()} ")
        return draw(chart_data)
    return chart

charts.criteria_chart, charts.radar_chart = logged(criteria, "criteria"), logged(radar, "radar")
for path in folder.glob("chart-*"):     # new scores: only the templates may be on disk
    path.unlink()
with chart_cache.kept_in(folder), aside.started():
    second = multiprocessing.active_children()[0].pid
    aside.draw(data.charts)
    pdf = build_pdf(data)
print(os.getpid(), second)
print(hashlib.sha256(pdf).hexdigest())
"""


def who_draws(code: str, folder: Path, log: Path) -> tuple[dict[str, str], list[str]]:
    """(the process that drew each chart: "first", "second" or "third"; the rest of the output)"""
    log.write_text("")
    first, second, *rest = subprocess.run([sys.executable, "-c", code, str(folder), str(log)], capture_output=True,
                                          text=True, check=True, cwd=REPO).stdout.split()
    roles = {first: "first", second: "second"}
    drawn = sorted(tuple(entry.split(":")) for entry in log.read_text().split())
    return [(chart, roles.get(pid, "third")) for chart, pid in drawn], rest


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_the_first_report_of_a_layout_has_a_third_process_draw_the_criteria_chart(tmp_path):
    """Its template is drawn too, and the two charts would take longer than the layout."""
    drawn, pdf = who_draws(WHO_DRAWS, tmp_path / "cache", tmp_path / "log")
    assert drawn == [("criteria", "third"), ("radar", "second")]
    assert pdf == run(HERE)[1:]
    assert len(list((tmp_path / "cache").glob("template-*"))) == 2

    # with the templates on disk (new scores) the second process draws both
    drawn, again = who_draws(WHO_DRAWS, tmp_path / "cache", tmp_path / "log")
    assert drawn == [("criteria", "second"), ("radar", "second")]
    assert again == pdf


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_a_third_process_that_dies_means_the_second_draws_the_criteria_chart(tmp_path):
    dies = WHO_DRAWS.replace("for path in folder", "aside._draw_criteria = lambda pipe: os._exit(3)\nfor path in folder")
    drawn, pdf = who_draws(dies, tmp_path / "cache", tmp_path / "log")
    assert drawn == [("criteria", "second"), ("radar", "second")]
    assert pdf == run(HERE)[1:]


HANGS = "import time\naside._draw_criteria = lambda pipe: (pipe.recv(), time.sleep(600))\n"


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_a_third_process_that_hangs_is_waited_for_half_as_long_as_the_second_and_then_killed(tmp_path):
    hangs = unique(WHO_DRAWS.replace("for path in folder", HANGS + "aside.WAIT_SECONDS = 6\nfor path in folder"))
    started = time.monotonic()
    drawn, pdf = who_draws(hangs, tmp_path / "cache", tmp_path / "log")
    assert time.monotonic() - started < 6      # the first process did not wait until it gave up
    assert drawn == [("criteria", "second"), ("radar", "second")]
    assert pdf == run(HERE)[1:]
    assert all_ended(hangs)


WAITS_FOR_THIRD_AND_FIRST_KILLED = SETUP + HANGS + """
import signal
from vthscan.report import charts
charts.criteria_from_scratch = lambda chart_data: True
with aside.started():
    aside.draw(data.charts)     # the second draws the pillars' chart, then waits for the third
    time.sleep(2)
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_the_second_and_third_processes_end_when_the_first_is_killed_while_they_draw():
    code = unique(WAITS_FOR_THIRD_AND_FIRST_KILLED)
    started = time.monotonic()
    # run() returns when no process holds the output open any more
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == -9
    assert time.monotonic() - started < 15      # far less than the second waits for the third (30 s)
    assert all_ended(code)


def run(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout.split()


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_work_done_aside_gives_the_same_pdf_and_the_process_laying_it_out_never_draws_nor_reads():
    can_work_aside, was_prepared, hyphenated, watermarked, imported_matplotlib, done_aside = run(ASIDE)
    drew_here, done_here = run(HERE)
    assert can_work_aside == was_prepared == "True"
    assert hyphenated == watermarked == "1"     # both were needed, and came from the second process
    assert imported_matplotlib == "False"       # the second process drew the charts
    assert drew_here == "True"
    assert done_aside == done_here


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_a_second_process_that_dies_means_the_work_is_done_here_and_the_pdf_is_the_same():
    drew_here, after_dying = run(DIES)
    assert drew_here == "True"
    assert after_dying == run(HERE)[1]


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_charts_asked_for_at_once_are_drawn_aside_and_the_layout_reads_what_was_not_prepared():
    """As from an answers file: the first process has the data before the second has imported matplotlib."""
    prepared, imported_matplotlib, done_aside = run(ASKED_AT_ONCE)
    assert prepared == "None"
    assert imported_matplotlib == "False"
    assert done_aside == run(HERE)[1]


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_a_second_process_never_asked_for_anything_ends_with_the_block():
    """E.g. `vthscan report --assessment 99` for an assessment that does not exist."""
    assert run(NEVER_ASKED) == ["1", "[]"]


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_a_second_process_gone_before_the_charts_are_asked_for_means_they_are_drawn_here():
    """E.g. the out-of-memory killer chose it, or matplotlib does not import: the report is made all
    the same (or the error is the first process's own)."""
    assert run(GONE_BEFORE_ASKED) == run(HERE)[1:]


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_the_second_process_ends_when_the_first_is_killed():
    """Else it would wait for ever, holding the command's output open (a caller reading it would hang)."""
    # (with a second process that kept the output open, this would wait for ever: the timeout fails it)
    code = unique(FIRST_KILLED)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == -9
    assert int(done.stdout.split()[0]) > 0
    assert all_ended(code)      # the second and its helper (perhaps not reaped yet)


def unique(code: str) -> str:
    """The code with a mark of its own, so that `running` finds no process of another run."""
    return f"{code}\n# run {uuid.uuid4()}\n"


def all_ended(code: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while running(code) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running(code) == []


def running(code: str) -> list[int]:
    """The processes, not ended, of a `python -c code` (those it forked too: they have its command line)."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            alive = process.joinpath("stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
            if alive and code.encode() in process.joinpath("cmdline").read_bytes():
                found.append(int(process.name))
        except (OSError, IndexError):   # ended meanwhile
            continue
    return found


def chart_data():
    return scored_chart_data((80, 40, 60))


def test_a_fork_that_fails_means_everything_is_done_here(monkeypatch):
    """A limit on processes or no memory: the command does not fail for it."""
    def no_fork():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(aside, "can_work_aside", lambda: True)
    monkeypatch.setattr(os, "fork", no_fork)
    data = chart_data()
    with aside.started():
        aside.draw(data)
        assert aside.prepared(wait=True) is None
        assert aside.radar_chart(data) == charts.radar_chart(data)


def test_nothing_is_done_aside_from_a_process_with_other_threads():
    """A fork copies the locks other threads hold (matplotlib's, logging's): the second process could hang."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not aside.can_work_aside()
    finally:
        release.set()
        other.join()


SECOND_KILLED_WHILE_THIRD_DRAWS = SETUP + HANGS + """
import multiprocessing, signal, time
from vthscan.report import charts
charts.criteria_from_scratch = lambda chart_data: True
with aside.started():
    aside.draw(data.charts)     # the second draws the pillars' chart, then waits for the third
    time.sleep(2)
    os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
    pdf = build_pdf(data)       # drawn here
print(hashlib.sha256(pdf).hexdigest())
"""


@pytest.mark.skipif(sys.platform != "linux", reason="done aside only where a process can be forked")
def test_the_third_process_ends_when_the_second_is_killed():
    code = unique(SECOND_KILLED_WHILE_THIRD_DRAWS)
    assert run(code) == run(HERE)[1:]
    assert all_ended(code)

