"""Charts drawn in a second process while the PDF is laid out (`report/chart_aside.py`, used by
`vthscan report`): the same bytes as when they are drawn in the process itself, the process that lays
out the pages never draws, and a second process that dies only means the charts are drawn here.

Run in new processes: the test process may have threads (a browser test's server), and then
nothing is drawn aside."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from vthscan.report import chart_aside

from .conftest import REPO

SETUP = f"""
import hashlib, os, sys
sys.path.insert(0, {str(REPO / "tests")!r})
from report.conftest import DATA, MINI_ANSWERS, REPORT_DATE
from vthscan.domain.answers import AnswerSet
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.scoring import score
from vthscan.report import chart_aside
from vthscan.report.data import build_report_data
from vthscan.report.gap_pdf import build_pdf

mini = load_questionnaire(DATA / "mini.yaml")
result = score(mini, MINI_ANSWERS, "omgevingsdienst")
data = build_report_data(mini, AnswerSet("mini", "1", "OD Test", "omgevingsdienst", "2026", MINI_ANSWERS), result,
                         generated_on=REPORT_DATE)
"""

ASIDE = SETUP + """
print(chart_aside.can_draw_aside())
with chart_aside.drawn_aside(data.charts):
    pdf = build_pdf(data)
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
parent, draw = os.getpid(), chart_aside._both_drawn

def dies_in_the_second_process(chart_data):
    if os.getpid() != parent:
        os._exit(3)
    return draw(chart_data)

chart_aside._both_drawn = dies_in_the_second_process     # the fork inherits it
with chart_aside.drawn_aside(data.charts):
    pdf = build_pdf(data)
print("matplotlib" in sys.modules)
print(hashlib.sha256(pdf).hexdigest())
"""


def run(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout.split()


@pytest.mark.skipif(sys.platform != "linux", reason="drawn aside only where a process can be forked")
def test_charts_drawn_aside_give_the_same_pdf_and_the_process_laying_it_out_never_draws():
    can_draw_aside, imported_matplotlib, aside = run(ASIDE)
    drew_here, here = run(HERE)
    assert can_draw_aside == "True"
    assert imported_matplotlib == "False"       # the second process drew the charts
    assert drew_here == "True"
    assert aside == here


@pytest.mark.skipif(sys.platform != "linux", reason="drawn aside only where a process can be forked")
def test_a_second_process_that_dies_means_the_charts_are_drawn_here_and_the_pdf_is_the_same():
    drew_here, after_dying = run(DIES)
    assert drew_here == "True"
    assert after_dying == run(HERE)[1]


def test_nothing_is_drawn_aside_from_a_process_with_other_threads():
    """A fork copies the locks other threads hold (matplotlib's, logging's): the second process could hang."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not chart_aside.can_draw_aside()
    finally:
        release.set()
        other.join()
