"""The beheerder's pages: organisations, participations and users."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..domain.wording import PARTICIPANT_KINDS
from ..services import access, accounts
from ..services.errors import ServiceError
from .choices import choices
from .confirmations import confirm_remove_participation
from .forms import ActionForm, MembershipForm, OrganisationForm, ParticipationForm, UserForm, show_error
from .session import admin_blueprint, signed_in_user

bp = admin_blueprint("admin", __name__, url_prefix="/beheer")






def _organisation_forms():
    organisations = accounts.all_organisations()
    org_form = OrganisationForm(prefix="org")
    ods = [(o.id, o.name) for o in organisations if o.kind == "omgevingsdienst"]
    participants = [(o.id, o.name) for o in organisations if o.kind in PARTICIPANT_KINDS]
    org_form.participant_of.choices = choices([(0, _("(geen)"))] + ods)
    participation_form = ParticipationForm(prefix="part")
    participation_form.omgevingsdienst.choices = choices(ods)
    participation_form.participant.choices = choices(participants)
    return organisations, org_form, participation_form


@bp.route("/organisaties", methods=["GET", "POST"])
def organisations():
    organisations, org_form, participation_form = _organisation_forms()
    if org_form.validate_on_submit():
        od = next((o.name for o in organisations if o.id == org_form.participant_of.data), None)
        try:
            organisation = accounts.create_organisation(org_form.name.data, org_form.kind.data, od, by=signed_in_user())
        except ServiceError as error:
            org_form.name.errors = [str(error)]
        else:
            flash(_("Organisatie %(name)s is aangemaakt.", name=organisation.name), "success")
            return redirect(url_for(".organisations"))
    return render_template("admin/organisations.html", organisations=organisations, org_form=org_form,
                           participation_form=participation_form, action_form=ActionForm(),
                           participations=accounts.all_participations())


@bp.post("/deelnemers")
def add_participation():
    organisations, _org_form, form = _organisation_forms()
    if form.validate_on_submit():
        by_id = {o.id: o for o in organisations}
        try:
            accounts.add_participation(by_id[form.omgevingsdienst.data], by_id[form.participant.data], by=signed_in_user())
            flash(_("De deelname is vastgelegd."), "success")
        except ServiceError as error:
            flash(str(error), "error")
    else:
        flash(_("Kies een omgevingsdienst en een deelnemer."), "error")
    return redirect(url_for(".organisations"))


@bp.route("/deelnemers/<int:participation_id>/verwijderen", methods=["GET", "POST"])
def remove_participation(participation_id: int):
    if request.method == "GET":
        return confirm_remove_participation(accounts.get_participation(participation_id))
    if ActionForm().validate_on_submit():
        accounts.remove_participation(participation_id, by=signed_in_user())
        flash(_("De deelname is verwijderd."), "success")
    return redirect(url_for(".organisations"))


@bp.route("/gebruikers", methods=["GET", "POST"])
def users():
    organisations = accounts.all_organisations()
    form = UserForm(prefix="user")
    form.organisation.choices = choices([(o.id, o.name) for o in organisations])
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data, form.password.data,
                                        accounts.get_organisation(form.organisation.data), form.role.data,
                                        form.name.data or "", by=signed_in_user())
        except ServiceError as error:
            show_error(form, error, "email")
        else:
            flash(_("Gebruiker %(email)s is aangemaakt.", email=user.email), "success")
            return redirect(url_for(".users"))
    membership_form = MembershipForm(prefix="member")
    membership_form.organisation.choices = form.organisation.choices
    return render_template("admin/users.html", users=accounts.all_users(), form=form,
                           membership_form=membership_form, action_form=ActionForm())


@bp.post("/gebruikers/<int:user_id>/lidmaatschap")
def add_membership(user_id: int):
    user = accounts.get_user(user_id)
    form = MembershipForm(prefix="member")
    form.organisation.choices = choices([(o.id, o.name) for o in accounts.all_organisations()])
    if form.validate_on_submit():
        accounts.set_membership(user, accounts.get_organisation(form.organisation.data), form.role.data, by=signed_in_user())
        flash(_("Het lidmaatschap is vastgelegd."), "success")
    return redirect(url_for(".users"))


@bp.post("/gebruikers/<int:user_id>/actief")
def toggle_active(user_id: int):
    user = accounts.get_user(user_id)
    if ActionForm().validate_on_submit():
        if not access.may_block(signed_in_user(), user):
            flash(_("U kunt uw eigen account niet blokkeren."), "error")
        else:
            accounts.set_user_active(user, not user.is_active, signed_in_user())
            flash(_("Account %(email)s is bijgewerkt.", email=user.email), "success")
    return redirect(url_for(".users"))
