"""The term of an improvement action as dates: "3-6 maanden" from 12 March 2026 is 12-06-2026 to
12-09-2026. A term the questionnaire words otherwise ("doorlopend", "volgende begrotingscyclus") has
no dates and is shown as written.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

# "3-6 maanden", "0–3 maanden", "6 maanden", "1 jaar", "1-2 jaar", "12 tot 24 maanden"
_TERM = re.compile(r"^\s*(?:(?P<start>\d{1,3})\s*(?:-|–|tot)\s*)?(?P<end>\d{1,3})\s*(?P<unit>maanden|maand|jaren|jaar)\s*$",
                   re.IGNORECASE)


def term_months(term: str) -> tuple[int, int] | None:
    """(first month, last month) after the start that a term spans; None when it names no period."""
    match = _TERM.match(term)
    if match is None:
        return None
    factor = 12 if match["unit"].lower().startswith("ja") else 1
    start, end = int(match["start"] or 0) * factor, int(match["end"]) * factor
    return (start, end) if start <= end else None


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 January + 1 = 28/29 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def term_dates(term: str, start: date) -> tuple[date, date] | None:
    """The first and last day of a term counted from `start` (the report date); None when it names no period."""
    months = term_months(term)
    if months is None:
        return None
    return add_months(start, months[0]), add_months(start, months[1])
