"""What every question type declares, and the registry a type joins by being defined.

A question type is a subclass of `QuestionBase` with a `type` field of one literal value (the name
in the file, e.g. `type: yes_no`). Defining it registers it; a subclass that leaves out its `label`
or one of the abstract methods is refused when its module is imported, not when a user meets it.
"""

from __future__ import annotations

import random
from abc import abstractmethod
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args, get_origin

from pydantic import Field

from ..schema import ForKinds, Identifier, Model, Text, Weight

if TYPE_CHECKING:
    from ..questionnaire import Questionnaire

# A problem in a question's raw file data: (its place below the question, e.g. ("scale",), Dutch message).
FileProblem = tuple[tuple, str]

_REGISTRY: dict[str, type[QuestionBase]] = {}


class QuestionBase(Model):
    """One question of a questionnaire; its type knows how to check, score and word an answer."""

    id: Identifier
    text: Text
    help: Text
    weight: Weight = 1.0
    allow_na: bool = False
    for_kinds: ForKinds | None = Field(default=None, alias="for")  # None: the criterion's

    label: ClassVar[str]              # the type as a reader calls it: "ja/nee", "schaal 0-4"
    # How an answer becomes a score, for the calculation method the report and results page print;
    # the types a questionnaire uses are explained in the order of `method_position`.
    scoring_text: ClassVar[str]
    method_position: ClassVar[int]
    is_scored: ClassVar[bool] = True  # False: the answer is shown, never counted

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        name = type_name(cls)
        if name is None:
            return
        missing = sorted(cls.__abstractmethods__) + [
            attribute for attribute, kind in (("label", str), ("scoring_text", str), ("method_position", int))
            if not isinstance(getattr(cls, attribute, None), kind)]
        if missing:
            raise TypeError(f"question type {name!r} ({cls.__qualname__}) does not declare {', '.join(missing)}")
        if name in _REGISTRY:
            raise TypeError(f"question type {name!r} is declared twice: {_REGISTRY[name].__qualname__} "
                            f"and {cls.__qualname__}")
        _REGISTRY[name] = cls

    @abstractmethod
    def value_problem(self, questionnaire: Questionnaire, value) -> str | None:
        """Why `value` (as read from JSON or a form) is not an answer to this question, in Dutch; or None."""

    @abstractmethod
    def score(self, value) -> float | None:
        """The score 0-100 of a valid value; None for a type that is never scored."""

    @abstractmethod
    def describe_value(self, questionnaire: Questionnaire, value) -> str:
        """A valid value as a reader would say it, in Dutch: 'ja', '3 - Toegepast', '1,5 fte'."""

    @abstractmethod
    def sample_value(self, rng: random.Random, strength: float):
        """A plausible valid value for demo data and benchmarks; `strength` 0-1 is how well it goes."""

    @classmethod
    @abstractmethod
    def file_problems(cls, data: dict, scales: dict) -> Iterable[FileProblem]:
        """The type's own checks of a question's raw file data (beyond what the model refuses).

        `scales` is the file's raw `scales` block; both may hold anything the author wrote.
        """

    def typed_text(self, value) -> str | None:
        """The text a user typed as the answer, which the text rules then check; None when chosen."""
        return None

    def rule_text(self) -> str:
        """How a value becomes a score when the question carries its own rule; empty when it has none."""
        return ""


def type_name(cls: type) -> str | None:
    """The `type` literal of a question type; None for a class that is not one (e.g. the base)."""
    field = cls.model_fields.get("type")
    if field is None or get_origin(field.annotation) is not Literal:
        return None
    (name,) = get_args(field.annotation)
    return name


def registered_types() -> dict[str, type[QuestionBase]]:
    """Every question type defined so far, by name."""
    return dict(_REGISTRY)
