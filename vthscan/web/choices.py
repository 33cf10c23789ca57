"""Choices for select and radio fields in the form WTForms 3.3 wants (tuples are deprecated there)."""

from __future__ import annotations

try:
    from wtforms import SelectChoice
except ImportError:  # WTForms < 3.3
    SelectChoice = None


def choices(pairs) -> list:
    """[(value, label), ...] as WTForms choices."""
    pairs = list(pairs)
    if SelectChoice is None:
        return pairs
    return [SelectChoice(value, label) for value, label in pairs]
