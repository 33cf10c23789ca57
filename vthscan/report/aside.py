"""Work done aside, in a second process, while the command line's process makes a report.

A command that makes one report spends most of its time importing (Flask, SQLAlchemy, reportlab)
and laying out the pages. Three things in it depend on nothing else: the charts (matplotlib, about
0.4 s to import, and 0.3-0.8 s to draw), the Dutch hyphenation dictionary (pyphen reads it in about
0.07 s) and the letters of the CONCEPT watermark (read from the font, about 0.05 s). So `vthscan
report` starts a second process first thing (`started`). It imports matplotlib while the first
process reads the answers; `draw(data)` hands it the charts as soon as the report's data is known,
and it draws them on the machine's other core while the first process lays out the pages (the PDF
needs the pixels only when it is saved: `layout.ChartImage`). When it is ready before the charts are
asked for (as with `--assessment`, whose first process imports Flask and SQLAlchemy), it prepares the
dictionary and the letters meanwhile. For the first report of a questionnaire layout, whose chart
templates are drawn too, it has a third process draw the criteria chart (`_Helper`).

The report's code asks this module: `prepared()` gives what the second process prepared if it has
sent it (else None: the layout does not wait, it reads them itself), `radar_chart` and
`criteria_chart` give the charts it drew (waiting for them), else draw them in this process, as the
web app always does. The result is the same, byte for byte. Only where a process can be forked
(Linux), and only from a process without other threads: a fork copies the locks other threads hold.
Elsewhere, and when the second process fails, everything is done in the first process (an error is
then raised there).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from multiprocessing import connection
from typing import Any

from . import chart_cache, charts
from .model import ChartData

Charts = tuple[charts.Chart, charts.Chart]      # the pillars' chart, the criteria's chart
PREPARED, CHARTS = "prepared", "charts"         # the messages it sends, each at most once, in this order
WAIT_SECONDS = 60       # drawing takes a second or two: a second process that takes this long hangs
PR_SET_PDEATHSIG = 1    # prctl's option (linux/prctl.h): a signal for this process when its parent ends


@dataclass(frozen=True)
class Prepared:
    hyphenation: Any            # a pyphen.Pyphen for Dutch (styles.dutch_hyphenation)
    watermark: Any              # the watermark's letters, a document.Outlines (or None: no TrueType font)


def can_work_aside() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


class _SecondProcess:
    """The second process and the pipe to it. Raises OSError when it cannot be started."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self._pipe, their_end = context.Pipe()
        # daemon: ended with this process, e.g. when the command fails before it asks for anything
        self._process = context.Process(target=_work, args=(their_end, self._pipe), daemon=True)
        try:
            self._process.start()
        except OSError:     # no fork possible (a limit on processes, no memory)
            self._pipe.close()
            raise
        finally:
            their_end.close()
        self._received: dict[str, Any] = {}
        self._ended = False
        self._asked: ChartData | None = None

    def _receive(self, wait: bool) -> None:
        """Take the next message, if one is there (or, with `wait`, when it comes)."""
        if self._ended:
            return
        try:
            if not self._pipe.poll(WAIT_SECONDS if wait else 0):
                self._ended = wait      # it hangs: this process does the rest
                return
            kind, value = self._pipe.recv()
        except (EOFError, OSError):     # it ended (an error, killed): this process does the rest
            self._ended = True
            return
        self._received[kind] = value

    def prepared(self, wait: bool) -> Prepared | None:
        if PREPARED not in self._received and CHARTS not in self._received:
            self._receive(wait)     # what it prepared comes first, if at all
        return self._received.get(PREPARED)

    def draw(self, data: ChartData) -> None:
        try:
            self._pipe.send((data, chart_cache.folder()))
        except OSError:     # it has ended already: this process draws
            self._ended = True
            return
        self._asked = data

    def charts_of(self, data: ChartData) -> Charts | None:
        """The charts it drew of `data` (waiting for them), or None: not asked for these, or it failed."""
        if self._asked is None or self._asked != data:
            return None
        while CHARTS not in self._received and not self._ended:
            self._receive(wait=True)
        return self._received.get(CHARTS)

    def close(self) -> None:
        if CHARTS not in self._received:     # the command failed first, or did not need its charts
            self._process.terminate()
            self._process.join(timeout=WAIT_SECONDS)
            if self._process.is_alive():    # stopped, say: SIGKILL ends even that
                self._process.kill()
        self._process.join()
        self._pipe.close()


def _work(pipe, first_end) -> None:
    """The second process. On an error it just ends: the first process then does the work itself
    and raises the error there."""
    # The fork copied the first process's end of the pipe: closed, so that this process sees the end
    # of the pipe when the first one ends in any way (even killed), and ends too.
    first_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl+C ends the command, which ends this process
    try:
        _prepare_and_draw(pipe)
    except Exception:       # noqa: BLE001
        return


def _send_quietly(pipe, message) -> None:
    try:
        pipe.send(message)
    except OSError:         # the first process has ended
        return


