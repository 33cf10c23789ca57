"""The building blocks of the questionnaire schema: the frozen base model and the constrained texts and numbers.

Shared by the questionnaire model and the question types, which both check a file as they read it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .wording import ASSESSED_KINDS

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Score = Annotated[float, Field(ge=0, le=100)]
Weight = Annotated[float, Field(ge=0)]
OrganisationKind = Literal[ASSESSED_KINDS]   # a tuple in Literal[...] names each of its values
# `for:` on a pillar, criterion or question: the kinds of organisation it is meant for. Left out on a
# criterion or question, it is the one above; a pillar without it is for every kind.
ForKinds = Annotated[list[OrganisationKind], Field(min_length=1)]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)
