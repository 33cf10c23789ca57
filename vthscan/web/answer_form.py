"""The definition builds the form: one WTForms class per pillar page, made at runtime.

Each question type has a field builder in TYPES (keyed like the domain's `QUESTION_TYPES`) that
knows its input field, the template macro that shows it (`assessments/_answer_fields.html`) and how
to read a typed value back; the domain (`answer_problem`) says whether the resulting answer is acceptable.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField

from ..domain.answers import Answer, answer_problem
from ..domain.limits import EVIDENCE, LONG_TEXT
from ..domain.numbers import NotANumber, NumberTooLarge, parse_number
from ..domain.questionnaire import Pillar, Questionnaire
from ..domain.wording import format_number
from .choices import choices
from .validators import TypedText


class QuestionType(ABC):
    """How one kind of question is asked in a form."""

    macro: str  # the macro in assessments/_answer_fields.html that shows the field

    @abstractmethod
    def field(self, questionnaire: Questionnaire, question):
        """The WTForms field that asks this question."""

    def to_form(self, value):
        return None if value is None else str(value)

    @abstractmethod
    def from_form(self, raw) -> tuple[object, str | None]:
        """(value, None) or (None, Dutch problem); an empty field gives (None, None)."""


class YesNoType(QuestionType):
    macro = "radios"

    def field(self, questionnaire, question):
        return RadioField(question.text, choices=choices([("ja", _l("Ja")), ("nee", _l("Nee"))]), validate_choice=False)

    def to_form(self, value):
        return None if value is None else ("ja" if value else "nee")

    def from_form(self, raw):
        if raw in (None, ""):
            return None, None
        return {"ja": (True, None), "nee": (False, None)}.get(raw, (None, _("Kies ja of nee.")))


class ScaleType(QuestionType):
    macro = "radios"

    def field(self, questionnaire, question):
        labels = questionnaire.scales[question.scale].labels
        return RadioField(question.text, choices=choices([(str(k), f"{k} – {v}") for k, v in sorted(labels.items())]),
                          validate_choice=False)

    def from_form(self, raw):
        if raw in (None, ""):
            return None, None
        return (int(raw), None) if raw in {"0", "1", "2", "3", "4"} else (None, _("Kies een van de waarden."))


class ChoiceType(QuestionType):
    macro = "radios"

    def field(self, questionnaire, question):
        return RadioField(question.text, choices=choices([(o.id, o.label) for o in question.options]), validate_choice=False)

    def from_form(self, raw):
        return (raw or None), None  # an unknown option is reported by the domain


class NumberType(QuestionType):
    macro = "number"

    def field(self, questionnaire, question):
        return StringField(question.text)

    def to_form(self, value):
        return None if value is None else format_number(value, decimals=10)  # as precise as anyone types

    def from_form(self, raw):
        text = (raw or "").strip().replace(" ", "")
        if not text:
            return None, None
        try:
            return parse_number(text), None
        except NumberTooLarge:
            return None, _("Dit getal is te groot.")
        except NotANumber:
            return None, _("Vul een getal in, bijvoorbeeld 12 of 2,5.")


class PercentageType(NumberType):
    def from_form(self, raw):
        return super().from_form((raw or "").strip().removesuffix("%"))  # '85%' as people write it


class TextType(QuestionType):
    macro = "textarea"

    def field(self, questionnaire, question):
        return TextAreaField(question.text, validators=[TypedText(LONG_TEXT)])

    def from_form(self, raw):
        text = (raw or "").strip()
        return (text or None), None


TYPES: dict[str, QuestionType] = {
    "yes_no": YesNoType(), "scale": ScaleType(), "choice": ChoiceType(), "number": NumberType(), "text": TextType(),
    "percentage": PercentageType(),
}


def field_prefix(question_id: str) -> str:
    return "q_" + re.sub(r"[^A-Za-z0-9_]", "_", question_id)


@dataclass
class QuestionFields:
    """Everything a template needs to show one question."""

    question: object
    criterion: object
    prefix: str
    value: object
    na: object | None
    na_reason: object | None
    unknown: object
    comment: object
    evidence: object
    confirm: object | None
    is_copied: bool
    errors: list[str]

    @property
    def unit(self) -> str:
        return getattr(self.question, "unit", "")

    @property
    def macro(self) -> str:
        return TYPES[self.question.type].macro

    @property
    def described_by(self) -> str:
        """The ids of the texts that describe the answer field: its help, and its errors when there are."""
        return self.prefix + "-help" + (f" {self.prefix}-error" if self.errors else "")

    @property
    def is_radio(self) -> bool:
        return isinstance(self.value, RadioField)

    @property
    def anchor(self) -> str:
        """The element the error summary links to: the first radio button, or the input itself."""
        return self.value.id + "-0" if self.is_radio else self.value.id

    @property
    def typed_fields(self) -> list:
        """The fields beside the answer where a user types text (N/A reason, comment, evidence)."""
        return [field for field in (self.na_reason, self.comment, self.evidence) if field is not None]


class PillarForm(FlaskForm):
    version = HiddenField()

    def setup(self, questionnaire: Questionnaire, pillar: Pillar, copied: set[str]) -> None:
        self.questionnaire, self.pillar, self.copied = questionnaire, pillar, copied

    def question_fields(self) -> list[QuestionFields]:
        items = []
        for criterion in self.pillar.criteria:
            for question in criterion.questions:
                prefix = field_prefix(question.id)
                items.append(QuestionFields(
                    question=question, criterion=criterion, prefix=prefix, value=self[prefix],
                    na=self._fields.get(prefix + "_na"), na_reason=self._fields.get(prefix + "_na_reason"),
                    unknown=self[prefix + "_unknown"], comment=self[prefix + "_comment"],
                    evidence=self[prefix + "_evidence"], confirm=self._fields.get(prefix + "_confirm"),
                    is_copied=question.id in self.copied, errors=list(self[prefix].errors)))
        return items

    def read_answers(self) -> tuple[dict[str, Answer], set[str]]:
        """The answers typed on this page and the copied ones confirmed; sets field errors on problems."""
        answers, confirmed = {}, set()
        for criterion in self.pillar.criteria:
            for question in criterion.questions:
                prefix = field_prefix(question.id)
                value, problem = TYPES[question.type].from_form(self[prefix].data)
                na_field = self._fields.get(prefix + "_na")
                na = bool(na_field.data) if na_field is not None else False
                reason_field = self._fields.get(prefix + "_na_reason")
                reason = (reason_field.data or "").strip() if reason_field is not None else ""
                answer = Answer(value=value, na=na, na_reason=reason or None,
                                unknown=bool(self[prefix + "_unknown"].data),
                                comment=(self[prefix + "_comment"].data or "").strip(),
                                evidence=(self[prefix + "_evidence"].data or "").strip())
                if problem is None:
                    problem = answer_problem(self.questionnaire, question, answer)
                    if problem:
                        problem = problem[0].upper() + problem[1:] + "."
                if problem and problem not in self[prefix].errors:
                    self[prefix].errors = [*self[prefix].errors, problem]
                answers[question.id] = answer
                confirm = self._fields.get(prefix + "_confirm")
                if confirm is not None and confirm.data:
                    confirmed.add(question.id)
        return answers, confirmed

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks (typed text) and every answer against the questionnaire, all at once."""
        fields_valid = super().validate(extra_validators)
        self.read_answers()
        return fields_valid and not self.error_summary

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the summary at the top of the page."""
        items = []
        for item in self.question_fields():
            items += [(item.anchor, item.question.text, message) for message in item.errors]
            items += [(field.id, f"{item.question.text} – {field.label.text}", message)
                      for field in item.typed_fields for message in field.errors]
        return items


def make_pillar_form(questionnaire: Questionnaire, pillar: Pillar, answers: dict[str, Answer],
                     copied: set[str], version: int, formdata=None) -> PillarForm:
    """A form for one pillar page: filled from `answers`, or from the posted data when there is some."""

    class Form(PillarForm):
        pass

    data = {"version": str(version)}
    for criterion in pillar.criteria:
        for question in criterion.questions:
            prefix = field_prefix(question.id)
            kind = TYPES[question.type]
            setattr(Form, prefix, kind.field(questionnaire, question))
            if question.allow_na:
                setattr(Form, prefix + "_na", BooleanField(_l("Niet van toepassing")))
                setattr(Form, prefix + "_na_reason", StringField(_l("Waarom niet van toepassing?"),
                                                                 validators=[TypedText(LONG_TEXT)]))
            setattr(Form, prefix + "_unknown", BooleanField(_l("Weet niet")))
            setattr(Form, prefix + "_comment", TextAreaField(_l("Toelichting"), validators=[TypedText(LONG_TEXT)]))
            setattr(Form, prefix + "_evidence", StringField(_l("Onderbouwing (link of verwijzing naar een document)"),
                                                            validators=[TypedText(EVIDENCE)]))
            if question.id in copied:
                setattr(Form, prefix + "_confirm", BooleanField(_l("Dit overgenomen antwoord klopt nog")))
            answer = answers.get(question.id, Answer())
            data.update({prefix: kind.to_form(answer.value), prefix + "_na": answer.na,
                         prefix + "_na_reason": answer.na_reason or "", prefix + "_unknown": answer.unknown,
                         prefix + "_comment": answer.comment, prefix + "_evidence": answer.evidence})
    if formdata is not None:
        form = Form(formdata=formdata)
    else:
        form = Form(formdata=None, data=data)
    form.setup(questionnaire, pillar, copied)
    return form