def _prepare_and_draw(pipe) -> None:
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    helper = _Helper.started(pipe)      # before this process starts a thread: see can_work_aside
    try:
        sending = None
        if not pipe.poll():     # the charts are not asked for yet: prepare for the layout meanwhile
            from . import styles
            from .document import WATERMARK_TEXT, letter_outlines

            prepared = Prepared(styles.load_dutch_hyphenation(), letter_outlines(WATERMARK_TEXT))
            # From a thread: the pipe holds less than the dictionary, and the first process reads it
            # only when it lays out the pages; meanwhile this one draws.
            sending = threading.Thread(target=_send_quietly, args=(pipe, (PREPARED, prepared)), daemon=True)
            sending.start()
        try:
            data, folder = pipe.recv()
        except EOFError:        # the command ended without asking for charts
            return
        with chart_cache.kept_in(folder) if folder is not None else nullcontext():
            drawn = _both_drawn(data, helper)
        if sending is not None:
            sending.join()
        pipe.send((CHARTS, drawn))
    finally:
        if helper is not None:
            helper.close()


class _Helper:
    """A third process, forked by the second one, for the criteria chart of the first report of a
    questionnaire layout: that chart's template (its names, axes and legend) is drawn then too, and
    the two charts take 0.6-0.7 s, longer than the first process takes to lay out the pages. So the
    second process draws the pillars' chart while this one draws the criteria's. When the templates
    are on disk the second process draws both (a third process would only slow down the layout on a
    machine of two cores), and this one ends unused."""

    def __init__(self, pipe, pid: int, first_pipe):
        self._pipe, self._pid, self._first = pipe, pid, first_pipe
        self._drawing = False       # asked for a chart it has not sent yet

    @classmethod
    def started(cls, first_pipe) -> _Helper | None:
        """`first_pipe`: the second process's pipe to the first."""
        ours, theirs = multiprocessing.Pipe()
        second = os.getpid()
        try:
            pid = os.fork()     # not multiprocessing's Process: the second process is a daemon
        except OSError:
            ours.close()
            theirs.close()
            return None
        if pid == 0:    # the helper
            try:
                _detach(second, keep=theirs.fileno())
                _draw_criteria(theirs)
            finally:
                os._exit(0)
        theirs.close()
        return cls(ours, pid, first_pipe)

    def draw(self, data: ChartData) -> bool:
        """Have it draw the criteria chart of `data` if that is drawn from scratch; else it ends."""
        if charts.criteria_from_scratch(data):
            try:
                self._pipe.send((data, chart_cache.folder()))
                self._drawing = True
                return True
            except OSError:     # it has ended
                pass
        self._pipe.close()
        return False

    def criteria_chart(self, data: ChartData) -> charts.Chart:
        """The chart it drew (waiting for it), or, if it failed or hangs, the one drawn here. Raises
        EOFError when the first process ends meanwhile: nobody needs the charts any more."""
        # Half the first process's wait: this one draws the chart itself in time when the helper hangs.
        ready = connection.wait([self._pipe, self._first], WAIT_SECONDS / 2)
        if self._first in ready:    # the first process sends nothing more: it has ended
            raise EOFError("the first process has ended")
        try:
            if self._pipe in ready:
                chart = self._pipe.recv()
                self._drawing = False
                return chart
        except (EOFError, OSError):
            pass
        return charts.criteria_chart(data)

    def close(self) -> None:
        self._pipe.close()      # one that waits for a chart to draw ends at this
        if self._drawing:       # one that hangs, or draws what is not needed any more
            os.kill(self._pid, signal.SIGKILL)
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:   # reaped already (SIGCHLD ignored)
            pass


def _detach(second: int, keep: int) -> None:
    """In the helper: it is killed when the second process ends, however that ends (Linux's
    PR_SET_PDEATHSIG), and holds neither the command's output nor any pipe or socket but its own
    (`keep`), so that no process waits for it to end."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):   # no prctl: it still ends when its pipe closes
        pass
    if os.getppid() != second:      # the second process ended before that
        os._exit(0)
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, 1)
    os.dup2(nowhere, 2)
    os.close(nowhere)
    for name in os.listdir("/proc/self/fd"):
        descriptor = int(name)
        if descriptor > 2 and descriptor != keep:
            try:
                mode = os.fstat(descriptor).st_mode
            except OSError:     # the listing's own, closed already
                continue
            if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):     # files (a font being read) stay open
                os.close(descriptor)


def _draw_criteria(pipe) -> None:
    """The helper's work (see `_Helper`)."""
    try:
        data, folder = pipe.recv()
    except EOFError:        # not needed
        return
    with chart_cache.kept_in(folder) if folder is not None else nullcontext():
        chart = charts.criteria_chart(data)
    pipe.send(chart)


_second: ContextVar[_SecondProcess | None] = ContextVar("second_process", default=None)


@contextmanager
def started() -> Iterator[None]:
    """Within this block a second process, started now, prepares and draws for one report (see the
    module's text); where it cannot be started, everything is done in this process."""
    second = None
    if can_work_aside():
        try:
            second = _SecondProcess()
        except OSError:
            second = None
    if second is None:
        yield
        return
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


def prepared(wait: bool = False) -> Prepared | None:
    """What the second process prepared, if it has sent it (with `wait`: unless it will not), else None."""
    second = _second.get()
    return second.prepared(wait) if second is not None else None


def radar_chart(data: ChartData) -> charts.Chart:
    return _both(data)[0]


def criteria_chart(data: ChartData) -> charts.Chart:
    return _both(data)[1]


def _both(data: ChartData) -> Charts:
    second = _second.get()
    drawn = second.charts_of(data) if second is not None else None
    return drawn if drawn is not None else _both_drawn(data)


def _both_drawn(data: ChartData, helper: _Helper | None = None) -> Charts:
    if helper is not None and helper.draw(data):
        return charts.radar_chart(data), helper.criteria_chart(data)
    return charts.radar_chart(data), charts.criteria_chart(data)
