"""The fixed forms. The questionnaire pages' forms are built from the definition in answer_form.py."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, Length

from ..domain.limits import EMAIL, LONG_TEXT, NAME, PERIOD
from ..domain.wording import LEAST_PRIVILEGE, ORGANISATION_KINDS, ROLES
from .choices import choices
from .ids import id_choice
from .labels import kind_choices, role_choices
from .validators import TypedText

REQUIRED = _l("Dit veld is verplicht.")


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(REQUIRED), TypedText(EMAIL)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(REQUIRED), Length(max=128)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Huidig wachtwoord"), validators=[DataRequired(REQUIRED)])
    new = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(REQUIRED)],
                        description=_l("Minstens 10 tekens. Een zin van een paar woorden is sterk en goed te onthouden."))
    repeat = PasswordField(_l("Herhaal het nieuwe wachtwoord"),
                           validators=[DataRequired(REQUIRED), EqualTo("new", _l("De wachtwoorden zijn niet gelijk."))])


class ActionForm(FlaskForm):
    """A button that changes something: CSRF token plus the version the page was loaded at."""

    version = HiddenField()


class SendBackForm(ActionForm):
    comment = TextAreaField(_l("Waarom gaat de beoordeling terug?"),
                            validators=[DataRequired(_l("Schrijf erbij waarom de beoordeling teruggaat.")),
                                        TypedText(LONG_TEXT)])


class StartForm(FlaskForm):
    organisation = SelectField(_l("Organisatie"), coerce=id_choice)
    questionnaire = SelectField(_l("Vragenlijst"))
    period = StringField(_l("Periode"), validators=[DataRequired(REQUIRED), TypedText(PERIOD)],
                         description=_l("Een jaar (2026) of een deel ervan: een halfjaar (2026-H1) of een kwartaal "
                                        "(2026-Q3)."))
    name = StringField(_l("Naam"), validators=[TypedText(NAME)],
                       description=_l("Laat leeg voor een naam met vragenlijst en periode."))
    copy_previous = BooleanField(_l("Begin met de antwoorden van de vorige vastgestelde beoordeling"),
                                 description=_l("Overgenomen antwoorden zijn gemarkeerd tot iemand ze bevestigt of wijzigt."))


class ImportForm(FlaskForm):
    organisation = SelectField(_l("Organisatie"), coerce=id_choice)
    file = FileField(_l("Antwoordenbestand (JSON)"), validators=[FileRequired(_l("Kies een bestand."))])
    name = StringField(_l("Naam"), validators=[TypedText(NAME)])


class GrantForm(FlaskForm):
    organisation = SelectField(_l("Adviesbureau"), coerce=id_choice)


class OrganisationForm(FlaskForm):
    name = StringField(_l("Naam"), validators=[DataRequired(REQUIRED), TypedText(NAME)])
    kind = SelectField(_l("Soort"), choices=choices(kind_choices(ORGANISATION_KINDS)))
    participant_of = SelectField(_l("Deelnemer van (alleen gemeente of provincie)"), coerce=id_choice)


class ParticipationForm(FlaskForm):
    omgevingsdienst = SelectField(_l("Omgevingsdienst"), coerce=id_choice)
    participant = SelectField(_l("Deelnemer (gemeente of provincie)"), coerce=id_choice)


class UserForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(REQUIRED), TypedText(EMAIL)])
    name = StringField(_l("Naam"), validators=[TypedText(NAME)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(REQUIRED)])
    organisation = SelectField(_l("Organisatie"), coerce=id_choice)
    # the least privilege by default: a mistaken click gives someone too little, never too much
    role = SelectField(_l("Rol"), choices=choices(role_choices(ROLES)), default=LEAST_PRIVILEGE)


class MembershipForm(FlaskForm):
    organisation = SelectField(_l("Organisatie"), coerce=id_choice)
    role = SelectField(_l("Rol"), choices=choices(role_choices(ROLES)), default=LEAST_PRIVILEGE)


class LanguageForm(FlaskForm):
    lang = HiddenField()


def show_error(form, error: Exception, default: str) -> None:
    """Put a service's refusal under the field it is about (InvalidInput names it), else under `default`."""
    field = form._fields.get(getattr(error, "field", "")) or form[default]
    field.errors = [*field.errors, str(error)]
