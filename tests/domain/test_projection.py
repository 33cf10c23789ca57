"""What-if projection: the same scoring on changed answers, compared with the current result."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vthscan.domain.answers import Answer, AnswersError
from vthscan.domain.plan import DONE, Plan, PlanAction, PlanError
from vthscan.domain.projection import PROJECTION_LABEL, action_targets, project, project_plan
from vthscan.domain.scoring import ANSWERED, UNKNOWN, score, score_question
from vthscan.domain.whatif_file import WHATIF_FORMAT, parse_whatif_file, whatif_questionnaire_problem

from .conftest import answers
from .test_properties import KIND, MINI, PROFILE, QUESTIONS, answer_sets, values_for

CURRENT = answers(a1_ja=False, a1_schaal=2, a2_keuze="matig", a2_norm=1.0, b1_lineair=60, b1_banden=95)


def test_a_projection_compares_current_and_projected_scores_and_levels():
    projection = project(MINI, CURRENT, answers(a1_ja=True, a1_schaal=4), KIND)
    assert projection.label == PROJECTION_LABEL == "projectie"
    assert projection.current == score(MINI, CURRENT, KIND)
    assert projection.projected == score(MINI, CURRENT | answers(a1_ja=True, a1_schaal=4), KIND)
    a1 = projection.criteria[0]
    assert (a1.id, a1.score_before, a1.score_after, a1.score_change) == ("A1", 37.5, 100.0, 62.5)
    assert (a1.level_before, a1.level_after, a1.is_level_changed) == ("tekort", "voldoet", True)
    assert [(c.id, c.level_before, c.level_after) for c in projection.level_changes] == [
        ("totaal", "tekort", "aandachtspunt"), ("A", "tekort", "aandachtspunt"), ("A1", "tekort", "voldoet")]
    assert projection.overall.id == "totaal" and [p.id for p in projection.pillars] == ["A", "B"]


def test_a_projection_uses_the_profile_and_the_kind():
    projection = project(MINI, CURRENT, answers(a1_schaal=3), KIND, PROFILE)
    assert projection.projected.profile_name == "Test"
    assert projection.projected == score(MINI, CURRENT | answers(a1_schaal=3), KIND, PROFILE)


@pytest.mark.parametrize("targets, message", [
    ({"zz": Answer(value=True)}, "doelantwoord zz: deze vraag bestaat niet in mini versie 1"),
    ({"a1_ja": Answer(value=3)}, "doelantwoord a1_ja: antwoord met ja (true) of nee (false)"),
    ({"a1_ja": Answer()}, "doelantwoord a1_ja: geef een doelantwoord"),
    ({"a2_tekst": Answer(value="Klaar")}, "doelantwoord a2_tekst: deze vraag telt niet mee in de score"),
    ({"g1_ja": Answer(value=True)}, "doelantwoord g1_ja: deze vraag is niet voor een omgevingsdienst"),
    ({"a1_ja": Answer(na=True, na_reason="x")}, "'niet van toepassing' is bij deze vraag niet toegestaan"),
])
def test_targets_that_do_not_fit_are_refused_in_dutch(targets, message):
    with pytest.raises(AnswersError) as refused:
        project(MINI, CURRENT, targets, KIND)
    assert any(problem.startswith(message) or message in problem for problem in refused.value.problems), \
        refused.value.problems


def test_an_action_names_the_answers_it_brings_about():
    plan = Plan("OD Noord", "mini", "1", "12", actions=(
        PlanAction(id="1", text="Register.", criterion="A1", improves={"a1_ja": True}),
        PlanAction(id="2", text="Borgen.", criterion="A1", improves={"a1_schaal": 3}),
        PlanAction(id="3", text="Meer borgen.", criterion="A1", improves={"a1_schaal": 4}),
        PlanAction(id="4", text="Al gedaan.", criterion="A2", status=DONE, evidence="x", improves={"a2_keuze": "goed"}),
        PlanAction(id="5", text="Algemeen.", criterion=None),
    ))
    # Two actions on one question, both done: the better answer counts, whatever the order.
    assert action_targets(MINI, reversed(plan.actions[1:3])) == {"a1_schaal": Answer(value=4)}
    everything_open = project_plan(MINI, CURRENT, plan, kind=KIND)
    assert everything_open.targets == {"a1_ja": Answer(value=True), "a1_schaal": Answer(value=4)}
    chosen = project_plan(MINI, CURRENT, plan, ["2", "4"], targets=answers(b1_banden=10), kind=KIND)
    assert chosen.targets == answers(a1_schaal=3, a2_keuze="goed", b1_banden=10)
    with pytest.raises(PlanError, match="actie 9 staat niet in het plan"):
        project_plan(MINI, CURRENT, plan, ["1", "9"], kind=KIND)


def test_a_wrong_improvement_is_refused_when_projected():
    plan = Plan("OD Noord", "mini", "1", "12", actions=(
        PlanAction(id="1", text="Iets.", criterion="A2", improves={"a2_keuze": "prima"}),
        PlanAction(id="2", text="Iets anders.", criterion="A2", improves={"a2_keuze": "goed"})))
    with pytest.raises(AnswersError, match="onbekende keuze 'prima'"):
        project_plan(MINI, CURRENT, plan, kind=KIND)


@settings(max_examples=200, deadline=None)
@given(answer_sets)
def test_a_projection_without_changes_is_the_current_result(given_answers):
    kept = copy.deepcopy(given_answers)
    projection = project(MINI, given_answers, {}, KIND, PROFILE)
    assert projection.projected == projection.current == score(MINI, given_answers, KIND, PROFILE)
    assert projection.level_changes == []
    assert all(c.score_change in (None, 0) for c in (projection.overall, *projection.pillars, *projection.criteria))
    assert given_answers == kept


@settings(max_examples=300, deadline=None)
@given(answer_sets, st.data())
def test_a_better_answer_never_lowers_a_score_or_a_level(given_answers, data):
    kept = copy.deepcopy(given_answers)
    targets = {}
    for question_id, answer in given_answers.items():
        question = QUESTIONS[question_id]
        now = score_question(question, answer)
        if now.status not in (ANSWERED, UNKNOWN) or not data.draw(st.booleans()):
            continue
        target = data.draw(values_for(question).map(lambda value: Answer(value=value)))
        if score_question(question, target).score >= now.score:
            targets[question_id] = target
    projection = project(MINI, given_answers, targets, KIND, PROFILE)
    rank = MINI.level_rank
    for change in (projection.overall, *projection.pillars, *projection.criteria):
        assert (change.score_before is None) == (change.score_after is None)
        if change.score_before is not None:
            assert change.score_after >= change.score_before
            assert rank(change.level_after) <= rank(change.level_before)
    assert given_answers == kept


def test_the_whatif_file_gives_target_answers():
    whatif = parse_whatif_file('{"format": "vthscan.whatif/1", "questionnaire": {"id": "mini", "version": "1"},'
                               ' "answers": {"a1_ja": {"value": true},'
                               ' "a2_keuze": {"na": true, "na_reason": "Geen taak"},'
                               ' "b1_banden": {"unknown": true}}}')
    assert whatif.targets == {"a1_ja": Answer(value=True), "a2_keuze": Answer(na=True, na_reason="Geen taak"),
                              "b1_banden": Answer(unknown=True)}
    assert whatif_questionnaire_problem(whatif, MINI) is None
    assert project(MINI, CURRENT, whatif.targets, KIND).projected.criteria[0].score == 62.5


def test_a_whatif_file_for_another_questionnaire_is_named():
    whatif = parse_whatif_file('{"format": "vthscan.whatif/1", "questionnaire": {"id": "mini", "version": "2"},'
                               ' "answers": {"a1_ja": {"value": true}}}')
    assert whatif_questionnaire_problem(whatif, MINI) == (
        "de wat-als-wijzigingen zijn voor mini versie 2, de antwoorden voor mini versie 1")


@pytest.mark.parametrize("text, message", [
    ('{"format": "vthscan.whatif/1", "answers": {}}', "wat-als.json: answers: mag niet leeg zijn"),
    ('{"format": "vthscan.whatif/1", "answers": {"a1_ja": true}}',
     "wat-als.json: answers.a1_ja: moet een blok met sleutels zijn"),
    ('{"format": "vthscan.whatif/1", "answers": {"a1_ja": {"value": true, "na": "ja"}}}',
     "wat-als.json: answers.a1_ja.na: moet true of false zijn"),
    ('{"format": "vthscan.whatif/1", "answers": {"a1_ja": {"waarde": true}}}',
     "wat-als.json: answers.a1_ja.waarde: onbekende sleutel"),
    ('{"format": "vthscan.answers/1"}', 'wat-als.json: dit is geen wat-als-bestand; verwacht "format": '
                                        f'"{WHATIF_FORMAT}"'),
    ('{"format": "vthscan.whatif/1", "answers": {"a": {"value": 1}, "a": {}}}',
     "wat-als.json: sleutel 'a' staat twee keer in hetzelfde blok"),
])
def test_a_broken_whatif_file_is_refused_with_its_place(text, message):
    with pytest.raises(AnswersError) as refused:
        parse_whatif_file(text, "wat-als.json")
    assert message in refused.value.problems
