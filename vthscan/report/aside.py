"""Work done aside, in a second process, while the command line's process makes a report.

A command that makes one report spends most of its time importing (Flask, SQLAlchemy, reportlab)
and laying out the pages. Three things in it depend on nothing else: the charts (matplotlib, about
0.4 s to import, and 0.3-0.8 s to draw), the Dutch hyphenation dictionary (pyphen reads it in about
0.07 s) and the letters of the CONCEPT watermark (read from the font, about 0.05 s). So `vthscan
report` starts a second process first thing (`started`). It prepares the dictionary and the letters
and imports matplotlib while the first process reads the answers; `draw(data)` hands it the charts
as soon as the report's data is known, and it draws them on the machine's other core while the
first process lays out the pages (the PDF needs the pixels only when it is saved:
`layout.ChartImage`).

The report's code asks this module (`prepared`, `radar_chart`, `criteria_chart`): it gets what the
second process made, or None / charts drawn in its own process (as the web app always does). The
result is the same, byte for byte. Only where a process can be forked (Linux), and only from a process
without other threads: a fork copies the locks other threads hold. Elsewhere, and when the second
process fails, everything is done in the first process (an error is then raised there).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from . import chart_cache, charts
from .model import ChartData

Charts = tuple[charts.Chart, charts.Chart]      # the pillars' chart, the criteria's chart


@dataclass(frozen=True)
class Prepared:
    hyphenation: Any            # a pyphen.Pyphen for Dutch (styles.dutch_hyphenation)
    watermark: Any              # the watermark's letters, a document.Outlines (or None: no TrueType font)


def can_work_aside() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


class _SecondProcess:
    """The second process and the pipe to it. It sends what it prepared first, then the charts."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self._pipe, their_end = context.Pipe()
        # daemon: ended with this process, e.g. when the command fails before it asks for anything
        self._process = context.Process(target=_work, args=(their_end,), daemon=True)
        self._process.start()
        their_end.close()
        self._failed = False
        self._prepared: Prepared | None = None
        self._asked: ChartData | None = None
        self._drawn: Charts | None = None

    def _received(self):
        try:
            return self._pipe.recv()
        except (EOFError, OSError):     # it ended early (an error, killed): this process does the work
            self._failed = True
            return None

    def prepared(self) -> Prepared | None:
        if self._prepared is None and not self._failed:
            self._prepared = self._received()
        return self._prepared

    def draw(self, data: ChartData) -> None:
        self._asked = data
        self._pipe.send((data, chart_cache.folder()))

    def charts_of(self, data: ChartData) -> Charts | None:
        """The charts it drew of `data` (waiting for them), or None: not asked for these, or it failed."""
        if self._asked is None or self._asked != data:
            return None
        if self._drawn is None and self.prepared() is not None:     # what it prepared comes first
            self._drawn = self._received()
        return self._drawn

    def close(self) -> None:
        if self._drawn is None:     # the command failed first, or did not need its charts
            self._process.terminate()
        self._process.join()
        self._pipe.close()


def _work(pipe) -> None:
    """The second process: prepare, import matplotlib, then draw the charts asked for. On an error it
    just ends: the first process then does the work itself and raises the error there."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl+C ends the command, which ends this process
    try:
        _prepare_and_draw(pipe)
    except Exception:       # noqa: BLE001
        return


def _prepare_and_draw(pipe) -> None:
    from . import styles
    from .document import WATERMARK_TEXT, letter_outlines

    # Sent from a thread: the pipe holds less than the dictionary, and the first process reads it
    # only when it lays out the pages. Meanwhile this process imports matplotlib.
    prepared = Prepared(styles.load_dutch_hyphenation(), letter_outlines(WATERMARK_TEXT))
    sending = threading.Thread(target=pipe.send, args=(prepared,))
    sending.start()
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    try:
        data, folder = pipe.recv()
    except EOFError:        # the command ended without asking for charts
        return
    with chart_cache.kept_in(folder) if folder is not None else nullcontext():
        drawn = _both_drawn(data)
    sending.join()          # what was prepared comes first in the pipe
    pipe.send(drawn)


_second: ContextVar[_SecondProcess | None] = ContextVar("second_process", default=None)


@contextmanager
def started() -> Iterator[None]:
    """Within this block a second process, started now, prepares and draws for one report (see the
    module's text); where it cannot be started, everything is done in this process."""
    if not can_work_aside():
        yield
        return
    second = _SecondProcess()
    token = _second.set(second)
    try:
        yield
    finally:
        _second.reset(token)
        second.close()


def draw(data: ChartData) -> None:
    """Have the second process, if there is one, draw the charts of `data` now (kept on disk in the
    folder of `chart_cache.kept_in`, if any)."""
    second = _second.get()
    if second is not None:
        second.draw(data)


def prepared() -> Prepared | None:
    """What the second process prepared (waiting for it), or None when there is none."""
    second = _second.get()
    return second.prepared() if second is not None else None


def radar_chart(data: ChartData) -> charts.Chart:
    return _both(data)[0]


def criteria_chart(data: ChartData) -> charts.Chart:
    return _both(data)[1]


def _both(data: ChartData) -> Charts:
    second = _second.get()
    drawn = second.charts_of(data) if second is not None else None
    return drawn if drawn is not None else _both_drawn(data)


def _both_drawn(data: ChartData) -> Charts:
    return charts.radar_chart(data), charts.criteria_chart(data)
