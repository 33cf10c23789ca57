"""What the printable pages need beyond the results page: a blank questionnaire to fill in on paper.

Only reads. Every signed-in user may print a blank questionnaire (it holds no organisation's data);
the printable answers of an assessment follow the assessment's own access (access.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.question_types.choice import ChoiceQuestion
from ..domain.question_types.number import NumberQuestion
from ..domain.question_types.scale import ScaleQuestion
from ..domain.question_types.yes_no import YesNoQuestion
from ..domain.questionnaire import Pillar, Questionnaire
from ..domain.wording import ASSESSED_KINDS
from .errors import NotVisible
from .questionnaires import catalog, stored_definition


@dataclass(frozen=True)
class BlankQuestion:
    id: str
    text: str
    help: str
    options: list[str]      # the answers to tick; empty for a number or text to write down
    unit: str               # of a number ("fte", "%"), else ""
    allow_na: bool


def blank_questionnaire(questionnaire_id: str, version: str) -> Questionnaire:
    """The questionnaire version, from the folder or as stored; NotVisible when it is neither."""
    questionnaire = catalog().get(questionnaire_id, version)
    if questionnaire is not None:
        return questionnaire
    stored = stored_definition(questionnaire_id, version)
    if stored is None:
        raise NotVisible()
    return Questionnaire.model_validate(stored.data)


def pillars_to_print(questionnaire: Questionnaire, kind: str | None) -> list[Pillar]:
    """The pillars for a kind of organisation; every pillar for no (or an unknown) kind."""
    return questionnaire.pillars_for(kind if kind in ASSESSED_KINDS else None)


def blank_question(questionnaire: Questionnaire, question) -> BlankQuestion:
    if isinstance(question, YesNoQuestion):
        options = ["ja", "nee"]
    elif isinstance(question, ScaleQuestion):
        options = [f"{k} – {v}" for k, v in sorted(questionnaire.scales[question.scale].labels.items())]
    elif isinstance(question, ChoiceQuestion):
        options = [option.label for option in question.options]
    else:
        options = []
    unit = question.unit if isinstance(question, NumberQuestion) else ""
    return BlankQuestion(question.id, question.text, question.help, options, unit, question.allow_na)
