"""The beheerder's threshold profiles (normprofielen): list, create, edit, delete; file profiles read-only.

The thresholds are plain inputs (`t|<scope>|<id>|<level>`, see profile_form.py), not one WTForms field
each: a questionnaire has a hundred of them. Name, description and the CSRF token are a FlaskForm.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from ..domain.limits import DESCRIPTION, NAME
from ..services import profiles as profile_service
from ..services import questionnaires
from ..services.errors import ProfileInvalid
from .forms import ActionForm
from .profile_form import error_items, read_threshold_fields, threshold_rows
from .session import admin_blueprint, signed_in_user
from .validators import TypedText

bp = admin_blueprint("profiles", __name__, url_prefix="/beheer/normprofielen")


class ProfileForm(FlaskForm):
    name = StringField(_l("Naam"), validators=[TypedText(NAME)],
                       description=_l("Zo heet het profiel in de keuzelijst en in het rapport."))
    description = TextAreaField(_l("Beschrijving"), validators=[TypedText(DESCRIPTION)],
                                description=_l("Voor wie en waarom dit profiel, in een paar zinnen."))




@bp.get("")
def index():
    return render_template("profiles/index.html", profiles=profile_service.all_profiles(),
                           questionnaires=questionnaires.available_questionnaires(), delete_form=ActionForm())


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    questionnaire = profile_service.base_questionnaire(request.args.get("vragenlijst", ""))
    return _edit(questionnaire, None, ProfileForm())


@bp.route("/<int:record_id>", methods=["GET", "POST"])
def edit(record_id: int):
    record = profile_service.get_record(record_id)
    questionnaire = profile_service.base_questionnaire(record.questionnaire_id)
    form = ProfileForm(data={"name": record.name, "description": record.description}
                       if request.method == "GET" else None)
    return _edit(questionnaire, record, form)


def _edit(questionnaire, record, form: ProfileForm):
    posted, errors = None, {}
    if form.validate_on_submit():
        posted = read_threshold_fields(request.form, questionnaire)
        try:
            profile_service.save_profile(signed_in_user(), questionnaire, record,
                                         form.name.data, form.description.data, posted)
        except ProfileInvalid as invalid:
            errors = invalid.errors
            form.name.errors = list(form.name.errors) + invalid.name_errors
        else:
            flash(_("Het normprofiel is opgeslagen."), "success")
            return redirect(url_for(".index"))
    elif request.method == "POST":
        posted = read_threshold_fields(request.form, questionnaire)
    profile = profile_service.record_profile(record) if record is not None else None
    rows = threshold_rows(questionnaire, profile, posted, errors)
    summary = [(form.name.id, form.name.label.text, message) for message in form.name.errors]
    summary += error_items(rows, errors)
    return render_template("profiles/edit.html", form=form, record=record, questionnaire=questionnaire,
                           rows=rows, summary=summary)


@bp.post("/<int:record_id>/verwijderen")
def delete(record_id: int):
    record = profile_service.get_record(record_id)
    if ActionForm().validate_on_submit():
        profile_service.delete_profile(signed_in_user(), record)
        flash(_("Het normprofiel is verwijderd."), "success")
    return redirect(url_for(".index"))


@bp.get("/bestand/<questionnaire_id>/<path:name>")
def show_file(questionnaire_id: str, name: str):
    profile = profile_service.file_profile(questionnaire_id, name)
    questionnaire = profile_service.base_questionnaire(questionnaire_id)
    return render_template("profiles/show.html", profile=profile, questionnaire=questionnaire,
                           rows=threshold_rows(questionnaire, profile))
