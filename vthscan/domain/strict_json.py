"""Read JSON from a file a user hands in (answers files, back-ups), refusing what breaks a program.

Python's parser accepts a key twice in one object (the last one wins, silently), NaN and Infinity,
numbers no float can hold (1e400 becomes infinity; an integer of 5,000 digits is an error of its
own), and it gives up with a RecursionError on deep nesting. Each of these gets a Dutch message.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .limits import forbidden_character

# An integer with more digits than this is beyond any float (the largest is about 1.8e308).
_FLOAT_DIGITS = 308


class JSONRefused(ValueError):
    """The text is not JSON vthscan reads; the message says why, in Dutch."""


def read_json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_int=_integer, parse_float=_real,
                          parse_constant=_unusable)
    except json.JSONDecodeError as error:
        raise JSONRefused(f"geen geldige JSON (regel {error.lineno}, kolom {error.colno}: {error.msg})") from None
    except RecursionError:
        raise JSONRefused("het bestand is te diep genest (blokken in blokken in blokken...)") from None


def shown_key(key) -> str:
    """A key of the file as it can be shown: quoted and escaped when it holds a control character."""
    text = str(key)
    return repr(text) if forbidden_character(text, multiline=False) else text


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise JSONRefused(f"sleutel '{shown_key(key)}' staat twee keer in hetzelfde blok")
        data[key] = value
    return data


def _unusable(text: str):
    shown = text if len(text) <= 20 else f"{text[:10]}... ({len(text)} tekens)"
    raise JSONRefused(f"{shown} is geen bruikbaar getal (te groot, of NaN of Infinity)")


def _integer(text: str) -> int:
    return _unusable(text) if len(text.lstrip("-")) > _FLOAT_DIGITS else int(text)


def _real(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else _unusable(text)
