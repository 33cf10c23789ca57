"""Following a plan: adopting the suggested actions of a result, overdue actions, counts, and a new period."""

from dataclasses import replace
from datetime import date

import pytest

from vthscan.domain.plan import CANCELLED, DONE, IN_PROGRESS, OPEN, OWN, SUGGESTED, Plan, PlanAction, PlanError
from vthscan.domain.plan_tracking import (
    adopt,
    closable_actions,
    count_actions,
    new_plan,
    next_action_id,
    open_by_criterion,
    overdue_actions,
    progress_by_criterion,
    suggestions,
)
from vthscan.domain.scoring import score

from .conftest import answers

KIND = "omgevingsdienst"
# A1 and A2 below the best level (three suggested actions), B1 at it.
FIRST = answers(a1_ja=False, a1_schaal=2, a2_keuze="matig", a2_norm=1.0, b1_lineair=60, b1_banden=95)
# A year later: A1 has reached its threshold, A2 has not.
NEXT = answers(a1_ja=True, a1_schaal=4, a2_keuze="matig", a2_norm=1.5, b1_lineair=60, b1_banden=95)


@pytest.fixture(scope="module")
def first(mini):
    return score(mini, FIRST, KIND)


def test_suggestions_are_the_actions_of_the_gap_report_with_stable_keys(first):
    found = suggestions(first)
    assert [s.planned for s in found] == first.actions
    assert [(s.key, s.planned.action.text) for s in found] == [
        ("A1#1", "Doe iets aan A1."), ("A2#1", "Verbeter A2 stap 1."), ("A2#2", "Verbeter A2 stap 2.")]


def test_a_new_plan_adopts_every_suggested_action(first):
    plan = new_plan("OD Noord", "12", first)
    assert (plan.organisation, plan.assessment, plan.questionnaire_id, plan.questionnaire_version) == (
        "OD Noord", "12", "mini", "1")
    assert [(a.id, a.criterion, a.text, a.origin, a.suggestion, a.status) for a in plan.actions] == [
        ("1", "A1", "Doe iets aan A1.", SUGGESTED, "A1#1", OPEN),
        ("2", "A2", "Verbeter A2 stap 1.", SUGGESTED, "A2#1", OPEN),
        ("3", "A2", "Verbeter A2 stap 2.", SUGGESTED, "A2#2", OPEN),
    ]


def test_a_selection_is_adopted_once_next_to_own_actions(first):
    own = PlanAction(id="7", text="Eigen actie.", criterion=None, origin=OWN)
    plan = Plan("OD Noord", "mini", "1", "12", actions=(own,))
    plan = adopt(plan, first, ["A2#2"])
    assert [(a.id, a.suggestion) for a in plan.actions] == [("7", None), ("8", "A2#2")]
    plan = adopt(plan, first)  # everything: A2#2 is not added again
    assert [a.suggestion for a in plan.actions] == [None, "A2#2", "A1#1", "A2#1"]
    assert next_action_id(plan) == "11"


def test_adopting_a_suggestion_the_result_does_not_make_is_refused(first):
    plan = new_plan("OD Noord", "12", first, keys=[])
    with pytest.raises(PlanError) as refused:
        adopt(plan, first, ["A1#1", "B1#1", "A1#9"])
    assert refused.value.problems == [
        "B1#1: deze actie stelt de vragenlijst niet voor bij deze uitkomst",
        "A1#9: deze actie stelt de vragenlijst niet voor bij deze uitkomst"]
    assert plan.actions == ()


def test_overdue_open_per_criterion_and_counts(first):
    plan = new_plan("OD Noord", "12", first)
    a1, a2_1, a2_2 = plan.actions
    plan = replace(plan, actions=(
        replace(a1, due=date(2026, 3, 1)),
        replace(a2_1, status=IN_PROGRESS, due=date(2026, 9, 1)),
        replace(a2_2, status=DONE, due=date(2026, 1, 1)),
        PlanAction(id="4", text="Algemeen.", criterion=None, due=date(2026, 2, 1)),
        PlanAction(id="5", text="Vervallen.", criterion="A1", status=CANCELLED, reason="Niet nodig."),
    ))
    today = date(2026, 6, 1)
    assert [a.id for a in overdue_actions(plan, today)] == ["1", "4"]
    assert {criterion: [a.id for a in found] for criterion, found in open_by_criterion(plan).items()} == {
        "A1": ["1"], "A2": ["2"], None: ["4"]}
    counts = count_actions(plan, today)
    assert (counts.open, counts.overdue, counts.done, counts.cancelled) == (3, 2, 1, 1)


def test_open_actions_of_a_criterion_that_reaches_its_threshold_are_offered_for_closing(mini, first):
    plan = new_plan("OD Noord", "12", first)
    a1, a2_1, a2_2 = plan.actions
    plan = replace(plan, actions=(a1, a2_1, a2_2, replace(a1, id="4", status=DONE),
                                  PlanAction(id="5", text="Algemeen.", criterion=None)))
    later = score(mini, NEXT, KIND)
    assert [a.id for a in closable_actions(plan, later)] == ["1"]
    assert closable_actions(plan, first) == []


def test_the_next_period_shows_per_criterion_the_open_actions_and_the_score_change(mini, first):
    plan = new_plan("OD Noord", "12", first)
    later = score(mini, NEXT, KIND)
    rows = {row.criterion: row for row in progress_by_criterion(plan, later, first)}
    assert list(rows) == ["A1", "A2", "B1"]
    assert (rows["A1"].score_before, rows["A1"].score_now, rows["A1"].score_change) == (37.5, 100.0, 62.5)
    assert (rows["A1"].level_before, rows["A1"].level_now, rows["A1"].reaches_threshold) == ("tekort", "voldoet", True)
    assert [a.id for a in rows["A2"].open_actions] == ["2", "3"] and not rows["A2"].reaches_threshold
    assert rows["B1"].open_actions == [] and rows["B1"].reaches_threshold
    without_before = progress_by_criterion(plan, later)
    assert all(row.score_before is None and row.score_change is None for row in without_before)
