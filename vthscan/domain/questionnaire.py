"""The questionnaire model: what a `questionnaires/*.yaml` file means once it has been validated.

The models double as the file schema (pydantic checks types, unknown keys and ranges) and as the
immutable domain objects that scoring, forms and reports read. Checks that span several parts of a
file (unique ids, scale references, threshold order) live in `loader.py`, which can name every place.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .wording import ASSESSED_KINDS, PRIORITIES, format_score

QUESTIONNAIRE_SCHEMA = "vthscan.questionnaire/1"
THRESHOLDS_SCHEMA = "vthscan.thresholds/1"

OrganisationKind = Literal[ASSESSED_KINDS]   # a tuple in Literal[...] names each of its values

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Score = Annotated[float, Field(ge=0, le=100)]
Weight = Annotated[float, Field(ge=0)]
# A level's minimum score, keyed by level id; only levels above the last one have a minimum.
Thresholds = dict[str, Score]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)


class Level(Model):
    id: Identifier
    label: Text
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Scale(Model):
    labels: dict[int, Text]


class Action(Model):
    text: Text
    priority: Literal[PRIORITIES]
    effort: Literal["klein", "middel", "groot"]
    term: Text


class Option(Model):
    id: Identifier
    label: Text
    score: Score


class NormRule(Model):
    rule: Literal["norm"]
    norm: float = Field(gt=0)

    def score(self, x: float) -> float:
        return max(0.0, min(100.0, 100.0 * x / self.norm))

    def explain(self) -> str:
        return f"score = 100 × waarde / {format_score(self.norm, 2)}, hoogstens 100"


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


NumberRule = Annotated[Union[NormRule, LinearRule, BandsRule], Field(discriminator="rule")]


class QuestionBase(Model):
    id: Identifier
    text: Text
    help: Text
    weight: Weight = 1.0
    allow_na: bool = False

    @property
    def is_scored(self) -> bool:
        return True


class YesNoQuestion(QuestionBase):
    type: Literal["yes_no"]

    def score(self, value) -> float:
        return 100.0 if value else 0.0


class ScaleQuestion(QuestionBase):
    type: Literal["scale"]
    scale: Identifier

    def score(self, value) -> float:
        return 25.0 * value


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=1)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def score(self, value) -> float:
        return self.option(value).score


class NumberQuestion(QuestionBase):
    type: Literal["number"]
    unit: str = ""
    min: float | None = None
    max: float | None = None
    scoring: NumberRule

    def score(self, value) -> float:
        return self.scoring.score(value)


class TextQuestion(QuestionBase):
    type: Literal["text"]
    weight: Weight = 0.0

    @property
    def is_scored(self) -> bool:
        return False

    def score(self, value) -> None:
        return None


Question = Annotated[
    Union[YesNoQuestion, ScaleQuestion, ChoiceQuestion, NumberQuestion, TextQuestion],
    Field(discriminator="type"),
]


class Criterion(Model):
    id: Identifier
    title: Text
    description: str = ""
    basis: Literal["geverifieerd", "reconstructie", "ontwerp"] | None = None
    weight: Weight = 1.0
    knockout: bool = False
    thresholds: Thresholds = Field(default_factory=dict)
    sources: list[Identifier] = Field(default_factory=list)
    questions: list[Question] = Field(min_length=1)
    actions: list[Action] = Field(default_factory=list)


class Pillar(Model):
    id: Identifier
    title: Text
    description: str = ""
    weight: Weight = 1.0
    respondents: list[OrganisationKind] = Field(default_factory=lambda: list(ASSESSED_KINDS))
    thresholds: Thresholds = Field(default_factory=dict)
    criteria: list[Criterion] = Field(min_length=1)

    def applies_to(self, kind: str) -> bool:
        return kind in self.respondents


class Questionnaire(Model):
    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,))

    schema_: Literal["vthscan.questionnaire/1"] = Field(alias="schema")
    id: Slug
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Text
    language: Literal["nl", "en"] = "nl"
    description: str = ""
    sources: dict[Identifier, Text] = Field(default_factory=dict)
    levels: list[Level] = Field(min_length=2)
    thresholds: Thresholds
    scales: dict[Identifier, Scale] = Field(default_factory=dict)
    pillars: list[Pillar] = Field(min_length=1)

    @property
    def best_level(self) -> str:
        return self.levels[0].id

    @property
    def graded_levels(self) -> list[str]:
        """Levels that have a minimum score: all but the last."""
        return [level.id for level in self.levels[:-1]]

    @cached_property
    def level_by_id(self) -> dict[str, Level]:
        return {level.id: level for level in self.levels}

    def level_rank(self, level_id: str) -> int:
        """0 for the best level; higher is worse."""
        return [level.id for level in self.levels].index(level_id)

    @cached_property
    def criteria(self) -> list[tuple[Pillar, Criterion]]:
        return [(pillar, criterion) for pillar in self.pillars for criterion in pillar.criteria]

    @cached_property
    def questions(self) -> dict[str, tuple[Pillar, Criterion, QuestionBase]]:
        return {q.id: (p, c, q) for p, c in self.criteria for q in c.questions}

    def pillars_for(self, kind: str | None) -> list[Pillar]:
        return [p for p in self.pillars if kind is None or p.applies_to(kind)]

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the definition's content, so a stored copy can be matched to its file."""
        canonical = json.dumps(self.to_data(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_data(self) -> dict:
        """The definition as plain data, with the same keys as the YAML format."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class ThresholdProfile(Model):
    """A named set of thresholds that sits on top of a questionnaire's own (a *normprofiel*)."""

    schema_: Literal["vthscan.thresholds/1"] = Field(alias="schema")
    questionnaire: Slug
    name: Text
    description: str = ""
    thresholds: Thresholds = Field(default_factory=dict)
    pillars: dict[Identifier, Thresholds] = Field(default_factory=dict)
    criteria: dict[Identifier, Thresholds] = Field(default_factory=dict)
