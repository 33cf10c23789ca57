"""Following a plan van aanpak: adopting suggested actions, what is overdue, and what a new result means.

A criterion "reaches its threshold" when its score reaches the minimum of the best level: it has no
gap left, so the questionnaire suggests no more actions for it and its open actions can be offered
for closing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from .plan import CANCELLED, DONE, SUGGESTED, Plan, PlanAction, PlanError
from .scoring import CriterionResult, PlannedAction, Result


@dataclass(frozen=True)
class Suggestion:
    """An action the questionnaire suggests for a result, as the gap report lists it."""

    key: str  # criterion id and the action's place among that criterion's actions: "A2#1"
    planned: PlannedAction


def suggestions(result: Result) -> list[Suggestion]:
    """The result's suggested actions, most urgent first, each with a key that stays the same
    for every result of the same questionnaire."""
    places = Counter()
    found = []
    for planned in result.actions:
        # A criterion's actions keep their questionnaire order in the result, so counting them
        # gives each its place in the questionnaire.
        places[planned.criterion] += 1
        found.append(Suggestion(f"{planned.criterion}#{places[planned.criterion]}", planned))
    return found


def next_action_id(plan: Plan) -> str:
    """One more than the highest numbered action id in the plan."""
    numbers = [int(a.id) for a in plan.actions if a.id.isascii() and a.id.isdigit()]
    return str(max(numbers, default=0) + 1)


def adopt(plan: Plan, result: Result, keys: list[str] | None = None) -> Plan:
    """The plan with the suggested actions of `result` added: all of them, or those with `keys`.

    A suggestion the plan already holds is not added again. Raises PlanError for a key the result
    does not suggest.
    """
    offered = {suggestion.key: suggestion for suggestion in suggestions(result)}
    wanted = list(offered) if keys is None else keys
    unknown = [key for key in wanted if key not in offered]
    if unknown:
        raise PlanError([f"{key}: deze actie stelt de vragenlijst niet voor bij deze uitkomst" for key in unknown])
    held = {action.suggestion for action in plan.actions if action.origin == SUGGESTED}
    first = int(next_action_id(plan))
    added = [PlanAction(id=str(first + number), text=offered[key].planned.action.text,
                        criterion=offered[key].planned.criterion, origin=SUGGESTED, suggestion=key)
             for number, key in enumerate(key for key in dict.fromkeys(wanted) if key not in held)]
    return replace(plan, actions=(*plan.actions, *added))


def new_plan(organisation: str, assessment: str, result: Result, keys: list[str] | None = None) -> Plan:
    """A plan made from the result of a signed-off assessment, with its suggested actions adopted."""
    empty = Plan(organisation=organisation, questionnaire_id=result.questionnaire_id,
                 questionnaire_version=result.questionnaire_version, assessment=assessment)
    return adopt(empty, result, keys)


def overdue_actions(plan: Plan, today: date) -> list[PlanAction]:
    return [action for action in plan.actions if action.is_overdue(today)]


def open_by_criterion(plan: Plan) -> dict[str | None, list[PlanAction]]:
    """The unfinished actions per criterion id (None: "algemeen"), in plan order."""
    grouped: dict[str | None, list[PlanAction]] = {}
    for action in plan.actions:
        if action.is_unfinished:
            grouped.setdefault(action.criterion, []).append(action)
    return grouped


def reaches_threshold(criterion: CriterionResult) -> bool:
    """Scored, and at or above the minimum of the best level."""
    return criterion.score is not None and criterion.gap is None


def closable_actions(plan: Plan, result: Result) -> list[PlanAction]:
    """Unfinished actions of criteria that reach their threshold in `result`: offer these for closing."""
    reached = {criterion.id for criterion in result.criteria if reaches_threshold(criterion)}
    return [action for action in plan.actions if action.is_unfinished and action.criterion in reached]


@dataclass(frozen=True)
class PlanCounts:
    open: int       # not yet gereed or vervallen, overdue ones included
    overdue: int    # "te laat": open while the due date has passed
    done: int       # gereed
    cancelled: int  # vervallen


def count_actions(plan: Plan, today: date) -> PlanCounts:
    statuses = Counter(action.status for action in plan.actions)
    return PlanCounts(
        open=sum(1 for action in plan.actions if action.is_unfinished),
        overdue=len(overdue_actions(plan, today)),
        done=statuses[DONE],
        cancelled=statuses[CANCELLED],
    )


@dataclass(frozen=True)
class CriterionProgress:
    """One criterion in the next period: its open actions and how its score moved."""

    criterion: str
    score_before: float | None
    score_now: float | None
    level_before: str | None
    level_now: str | None
    open_actions: list[PlanAction]
    reaches_threshold: bool  # so its open actions can be offered for closing

    @property
    def score_change(self) -> float | None:
        if self.score_before is None or self.score_now is None:
            return None
        return self.score_now - self.score_before


def progress_by_criterion(plan: Plan, current: Result, previous: Result | None = None) -> list[CriterionProgress]:
    """Every criterion of `current` with the plan's open actions for it and its score before and now.

    `previous` is the result the plan was made from (or the last one before `current`); a criterion
    it did not score has no score before.
    """
    earlier = {criterion.id: criterion for criterion in previous.criteria} if previous else {}
    grouped = open_by_criterion(plan)
    rows = []
    for criterion in current.criteria:
        before = earlier.get(criterion.id)
        rows.append(CriterionProgress(
            criterion=criterion.id,
            score_before=before.score if before else None,
            score_now=criterion.score,
            level_before=before.level if before else None,
            level_now=criterion.level,
            open_actions=grouped.get(criterion.id, []),
            reaches_threshold=reaches_threshold(criterion),
        ))
    return rows
