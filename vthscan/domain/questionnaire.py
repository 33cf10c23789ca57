"""The questionnaire model: what a `questionnaires/*.yaml` file means once it has been validated.

The models double as the file schema (pydantic checks types, unknown keys and ranges) and as the
immutable domain objects that scoring, forms and reports read. Checks that span several parts of a
file (unique ids, scale references, threshold order) live in `loader.py`, which can name every place.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AliasChoices, ConfigDict, Discriminator, Field, StringConstraints, Tag

# The built-in question types stay importable from here ("X as X"); each lives in `question_types/`.
from .question_types import Question, QuestionBase
from .question_types.choice import ChoiceQuestion as ChoiceQuestion
from .question_types.number import NumberQuestion as NumberQuestion
from .question_types.scale import ScaleQuestion as ScaleQuestion
from .question_types.text import TextQuestion as TextQuestion
from .question_types.yes_no import YesNoQuestion as YesNoQuestion
from .schema import ForKinds, Identifier, Model, Score, Slug, Text, Weight
from .schema import OrganisationKind as OrganisationKind
from .wording import ACTION_OWNERS, ASSESSED_KINDS, DEFAULT_ACTION_OWNER, PRIORITIES

QUESTIONNAIRE_SCHEMA = "vthscan.questionnaire/1"
THRESHOLDS_SCHEMA = "vthscan.thresholds/1"


# A level's minimum score, keyed by level id; only levels above the last one have a minimum.
Thresholds = dict[str, Score]


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
    # Who has to act. Left out means the omgevingsdienst; None keeps it out of the stored definition,
    # so the fingerprint of a file written before owners existed stays the same.
    owner: Literal[ACTION_OWNERS] | None = None

    @property
    def acting_owner(self) -> str:
        return self.owner or DEFAULT_ACTION_OWNER


HttpAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$", max_length=1000)]
# A source written as one text may end in its address after a dash, as in "Kamerstuk 22343-360 — https://...".
_TRAILING_ADDRESS = re.compile(r"^(?P<title>.+?)\s+[—–-]\s+(?P<url>https?://[^\s<>\"]+)$")


class Source(Model):
    """A source criteria cite: its title and, optionally, its web address (http or https)."""

    title: Text
    url: HttpAddress | None = None


# A source is one text or a block with title and url. The tags name the two forms in a refusal; they
# end in "]" so that the loader leaves them out of the place it names (they are not keys in the file).
SourceEntry = Annotated[
    Annotated[Text, Tag("[tekst]")] | Annotated[Source, Tag("[bron]")],
    Discriminator(lambda value: "[tekst]" if isinstance(value, str) else "[bron]"),
]


class Criterion(Model):
    id: Identifier
    title: Text
    description: str = ""
    basis: Literal["geverifieerd", "reconstructie", "ontwerp"] | None = None
    # Set when the criterion is scored against a norm that stands in for the official one (a rule of
    # thumb): one sentence saying which. Reports say when a verdict rests on it.
    placeholder_norm: Text | None = None
    weight: Weight = 1.0
    knockout: bool = False
    thresholds: Thresholds = Field(default_factory=dict)
    sources: list[Identifier] = Field(default_factory=list)
    for_kinds: ForKinds | None = Field(default=None, alias="for")
    questions: list[Question] = Field(min_length=1)
    actions: list[Action] = Field(default_factory=list)


class Pillar(Model):
    id: Identifier
    title: Text
    description: str = ""
    weight: Weight = 1.0
    # `respondents` is the older name of a pillar's `for` (questionnaire 1.0 uses it); both are read.
    for_kinds: ForKinds = Field(default_factory=lambda: list(ASSESSED_KINDS),
                                validation_alias=AliasChoices("for", "respondents"), serialization_alias="for")
    thresholds: Thresholds = Field(default_factory=dict)
    criteria: list[Criterion] = Field(min_length=1)

    def applies_to(self, kind: str) -> bool:
        return kind in self.for_kinds


class Questionnaire(Model):
    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,))

    schema_: Literal["vthscan.questionnaire/1"] = Field(alias="schema")
    id: Slug
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Text
    language: Literal["nl", "en"] = "nl"
    description: str = ""
    sources: dict[Identifier, SourceEntry] = Field(default_factory=dict)
    levels: list[Level] = Field(min_length=2)
    thresholds: Thresholds
    scales: dict[Identifier, Scale] = Field(default_factory=dict)
    pillars: list[Pillar] = Field(min_length=1)

    def source(self, key: str) -> Source:
        """A source as title and address; a source written as one text ending in " — <address>" has
        that address."""
        found = self.sources[key]
        if isinstance(found, Source):
            return found
        match = _TRAILING_ADDRESS.match(found)
        return Source(title=match["title"], url=match["url"]) if match else Source(title=found)

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

    @cached_property
    def kinds(self) -> dict[str, tuple[str, ...]]:
        """The kinds of organisation every pillar, criterion and question is for, `for:` inherited downwards."""
        found = {}
        for pillar in self.pillars:
            found[pillar.id] = pillar_kinds = tuple(pillar.for_kinds)
            for criterion in pillar.criteria:
                found[criterion.id] = criterion_kinds = tuple(criterion.for_kinds or pillar_kinds)
                for question in criterion.questions:
                    found[question.id] = tuple(question.for_kinds or criterion_kinds)
        return found

    def is_for(self, item_id: str, kind: str | None) -> bool:
        """Is this pillar, criterion or question meant for an organisation of `kind` (None: any)?"""
        return kind is None or kind in self.kinds.get(item_id, ())

    def for_kind(self, kind: str | None) -> Questionnaire:
        """The questionnaire as an organisation of `kind` sees it: only what is meant for that kind.

        What is not for the kind is absent (not 'niet van toepassing'): pages, scoring, completeness,
        reports and exports that work on this view never see it. None gives the whole questionnaire.
        A view is a questionnaire of its own (its own fingerprint); it is never stored.
        """
        if kind is None:
            return self
        if kind not in self._views:
            pillars = []
            for pillar in self.pillars:
                criteria = [_replaced(c, questions=[q for q in c.questions if self.is_for(q.id, kind)])
                            for c in pillar.criteria if self.is_for(c.id, kind)]
                criteria = [c for c in criteria if c.questions]
                if self.is_for(pillar.id, kind) and criteria:
                    pillars.append(_replaced(pillar, criteria=criteria))
            self._views[kind] = self.with_pillars(pillars)
        return self._views[kind]

    @cached_property
    def _views(self) -> dict[str, Questionnaire]:
        return {}

    def pillars_for(self, kind: str | None) -> list[Pillar]:
        """The pillars of `for_kind(kind)`: each with only the criteria and questions for that kind."""
        return self.for_kind(kind).pillars

    def with_pillars(self, pillars: list[Pillar]) -> Questionnaire:
        """This questionnaire with other pillars (e.g. fewer criteria), computed anew from them."""
        return _replaced(self, pillars=pillars)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the definition's content, so a stored copy can be matched to its file.

        A pillar's `for` is hashed under its older name `respondents`, so that definitions stored
        before `for` existed keep their fingerprint.
        """
        data = self.to_data()
        for pillar in data["pillars"]:
            pillar["respondents"] = pillar.pop("for")
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_data(self) -> dict:
        """The definition as plain data, with the same keys as the YAML format."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def _replaced(model, **changes):
    """A copy of a frozen model with some fields replaced and nothing cached.

    pydantic's `model_copy` would also copy the cached properties (e.g. a questionnaire's `questions`),
    which then describe the original instead of the copy.
    """
    fields = {name: getattr(model, name) for name in type(model).model_fields}
    return type(model).model_construct(_fields_set=model.model_fields_set, **(fields | changes))


class ThresholdProfile(Model):
    """A named set of thresholds that sits on top of a questionnaire's own (a *normprofiel*)."""

    schema_: Literal["vthscan.thresholds/1"] = Field(alias="schema")
    questionnaire: Slug
    name: Text
    description: str = ""
    thresholds: Thresholds = Field(default_factory=dict)
    pillars: dict[Identifier, Thresholds] = Field(default_factory=dict)
    criteria: dict[Identifier, Thresholds] = Field(default_factory=dict)
