"""What reaching a criterion's threshold would do: the levels of its pillar and of the total if this
one criterion scored exactly the minimum of the best level and every other score stayed as it is.

The improvement plan prints it per criterion, so the effect of its actions is computed, never a fixed
sentence. It recomputes the weighted means and the knock-out caps of `scoring` from the criterion
scores of a `Result`, the same way `score` does; tests/domain/test_threshold_effect.py checks the
outcome against scoring answers that give exactly that score.
"""

from __future__ import annotations

from dataclasses import dataclass

from .projection import OVERALL, ScoreChange
from .questionnaire import Questionnaire
from .scoring import CriterionResult, Result, level_for, weighted_mean, worst_level


@dataclass(frozen=True)
class ThresholdEffect:
    criterion: ScoreChange
    pillar: ScoreChange
    overall: ScoreChange
    pillar_capped_by: tuple[str, ...]    # knock-out criteria that still cap the pillar afterwards
    overall_capped_by: tuple[str, ...]   # ... and the total


def reaching_threshold(questionnaire: Questionnaire, result: Result, criterion_id: str) -> ThresholdEffect:
    """The effect of criterion `criterion_id` scoring the best level's minimum, all else equal."""
    best = questionnaire.best_level
    target = next(c for c in result.criteria if c.id == criterion_id)
    new_score = target.thresholds[best]

    def score_of(criterion: CriterionResult) -> float | None:
        return new_score if criterion.id == criterion_id else criterion.score

    def fails(criterion: CriterionResult) -> bool:
        return criterion.id != criterion_id and criterion.fails_knockout

    def capped(score: float | None, thresholds: dict[str, float], criteria: list[CriterionResult]):
        level = level_for(questionnaire, score, thresholds)
        failing = [c for c in criteria if fails(c)]
        if level is None or not failing:
            return level, ()
        lowered = worst_level(questionnaire, [level] + [c.level for c in failing])
        rank = questionnaire.level_rank
        return lowered, tuple(c.id for c in failing if rank(c.level) > rank(level))

    pillar_scores = {}
    for pillar in result.pillars:
        pillar_scores[pillar.id] = weighted_mean(
            [(score_of(c), c.weight) for c in pillar.criteria if score_of(c) is not None])
    pillar = next(p for p in result.pillars if p.id == target.pillar)
    pillar_level, pillar_capped = capped(pillar_scores[pillar.id], pillar.thresholds, pillar.criteria)
    overall_score = weighted_mean([(pillar_scores[p.id], p.weight) for p in result.pillars
                                   if pillar_scores[p.id] is not None])
    overall_level, overall_capped = capped(overall_score, result.thresholds, result.criteria)
    return ThresholdEffect(
        criterion=ScoreChange(criterion_id, target.score, new_score, target.level, best),
        pillar=ScoreChange(pillar.id, pillar.score, pillar_scores[pillar.id], pillar.level, pillar_level),
        overall=ScoreChange(OVERALL, result.score, overall_score, result.level, overall_level),
        pillar_capped_by=pillar_capped,
        overall_capped_by=overall_capped,
    )
