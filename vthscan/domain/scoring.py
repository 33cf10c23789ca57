"""Score answers against a questionnaire and thresholds: pure functions, no I/O, no clock.

Question score 0-100; criterion, pillar and overall score are weighted means of what could be scored
below them, and None ("niet beoordeeld") when nothing could. Levels come from the effective
thresholds; a failing knock-out criterion caps its pillar's and the overall level. Profiles change
levels, gaps and the action plan, never scores.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answer, AnswersError, check_answers
from .completeness import Completeness, count_answers
from .questionnaire import Action, Questionnaire, ThresholdProfile
from .thresholds import EffectiveThresholds, effective_thresholds

# What happened to a question, in the words the report uses.
ANSWERED, NOT_APPLICABLE, UNKNOWN, OPEN, NOT_SCORED = (
    "beantwoord", "niet van toepassing", "weet niet", "niet beantwoord", "niet gescoord")


@dataclass(frozen=True)
class QuestionResult:
    id: str
    status: str
    score: float | None
    weight: float


@dataclass(frozen=True)
class CriterionResult:
    id: str
    pillar: str
    score: float | None
    level: str | None
    thresholds: dict[str, float]
    gap: float | None
    weight: float
    knockout: bool
    questions: list[QuestionResult]

    @property
    def fails_knockout(self) -> bool:
        return self.knockout and self.level is not None and self.gap is not None


@dataclass(frozen=True)
class PillarResult:
    id: str
    score: float | None
    level: str | None
    score_level: str | None  # the level the score alone reaches, before knock-out capping
    capped_by: list[str]     # knock-out criteria that lowered the level
    thresholds: dict[str, float]
    gap: float | None
    weight: float
    criteria: list[CriterionResult]


@dataclass(frozen=True)
class PlannedAction:
    criterion: str
    pillar: str
    action: Action
    knockout: bool
    gap: float
    priority_weight: float  # gap × criterion weight × pillar weight: the ordering key after knock-out


@dataclass(frozen=True)
class Result:
    questionnaire_id: str
    questionnaire_version: str
    kind: str | None
    profile_name: str | None
    score: float | None
    level: str | None
    score_level: str | None
    capped_by: list[str]
    thresholds: dict[str, float]
    completeness: Completeness   # every question that applies, scored or not (domain/completeness.py)
    pillars: list[PillarResult]
    actions: list[PlannedAction]

    @property
    def criteria(self) -> list[CriterionResult]:
        return [criterion for pillar in self.pillars for criterion in pillar.criteria]


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Mean of (score, weight) pairs, None when there is nothing to average (no weight at all)."""
    total_weight = sum(weight for _, weight in pairs)
    if total_weight <= 0:
        return None
    return sum(score * weight for score, weight in pairs) / total_weight


def level_for(questionnaire: Questionnaire, score: float | None, thresholds: dict[str, float]) -> str | None:
    """The best level whose minimum the score reaches; the last level below all minimums."""
    if score is None:
        return None
    for level in questionnaire.graded_levels:
        if score >= thresholds[level]:
            return level
    return questionnaire.levels[-1].id


def gap_for(questionnaire: Questionnaire, score: float | None, thresholds: dict[str, float]) -> float | None:
    """How many points the score falls short of the best level; None when it reaches it."""
    if score is None:
        return None
    shortfall = thresholds[questionnaire.best_level] - score
    return shortfall if shortfall > 0 else None


def worst_level(questionnaire: Questionnaire, levels: list[str]) -> str:
    return max(levels, key=questionnaire.level_rank)


def score_question(question, answer: Answer | None) -> QuestionResult:
    if not question.is_scored:
        return QuestionResult(question.id, NOT_SCORED, None, question.weight)
    if answer is None or answer.is_open:
        return QuestionResult(question.id, OPEN, None, question.weight)
    if answer.na:
        return QuestionResult(question.id, NOT_APPLICABLE, None, question.weight)
    if answer.unknown:
        return QuestionResult(question.id, UNKNOWN, 0.0, question.weight)
    return QuestionResult(question.id, ANSWERED, float(question.score(answer.value)), question.weight)


