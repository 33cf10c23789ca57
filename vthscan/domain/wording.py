"""The Dutch words and formats that pages, reports and commands share, each defined here once.

Numbers and dates the Dutch way, as every report, page and command shows them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal

# Room for every digit of any float (at most 309 before the decimal sign) and its decimals, so that
# rounding never fails on a large number the way the default 28 digits would.
_ROUNDING = Context(prec=400, rounding=ROUND_HALF_UP)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def format_number(value: float, decimals: int = 2) -> str:
    """A number with a decimal comma and no needless decimals: 2.0 -> '2', 1234.5 -> '1234,5'.

    Rounded half up to at most `decimals` decimals, as people round: 56.25 -> '56,3' with one
    decimal (float formatting rounds half to even and would give 56,2).
    """
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), context=_ROUNDING)
    if rounded.is_zero():
        rounded = abs(rounded)  # no '-0'
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_score(value: float | None, decimals: int = 1) -> str:
    """A score with a decimal comma: 62.25 -> '62,3'; None -> 'niet beoordeeld'."""
    if value is None:
        return "niet beoordeeld"
    return format_number(value, decimals)


def format_percentage(fraction: float | None) -> str:
    """0.853 -> '85 %'; None -> 'niet te bepalen'."""
    if fraction is None:
        return "niet te bepalen"
    return f"{format_score(fraction * 100, 0)} %"


def dutch_date(day: date) -> str:
    """12 March 2026 -> '12 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def timestamp(moment: datetime | None) -> str:
    """A moment as stored (UTC) to the minute: '12-03-2026 14:05 UTC'; None -> ''."""
    return moment.strftime("%d-%m-%Y %H:%M") + " UTC" if moment else ""
