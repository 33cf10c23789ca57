"""A coordinator manages the members of their organisation."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired

from ..domain.limits import EMAIL, NAME
from ..domain.wording import LEAST_PRIVILEGE
from ..services import access, accounts
from ..services.errors import ServiceError
from .choices import choices
from .forms import REQUIRED, ActionForm, show_error
from .labels import role_choices
from .session import members_blueprint, signed_in_user
from .validators import TypedText

bp = members_blueprint("members", __name__, url_prefix="/organisaties")


class MemberForm(FlaskForm):
    """A new account in the organisation; an existing account is attached by the beheerder."""

    email = EmailField(_l("E-mailadres"), validators=[DataRequired(REQUIRED), TypedText(EMAIL)])
    role = SelectField(_l("Rol"), choices=choices(role_choices(accounts.MEMBER_ROLES)), default=LEAST_PRIVILEGE)
    name = StringField(_l("Naam"), validators=[TypedText(NAME)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(REQUIRED)],
                             description=_l("Minstens 10 tekens. Geef het wachtwoord op een veilige manier door "
                                            "aan de nieuwe gebruiker."))


class RoleForm(FlaskForm):
    role = SelectField(_l("Rol"), choices=choices(role_choices(accounts.MEMBER_ROLES)))






@bp.get("/")
def index():
    organisation = access.first_coordinated_organisation(signed_in_user())
    return redirect(url_for(".members", organisation_id=organisation.id))


@bp.route("/<int:organisation_id>/leden", methods=["GET", "POST"])
def members(organisation_id: int):
    organisation = access.coordinated_organisation(signed_in_user(), organisation_id)
    form = MemberForm()
    if form.validate_on_submit():
        try:
            accounts.add_member(signed_in_user(), organisation, form.email.data, form.role.data, form.password.data,
                                form.name.data or "")
            flash(_("Het account is aangemaakt."), "success")
            return redirect(url_for(".members", organisation_id=organisation.id))
        except ServiceError as error:
            show_error(form, error, "email")
    members = accounts.members(organisation)
    return render_template("members/members.html", organisation=organisation, form=form,
                           organisations=access.coordinated_organisations(signed_in_user()), members=members,
                           changeable={m.id for m in members if access.may_change_member(signed_in_user(), m)},
                           action_form=ActionForm(), member_roles=role_choices(accounts.MEMBER_ROLES))


@bp.post("/<int:organisation_id>/leden/<int:membership_id>/rol")
def change_role(organisation_id: int, membership_id: int):
    organisation = access.coordinated_organisation(signed_in_user(), organisation_id)
    form = RoleForm()
    try:
        accounts.change_member_role(signed_in_user(), organisation, membership_id,
                                    form.role.data if form.validate_on_submit() else "")
        flash(_("De rol is gewijzigd."), "success")
    except ServiceError as error:
        flash(str(error), "error")
    return redirect(url_for(".members", organisation_id=organisation_id))


@bp.post("/<int:organisation_id>/leden/<int:membership_id>/verwijderen")
def remove(organisation_id: int, membership_id: int):
    organisation = access.coordinated_organisation(signed_in_user(), organisation_id)
    if ActionForm().validate_on_submit():
        try:
            accounts.remove_member(signed_in_user(), organisation, membership_id)
            flash(_("Het lid is uit de organisatie verwijderd."), "success")
        except ServiceError as error:
            flash(str(error), "error")
    return redirect(url_for(".members", organisation_id=organisation_id))
