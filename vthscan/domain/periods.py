"""The period of an assessment: a year (`2026`) or a part of one, a half year (`2026-H1`, `2026-H2`)
or a quarter (`2026-Q1` to `2026-Q4`).

The rule holds for every new assessment (started in the app or read from an answers file). Periods
stored before it existed may be free text; they stay as they are and stay readable.
"""

from __future__ import annotations

import re

FIRST_YEAR, LAST_YEAR = 2000, 2099
_PERIOD = re.compile(r"([0-9]{4})(?:-([HQ])([0-9]))?")   # ASCII digits only
_PARTS = {"H": 2, "Q": 4}

PERIOD_RULE = ("Vul de periode in als jaar (2026) of als deel van een jaar: een halfjaar (2026-H1, "
               "2026-H2) of een kwartaal (2026-Q1 tot en met 2026-Q4).")


def normalise_period(text: str) -> str:
    """The period as stored: spaces around it removed, the letter in capitals ('2026-h1' -> '2026-H1')."""
    return text.strip().upper()


def period_problem(text: str) -> str | None:
    """Why `text` is not a period, in Dutch, quoting it as typed; None when it is one (once normalised)."""
    text = text.strip()
    found = _PERIOD.fullmatch(normalise_period(text))
    if found is None:
        return f"'{text}' is geen periode. {PERIOD_RULE}"
    year, kind, part = found.groups()
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return f"Het jaar {year} kan niet: kies een jaar van {FIRST_YEAR} tot en met {LAST_YEAR}."
    if kind and not 1 <= int(part) <= _PARTS[kind]:
        return f"'{text}' is geen periode. {PERIOD_RULE}"
    return None
