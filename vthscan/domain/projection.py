"""What-if: the scores and levels the answers would reach with some answers changed (a projection).

The projection runs the same scoring as every result, on a copy of the answers with the target
answers laid over them: the answers themselves never change and a projection is never stored as
answers. Whatever shows a projection labels it "projectie".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .answers import Answer, AnswersError, answer_problem, check_answers
from .plan import Plan, PlanAction, PlanError
from .questionnaire import Questionnaire, ThresholdProfile
from .scoring import NOT_SCORED, Result, score, score_question

PROJECTION_LABEL = "projectie"
OVERALL = "totaal"  # the id of the overall figures in a comparison


@dataclass(frozen=True)
class ScoreChange:
    """One score and level (criterion, pillar or the total) now and in the projection."""

    id: str
    score_before: float | None
    score_after: float | None
    level_before: str | None
    level_after: str | None

    @property
    def is_level_changed(self) -> bool:
        return self.level_before != self.level_after

    @property
    def score_change(self) -> float | None:
        if self.score_before is None or self.score_after is None:
            return None
        return self.score_after - self.score_before


@dataclass(frozen=True)
class Projection:
    targets: dict[str, Answer]  # the answers assumed, by question id
    current: Result
    projected: Result
    overall: ScoreChange
    pillars: list[ScoreChange]
    criteria: list[ScoreChange]
    label: str = PROJECTION_LABEL

    @property
    def level_changes(self) -> list[ScoreChange]:
        """Total, pillars and criteria whose level the projection changes, in that order."""
        return [change for change in (self.overall, *self.pillars, *self.criteria) if change.is_level_changed]


def target_problems(questionnaire: Questionnaire, kind: str | None, targets: dict[str, Answer]) -> list[str]:
    """Every reason why `targets` cannot be projected, in Dutch; empty when they can."""
    problems = []
    for question_id, answer in targets.items():
        found = check_answers(questionnaire, kind, {question_id: answer})
        if found:
            problems += found
        elif answer.is_open:
            problems.append(f"{question_id}: geef een doelantwoord (een waarde, 'niet van toepassing' "
                            "of 'weet niet')")
        elif score_question(questionnaire.questions[question_id][2], answer).status == NOT_SCORED:
            problems.append(f"{question_id}: deze vraag telt niet mee in de score; een doelantwoord "
                            "verandert niets")
    return problems


def project(questionnaire: Questionnaire, answers: dict[str, Answer], targets: dict[str, Answer],
            kind: str | None = None, profile: ThresholdProfile | None = None) -> Projection:
    """Score `answers` as they are and with `targets` in place of their answers, and compare.

    Raises AnswersError when the answers or the targets do not fit the questionnaire.
    """
    problems = [f"doelantwoord {problem}" for problem in target_problems(questionnaire, kind, targets)]
    if problems:
        raise AnswersError(problems)
    current = score(questionnaire, answers, kind, profile)
    projected = score(questionnaire, {**answers, **targets}, kind, profile)
    return Projection(
        targets=dict(targets),
        current=current,
        projected=projected,
        overall=_change(OVERALL, current, projected),
        pillars=[_change(before.id, before, after) for before, after in zip(current.pillars, projected.pillars, strict=True)],
        criteria=[_change(before.id, before, after)
                  for before, after in zip(current.criteria, projected.criteria, strict=True)],
    )


def _change(change_id: str, before, after) -> ScoreChange:
    return ScoreChange(change_id, before.score, after.score, before.level, after.level)


def action_targets(questionnaire: Questionnaire, actions: Iterable[PlanAction]) -> dict[str, Answer]:
    """The answers `actions` bring about once done (their `improves`).

    Where two actions name the same question, the answer that scores highest counts: both are done.
    An answer that does not fit its question is kept for `project` to refuse.
    """
    def rank(question_id: str, answer: Answer) -> float:
        found = questionnaire.questions.get(question_id)
        if found is None or answer_problem(questionnaire, found[2], answer) is not None:
            return float("inf")
        return score_question(found[2], answer).score or 0.0

    targets: dict[str, Answer] = {}
    for action in actions:
        for question_id, value in action.improves.items():
            answer = Answer(value=value)
            if question_id not in targets or rank(question_id, answer) > rank(question_id, targets[question_id]):
                targets[question_id] = answer
    return targets


def project_plan(questionnaire: Questionnaire, answers: dict[str, Answer], plan: Plan,
                 action_ids: list[str] | None = None, targets: dict[str, Answer] | None = None,
                 kind: str | None = None, profile: ThresholdProfile | None = None) -> Projection:
    """The projection with the plan's actions `action_ids` done (default: every unfinished action
    that names the answers it brings about), and `targets` on top of what they bring about.

    Raises PlanError for an action id the plan does not have, AnswersError for targets that do not fit.
    """
    if action_ids is None:
        chosen = [action for action in plan.actions if action.is_unfinished and action.improves]
    else:
        unknown = [action_id for action_id in action_ids if plan.action(action_id) is None]
        if unknown:
            raise PlanError([f"actie {action_id} staat niet in het plan" for action_id in unknown])
        chosen = [plan.action(action_id) for action_id in action_ids]
    combined = action_targets(questionnaire, chosen) | (targets or {})
    return project(questionnaire, answers, combined, kind, profile)
