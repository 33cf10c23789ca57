"""Following a plan van aanpak across periods and people: an assessment's open actions per criterion,
the overdue actions of whoever owns them, and the plan counts beside a comparison.

Everything here only reads. The counts and the overdue list are single queries whatever the number of
actions (see benchmarks/bench_plan.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select

from ..domain.plan import DONE, PARTIES, UNFINISHED, PlanAction
from ..domain.plan_tracking import CriterionProgress, PlanCounts, progress_by_criterion
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import Result
from ..domain.wording import SIGNED_OFF
from ..extensions import db
from ..models import (
    Assessment,
    Organisation,
    PlanActionRecord,
    PlanRecord,
    QuestionnaireDefinition,
    User,
)
from .access import MANAGING_ROLES, PlanAccess, may_make_plan, plan_access_for
from .errors import ServiceError
from .plans import criterion_label, load_actions, plan_of, result_of, to_plan
from .questionnaires import questionnaire_for

# --- an assessment of a period after the plan was made ------------------------------------------------------


@dataclass(frozen=True)
class CriterionLine:
    progress: CriterionProgress
    title: str                              # "A1 Titel"
    record_ids: dict[str, int]              # action number -> the action's row id (for the closing form)

    def record_id(self, action: PlanAction) -> int:
        return self.record_ids[action.id]


@dataclass(frozen=True)
class PlanProgress:
    plan: PlanRecord
    access: PlanAccess
    questionnaire: Questionnaire
    previous: Assessment | None            # the signed-off assessment the scores "before" come from
    lines: list[CriterionLine]             # criteria with open actions, or whose score changed
    general: list[PlanAction]              # open actions about no one criterion

    @property
    def closable(self) -> list[CriterionLine]:
        return [line for line in self.lines if line.progress.reaches_threshold and line.progress.open_actions]


def previous_signed_off(assessment: Assessment) -> Assessment | None:
    """The organisation's last signed-off assessment of the same questionnaire before this one."""
    earlier = or_(Assessment.period < assessment.period,
                  and_(Assessment.period == assessment.period, Assessment.id < assessment.id))
    return db.session.scalar(
        select(Assessment).join(QuestionnaireDefinition, QuestionnaireDefinition.id == Assessment.definition_id)
        .where(Assessment.organisation_id == assessment.organisation_id, Assessment.status == SIGNED_OFF,
               QuestionnaireDefinition.questionnaire_id == assessment.questionnaire_id, earlier)
        .order_by(Assessment.period.desc(), Assessment.id.desc()).limit(1))


def progress_for(user: User, assessment: Assessment) -> PlanProgress | None:
    """The plan's open actions per criterion of `assessment`, with the score before (the last signed-off
    assessment before it) and now; None when the organisation has no plan the user may see, or when
    `assessment` is the one the plan was made from."""
    plan = plan_of(assessment.organisation, assessment.questionnaire_id)
    access = plan_access_for(user, plan) if plan is not None else None
    if access is None or plan.assessment_id == assessment.id:
        return None
    try:
        current = result_of(assessment)
    except ServiceError:  # answers that do not fit the questionnaire: the overview says so itself
        return None
    previous = previous_signed_off(assessment)
    before: Result | None = result_of(previous) if previous is not None else None
    records = load_actions(plan)
    domain = to_plan(plan, records)
    numbers = {record.number: record.id for record in records}
    questionnaire = questionnaire_for(assessment)
    lines = [CriterionLine(row, criterion_label(questionnaire, row.criterion), numbers)
             for row in progress_by_criterion(domain, current, before)
             if row.open_actions or (row.score_change not in (None, 0))]
    general = [action for action in domain.actions if action.is_unfinished and action.criterion is None]
    return PlanProgress(plan, access, questionnaire, previous, lines, general)


