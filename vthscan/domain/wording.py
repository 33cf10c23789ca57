"""Numbers the Dutch way, as every report, page and command shows them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_score(value: float | None, decimals: int = 1) -> str:
    """A score with a decimal comma: 62.25 -> '62,3'; None -> 'niet beoordeeld'."""
    if value is None:
        return "niet beoordeeld"
    # Half up, as people round: 56.25 -> 56,3 (float formatting would give 56,2).
    text = str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_percentage(fraction: float | None) -> str:
    """0.853 -> '85 %'; None -> 'niet te bepalen'."""
    if fraction is None:
        return "niet te bepalen"
    return f"{format_score(fraction * 100, 0)} %"


def format_number(value: float) -> str:
    """A number the Dutch way without needless decimals: 2 -> '2', 2.5 -> '2,5', 1234.5 -> '1234,5'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
