"""The beheerder's pages: organisations, participations and users."""

from __future__ import annotations

from .choices import choices

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import services
from ..domain.wording import PARTICIPANT_KINDS
from ..extensions import db
from .forms import ActionForm, MembershipForm, OrganisationForm, ParticipationForm, UserForm

bp = Blueprint("admin", __name__, url_prefix="/beheer")


@bp.before_request
@login_required
def _require_admin():
    if not current_user.is_admin:
        abort(404)  # the admin pages do not exist for anyone else
    return None


def _organisation_forms():
    organisations = services.all_organisations()
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
        try:
            od = next((o.name for o in organisations if o.id == org_form.participant_of.data), None)
            organisation = services.create_organisation(org_form.name.data, org_form.kind.data, od)
            services.audit(current_user, "organisation_created", subject=organisation.name)
            db.session.commit()
            flash(_("Organisatie %(name)s is aangemaakt.", name=organisation.name), "success")
            return redirect(url_for(".organisations"))
        except services.ServiceError as error:
            db.session.rollback()
            org_form.name.errors = [str(error)]
    return render_template("admin/organisations.html", organisations=organisations, org_form=org_form,
                           participation_form=participation_form, action_form=ActionForm(),
                           participations=services.all_participations())


@bp.post("/deelnemers")
def add_participation():
    organisations, _org_form, form = _organisation_forms()
    if form.validate_on_submit():
        by_id = {o.id: o for o in organisations}
        try:
            services.add_participation(by_id[form.omgevingsdienst.data], by_id[form.participant.data])
            services.audit(current_user, "participation_added",
                           subject=f"{by_id[form.participant.data].name} -> {by_id[form.omgevingsdienst.data].name}")
            db.session.commit()
            flash(_("De deelname is vastgelegd."), "success")
        except services.ServiceError as error:
            db.session.rollback()
            flash(str(error), "error")
    else:
        flash(_("Kies een omgevingsdienst en een deelnemer."), "error")
    return redirect(url_for(".organisations"))


@bp.post("/deelnemers/<int:participation_id>/verwijderen")
def remove_participation(participation_id: int):
    if ActionForm().validate_on_submit():
        services.remove_participation(participation_id)
        services.audit(current_user, "participation_removed", subject=str(participation_id))
        db.session.commit()
        flash(_("De deelname is verwijderd."), "success")
    return redirect(url_for(".organisations"))


@bp.route("/gebruikers", methods=["GET", "POST"])
def users():
    organisations = services.all_organisations()
    form = UserForm(prefix="user")
    form.organisation.choices = choices([(o.id, o.name) for o in organisations])
    if form.validate_on_submit():
        try:
            organisation = next(o for o in organisations if o.id == form.organisation.data)
            user = services.create_user(form.email.data, form.password.data, organisation, form.role.data,
                                        form.name.data or "")
            services.audit(current_user, "user_created", subject=user.email)
            db.session.commit()
            flash(_("Gebruiker %(email)s is aangemaakt.", email=user.email), "success")
            return redirect(url_for(".users"))
        except services.ServiceError as error:
            db.session.rollback()
            form.email.errors = [str(error)]
    membership_form = MembershipForm(prefix="member")
    membership_form.organisation.choices = form.organisation.choices
    return render_template("admin/users.html", users=services.all_users(), form=form,
                           membership_form=membership_form, action_form=ActionForm())


@bp.post("/gebruikers/<int:user_id>/lidmaatschap")
def add_membership(user_id: int):
    user = services.get_user(user_id)
    form = MembershipForm(prefix="member")
    form.organisation.choices = choices([(o.id, o.name) for o in services.all_organisations()])
    if form.validate_on_submit():
        organisation = next(o for o in services.all_organisations() if o.id == form.organisation.data)
        services.set_membership(user, organisation, form.role.data)
        services.audit(current_user, "membership_set", subject=f"{user.email} {organisation.name} {form.role.data}")
        db.session.commit()
        flash(_("Het lidmaatschap is vastgelegd."), "success")
    return redirect(url_for(".users"))


@bp.post("/gebruikers/<int:user_id>/actief")
def toggle_active(user_id: int):
    user = services.get_user(user_id)
    if ActionForm().validate_on_submit():
        if user.id == current_user.id:
            flash(_("U kunt uw eigen account niet blokkeren."), "error")
        else:
            services.set_user_active(user, not user.is_active, current_user._get_current_object())
            db.session.commit()
            flash(_("Account %(email)s is bijgewerkt.", email=user.email), "success")
    return redirect(url_for(".users"))
