"""The forms of the plan van aanpak and of the what-if projection.

The action form checks only what a form can (the length and characters of typed text, and that a date
is a date); the plan's rules (owners, due after start, a reason for vervallen) are the domain's, and
the service's refusal (ActionInvalid) is shown at the fields with `show_problems`. The target form is
made from the questionnaire: one field per scored question, with the field builders of the answer
form (answer_form.TYPES), so a target is typed and read exactly like an answer.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from ..domain.answers import Answer
from ..domain.limits import ACTION_TEXT, EVIDENCE, LONG_TEXT
from ..domain.plan import STATUSES
from ..domain.questionnaire import Questionnaire
from .answer_form import TYPES, field_prefix
from .choices import choices
from .ids import id_choice
from .labels import plan_status_label
from .validators import TypedText

GENERAL = ""  # the criterion choice of an action about no one criterion ("algemeen")


def day_of(text: str | None) -> date | None:
    """A date typed as 2026-03-31 (what a browser's date field sends); None when empty; ValueError else."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) != 10 or not text.isascii():
        raise ValueError(text)
    return date.fromisoformat(text)


def _check_day(form, field) -> None:
    try:
        day_of(field.data)
    except ValueError:
        raise ValidationError(_("Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.")) from None


class PlanActionForm(FlaskForm):
    version = HiddenField()
    text = TextAreaField(_l("Wat gaat u doen?"), validators=[TypedText(ACTION_TEXT)])
    criterion = SelectField(_l("Criterium"), validate_choice=False)
    owner = SelectField(_l("Eigenaar"), validate_choice=False)
    start = StringField(_l("Startdatum"), validators=[_check_day], description=_l("Bijvoorbeeld 2026-04-01."))
    due = StringField(_l("Einddatum"), validators=[_check_day], description=_l("Niet vóór de startdatum."))
    status = SelectField(_l("Status"), validate_choice=False)
    reason = TextAreaField(_l("Reden (alleen bij vervallen)"), validators=[TypedText(LONG_TEXT)])
    evidence = StringField(_l("Bewijs dat de actie gereed is (link of verwijzing)"), validators=[TypedText(EVIDENCE)])

    def setup(self, criteria: list[tuple[str, str]], owners: list[tuple[str, str]]) -> PlanActionForm:
        self.criterion.choices = choices([(GENERAL, _("algemeen (geen criterium)")), *criteria])
        self.owner.choices = choices([("", _("nog niemand")), *owners])
        self.status.choices = choices([(status, plan_status_label(status)) for status in STATUSES])
        return self

    def show_problems(self, errors: dict[str, list[str]]) -> None:
        """The service's problems at their fields (a problem of another field at the text)."""
        for name, messages in errors.items():
            field = self._fields.get(name, self.text)
            field.errors = [*field.errors, *messages]

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        return [(field.id, field.label.text, message) for field in self if field.errors for message in field.errors]


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Voortgang"), validators=[TypedText(LONG_TEXT)],
                         description=_l("Wat is er gedaan of afgesproken? Uw naam en de tijd komen erbij."))


class ChoiceForm(FlaskForm):
    """A list of checkboxes posted as one name (suggested actions, actions to close): CSRF only."""

    assessment = HiddenField()


class PlanImportForm(FlaskForm):
    organisation = SelectField(_l("Organisatie"), coerce=id_choice)
    file = FileField(_l("Planbestand (JSON, vthscan.plan/1)"), validators=[FileRequired(_l("Kies een bestand."))])


# --- target answers --------------------------------------------------------------------------------------

def target_name(question_id: str) -> str:
    return "doel_" + field_prefix(question_id).removeprefix("q_")


class TargetForm(FlaskForm):
    """Target answers for chosen questions; an empty field leaves the answer as it is."""

    def setup(self, questionnaire: Questionnaire, groups: list) -> TargetForm:
        self.questionnaire, self.groups = questionnaire, groups
        return self

    def field_for(self, question_id: str):
        return self[target_name(question_id)]

    @property
    def set_ids(self) -> list[str]:
        """The questions with a target typed or chosen (their group is shown open)."""
        return [question.id for _criterion, questions in self.groups for question in questions
                if (self.field_for(question.id).data or "") != "" or self.field_for(question.id).errors]

    def targets(self) -> dict[str, Answer]:
        """The targets typed; a value that cannot be read sets an error on its field."""
        found = {}
        for _criterion, questions in self.groups:
            for question in questions:
                field = self[target_name(question.id)]
                value, problem = TYPES[question.type].from_form(field.data)
                if problem:
                    field.errors = [*field.errors, problem]
                elif value is not None:
                    found[question.id] = Answer(value=value)
        return found

    def show_problems(self, errors: dict[str, list[str]]) -> None:
        """The service's problems (`improves.<question id>`) at their fields."""
        for name, messages in errors.items():
            field = self._fields.get(target_name(name.removeprefix("improves.")))
            field = field if field is not None else next(iter(self))
            field.errors = [*field.errors, *messages]

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        return [(field.id, field.label.text, message) for field in self if field.errors for message in field.errors]


def make_target_form(questionnaire: Questionnaire, groups: list, formdata, initial: dict | None = None,
                     csrf: bool = False) -> TargetForm:
    """A form with a target field per question of `groups` ((criterion, questions) pairs)."""

    class Form(TargetForm):
        pass

    if not csrf:  # a GET form that changes nothing; otherwise the app's CSRF setting holds
        Form.Meta = type("Meta", (), {"csrf": False})
    data = {}
    for _criterion, questions in groups:
        for question in questions:
            kind = TYPES[question.type]
            unbound = kind.field(questionnaire, question)
            if unbound.field_class is RadioField:
                offered = [choice if isinstance(choice, tuple) else (choice.value, choice.label)
                           for choice in unbound.kwargs["choices"]]
                field = SelectField(question.text, validate_choice=False,
                                    choices=choices([("", _l("niet veranderen")), *offered]))
            else:
                field = StringField(question.text, description=_l("Leeg: niet veranderen."))
            setattr(Form, target_name(question.id), field)
            if initial and question.id in initial:
                data[target_name(question.id)] = kind.to_form(initial[question.id])
    return Form(formdata=formdata, data=data).setup(questionnaire, groups)
