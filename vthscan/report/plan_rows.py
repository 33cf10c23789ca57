"""The improvement plan as the report prints it: every action with its owner, its term as dates from
the report date, and the computed effect of its criterion reaching the threshold of the best level.

The effect belongs to the criterion, not to one action: all actions of a criterion share it, and
the PDF prints it once per criterion. The summary's top actions take at most two per criterion, so
a director sees how broad the plan is.
"""

from __future__ import annotations

from datetime import date

from ..domain.projection import ScoreChange
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import Result
from ..domain.terms import term_dates
from ..domain.threshold_effect import ThresholdEffect, reaching_threshold
from ..domain.wording import ACTION_OWNER_LABELS, PRIORITY_LABELS, day_text, format_number, format_score
from .grounds import join
from .model import ActionRow

TOP_ACTIONS = 5
TOP_ACTIONS_PER_CRITERION = 2


def action_rows(questionnaire: Questionnaire, result: Result, titles: dict[str, str], level_label,
                generated_on: date) -> list[ActionRow]:
    """Every planned action in the engine's order, numbered from 1."""
    effects: dict[str, str] = {}
    rows = []
    for number, planned in enumerate(result.actions, start=1):
        criterion = planned.criterion
        first = criterion not in effects
        if first:
            effect = reaching_threshold(questionnaire, result, criterion)
            effects[criterion] = effect_text(questionnaire, effect, level_label)
        action = planned.action
        dates = term_dates(action.term, generated_on)
        rows.append(ActionRow(
            number=number, criterion=criterion, criterion_title=titles[criterion], pillar=planned.pillar,
            text=action.text, priority=PRIORITY_LABELS[action.priority], effort=action.effort, term=action.term,
            knockout=planned.knockout, effect=effects[criterion], owner=ACTION_OWNER_LABELS[action.acting_owner],
            period=f"{day_text(dates[0])} – {day_text(dates[1])}" if dates else "", first_of_criterion=first,
        ))
    return rows


def top_actions(actions: list[ActionRow]) -> tuple[ActionRow, ...]:
    """The first TOP_ACTIONS actions, taking at most TOP_ACTIONS_PER_CRITERION of one criterion."""
    chosen, per_criterion = [], {}
    for action in actions:
        if per_criterion.get(action.criterion, 0) < TOP_ACTIONS_PER_CRITERION:
            per_criterion[action.criterion] = per_criterion.get(action.criterion, 0) + 1
            chosen.append(action)
        if len(chosen) == TOP_ACTIONS:
            break
    return tuple(chosen)


def effect_text(questionnaire: Questionnaire, effect: ThresholdEffect, level_label) -> str:
    """'Haalt A1 de drempel van Voldoet (75; nu 37,5), dan gaat pijler A van Tekort naar
    Aandachtspunt (score 63,8) en het totaal van Tekort naar Aandachtspunt (score 67,5).'"""
    criterion = effect.criterion
    best = level_label(questionnaire.best_level)
    pillar = _change(f"pijler {effect.pillar.id}", effect.pillar, effect.pillar_capped_by, level_label)
    overall = _change("het totaal", effect.overall, effect.overall_capped_by, level_label)
    return (f"Haalt {criterion.id} de drempel van {best} ({format_number(criterion.score_after)}; nu "
            f"{format_score(criterion.score_before)}), dan {pillar} en {overall}.")


def _change(name: str, change: ScoreChange, capped_by: tuple[str, ...], level_label) -> str:
    after = f"{level_label(change.level_after)} (score {format_score(change.score_after)}"
    if capped_by:
        after += f"; {'de knock-out' if len(capped_by) == 1 else 'de knock-outs'} {join(list(capped_by))} "
        after += "begrenst het nog" if len(capped_by) == 1 else "begrenzen het nog"
    after += ")"
    if change.is_level_changed:
        return f"gaat {name} van {level_label(change.level_before)} naar {after}"
    return f"blijft {name} {after}"
