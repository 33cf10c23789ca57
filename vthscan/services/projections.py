"""What-if in the web app: projected scores and levels for target answers, on an assessment or a plan.

The projection is the domain's (domain/projection.py): the same scoring as every result, on a copy of
the answers with the targets laid over them. Nothing here writes: a projection is never stored, and
the pages label it "projectie". A plan is projected on the answers of its organisation's newest
signed-off assessment (else the one it was made from), with "this action done" for actions that name
what they bring about.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.answers import Answer, AnswersError, answer_text
from ..domain.plan import PlanError
from ..domain.projection import PROJECTION_LABEL, Projection, ScoreChange, project, project_plan
from ..domain.questionnaire import Questionnaire
from ..domain.wording import format_score
from ..models import Assessment, PlanRecord
from .answers import answers_of
from .errors import ServiceError
from .plans import signed_off_assessments, to_plan
from .questionnaires import questionnaire_for


@dataclass(frozen=True)
class ProjectionLine:
    kind: str              # "totaal", "pijler", "criterium"
    id: str
    title: str
    score_before: str
    score_after: str
    change: str            # "+12,5", "-3", "0" or "" when either is not assessed
    level_before: str
    level_after: str
    is_level_changed: bool


@dataclass(frozen=True)
class TargetLine:
    question_id: str
    question: str
    now: str               # the current answer in words
    target: str


@dataclass(frozen=True)
class ProjectionView:
    targets: list[TargetLine]
    lines: list[ProjectionLine]   # the total, then every pillar followed by its criteria
    label: str = PROJECTION_LABEL

    @property
    def level_changes(self) -> list[ProjectionLine]:
        return [line for line in self.lines if line.is_level_changed]


def scored_questions(questionnaire: Questionnaire, kind: str) -> list[tuple[object, list]]:
    """(criterion, its scored questions) for the organisation's pillars: what a target can be set for."""
    found = []
    for pillar in questionnaire.pillars_for(kind):
        for criterion in pillar.criteria:
            questions = [q for q in criterion.questions if q.is_scored]
            if questions:
                found.append((criterion, questions))
    return found


def _level(questionnaire: Questionnaire, level: str | None) -> str:
    return questionnaire.level_by_id[level].label if level in questionnaire.level_by_id else "niet beoordeeld"


def _line(questionnaire: Questionnaire, kind: str, title: str, change: ScoreChange) -> ProjectionLine:
    delta = change.score_change
    shown = "" if delta is None else ("+" if delta > 0 else "") + format_score(delta)
    return ProjectionLine(kind, change.id, title, format_score(change.score_before), format_score(change.score_after),
                          shown, _level(questionnaire, change.level_before), _level(questionnaire, change.level_after),
                          change.is_level_changed)


def _view(questionnaire: Questionnaire, answers: dict[str, Answer], projection: Projection) -> ProjectionView:
    titles = {p.id: p.title for p in questionnaire.pillars} | {c.id: c.title for _p, c in questionnaire.criteria}
    criteria = {change.id: change for change in projection.criteria}
    pillar_of = {criterion.id: criterion.pillar for criterion in projection.current.criteria}
    lines = [_line(questionnaire, "totaal", "Totaaloordeel", projection.overall)]
    for pillar in projection.pillars:
        lines.append(_line(questionnaire, "pijler", titles[pillar.id], pillar))
        lines += [_line(questionnaire, "criterium", titles[cid], criteria[cid])
                  for cid in criteria if pillar_of[cid] == pillar.id]
    targets = [TargetLine(qid, questionnaire.questions[qid][2].text,
                          answer_text(questionnaire, questionnaire.questions[qid][2], answers.get(qid)),
                          answer_text(questionnaire, questionnaire.questions[qid][2], target))
               for qid, target in projection.targets.items()]
    return ProjectionView(targets, lines)


def project_assessment(assessment: Assessment, targets: dict[str, Answer]) -> ProjectionView:
    """The assessment's scores with `targets` in place of its answers; ServiceError when they do not fit."""
    questionnaire = questionnaire_for(assessment)
    answers = answers_of(assessment)
    try:
        projection = project(questionnaire, answers, targets, assessment.organisation.kind)
    except AnswersError as error:
        raise ServiceError("\n".join(error.problems)) from None
    return _view(questionnaire, answers, projection)


def plan_base(plan: PlanRecord) -> Assessment | None:
    """The assessment a plan's projection starts from: the newest signed-off one, else its source."""
    newest = signed_off_assessments(plan.organisation, plan.questionnaire_id)
    return newest[0] if newest else plan.assessment


def project_for_plan(plan: PlanRecord, action_numbers: list[str], targets: dict[str, Answer]) -> ProjectionView:
    """The plan's base assessment with the chosen actions done and `targets` on top; ServiceError when
    the plan has no assessment to start from or the targets do not fit."""
    base = plan_base(plan)
    if base is None:
        raise ServiceError("Dit plan hoort nog bij geen vastgestelde beoordeling; er is niets om van uit te gaan.")
    questionnaire = questionnaire_for(base)
    answers = answers_of(base)
    try:
        projection = project_plan(questionnaire, answers, to_plan(plan), action_numbers, targets,
                                  base.organisation.kind)
    except PlanError as error:
        raise ServiceError("\n".join(error.problems)) from None
    except AnswersError as error:
        raise ServiceError("\n".join(error.problems)) from None
    return _view(questionnaire, answers, projection)

