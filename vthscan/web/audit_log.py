"""The audit log of an assessment: a page people can read, and its CSV export."""

from __future__ import annotations

from flask import Response, render_template, request

from ..services import access
from ..services import audit_log as log
from .ids import whole_number
from .session import members_blueprint, signed_in_user

bp = members_blueprint("audit_log", __name__)


def _filters() -> log.LogFilter:
    """The filters and page from the query string; anything that is not one of them counts as not given."""
    args = request.args
    return log.LogFilter(person=whole_number(args.get("persoon")), event=args.get("gebeurtenis") or None,
                         pillar=args.get("pijler") or None, page=whole_number(args.get("pagina")) or 1)


@bp.get("/beoordelingen/<int:assessment_id>/logboek")
def show(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, needs="can_manage")
    return render_template("assessments/audit.html", assessment=assessment,
                           log=log.audit_log_page(assessment, _filters()))


@bp.get("/beoordelingen/<int:assessment_id>/logboek.csv")
def export_csv(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, needs="can_manage")
    text = log.audit_log_csv(signed_in_user(), assessment, _filters())
    return Response(text.encode("utf-8"), mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="logboek-beoordeling-{assessment_id}.csv"'})
