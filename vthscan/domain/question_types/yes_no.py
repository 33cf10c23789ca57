"""Ja/nee: yes scores 100, no scores 0."""

from __future__ import annotations

from typing import Literal

from .base import QuestionBase


class YesNoQuestion(QuestionBase):
    type: Literal["yes_no"]
    label = "ja/nee"
    scoring_text = "Ja/nee: ja is 100, nee is 0."
    method_position = 10

    def value_problem(self, questionnaire, value) -> str | None:
        return None if isinstance(value, bool) else "antwoord met ja (true) of nee (false)"

    def score(self, value) -> float:
        return 100.0 if value else 0.0

    def describe_value(self, questionnaire, value) -> str:
        return "ja" if value else "nee"

    def sample_value(self, rng, strength: float) -> bool:
        return rng.random() < strength + 0.1

    @classmethod
    def file_problems(cls, data: dict, scales: dict):
        return ()
