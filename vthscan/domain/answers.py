"""Answers: one value (or N/A, or "weet niet") per question, and the `vthscan.answers/1` file format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from .limits import (
    EVIDENCE,
    LONG_TEXT,
    NAME,
    PERIOD,
    QUESTIONNAIRE_REF,
    TextRule,
    text_problem,
)
from .questionnaire import OrganisationKind, Questionnaire
from .strict_json import JSONRefused, read_json, shown_key
from .wording import ASSESSED_KINDS

ANSWERS_FORMAT = "vthscan.answers/1"


@dataclass(frozen=True)
class Answer:
    """What was said about one question. An answer with no value, not N/A and not unknown is open."""

    value: Any = None
    na: bool = False
    na_reason: str | None = None
    unknown: bool = False
    comment: str = ""
    evidence: str = ""

    @property
    def is_open(self) -> bool:
        return not self.na and not self.unknown and self.value is None


def _following(rule: TextRule):
    """A pydantic check that a text of the file follows `rule` (the message is the domain's Dutch)."""

    def check(text: str) -> str:
        problem = text_problem(text, rule)
        if problem:
            raise PydanticCustomError("text_rule", problem)
        return text

    return AfterValidator(check)


QuestionnaireRef = Annotated[str, _following(QUESTIONNAIRE_REF)]


class _AnswerRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: Any = None
    na: bool = False
    na_reason: str | None = None
    unknown: bool = False
    comment: str | None = None
    evidence: str | None = None


class _QuestionnaireRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: QuestionnaireRef
    version: QuestionnaireRef


class _Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1), _following(NAME)]
    kind: OrganisationKind


class _AnswersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str
    questionnaire: _QuestionnaireRef
    organisation: _Organisation
    period: Annotated[str, Field(min_length=1), _following(PERIOD)]
    answers: dict[QuestionnaireRef, _AnswerRecord] = Field(default_factory=dict)


@dataclass(frozen=True)
class AnswerSet:
    """An assessment outside any database: whose answers, to which questionnaire, for which period."""

    questionnaire_id: str
    questionnaire_version: str
    organisation_name: str
    organisation_kind: str
    period: str
    answers: dict[str, Answer]

    def to_data(self) -> dict:
        return {
            "format": ANSWERS_FORMAT,
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "organisation": {"name": self.organisation_name, "kind": self.organisation_kind},
            "period": self.period,
            "answers": {
                question_id: {
                    "value": answer.value, "na": answer.na, "na_reason": answer.na_reason,
                    "unknown": answer.unknown, "comment": answer.comment, "evidence": answer.evidence,
                }
                for question_id, answer in self.answers.items()
            },
        }


