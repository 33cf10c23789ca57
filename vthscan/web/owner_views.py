"""The owners' own view: the omgevingsdienst's coordinator opens and closes the round (each after a
confirmation page), and a participating municipality or province gives its view on its own page.

Who may do what is access.py's: opening and closing is for the OD's coordinators and beheerders (403
for its other members, 404 for anyone who may not see the assessment); an organisation's page is for
its own members only (404 for everyone else, also for the OD itself), and only its fillers-in save.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from ..services import access, owner_views
from ..services.errors import ServiceError
from . import owner_view_form
from .confirmations import confirmation_page
from .forms import ActionForm
from .session import members_blueprint, signed_in_user

bp = members_blueprint("owner_views", __name__)


@bp.route("/beoordelingen/<int:assessment_id>/eigenaren/openen", methods=["GET", "POST"])
def open_round(assessment_id: int):
    assessment = access.require_manage_owner_round(signed_in_user(), assessment_id)
    if request.method == "GET":
        return confirmation_page(
            _("Ronde eigenaarsoordeel openen?"),
            _("De gemeenten en provincies die eigenaar zijn van uw omgevingsdienst krijgen de vraag om hun eigen "
              "oordeel te geven over de criteria van de pijlers R en G. Zij zien daarbij het niveau dat uw eigen "
              "beoordeling haalt. Hun oordeel verandert uw score niet."),
            _("Ja, ronde openen"), _overview(assessment_id), assessment)
    return _round_step(assessment, owner_views.open_round,
                       _("De ronde is open. De eigenaren zien de vraag om hun oordeel op hun startpagina."))


@bp.route("/beoordelingen/<int:assessment_id>/eigenaren/sluiten", methods=["GET", "POST"])
def close_round(assessment_id: int):
    assessment = access.require_manage_owner_round(signed_in_user(), assessment_id)
    if request.method == "GET":
        return confirmation_page(
            _("Ronde eigenaarsoordeel sluiten?"),
            _("De eigenaren kunnen hun oordeel daarna niet meer geven of wijzigen. Wat zij al gaven, blijft "
              "staan. U kunt de ronde later weer openen."),
            _("Ja, ronde sluiten"), _overview(assessment_id), assessment)
    return _round_step(assessment, owner_views.close_round, _("De ronde is gesloten."))


def _overview(assessment_id: int) -> str:
    return url_for("assessments.overview", assessment_id=assessment_id)


def _round_step(assessment, step, message: str):
    if ActionForm().validate_on_submit():
        try:
            step(signed_in_user(), assessment)
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(message, "success")
    return redirect(_overview(assessment.id))


@bp.route("/beoordelingen/<int:assessment_id>/eigenaren/<int:organisation_id>", methods=["GET", "POST"])
def answer(assessment_id: int, organisation_id: int):
    page = owner_views.owner_page(signed_in_user(), assessment_id, organisation_id,
                                  answering=request.method == "POST")
    if request.method == "POST":
        return owner_view_form.save(page)
    return owner_view_form.show(page, owner_view_form.make_form(page))
