"""A percentage: a number from 0 to 100, shown with '%', scored by the same rules as a number."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..raw_data import is_number, items
from .number import NumberQuestion

Percent = Annotated[float, Field(ge=0, le=100)]


class PercentageQuestion(NumberQuestion):
    type: Literal["percentage"]
    unit: Literal["%"] = "%"
    min: Percent = 0.0
    max: Percent = 100.0
    label = "percentage"
    scoring_text = ("Percentage (0 tot en met 100 %): de score volgt uit een regel die bij de vraag staat, op "
                    "dezelfde manier als bij een getal.")
    method_position = 45

    @classmethod
    def file_problems(cls, data: dict, scales: dict):
        """The number's checks, and every value of the scoring rule within the question's range.

        A norm, a line's end or a band outside `min`..`max` can never be answered, so its score
        would never be given: a mistake in the file, not a choice.
        """
        yield from super().file_problems(data, scales)
        low, high = data.get("min", 0), data.get("max", 100)
        if not (is_number(low) and is_number(high) and 0 <= low <= high <= 100):
            return  # the model or the number's checks report the range itself
        rule = data.get("scoring") if isinstance(data.get("scoring"), dict) else {}
        values = [((key,), rule.get(key)) for key in ("norm", "zero_at", "full_at")]
        values += [(("bands", index, "min"), band.get("min")) for index, band in items(rule, "bands")]
        for where, value in values:
            if is_number(value) and not low <= value <= high:
                yield ("scoring", *where), (f"moet tussen {low:g} en {high:g} liggen, het bereik van deze "
                                            f"vraag (nu {value:g})")