class AnswersError(Exception):
    """An answers file or set of answers was refused; `problems` lists every reason (in Dutch)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_answers_file(text: str, source: str = "<antwoorden>") -> AnswerSet:
    """Read the envelope of an answers file; `check_answers` then checks it against its questionnaire."""
    try:
        data = read_json(text)
    except JSONRefused as error:
        raise AnswersError([f"{source}: {error}"]) from None
    if not isinstance(data, dict) or data.get("format") != ANSWERS_FORMAT:
        raise AnswersError([f"{source}: dit is geen antwoordenbestand; verwacht \"format\": "
                            f"\"{ANSWERS_FORMAT}\""])
    try:
        parsed = _AnswersFile.model_validate(data)
    except ValidationError as error:
        raise AnswersError([
            f"{source}: {'.'.join(shown_key(part) for part in item['loc'] if part != '[key]')}: "
            f"{_answer_message(item)}"
            for item in error.errors()
        ]) from None
    return AnswerSet(
        questionnaire_id=parsed.questionnaire.id,
        questionnaire_version=parsed.questionnaire.version,
        organisation_name=parsed.organisation.name,
        organisation_kind=parsed.organisation.kind,
        period=parsed.period,
        answers={
            question_id: Answer(
                value=record.value, na=record.na, na_reason=record.na_reason, unknown=record.unknown,
                comment=record.comment or "", evidence=record.evidence or "",
            )
            for question_id, record in parsed.answers.items()
        },
    )


_ANSWER_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekende sleutel",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "dict_type": "moet een blok met sleutels zijn",
    "model_type": "moet een blok met sleutels zijn",
}


def _answer_message(item: dict) -> str:
    if item["type"] == "literal_error":
        return f"onbekende waarde {item['input']!r}; kies uit {', '.join(ASSESSED_KINDS)}"
    if item["type"] == "text_rule":
        return item["msg"]
    return _ANSWER_MESSAGES.get(item["type"], item["msg"])


def check_answers(questionnaire: Questionnaire, kind: str | None, answers: dict[str, Answer]) -> list[str]:
    """Every reason why `answers` cannot be scored against `questionnaire`, in Dutch; empty when fine.

    With `kind` None every question counts, whoever it is meant for.
    """
    problems = []
    for question_id, answer in answers.items():
        found = questionnaire.questions.get(question_id)
        if found is None:
            problems.append(f"{question_id}: deze vraag bestaat niet in {questionnaire.id} "
                            f"versie {questionnaire.version}")
            continue
        question = found[2]
        if not questionnaire.is_for(question_id, kind):
            problems.append(f"{question_id}: deze vraag is niet voor een {kind} "
                            f"(alleen voor: {', '.join(questionnaire.kinds[question_id])})")
            continue
        problem = answer_problem(questionnaire, question, answer)
        if problem:
            problems.append(f"{question_id}: {problem}")
    return problems


def check_answer_texts(questionnaire: Questionnaire, answers: dict[str, Answer]) -> list[str]:
    """Every typed text of `answers` that breaks the text rules, in Dutch; empty when fine.

    Checked where answers come in (a form, an answers file), not when they are scored: an answer
    stored before a limit existed still counts.
    """
    problems = []
    for question_id, answer in answers.items():
        found = questionnaire.questions.get(question_id)
        question = found[2] if found is not None else None
        problems += [f"{question_id}: {problem}" for problem in answer_text_problems(question, answer)]
    return problems


# What each typed text of an answer is called in a message, and the rule it follows.
ANSWER_TEXTS = (("na_reason", "de reden voor niet van toepassing", LONG_TEXT),
                ("comment", "de toelichting", LONG_TEXT), ("evidence", "de onderbouwing", EVIDENCE))


def answer_text_problems(question, answer: Answer) -> list[str]:
    """Why the typed texts of an answer (and a text question's answer) break the text rules, in Dutch."""
    texts = [(name, getattr(answer, field) or "", rule) for field, name, rule in ANSWER_TEXTS]
    typed = question.typed_text(answer.value) if question is not None else None
    if typed is not None:
        texts.insert(0, ("het antwoord", typed, LONG_TEXT))
    return [f"{name} {problem}" for name, text, rule in texts
            if isinstance(text, str) and (problem := text_problem(text, rule))]


def answer_problem(questionnaire: Questionnaire, question, answer: Answer) -> str | None:
    """Why this one answer is not acceptable, or None."""
    if answer.na and answer.unknown:
        return "kies 'niet van toepassing' of 'weet niet', niet allebei"
    if answer.na:
        if not question.allow_na:
            return "'niet van toepassing' is bij deze vraag niet toegestaan"
        if not (answer.na_reason or "").strip():
            return "geef een reden waarom de vraag niet van toepassing is"
        if answer.value is not None:
            return "een vraag die niet van toepassing is, heeft geen antwoord"
        return None
    if answer.unknown:
        return "bij 'weet niet' hoort geen antwoord" if answer.value is not None else None
    if answer.value is None:
        return None
    return question.value_problem(questionnaire, answer.value)


def answer_text(questionnaire: Questionnaire, question, answer: Answer | None) -> str:
    """The answer as a reader would say it: 'ja', '3 - Toegepast', 'Goed', '1,5 fte', 'weet niet'.

    The one wording of an answer: the report, exports, the audit log and the command line use it.
    """
    if answer is None or answer.is_open:
        return "niet beantwoord"
    if answer.na:
        return "niet van toepassing"
    if answer.unknown:
        return "weet niet"
    return question.describe_value(questionnaire, answer.value)
