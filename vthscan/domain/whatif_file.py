"""The what-if file `vthscan.whatif/1`: target answers for some questions, to project the scores they give.

    {"format": "vthscan.whatif/1",
     "questionnaire": {"id": "vthscan-standaard", "version": "1.0"},      (optional)
     "answers": {"r1_overzicht_taken": {"value": true}, "p1_verloop": {"na": true, "na_reason": "..."}}}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, StrictBool, ValidationError

from .answers import Answer, AnswersError
from .file_checks import FileModel, QuestionnaireBlock, QuestionnaireRef, dutch_problems, following
from .limits import LONG_TEXT
from .questionnaire import Questionnaire
from .strict_json import JSONRefused, read_json

WHATIF_FORMAT = "vthscan.whatif/1"


class _Target(FileModel):
    value: Any = None
    na: StrictBool = False
    na_reason: Annotated[str, following(LONG_TEXT)] | None = None
    unknown: StrictBool = False


class _WhatIfFile(FileModel):
    format: str
    questionnaire: QuestionnaireBlock | None = None
    answers: dict[QuestionnaireRef, _Target] = Field(min_length=1)


@dataclass(frozen=True)
class WhatIf:
    """Target answers by question id, and the questionnaire they are for when the file names it."""

    targets: dict[str, Answer]
    questionnaire_id: str | None = None
    questionnaire_version: str | None = None


def parse_whatif_file(text: str, source: str = "<wat-als>") -> WhatIf:
    """Read a what-if file; raises AnswersError with every problem, located, in Dutch.

    Whether the targets fit the questionnaire is checked when they are projected.
    """
    try:
        data = read_json(text)
    except JSONRefused as error:
        raise AnswersError([f"{source}: {error}"]) from None
    if not isinstance(data, dict) or data.get("format") != WHATIF_FORMAT:
        raise AnswersError([f"{source}: dit is geen wat-als-bestand; verwacht \"format\": \"{WHATIF_FORMAT}\""])
    try:
        parsed = _WhatIfFile.model_validate(data)
    except ValidationError as error:
        raise AnswersError(dutch_problems(error, source)) from None
    return WhatIf(
        targets={question_id: Answer(value=target.value, na=target.na, na_reason=target.na_reason,
                                     unknown=target.unknown)
                 for question_id, target in parsed.answers.items()},
        questionnaire_id=parsed.questionnaire.id if parsed.questionnaire else None,
        questionnaire_version=parsed.questionnaire.version if parsed.questionnaire else None,
    )


def whatif_questionnaire_problem(whatif: WhatIf, questionnaire: Questionnaire) -> str | None:
    """Why the file is for another questionnaire than the answers it changes, or None."""
    if whatif.questionnaire_id is None:
        return None
    if (whatif.questionnaire_id, whatif.questionnaire_version) != (questionnaire.id, questionnaire.version):
        return (f"de wat-als-wijzigingen zijn voor {whatif.questionnaire_id} versie "
                f"{whatif.questionnaire_version}, de antwoorden voor {questionnaire.id} versie "
                f"{questionnaire.version}")
    return None
