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
from ..domain.merge import PARTS, AnswerEdit, fingerprints, format_fingerprints, parse_fingerprints
from ..domain.numbers import NotANumber, NumberTooLarge, parse_number
from ..domain.questionnaire import Questionnaire
from ..domain.wording import format_number
from .choices import choices
from .validators import TypedText

NO_ANSWER = ("", _l("Geen antwoord"))  # the last choice of every radio group: an answer can be taken back


class QuestionType(ABC):
    """How one kind of question is asked in a form."""

    macro: str  # the macro in assessments/_answer_fields.html that shows the field
    labels_from_questionnaire = False  # True: the choices' labels are the questionnaire's (its language)

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
        return RadioField(question.text, choices=choices([("ja", _l("Ja")), ("nee", _l("Nee")), NO_ANSWER]),
                          validate_choice=False)

    def to_form(self, value):
        return "" if value is None else ("ja" if value else "nee")

    def from_form(self, raw):
        if raw in (None, ""):
            return None, None
        return {"ja": (True, None), "nee": (False, None)}.get(raw, (None, _("Kies ja of nee.")))


class ScaleType(QuestionType):
    macro = "radios"
    labels_from_questionnaire = True

    def field(self, questionnaire, question):
        labels = questionnaire.scales[question.scale].labels
        return RadioField(question.text, validate_choice=False,
                          choices=choices([(str(k), f"{k} – {v}") for k, v in sorted(labels.items())] + [NO_ANSWER]))

    def to_form(self, value):
        return "" if value is None else str(value)

    def from_form(self, raw):
        if raw in (None, ""):
            return None, None
        return (int(raw), None) if raw in {"0", "1", "2", "3", "4"} else (None, _("Kies een van de waarden."))


class ChoiceType(QuestionType):
    macro = "radios"
    labels_from_questionnaire = True

    def field(self, questionnaire, question):
        return RadioField(question.text, choices=choices([(o.id, o.label) for o in question.options] + [NO_ANSWER]),
                          validate_choice=False)

    def to_form(self, value):
        return "" if value is None else str(value)

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
    loaded: object
    conflict_marks: object
    keep: dict[str, object]   # part -> the radio field "keep their value / save mine" of a conflict
    is_copied: bool
    errors: list[str]

    @property
    def unit(self) -> str:
        return getattr(self.question, "unit", "")

    @property
    def macro(self) -> str:
        return TYPES[self.question.type].macro

    @property
    def labels_from_questionnaire(self) -> bool:
        return TYPES[self.question.type].labels_from_questionnaire

    @property
    def described_by(self) -> str:
        """The ids of the texts that describe the answer field: its help, and its errors when there are."""
        return self.prefix + "-help" + (f" {self.prefix}-error" if self.errors else "")

    @property
    def is_radio(self) -> bool:
        return isinstance(self.value, RadioField)

    @property
    def anchor(self) -> str:
        """The element the error summary links to: the question's legend, or the input itself."""
        return self.prefix + "-legend" if self.is_radio else self.value.id

    @property
    def typed_fields(self) -> list:
        """The fields beside the answer where a user types text (N/A reason, comment, evidence)."""
        return [field for field in (self.na_reason, self.comment, self.evidence) if field is not None]

    @property
    def conflicts(self) -> tuple[str, ...]:
        """The fields of this question in conflict on the page the form was sent from."""
        marked = (self.conflict_marks.data or "").split()
        return tuple(part for part in PARTS if part in marked)


