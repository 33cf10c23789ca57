"""A coordinator manages the members of their organisation."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired

from .. import services
from ..domain.limits import EMAIL, NAME
from ..extensions import db
from .choices import choices
from .forms import REQUIRED, ActionForm
from .labels import role_choices
from .validators import TypedText

bp = Blueprint("members", __name__, url_prefix="/organisaties")


class MemberForm(FlaskForm):
    """A new account in the organisation; an existing account is attached by the beheerder."""

    email = EmailField(_l("E-mailadres"), validators=[DataRequired(REQUIRED), TypedText(EMAIL)])
    role = SelectField(_l("Rol"), choices=choices(role_choices(services.MEMBER_ROLES)))
    name = StringField(_l("Naam"), validators=[TypedText(NAME)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(REQUIRED)],
                             description=_l("Minstens 10 tekens. Geef het wachtwoord op een veilige manier door "
                                            "aan de nieuwe gebruiker."))


class RoleForm(FlaskForm):
    role = SelectField(_l("Rol"), choices=choices(role_choices(services.MEMBER_ROLES)))


@bp.before_request
@login_required
def _require_login():
    return None


@bp.get("/")
def index():
    organisations = services.coordinated_organisations(current_user)
    if not organisations:
        abort(404)
    return redirect(url_for(".members", organisation_id=organisations[0].id))


@bp.route("/<int:organisation_id>/leden", methods=["GET", "POST"])
def members(organisation_id: int):
    organisation = services.coordinated_organisation(current_user, organisation_id)
    form = MemberForm()
    if form.validate_on_submit():
        try:
            services.add_member(current_user._get_current_object(), organisation, form.email.data, form.role.data,
                                form.password.data, form.name.data or "")
            db.session.commit()
            flash(_("Het account is aangemaakt."), "success")
            return redirect(url_for(".members", organisation_id=organisation.id))
        except services.ServiceError as error:
            db.session.rollback()
            form.email.errors = [str(error)]
    return render_template("members/members.html", organisation=organisation, form=form,
                           organisations=services.coordinated_organisations(current_user),
                           members=services.members(organisation), action_form=ActionForm(),
                           member_roles=role_choices(services.MEMBER_ROLES))


@bp.post("/<int:organisation_id>/leden/<int:membership_id>/rol")
def change_role(organisation_id: int, membership_id: int):
    organisation = services.coordinated_organisation(current_user, organisation_id)
    form = RoleForm()
    try:
        services.change_member_role(current_user._get_current_object(), organisation, membership_id,
                                    form.role.data if form.validate_on_submit() else "")
        db.session.commit()
        flash(_("De rol is gewijzigd."), "success")
    except services.ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
    return redirect(url_for(".members", organisation_id=organisation.id))


@bp.post("/<int:organisation_id>/leden/<int:membership_id>/verwijderen")
def remove(organisation_id: int, membership_id: int):
    organisation = services.coordinated_organisation(current_user, organisation_id)
    if ActionForm().validate_on_submit():
        try:
            services.remove_member(current_user._get_current_object(), organisation, membership_id)
            db.session.commit()
            flash(_("Het lid is uit de organisatie verwijderd."), "success")
        except services.ServiceError as error:
            db.session.rollback()
            flash(str(error), "error")
    return redirect(url_for(".members", organisation_id=organisation.id))
