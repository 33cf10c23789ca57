"""Numbers as users type them: ASCII digits, a Dutch or English decimal sign, an optional minus.

Python's own `int()` and `float()` accept far more: digits of other scripts ('٧٥' is 75),
underscores ('1_0' is 10), exponents, 'inf' and 'nan'. None of that is a number a user meant here.
"""

from __future__ import annotations

import re

from .limits import NUMBER_DIGITS_MAX

NUMBER = re.compile(r"-?([0-9]+)(?:[.,]([0-9]+))?", re.ASCII)


class NotANumber(ValueError):
    """The text is not a number written as `NUMBER` allows."""


class NumberTooLarge(NotANumber):
    """The number has more than NUMBER_DIGITS_MAX digits before its decimal sign."""


def parse_number(text: str) -> int | float:
    """'12' -> 12, '-2,5' and '-2.5' -> -2.5; raises NotANumber (or NumberTooLarge) for anything else."""
    found = NUMBER.fullmatch(text)
    if found is None:
        raise NotANumber(text)
    if len(found.group(1).lstrip("0")) > NUMBER_DIGITS_MAX:
        raise NumberTooLarge(text)
    if found.group(2) is None:
        return int(text)
    return float(text.replace(",", "."))
