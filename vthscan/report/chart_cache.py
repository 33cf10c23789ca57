"""Charts kept on disk between processes, so that a command that makes one report does not pay for
drawing them (and for importing matplotlib) every time it runs.

Two kinds of entries, one file each in one folder: a chart template (the empty chart of a
questionnaire layout: axes, names, legend) and a drawn chart (all it shows: scores, thresholds,
labels). A file's name is the SHA-256 of its key: what the entry shows, the versions of the
libraries that draw, convert and compress the pixels (and of reportlab and vthscan), and the zlib
that compressed them. An entry of other versions or of another layout is therefore never found.

Nothing here can break a report: a file is written under a temporary name and renamed (another
process never sees half a file), carries the SHA-256 of its contents (a damaged or foreign file is
ignored and drawn again), and a folder that cannot be read or written only means the chart is drawn.
The folder holds at most `LIMITS` entries per kind (the least recently written go first) and is
safe to delete at any time.

Off unless a caller opts in with `kept_in(folder)`: the web app keeps its charts in memory.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import metadata
from pathlib import Path

FOLDER_NAME = "chart-cache"     # in the instance folder
TEMPLATE, CHART = "template", "chart"
LIMITS = {TEMPLATE: 12, CHART: 64}    # a template file is about 0.2 MB, a chart 0.2-0.4 MB
LIBRARIES = ("matplotlib", "numpy", "pillow", "reportlab", "vthscan")
# A file: the SHA-256 of the rest, then the rest: the size in pixels and the entry's bytes.
DIGEST_BYTES = 32
SIZE = struct.Struct(">II")     # width, height
TEMPORARY_PREFIX = ".new-"      # a file being written, renamed when complete
STALE_AFTER_SECONDS = 600

_folder: ContextVar[Path | None] = ContextVar("chart_cache_folder", default=None)


@contextmanager
def kept_in(folder: Path) -> Iterator[None]:
    """Inside this block, charts are looked up in `folder` and stored there once drawn."""
    token = _folder.set(Path(folder))
    try:
        yield
    finally:
        _folder.reset(token)


def folder() -> Path | None:
    """The folder of the enclosing `kept_in` block, or None."""
    return _folder.get()


def load(kind: str, key: tuple) -> tuple[bytes, tuple[int, int]] | None:
    """The stored entry (its bytes, its size in pixels), or None: not kept, not there or not intact."""
    folder = _folder.get()
    if folder is None:
        return None
    try:
        content = (folder / entry_name(kind, key)).read_bytes()
    except OSError:
        return None
    digest, rest = content[:DIGEST_BYTES], content[DIGEST_BYTES:]
    if len(rest) < SIZE.size or hashlib.sha256(rest).digest() != digest:
        return None
    width, height = SIZE.unpack_from(rest)
    return rest[SIZE.size:], (width, height)


def is_kept(kind: str, key: tuple) -> bool:
    """Whether an entry is there (not whether it is intact: `load` checks that)."""
    folder = _folder.get()
    return folder is not None and (folder / entry_name(kind, key)).is_file()


def store(kind: str, key: tuple, entry: bytes, pixels: tuple[int, int]) -> None:
    """Keep an entry, if charts are kept; a folder that cannot be written is no error."""
    folder = _folder.get()
    if folder is None:
        return
    rest = SIZE.pack(*pixels) + entry
    temporary = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)     # the charts show an organisation's scores
        with tempfile.NamedTemporaryFile(dir=folder, prefix=TEMPORARY_PREFIX, delete=False) as file:
            temporary = Path(file.name)
            file.write(hashlib.sha256(rest).digest() + rest)
        os.replace(temporary, folder / entry_name(kind, key))
        _forget_oldest(folder, kind)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def load_template(key: tuple, pixels: tuple[int, int]) -> bytes | None:
    """A template's stored RGBA pixels (`pixels` in size), or None."""
    stored = load(TEMPLATE, key)
    if stored is None or stored[1] != pixels:
        return None
    try:
        rgba = zlib.decompress(stored[0])
    except zlib.error:
        return None
    return rgba if len(rgba) == pixels[0] * pixels[1] * 4 else None


def store_template(key: tuple, rgba: bytes, pixels: tuple[int, int]) -> None:
    # zlib level 1: compressing the 5-10 MB of a template costs 20-40 ms, reading it back less
    store(TEMPLATE, key, zlib.compress(rgba, 1), pixels)


def entry_name(kind: str, key: tuple) -> str:
    """The file of an entry: its kind and the SHA-256 of its key and the versions (`repr` of
    tuples of strings, numbers and None is the same in every process)."""
    return f"{kind}-{hashlib.sha256(repr((key, versions())).encode('utf-8')).hexdigest()}"


@cache
def versions() -> tuple[str, ...]:
    """The versions an entry was made with: the libraries (read from their metadata, so matplotlib
    is not imported for a chart that is on disk) and the zlib that compressed the pixels."""
    return tuple(f"{name} {metadata.version(name)}" for name in LIBRARIES) + (f"zlib {zlib.ZLIB_RUNTIME_VERSION}",)


def _forget_oldest(folder: Path, kind: str) -> None:
    entries = sorted(_with_times(folder.glob(f"{kind}-*")))
    for _, path in entries[:-LIMITS[kind]]:
        path.unlink(missing_ok=True)
    # A temporary file of a process that was ended while writing (an older one than any write takes;
    # a newer one may be another process's, still being written)
    for modified, path in _with_times(folder.glob(f"{TEMPORARY_PREFIX}*")):
        if modified < time.time() - STALE_AFTER_SECONDS:
            path.unlink(missing_ok=True)


def _with_times(paths) -> list[tuple[float, Path]]:
    """(last written, path) of each file still there: another process (drawing the other chart)
    may remove or rename one meanwhile."""
    found = []
    for path in paths:
        try:
            found.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            continue
    return found