def score(questionnaire: Questionnaire, answers: dict[str, Answer], kind: str | None = None,
          profile: ThresholdProfile | None = None) -> Result:
    """Score `answers` for an organisation of `kind` (None: every pillar applies).

    Raises AnswersError listing every answer that does not fit the questionnaire.
    """
    problems = check_answers(questionnaire, kind, answers)
    if problems:
        raise AnswersError(problems)
    thresholds = effective_thresholds(questionnaire, profile)
    pillars = [_score_pillar(questionnaire, pillar, answers, thresholds)
               for pillar in questionnaire.pillars_for(kind)]

    overall = weighted_mean([(p.score, p.weight) for p in pillars if p.score is not None])
    score_level = level_for(questionnaire, overall, thresholds.overall)
    failing = [c for p in pillars for c in p.criteria if c.fails_knockout]
    level, capped_by = _cap(questionnaire, score_level, failing)

    return Result(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        kind=kind,
        profile_name=thresholds.profile_name,
        score=overall,
        level=level,
        score_level=score_level,
        capped_by=capped_by,
        thresholds=thresholds.overall,
        completeness=count_answers((q.id for p in pillars for c in p.criteria for q in c.questions), answers),
        pillars=pillars,
        actions=plan_actions(questionnaire, pillars),
    )


def _score_pillar(questionnaire: Questionnaire, pillar, answers: dict[str, Answer],
                  thresholds: EffectiveThresholds) -> PillarResult:
    criteria = []
    for criterion in pillar.criteria:
        questions = [score_question(q, answers.get(q.id)) for q in criterion.questions]
        value = weighted_mean([(q.score, q.weight) for q in questions if q.score is not None])
        own = thresholds.criteria[criterion.id]
        criteria.append(CriterionResult(
            id=criterion.id, pillar=pillar.id, score=value, level=level_for(questionnaire, value, own),
            thresholds=own, gap=gap_for(questionnaire, value, own), weight=criterion.weight,
            knockout=criterion.knockout, questions=questions,
        ))
    value = weighted_mean([(c.score, c.weight) for c in criteria if c.score is not None])
    own = thresholds.pillars[pillar.id]
    score_level = level_for(questionnaire, value, own)
    level, capped_by = _cap(questionnaire, score_level, [c for c in criteria if c.fails_knockout])
    return PillarResult(
        id=pillar.id, score=value, level=level, score_level=score_level, capped_by=capped_by,
        thresholds=own, gap=gap_for(questionnaire, value, own), weight=pillar.weight, criteria=criteria,
    )


def _cap(questionnaire: Questionnaire, level: str | None,
         failing: list[CriterionResult]) -> tuple[str | None, list[str]]:
    """Lower `level` to the worst level among failing knock-out criteria; name those that lowered it."""
    if level is None or not failing:
        return level, []
    capped = worst_level(questionnaire, [level] + [c.level for c in failing])
    if capped == level:
        return level, []
    rank = questionnaire.level_rank
    return capped, [c.id for c in failing if rank(c.level) > rank(level)]


def plan_actions(questionnaire: Questionnaire, pillars: list[PillarResult]) -> list[PlannedAction]:
    """The actions of every criterion below the best level, most urgent first.

    Knock-out criteria first, then by gap × criterion weight × pillar weight (largest first), then by
    criterion id; a criterion's actions keep their order from the questionnaire.
    """
    definitions = {criterion.id: criterion for _, criterion in questionnaire.criteria}
    planned = []
    for pillar in pillars:
        for result in pillar.criteria:
            if result.gap is None:
                continue
            for action in definitions[result.id].actions:
                planned.append(PlannedAction(
                    criterion=result.id, pillar=pillar.id, action=action, knockout=result.knockout,
                    gap=result.gap, priority_weight=result.gap * result.weight * pillar.weight,
                ))
    # sorted() is stable, so actions of one criterion stay in questionnaire order.
    return sorted(planned, key=lambda a: (not a.knockout, -a.priority_weight, a.criterion))
