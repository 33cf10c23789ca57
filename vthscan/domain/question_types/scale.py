"""A maturity scale 0-4: each step is 25 points; the labels come from the file's `scales` block."""

from __future__ import annotations

from typing import Literal

from ..schema import Identifier
from .base import QuestionBase

SCALE_VALUES = frozenset(range(5))


class ScaleQuestion(QuestionBase):
    type: Literal["scale"]
    scale: Identifier
    label = "schaal 0-4"
    scoring_text = "Schaal 0 tot en met 4: elke stap is 25 punten (0 = 0, 1 = 25, 2 = 50, 3 = 75, 4 = 100)."
    method_position = 20

    def value_problem(self, questionnaire, value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE_VALUES:
            labels = questionnaire.scales[self.scale].labels
            return "kies een waarde van 0 tot en met 4 (" + "; ".join(
                f"{k} = {v}" for k, v in sorted(labels.items())) + ")"
        return None

    def score(self, value) -> float:
        return 25.0 * value

    def describe_value(self, questionnaire, value) -> str:
        label = questionnaire.scales[self.scale].labels.get(value)
        return f"{value} - {label}" if label else str(value)

    def sample_value(self, rng, strength: float) -> int:
        return max(0, min(4, round(rng.gauss(strength * 4, 0.9))))

    @classmethod
    def file_problems(cls, data: dict, scales: dict):
        scale = data.get("scale")
        if isinstance(scale, str) and scale not in scales:
            yield ("scale",), f"schaal '{scale}' bestaat niet in 'scales'"
