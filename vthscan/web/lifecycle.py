"""Deleting a concept that was never submitted (after a confirmation page), and archiving."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..services import access, lifecycle
from ..services.errors import ServiceError
from .confirmations import confirm_delete, shown_version
from .forms import ActionForm
from .session import members_blueprint, signed_in_user

bp = members_blueprint("lifecycle", __name__)


@bp.route("/beoordelingen/<int:assessment_id>/verwijderen", methods=["GET", "POST"])
def delete(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, needs="can_manage")
    back = url_for("assessments.overview", assessment_id=assessment_id)
    refusal = lifecycle.deletion_refusal(assessment)
    if refusal:
        flash(refusal, "error")
        return redirect(back)
    if request.method == "GET":
        return confirm_delete(assessment)
    if not ActionForm().validate_on_submit():
        return redirect(back)
    if shown_version(assessment) != assessment.version:
        return render_template("errors/error.html", code=409, title=_("De beoordeling is intussen gewijzigd"),
                               back=back, text=_("Iemand anders heeft deze beoordeling gewijzigd nadat u de "
                                                 "pagina opende. Bekijk de nieuwe stand en probeer het opnieuw.")), 409
    lifecycle.delete_concept(signed_in_user(), assessment)
    flash(_("Het concept is verwijderd."), "success")
    return redirect(url_for("assessments.index"))


@bp.post("/beoordelingen/<int:assessment_id>/archiveren")
def archive(assessment_id: int):
    return _archive_step(assessment_id, lifecycle.archive, _("De beoordeling is gearchiveerd. U vindt hem terug "
                                                             "met „Toon gearchiveerde beoordelingen”."))


@bp.post("/beoordelingen/<int:assessment_id>/dearchiveren")
def unarchive(assessment_id: int):
    return _archive_step(assessment_id, lifecycle.unarchive, _("De beoordeling staat weer in de lijsten."))


def _archive_step(assessment_id: int, step, message: str):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, needs="can_manage")
    if ActionForm().validate_on_submit():
        try:
            step(signed_in_user(), assessment)
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(message, "success")
    return redirect(url_for("assessments.overview", assessment_id=assessment_id))
