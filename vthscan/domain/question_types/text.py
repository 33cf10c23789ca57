"""Open text: shown in the report, never scored."""

from __future__ import annotations

from typing import Literal

from ..schema import Weight
from .base import QuestionBase

SAMPLE_TEXTS = ("Dit is vastgelegd in het uitvoeringsprogramma.", "We werken dit jaar aan een nieuwe aanpak.",
                "Zie de bijlage bij het jaarverslag.")


class TextQuestion(QuestionBase):
    type: Literal["text"]
    weight: Weight = 0.0
    label = "open tekst"
    scoring_text = "Open tekst: telt niet mee in de score."
    method_position = 90
    is_scored = False

    def value_problem(self, questionnaire, value) -> str | None:
        return None if isinstance(value, str) else "vul tekst in"

    def score(self, value) -> None:
        return None

    def describe_value(self, questionnaire, value) -> str:
        return str(value)

    def sample_value(self, rng, strength: float) -> str:
        return rng.choice(SAMPLE_TEXTS)

    def typed_text(self, value) -> str | None:
        return value if isinstance(value, str) else None

    @classmethod
    def file_problems(cls, data: dict, scales: dict):
        return ()
