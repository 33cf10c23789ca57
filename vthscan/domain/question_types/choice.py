"""A choice between options, each with its own score in the file."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..raw_data import duplicates, items
from ..schema import Identifier, Model, Score, Text
from .base import QuestionBase


class Option(Model):
    id: Identifier
    label: Text
    score: Score


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=1)
    label = "keuze"
    scoring_text = "Keuze: elke keuzemogelijkheid heeft een vaste score in de vragenlijst."
    method_position = 30

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def value_problem(self, questionnaire, value) -> str | None:
        if not isinstance(value, str) or self.option(value) is None:
            return f"onbekende keuze {value!r}; kies uit {', '.join(o.id for o in self.options)}"
        return None

    def score(self, value) -> float:
        return self.option(value).score

    def describe_value(self, questionnaire, value) -> str:
        option = self.option(value)
        return option.label if option else str(value)

    def sample_value(self, rng, strength: float) -> str:
        ranked = sorted(self.options, key=lambda o: -o.score)
        index = min(len(ranked) - 1, int(rng.random() * (1 - strength) * len(ranked) * 1.6))
        return ranked[index].id

    @classmethod
    def file_problems(cls, data: dict, scales: dict):
        option_ids = [option.get("id") for _, option in items(data, "options")]
        for index, count in duplicates(option_ids):
            yield ("options", index, "id"), f"optie-id '{option_ids[index]}' komt {count} keer voor"
