"""Saving a page that someone else changed meanwhile: a three-way merge per field of an answer.

An answer has three fields that people change independently: the answer itself (value, N/A with its
reason, "weet niet": these belong together), the comment and the evidence. A form carries a fingerprint
of each field as it was loaded. On saving, per field: whoever changed it (and only they) has their way;
a field both changed, to different values, is a conflict the user decides.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace

from .answers import Answer

PARTS = ("answer", "comment", "evidence")
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")

Fingerprints = dict[str, str]  # part -> fingerprint


def _canonical(value):
    """A value as it compares: 2.0 is 2 (a form and the database may write it either way)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def part_values(answer: Answer) -> dict[str, object]:
    """What each field of an answer holds, with surrounding spaces of typed text left out."""
    return {
        "answer": [_canonical(answer.value), answer.na, (answer.na_reason or "").strip() or None, answer.unknown],
        "comment": (answer.comment or "").strip(),
        "evidence": (answer.evidence or "").strip(),
    }


def fingerprints(answer: Answer) -> Fingerprints:
    """A short hash per field: equal fields have equal fingerprints."""
    return {part: hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
            for part, value in part_values(answer).items()}


def format_fingerprints(prints: Fingerprints) -> str:
    return ".".join(prints[part] for part in PARTS)


def parse_fingerprints(text: object) -> Fingerprints | None:
    """The fingerprints a form carried ('a.b.c'), or None when the text is not three of them."""
    if not isinstance(text, str) or len(text) != 3 * 16 + 2:
        return None
    found = text.split(".")
    if len(found) != len(PARTS) or not all(_FINGERPRINT.fullmatch(item) for item in found):
        return None
    return dict(zip(PARTS, found, strict=True))


def with_parts(answer: Answer, source: Answer, parts) -> Answer:
    """`answer` with the fields named in `parts` taken from `source`."""
    changes = {}
    for part in parts:
        if part == "answer":
            changes.update(value=source.value, na=source.na, na_reason=source.na_reason, unknown=source.unknown)
        else:
            changes[part] = getattr(source, part)
    return replace(answer, **changes)


@dataclass(frozen=True)
class AnswerEdit:
    """What a user sent for one question: the answer, the fingerprints of what their page showed (None
    when the page did not say), and the fields where they chose to keep the stored value."""

    answer: Answer
    loaded: Fingerprints | None = None
    keep_theirs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Merged:
    """The answer to store, the fields in conflict, and the answer to show the user on a conflict:
    their own value for every field they changed, the stored value for the others."""

    answer: Answer
    conflicts: tuple[str, ...]
    shown: Answer


def merge(edit: AnswerEdit, stored: Answer) -> Merged:
    """Merge one question's edit into the stored answer, field by field.

    A field the user did not change keeps the stored value; a field only the user changed takes theirs;
    a field both changed to different values is a conflict (the stored value stays until the user
    chooses). Without fingerprints nothing is known to be unchanged: every field that differs from the
    stored one is a conflict, so a change the user never saw is never overwritten.
    """
    submitted = with_parts(edit.answer, stored, edit.keep_theirs)
    mine, theirs = fingerprints(submitted), fingerprints(stored)
    taken, conflicts = [], []
    for part in PARTS:
        if mine[part] == theirs[part]:
            continue
        if edit.loaded is not None and mine[part] == edit.loaded[part]:
            continue  # the user left it alone
        if edit.loaded is not None and theirs[part] == edit.loaded[part]:
            taken.append(part)  # only the user changed it
        else:
            conflicts.append(part)
    return Merged(answer=with_parts(stored, submitted, taken), conflicts=tuple(conflicts),
                  shown=with_parts(stored, submitted, taken + conflicts))
