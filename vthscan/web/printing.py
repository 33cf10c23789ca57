"""Pages made for paper: an assessment's answers and results (the rekenwijze open, charts, no
navigation), and a blank questionnaire per version."""

from __future__ import annotations

from datetime import date

from flask import render_template, request

from ..services import access, benchmark, printing, questionnaires, workflow
from ..services import results as results_service
from .session import members_blueprint, signed_in_user

bp = members_blueprint("printing", __name__)


@bp.get("/beoordelingen/<int:assessment_id>/afdrukken")
def assessment(assessment_id: int):
    assessment, rights = access.get_assessment(signed_in_user(), assessment_id)
    page = results_service.results_page(assessment, request.args.get("profiel", ""), date.today())
    return render_template("printing/assessment.html", assessment=assessment, access=rights, page=page,
                           printing=True, review_trail=workflow.review_trail(assessment),
                           benchmark=benchmark.peer_benchmark_for(assessment),
                           pillar_titles=benchmark.benchmark_titles(questionnaires.questionnaire_for(assessment)))


@bp.get("/vragenlijsten/<questionnaire_id>/<version>/afdrukken")
def blank(questionnaire_id: str, version: str):
    questionnaire = printing.blank_questionnaire(questionnaire_id, version)
    kind = request.args.get("soort")
    return render_template("printing/blank.html", questionnaire=questionnaire, printing=True, kind=kind,
                           pillars=printing.pillars_to_print(questionnaire, kind),
                           blank_question=lambda question: printing.blank_question(questionnaire, question))
