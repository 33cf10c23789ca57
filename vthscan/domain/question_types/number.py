"""A number with a unit, scored by a rule in the file: a norm, a straight line or bands."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from ..limits import NUMBER_LIMIT
from ..raw_data import duplicates, is_number, items
from ..schema import Model, Score
from ..wording import format_number, format_score
from .base import QuestionBase


class NormRule(Model):
    rule: Literal["norm"]
    norm: float = Field(gt=0)

    def score(self, x: float) -> float:
        return max(0.0, min(100.0, 100.0 * x / self.norm))

    def explain(self) -> str:
        return f"score = 100 × waarde / {format_score(self.norm, 2)}, hoogstens 100"

    def sample(self, rng, strength: float) -> float:
        return self.norm * rng.uniform(strength - 0.2, strength + 0.3)


class LinearRule(Model):
    rule: Literal["linear"]
    zero_at: float
    full_at: float

    def score(self, x: float) -> float:
        fraction = (x - self.zero_at) / (self.full_at - self.zero_at)
        return max(0.0, min(100.0, 100.0 * fraction))

    def explain(self) -> str:
        return (f"score loopt recht op van 0 bij {format_score(self.zero_at, 2)} "
                f"naar 100 bij {format_score(self.full_at, 2)}")

    def sample(self, rng, strength: float) -> float:
        return self.zero_at + (self.full_at - self.zero_at) * rng.uniform(strength - 0.3, strength + 0.2)


class Band(Model):
    min: float
    score: Score


class BandsRule(Model):
    rule: Literal["bands"]
    bands: list[Band] = Field(min_length=1)

    def score(self, x: float) -> float:
        reached = [band for band in self.bands if band.min <= x]
        if not reached:
            return 0.0  # below the lowest band: nothing reached
        return max(reached, key=lambda band: band.min).score

    def explain(self) -> str:
        parts = [f"vanaf {format_score(b.min, 2)}: {format_score(b.score, 2)}"
                 for b in sorted(self.bands, key=lambda b: b.min)]
        return "score per klasse (" + "; ".join(parts) + "), daaronder 0"

    def sample(self, rng, strength: float) -> float:
        return rng.choice(self.bands).min + abs(rng.gauss(0, 3))


NumberRule = Annotated[NormRule | LinearRule | BandsRule, Field(discriminator="rule")]


class NumberQuestion(QuestionBase):
    type: Literal["number"]
    unit: str = ""
    min: float | None = None
    max: float | None = None
    scoring: NumberRule
    label = "getal"
    scoring_text = ("Getal: de score volgt uit een regel die bij de vraag staat (in bijlage A bij elke getalsvraag). "
                    "Bij een norm is de score 100 × waarde / norm, hoogstens 100. Bij een lijn loopt de score recht "
                    "op van 0 naar 100 tussen twee grenzen. Bij klassen geldt de score van de hoogste klasse die "
                    "gehaald is, en 0 onder de laagste klasse.")
    method_position = 40

    def value_problem(self, questionnaire, value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "vul een getal in"
        if isinstance(value, float) and not math.isfinite(value):
            return "vul een getal in"
        if abs(value) >= NUMBER_LIMIT:
            return "het getal is te groot"
        if self.min is not None and value < self.min:
            return f"het getal moet minstens {self.min:g} zijn"
        if self.max is not None and value > self.max:
            return f"het getal mag hoogstens {self.max:g} zijn"
        return None

    def score(self, value) -> float:
        return self.scoring.score(value)

    def describe_value(self, questionnaire, value) -> str:
        return f"{format_number(value)} {self.unit}".strip()

    def rule_text(self) -> str:
        return self.scoring.explain()

    def sample_value(self, rng, strength: float) -> int | float:
        value = self.scoring.sample(rng, strength)
        if self.min is not None:
            value = max(self.min, value)
        if self.max is not None:
            value = min(self.max, value)
        return round(value) if abs(value) >= 10 else round(value, 1)

    @classmethod
    def file_problems(cls, data: dict, scales: dict):
        """`min` above `max` (a default counts), a line that does not rise or fall, a band given twice."""
        low = data.get("min", cls.model_fields["min"].default)
        high = data.get("max", cls.model_fields["max"].default)
        if is_number(low) and is_number(high) and low > high:
            yield ("min",), f"min ({low:g}) is groter dan max ({high:g})"
        rule = data.get("scoring") if isinstance(data.get("scoring"), dict) else {}
        if rule.get("rule") == "linear" and is_number(rule.get("zero_at")) and rule.get("zero_at") == rule.get("full_at"):
            yield ("scoring", "full_at"), "zero_at en full_at moeten verschillen"
        if rule.get("rule") == "bands":
            band_mins = [band.get("min") for _, band in items(rule, "bands")]
            for index, count in duplicates(band_mins):
                yield ("scoring", "bands", index, "min"), f"klasse met min {band_mins[index]} komt {count} keer voor"
