"""Results of one assessment: the page, its two charts and the gap report (PDF, and Word for editing).

Who may see them is exactly who may see the assessment (services.access.get_assessment: 404 otherwise). The
threshold profile is a GET parameter (`profiel`), so every view of the results can be linked.
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, request

from ..domain.answers import AnswersError
from ..services import access, benchmark, questionnaires, workflow
from ..services import results as results_service
from .session import members_blueprint, signed_in_user

bp = members_blueprint("results", __name__)




def _assessment(assessment_id: int):
    return access.get_assessment(signed_in_user(), assessment_id)


def _profile_key() -> str:
    return request.args.get("profiel", "")


@bp.get("/beoordelingen/<int:assessment_id>/resultaten")
def show(assessment_id: int):
    assessment, rights = _assessment(assessment_id)
    page = results_service.results_page(assessment, _profile_key(), date.today())
    return render_template("results/show.html", assessment=assessment, access=rights, page=page,
                           provisional_text=results_service.PROVISIONAL,
                           review_trail=workflow.review_trail(assessment),
                           benchmark=benchmark.peer_benchmark_for(assessment),
                           pillar_titles=benchmark.benchmark_titles(questionnaires.questionnaire_for(assessment)))


@bp.get("/beoordelingen/<int:assessment_id>/resultaten/<which>.png")
def chart(assessment_id: int, which: str):
    if which not in results_service.CHARTS:
        abort(404)
    assessment, _rights = _assessment(assessment_id)
    try:
        png = results_service.chart_png(assessment, _profile_key(), which, date.today())
    except AnswersError:
        abort(404)
    return Response(png, mimetype="image/png")


@bp.get("/beoordelingen/<int:assessment_id>/rapport.pdf")
def report(assessment_id: int):
    return _report_download(assessment_id, "pdf")


@bp.get("/beoordelingen/<int:assessment_id>/rapport.docx")
def report_docx(assessment_id: int):
    return _report_download(assessment_id, "docx")


def _report_download(assessment_id: int, file_format: str) -> Response:
    assessment, _rights = _assessment(assessment_id)
    try:
        filename, content = results_service.download_report(signed_in_user(), assessment, _profile_key(),
                                                            date.today(), file_format)
    except AnswersError:
        abort(404)
    return Response(content, mimetype=results_service.REPORT_MIMETYPES[file_format],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
