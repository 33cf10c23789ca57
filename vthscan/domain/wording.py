"""Numbers the Dutch way, as every report, page and command shows them."""

from __future__ import annotations


def format_score(value: float | None, decimals: int = 1) -> str:
    """A score with a decimal comma: 62.25 -> '62,3'; None -> 'niet beoordeeld'."""
    if value is None:
        return "niet beoordeeld"
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_percentage(fraction: float | None) -> str:
    """0.853 -> '85 %'; None -> 'niet te bepalen'."""
    if fraction is None:
        return "niet te bepalen"
    return f"{round(fraction * 100)} %"
