"""Effective thresholds: which minimum score each level needs, for the whole, a pillar, a criterion.

The first value found wins. For a criterion: the profile's criterion entry, the profile's pillar
entry, the profile's `thresholds`, the criterion, the pillar, the questionnaire. For a pillar's own
level the same list without the criterion entries; for the overall level the profile's `thresholds`
and then the questionnaire's.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from .questionnaire import Questionnaire, ThresholdProfile


@dataclass(frozen=True)
class EffectiveThresholds:
    overall: dict[str, float]
    pillars: dict[str, dict[str, float]]
    criteria: dict[str, dict[str, float]]
    profile_name: str | None = None


def first_given(levels: list[str], *sources: dict[str, float]) -> dict[str, float]:
    merged = {}
    for level in levels:
        for source in sources:
            if level in source:
                merged[level] = float(source[level])
                break
    return merged


def effective_thresholds(questionnaire: Questionnaire,
                         profile: ThresholdProfile | None = None) -> EffectiveThresholds:
    levels = questionnaire.graded_levels
    p_all = profile.thresholds if profile else {}
    p_pillars = profile.pillars if profile else {}
    p_criteria = profile.criteria if profile else {}
    base = questionnaire.thresholds

    overall = first_given(levels, p_all, base)
    pillars = {
        pillar.id: first_given(levels, p_pillars.get(pillar.id, {}), p_all, pillar.thresholds, base)
        for pillar in questionnaire.pillars
    }
    criteria = {
        criterion.id: first_given(
            levels,
            p_criteria.get(criterion.id, {}), p_pillars.get(pillar.id, {}), p_all,
            criterion.thresholds, pillar.thresholds, base,
        )
        for pillar, criterion in questionnaire.criteria
    }
    return EffectiveThresholds(overall, pillars, criteria, profile.name if profile else None)


def order_problem(levels: list[str], thresholds: dict[str, float]) -> str | None:
    """Say what is wrong when a better level does not need a strictly higher score, else None."""
    for better, worse in pairwise(levels):
        if better in thresholds and worse in thresholds and thresholds[better] <= thresholds[worse]:
            return (f"drempel van '{better}' ({thresholds[better]:g}) moet hoger zijn "
                    f"dan die van '{worse}' ({thresholds[worse]:g})")
    return None
