"""Reading a file's parsed data before the model has checked it: every helper accepts any shape.

Checks that run on the raw data (rather than the model) still report when the model refused the
file for other reasons, so the author sees every problem at once.
"""

from __future__ import annotations

from collections import Counter


def items(node, key: str) -> list[tuple[int, dict]]:
    """(index, item) for the mapping items of the list under `key`; anything else the model reports."""
    return [(i, item) for i, item in enumerate(as_list(node.get(key) if isinstance(node, dict) else None))
            if isinstance(item, dict)]


def as_list(node) -> list:
    return node if isinstance(node, list) else []


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def duplicates(values: list) -> list[tuple[int, int]]:
    """(index, count) for every later occurrence of a value that was seen before."""
    counts, seen, found = Counter(values), set(), []
    for index, value in enumerate(values):
        if value in seen:
            found.append((index, counts[value]))
        seen.add(value)
    return found