class PillarForm(FlaskForm):
    version = HiddenField()
    where = HiddenField()  # the question the user was at (set by the page's script), to return to

    def setup(self, questionnaire: Questionnaire, criteria, copied: set[str]) -> None:
        self.questionnaire, self.criteria, self.copied = questionnaire, criteria, copied
        self.dropped: list[str] = []  # questions whose chosen value gave way to N/A or "weet niet"

    def question_fields(self) -> list[QuestionFields]:
        items = []
        for criterion in self.criteria:
            for question in criterion.questions:
                prefix = field_prefix(question.id)
                items.append(QuestionFields(
                    question=question, criterion=criterion, prefix=prefix, value=self[prefix],
                    na=self._fields.get(prefix + "_na"), na_reason=self._fields.get(prefix + "_na_reason"),
                    unknown=self[prefix + "_unknown"], comment=self[prefix + "_comment"],
                    evidence=self[prefix + "_evidence"], confirm=self._fields.get(prefix + "_confirm"),
                    loaded=self[prefix + "_loaded"], conflict_marks=self[prefix + "_conflicts"],
                    keep={part: self[f"{prefix}_keep_{part}"] for part in PARTS},
                    is_copied=question.id in self.copied, errors=list(self[prefix].errors)))
        return items

    def read_answers(self) -> tuple[dict[str, AnswerEdit], set[str]]:
        """The edits sent from this page and the copied answers confirmed; sets field errors on problems.

        Ticking N/A or "weet niet" wins over a chosen or typed value: the value is dropped (`dropped`).
        """
        edits, confirmed, self.dropped = {}, set(), []
        for item in self.question_fields():
            answer, problem = self._answer(item)
            if problem and problem not in item.value.errors:
                item.value.errors = [*item.value.errors, problem]
            keep_theirs = frozenset(part for part in item.conflicts if item.keep[part].data == "theirs")
            edits[item.question.id] = AnswerEdit(answer, parse_fingerprints(item.loaded.data), keep_theirs)
            if item.confirm is not None and item.confirm.data:
                confirmed.add(item.question.id)
        return edits, confirmed

    def _answer(self, item: QuestionFields) -> tuple[Answer, str | None]:
        na = bool(item.na.data) if item.na is not None else False
        unknown = bool(item.unknown.data)
        value, problem = None, None
        if na or unknown:
            if (item.value.data or "").strip():
                self.dropped.append(item.question.id)
        else:
            value, problem = TYPES[item.question.type].from_form(item.value.data)
        reason = (item.na_reason.data or "").strip() if item.na_reason is not None else ""
        answer = Answer(value=value, na=na, na_reason=reason or None, unknown=unknown,
                        comment=(item.comment.data or "").strip(), evidence=(item.evidence.data or "").strip())
        if problem is None:
            problem = answer_problem(self.questionnaire, item.question, answer)
            if problem:
                problem = problem[0].upper() + problem[1:] + "."
        return answer, problem

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks (typed text), every answer against the questionnaire, and a choice for
        every conflict the page showed, all at once."""
        fields_valid = super().validate(extra_validators)
        self.read_answers()
        for item in self.question_fields():
            for part in item.conflicts:
                if item.keep[part].data not in ("theirs", "mine") and not item.keep[part].errors:
                    item.keep[part].errors = [_("Kies welke waarde blijft.")]
        return fields_valid and not self.error_summary

    def marked_conflicts(self) -> dict[str, tuple[str, ...]]:
        """The fields in conflict per question, as the page the form came from showed them."""
        return {item.question.id: item.conflicts for item in self.question_fields() if item.conflicts}

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the summary at the top of the page."""
        items = []
        for item in self.question_fields():
            items += [(item.anchor, item.question.text, message) for message in item.errors]
            items += [(field.id, f"{item.question.text} – {field.label.text}", message)
                      for field in item.typed_fields for message in field.errors]
            items += [(f"conflict-{item.prefix}-{part}-legend", item.question.text, message)
                      for part in item.conflicts for message in item.keep[part].errors]
        return items


def make_pillar_form(questionnaire: Questionnaire, criteria, answers: dict[str, Answer],
                     copied: set[str], version: int, formdata=None, loaded: dict[str, Answer] | None = None,
                     conflicts: dict[str, tuple[str, ...]] | None = None,
                     confirmed: set[str] = frozenset()) -> PillarForm:
    """A form for the criteria of one page: filled from the posted data when there is some, else from
    `answers`, carrying the fingerprints of `loaded` (by default `answers`) and the `conflicts` to decide."""

    class Form(PillarForm):
        pass

    data = {"version": str(version)}
    for criterion in criteria:
        for question in criterion.questions:
            prefix = field_prefix(question.id)
            _add_fields(Form, questionnaire, question, prefix, question.id in copied)
            answer = answers.get(question.id, Answer())
            data.update({prefix: TYPES[question.type].to_form(answer.value), prefix + "_na": answer.na,
                         prefix + "_na_reason": answer.na_reason or "", prefix + "_unknown": answer.unknown,
                         prefix + "_comment": answer.comment, prefix + "_evidence": answer.evidence,
                         prefix + "_confirm": question.id in confirmed,
                         prefix + "_loaded": format_fingerprints(fingerprints((loaded or answers).get(
                             question.id, Answer()))),
                         prefix + "_conflicts": " ".join((conflicts or {}).get(question.id, ()))})
    form = Form(formdata=formdata) if formdata is not None else Form(formdata=None, data=data)
    form.setup(questionnaire, criteria, copied)
    return form


def _add_fields(form_class, questionnaire: Questionnaire, question, prefix: str, is_copied: bool) -> None:
    """The fields that ask one question, added to the form class."""
    setattr(form_class, prefix, TYPES[question.type].field(questionnaire, question))
    if question.allow_na:
        setattr(form_class, prefix + "_na", BooleanField(_l("Niet van toepassing")))
        setattr(form_class, prefix + "_na_reason", StringField(_l("Waarom niet van toepassing?"),
                                                               validators=[TypedText(LONG_TEXT)]))
    setattr(form_class, prefix + "_unknown", BooleanField(_l("Weet niet")))
    setattr(form_class, prefix + "_comment", TextAreaField(_l("Toelichting"), validators=[TypedText(LONG_TEXT)]))
    setattr(form_class, prefix + "_evidence", StringField(_l("Onderbouwing (link of verwijzing naar een document)"),
                                                          validators=[TypedText(EVIDENCE)]))
    if is_copied:
        setattr(form_class, prefix + "_confirm", BooleanField(_l("Dit overgenomen antwoord klopt nog")))
    setattr(form_class, prefix + "_loaded", HiddenField())
    setattr(form_class, prefix + "_conflicts", HiddenField())
    for part in PARTS:
        setattr(form_class, f"{prefix}_keep_{part}", RadioField(
            choices=choices([("theirs", "theirs"), ("mine", "mine")]), validate_choice=False))  # labelled on the page
