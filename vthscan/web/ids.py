"""Whole numbers typed into URLs, query strings and forms (ids, versions), bounded before they reach
the database: a number above PostgreSQL's INTEGER or SQLite's 64 bits makes the query fail (500)
instead of finding nothing (404)."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

from ..domain.limits import MAX_ID


def whole_number(text: object) -> int | None:
    """A whole number from 0 to MAX_ID written in ASCII digits only, or None for anything else."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def id_choice(value) -> int:
    """`coerce` for a select of ids: WTForms' usual `int` would also read '٧' as 7 and '0_7' as 7."""
    if isinstance(value, int):  # the choices themselves
        return value
    number = whole_number(value)
    if number is None:
        raise ValueError(f"not an id: {value!r}")  # WTForms: "Not a valid choice"
    return number


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` in every route: only ASCII digits up to MAX_ID match; a larger id answers 404, as an
    unknown one does."""

    regex = r"[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)
