"""What-if (projectie): target answers for chosen questions, on an assessment or on a plan van aanpak,
and the projected scores and levels of every criterion, pillar and the total.

The form is a GET form: a projection changes nothing and is never stored, so its address can be
shared. Who may see it is who may see the assessment or the plan (access.py).
"""

from __future__ import annotations

from datetime import date

from flask import render_template, request

from ..services import access, plans, projections, questionnaires
from ..services.errors import ServiceError
from .plan_forms import make_target_form
from .session import members_blueprint, signed_in_user

bp = members_blueprint("whatif", __name__)


@bp.get("/beoordelingen/<int:assessment_id>/wat-als")
def assessment(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id)
    questionnaire = questionnaires.questionnaire_for(assessment)
    groups = projections.scored_questions(questionnaire, assessment.organisation.kind)
    form = make_target_form(questionnaire, groups, request.args or None)
    targets = form.targets()
    view, problems = _projected(lambda: projections.project_assessment(assessment, targets), targets, form)
    return render_template("whatif/show.html", form=form, view=view, problems=problems, assessment=assessment,
                           plan=None, plan_actions=[], chosen=set())


@bp.get("/plannen/<int:plan_id>/wat-als")
def plan(plan_id: int):
    plan, _rights = access.get_plan(signed_in_user(), plan_id)
    base = projections.plan_base(plan)
    questionnaire = questionnaires.questionnaire_for(base) if base else plans.plan_questionnaire(plan)
    groups = projections.scored_questions(questionnaire, plan.organisation.kind)
    form = make_target_form(questionnaire, groups, request.args or None)
    targets, chosen = form.targets(), request.args.getlist("actie")
    view, problems = _projected(lambda: projections.project_for_plan(plan, chosen, targets), targets or chosen, form)
    actions = [row for row in plans.plan_page(plan, date.today()).rows if row.action.improves]
    return render_template("whatif/show.html", form=form, view=view, problems=problems, assessment=base,
                           plan=plan, plan_actions=actions, chosen=set(chosen))


def _projected(make, asked, form):
    """(projection, problems): nothing until something is asked; the form's or the service's problems."""
    if not asked or form.error_summary:
        return None, []
    try:
        return make(), []
    except ServiceError as error:
        return None, str(error).splitlines()

