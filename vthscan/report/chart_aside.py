"""A report's charts drawn in a second process while this one lays out the pages (the command line).

The PDF needs the charts' pixels only when it is saved (`layout.ChartImage`), and laying out its
pages takes about as long as importing matplotlib and drawing the charts (each about 0.5 s). So
`vthscan report` starts a second process that draws them as soon as the report's data is known, and
the machine's second core does that work meanwhile. The report writers ask this module for the
charts: from that process when it draws them, else drawn here (as the web app always does). The
pixels are the same either way.

Only where a process can be forked (Linux) and only from a process without other threads: a fork
copies the locks other threads hold. Elsewhere, and when the second process dies, the charts are
drawn in this process. The second process is a fork: it has this process's modules and settings,
including the chart cache folder (`chart_cache.kept_in`), so what it draws is kept on disk as well.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from contextvars import ContextVar

from . import charts
from .model import ChartData

_pending: ContextVar[tuple[ChartData, Future] | None] = ContextVar("charts_drawn_aside", default=None)


def can_draw_aside() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


@contextmanager
def drawn_aside(data: ChartData) -> Iterator[None]:
    """Inside this block, `radar_chart(data)` and `criteria_chart(data)` come from a second process
    that starts drawing them now (where it can: see the module's text)."""
    if not can_draw_aside():
        yield
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        # submit forks (before the pending charts are set: the second process draws them itself)
        token = _pending.set((data, pool.submit(_both_drawn, data)))
        try:
            yield
        finally:
            _pending.reset(token)


def radar_chart(data: ChartData) -> charts.Chart:
    return _both(data)[0]


def criteria_chart(data: ChartData) -> charts.Chart:
    return _both(data)[1]


def _both(data: ChartData) -> tuple[charts.Chart, charts.Chart]:
    pending = _pending.get()
    if pending is not None and pending[0] == data:
        try:
            return pending[1].result()
        except BrokenProcessPool:       # the second process died (killed, out of memory): draw here
            pass
    return _both_drawn(data)


def _both_drawn(data: ChartData) -> tuple[charts.Chart, charts.Chart]:
    return charts.radar_chart(data), charts.criteria_chart(data)