@dataclass(frozen=True)
class PlanLink:
    """The way from an assessment to its organisation's plan: the plan (when the user may see it), or
    making one (a coordinator at a signed-off assessment of an organisation without a plan)."""

    plan_id: int | None
    can_make: bool


def plan_link_for(user: User, assessment: Assessment) -> PlanLink:
    plan = plan_of(assessment.organisation, assessment.questionnaire_id)
    if plan is not None:
        return PlanLink(plan.id if plan_access_for(user, plan) is not None else None, False)
    return PlanLink(None, may_make_plan(user, assessment))


# --- overdue actions, for whoever owns them ----------------------------------------------------------------


@dataclass(frozen=True)
class OverdueAction:
    plan_id: int
    action_id: int
    number: str
    text: str
    organisation: str
    due: date
    status: str
    owner_kind: str | None


def overdue_for(user: User, today: date) -> list[OverdueAction]:
    """The unfinished actions past their due date that `user` owns: as the person named, as a member of
    the participating organisation named, or, for an action of a party (the omgevingsdienst, the
    bestuur), as a coordinator or beheerder of the plan's organisation. Oldest due date first."""
    member_of = [m.organisation_id for m in user.memberships]
    managing = [m.organisation_id for m in user.memberships if m.role in MANAGING_ROLES]
    owned = or_(PlanActionRecord.owner_user_id == user.id,
                PlanActionRecord.owner_organisation_id.in_(member_of),
                and_(PlanActionRecord.owner_kind.in_(PARTIES), PlanRecord.organisation_id.in_(managing)))
    rows = db.session.execute(
        select(PlanActionRecord.plan_id, PlanActionRecord.id, PlanActionRecord.number, PlanActionRecord.text,
               Organisation.name, PlanActionRecord.due, PlanActionRecord.status, PlanActionRecord.owner_kind)
        .join(PlanRecord, PlanRecord.id == PlanActionRecord.plan_id)
        .join(Organisation, Organisation.id == PlanRecord.organisation_id)
        .where(owned, PlanActionRecord.status.in_(UNFINISHED), PlanActionRecord.due < today)
        .order_by(PlanActionRecord.due, Organisation.name, PlanActionRecord.id))
    return [OverdueAction(*row) for row in rows]


# --- the plan beside a comparison -----------------------------------------------------------------------------


def plan_counts(organisation_ids: list[int], questionnaire_id: str, today: date) -> dict[int, PlanCounts]:
    """Per organisation with a plan for this questionnaire: open, overdue, done and dropped actions,
    counted by the database in one query."""
    if not organisation_ids:
        return {}
    unfinished = PlanActionRecord.status.in_(UNFINISHED)
    counted = (select(PlanRecord.organisation_id,
                      func.count(case((unfinished, 1))),
                      func.count(case((and_(unfinished, PlanActionRecord.due < today), 1))),
                      func.count(case((PlanActionRecord.status == DONE, 1))),
                      func.count(case((~unfinished & (PlanActionRecord.status != DONE), 1))))
               .outerjoin(PlanActionRecord, PlanActionRecord.plan_id == PlanRecord.id)
               .where(PlanRecord.organisation_id.in_(organisation_ids), PlanRecord.questionnaire_id == questionnaire_id)
               .group_by(PlanRecord.organisation_id))
    return {organisation_id: PlanCounts(open=open_, overdue=overdue, done=done, cancelled=cancelled)
            for organisation_id, open_, overdue, done, cancelled in db.session.execute(counted)}


def plan_cells(columns, today: date) -> list[str]:
    """For a comparison's columns (comparison.Candidate): 'open / te laat / gereed' of each column's
    organisation, '' for one without a plan for the questionnaire."""
    if not columns:
        return []
    counts = plan_counts(sorted({c.organisation_id for c in columns}), columns[0].questionnaire_id, today)
    return [f"{found.open} / {found.overdue} / {found.done}" if (found := counts.get(c.organisation_id)) else ""
            for c in columns]
