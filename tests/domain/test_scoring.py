"""The scoring engine: question scores, weighted means, levels, knock-out, gaps, actions, completeness."""

import pytest

from vthscan.domain.answers import Answer, AnswersError
from vthscan.domain.loader import load_profile_text, load_questionnaire_text
from vthscan.domain.scoring import NOT_APPLICABLE, OPEN, UNKNOWN, score

from .conftest import answers

NA = Answer(na=True, na_reason="Voeren wij niet uit.")
UNKNOWN_ANSWER = Answer(unknown=True)


def criterion(result, criterion_id):
    return next(c for c in result.criteria if c.id == criterion_id)


def pillar(result, pillar_id):
    return next(p for p in result.pillars if p.id == pillar_id)


def question_score(mini, question_id, value):
    """The score of one answered question, read through the engine."""
    result = score(mini, answers(**{question_id: value}), kind=None)
    return next(q.score for c in result.criteria for q in c.questions if q.id == question_id)


@pytest.mark.parametrize("question_id, value, expected", [
    ("a1_ja", True, 100), ("a1_ja", False, 0),
    ("a1_schaal", 0, 0), ("a1_schaal", 1, 25), ("a1_schaal", 3, 75), ("a1_schaal", 4, 100),
    ("a2_keuze", "goed", 100), ("a2_keuze", "matig", 40),
    # norm 2: min(100, 100·x/2)
    ("a2_norm", 0, 0), ("a2_norm", 1, 50), ("a2_norm", 1.5, 75), ("a2_norm", 2, 100), ("a2_norm", 7, 100),
    # linear from 100 (0 points) down to 20 (100 points), clamped
    ("b1_lineair", 100, 0), ("b1_lineair", 60, 50), ("b1_lineair", 20, 100), ("b1_lineair", 5, 100),
    ("b1_lineair", 300, 0),
    # bands: highest min <= x; below the lowest band 0
    ("b1_banden", 95, 100), ("b1_banden", 90, 100), ("b1_banden", 89.9, 60), ("b1_banden", 50, 60),
    ("b1_banden", 10, 20), ("b1_banden", 9, 0),
])
def test_question_scores_per_type_and_rule(mini, question_id, value, expected):
    assert question_score(mini, question_id, value) == pytest.approx(expected)


def test_text_question_is_never_scored(mini):
    result = score(mini, answers(a2_tekst="Uitleg", a2_norm=2), kind="omgevingsdienst")
    a2 = criterion(result, "A2")
    assert a2.score == 100  # only a2_norm counts
    assert next(q for q in a2.questions if q.id == "a2_tekst").score is None


def test_weighted_means_up_to_the_overall_score(mini):
    result = score(mini, answers(a1_ja=True, a1_schaal=2, a2_keuze="matig", a2_norm=2, b1_lineair=60,
                                 b1_banden=95), kind="omgevingsdienst")
    # A1: (100·1 + 50·3) / 4 = 62.5; A2: (40 + 100) / 2 = 70; B1: (50 + 100) / 2 = 75
    assert criterion(result, "A1").score == pytest.approx(62.5)
    assert criterion(result, "A2").score == pytest.approx(70)
    # A: (62.5·1 + 70·3) / 4 = 68.125; B = 75; overall (68.125·2 + 75·1) / 3
    assert pillar(result, "A").score == pytest.approx(68.125)
    assert result.score == pytest.approx((68.125 * 2 + 75) / 3)


def test_not_applicable_is_left_out_and_unknown_scores_zero(mini):
    result = score(mini, answers(a2_keuze=NA, a2_norm=1, b1_lineair=20, b1_banden=UNKNOWN_ANSWER),
                   kind="omgevingsdienst")
    assert criterion(result, "A2").score == pytest.approx(50)   # only the norm question
    assert criterion(result, "B1").score == pytest.approx(50)   # (100 + 0) / 2
    statuses = {q.id: q.status for c in result.criteria for q in c.questions}
    assert statuses["a2_keuze"] == NOT_APPLICABLE and statuses["b1_banden"] == UNKNOWN
    assert statuses["a1_ja"] == OPEN


def test_unanswered_questions_are_left_out_and_lower_completeness(mini):
    result = score(mini, answers(a1_ja=True), kind="omgevingsdienst")
    assert criterion(result, "A1").score == 100
    # every question of an omgevingsdienst counts, the text question a2_tekst too
    assert (result.completeness.done, result.completeness.total) == (1, 7)
    assert result.completeness.fraction == pytest.approx(1 / 7)


def test_na_counts_as_complete(mini):
    result = score(mini, answers(a2_keuze=NA, a1_ja=Answer(unknown=True)), kind="omgevingsdienst")
    assert result.completeness.done == 2


def test_nothing_to_score_is_not_judged_never_zero(mini):
    result = score(mini, answers(a2_keuze=NA), kind="omgevingsdienst")
    assert criterion(result, "A2").score is None and criterion(result, "A2").level is None
    assert pillar(result, "A").score is None and result.score is None and result.level is None
    assert criterion(result, "A2").gap is None
    assert result.actions == []


def test_all_na_criterion_does_not_drag_its_pillar(mini):
    result = score(mini, answers(a1_ja=True, a1_schaal=4, a2_keuze=NA), kind="omgevingsdienst")
    assert criterion(result, "A2").score is None  # a2_norm unanswered, a2_keuze N/A
    assert pillar(result, "A").score == 100


def test_empty_answers_give_no_completeness_error(mini):
    result = score(mini, {}, kind="gemeente")
    assert result.completeness.fraction == 0 and result.completeness.total == 3  # B (2) + G (1)
    assert result.score is None


def test_pillars_follow_the_kind_of_organisation(mini):
    assert [p.id for p in score(mini, {}, kind="omgevingsdienst").pillars] == ["A", "B"]
    assert [p.id for p in score(mini, {}, kind="provincie").pillars] == ["B", "G"]
    assert [p.id for p in score(mini, {}, kind=None).pillars] == ["A", "B", "G"]


def test_weight_zero_question_counts_for_nothing(mini_text):
    q = load_questionnaire_text(mini_text.replace("scale: volwassenheid, weight: 3", "scale: volwassenheid, weight: 0"))
    result = score(q, answers(a1_ja=True, a1_schaal=0), kind="omgevingsdienst")
    assert criterion(result, "A1").score == 100


@pytest.mark.parametrize("value, level", [(75, "voldoet"), (74.99, "aandachtspunt"), (50, "aandachtspunt"),
                                          (49.9, "tekort"), (0, "tekort")])
def test_levels_at_the_boundaries(mini, value, level):
    # a2_norm alone decides criterion A2 (thresholds voldoet 80 overridden; aandachtspunt 50 inherited)
    result = score(mini, answers(b1_lineair=100 - value * 0.8), kind="omgevingsdienst")
    b1 = criterion(result, "B1")  # pillar B thresholds: voldoet 70, aandachtspunt 40
    assert b1.score == pytest.approx(value)
    expected = "voldoet" if value >= 70 else "aandachtspunt" if value >= 40 else "tekort"
    assert b1.level == expected
    overall = score(mini, answers(a1_ja=True, a1_schaal=4, a2_norm=value / 50, b1_lineair=20),
                    kind="omgevingsdienst")
    assert criterion(overall, "A2").score == pytest.approx(value)
    a2_expected = "voldoet" if value >= 80 else "aandachtspunt" if value >= 50 else "tekort"
    assert criterion(overall, "A2").level == a2_expected
    del level


def test_threshold_overrides_criterion_over_pillar_over_questionnaire(mini):
    result = score(mini, {}, kind="omgevingsdienst")
    assert criterion(result, "A2").thresholds == {"voldoet": 80, "aandachtspunt": 50}
    assert criterion(result, "A1").thresholds == {"voldoet": 75, "aandachtspunt": 50}
    assert criterion(result, "B1").thresholds == {"voldoet": 70, "aandachtspunt": 40}
    assert pillar(result, "B").thresholds == {"voldoet": 70, "aandachtspunt": 40}
    assert result.thresholds == {"voldoet": 75, "aandachtspunt": 50}


PROFILE = """schema: vthscan.thresholds/1
questionnaire: mini
name: Streng
thresholds: {voldoet: 90}
pillars: {B: {aandachtspunt: 45}}
criteria: {A2: {voldoet: 95}}
"""


def test_profile_sits_on_top_and_changes_levels_not_scores(mini):
    profile = load_profile_text(PROFILE, mini)
    given = answers(a1_ja=True, a1_schaal=3, a2_keuze="goed", a2_norm=1.7, b1_lineair=30, b1_banden=60)
    plain = score(mini, given, kind="omgevingsdienst")
    strict = score(mini, given, kind="omgevingsdienst", profile=profile)
    assert [c.score for c in strict.criteria] == [c.score for c in plain.criteria]
    assert strict.score == plain.score
    # criterion A2: profile criterion entry (95) > profile thresholds > criterion's own 80
    assert criterion(strict, "A2").thresholds == {"voldoet": 95, "aandachtspunt": 50}
    # criterion B1: profile's general voldoet 90 beats pillar B's 70; profile pillar entry 45 for aandachtspunt
    assert criterion(strict, "B1").thresholds == {"voldoet": 90, "aandachtspunt": 45}
    assert pillar(strict, "B").thresholds == {"voldoet": 90, "aandachtspunt": 45}
    assert strict.thresholds == {"voldoet": 90, "aandachtspunt": 50}
    assert strict.profile_name == "Streng"
    # A2 scores (100 + 85) / 2 = 92.5: voldoet by default, not under the strict profile
    assert criterion(plain, "A2").level == "voldoet" and criterion(strict, "A2").level == "aandachtspunt"
    assert criterion(strict, "A2").gap == pytest.approx(2.5)
    assert len(strict.actions) > len(plain.actions)


def test_knockout_caps_pillar_and_overall_level_but_not_scores(mini):
    # A1 (knock-out) at 25 -> tekort; everything else perfect.
    given = answers(a1_ja=False, a1_schaal=1, a2_keuze="goed", a2_norm=2, b1_lineair=20, b1_banden=95)
    result = score(mini, given, kind="omgevingsdienst")
    a1, a = criterion(result, "A1"), pillar(result, "A")
    assert a1.score == pytest.approx(18.75) and a1.level == "tekort" and a1.fails_knockout
    # A: (18.75·1 + 100·3) / 4 = 79.6875 -> voldoet by score, capped to tekort
    assert a.score == pytest.approx(79.6875)
    assert a.score_level == "voldoet" and a.level == "tekort" and a.capped_by == ["A1"]
    # overall (79.6875·2 + 100) / 3 = 86.46 -> voldoet by score, capped to tekort
    assert result.score_level == "voldoet" and result.level == "tekort" and result.capped_by == ["A1"]
    assert pillar(result, "B").level == "voldoet" and pillar(result, "B").capped_by == []


def test_knockout_at_middle_level_caps_at_that_level(mini):
    given = answers(a1_ja=True, a1_schaal=2, a2_keuze="goed", a2_norm=2, b1_lineair=20, b1_banden=95)
    result = score(mini, given, kind="omgevingsdienst")  # A1 = 62.5 -> aandachtspunt
    assert pillar(result, "A").level == "aandachtspunt" and result.level == "aandachtspunt"
    assert result.capped_by == ["A1"]


def test_knockout_does_not_raise_a_worse_level(mini):
    given = answers(a1_ja=True, a1_schaal=2, a2_keuze="matig", a2_norm=0.1, b1_lineair=100, b1_banden=0)
    result = score(mini, given, kind="omgevingsdienst")
    assert result.level == "tekort" and result.capped_by == []


def test_gap_is_best_threshold_minus_score_when_positive(mini):
    result = score(mini, answers(a1_ja=True, a1_schaal=2, a2_norm=2), kind="omgevingsdienst")
    assert criterion(result, "A1").gap == pytest.approx(75 - 62.5)
    assert criterion(result, "A2").gap is None          # 100 reaches 80
    assert pillar(result, "A").gap is None              # (62.5 + 300) / 4 = 90.6


def test_action_plan_order_knockout_first_then_gap_times_weights_then_id(mini_text):
    # Give B1 and A2 equal weight products so the id decides between them.
    q = load_questionnaire_text(mini_text)
    given = answers(a1_ja=True, a1_schaal=3,          # A1 (KO) 81.25 -> voldoet: no actions
                    a2_keuze="matig", a2_norm=0.4,    # A2 (40 + 20) / 2 = 30: gap 50 × 3 × 2 = 300
                    b1_lineair=100, b1_banden=95)     # B1 (0 + 100) / 2 = 50: gap 20 × 1 × 1 = 20
    result = score(q, given, kind="omgevingsdienst")
    assert [(a.criterion, a.action.text) for a in result.actions] == [
        ("A2", "Verbeter A2 stap 1."), ("A2", "Verbeter A2 stap 2."), ("B1", "Verbeter B1.")]
    assert result.actions[0].priority_weight == pytest.approx(300)

    given = answers(a1_ja=False, a1_schaal=3,         # A1 (KO) 56.25 -> gap 18.75 × 1 × 2 = 37.5
                    a2_keuze="matig", a2_norm=0.4, b1_lineair=100, b1_banden=95)
    result = score(q, given, kind="omgevingsdienst")
    assert [a.criterion for a in result.actions] == ["A1", "A2", "A2", "B1"]
    assert result.actions[0].knockout



TIE = """schema: vthscan.questionnaire/1
id: gelijk
version: "1"
title: Gelijkspel
levels:
  - {id: goed, label: Goed, color: "#2e7d32"}
  - {id: slecht, label: Slecht, color: "#c62828"}
thresholds: {goed: 60}
pillars:
  - id: P
    title: Pijler
    criteria:
      - id: Z1
        title: Laatste id, eerst in het bestand
        questions: [{id: z, text: Z?, help: Hulp., type: yes_no}]
        actions: [{text: Actie Z1., priority: hoog, effort: klein, term: nu}]
      - id: C1
        title: Eerste id
        questions: [{id: c, text: C?, help: Hulp., type: yes_no}]
        actions: [{text: Actie C1., priority: laag, effort: klein, term: later}]
"""


def test_equal_priority_is_ordered_by_criterion_id():
    q = load_questionnaire_text(TIE)
    result = score(q, answers(z=False, c=False))
    assert result.actions[0].priority_weight == result.actions[1].priority_weight == 60
    assert [a.criterion for a in result.actions] == ["C1", "Z1"]


@pytest.mark.parametrize("given, message", [
    ({"zz_onbekend": Answer(value=True)}, "bestaat niet"),
    ({"a1_ja": Answer(value="ja")}, "ja (true) of nee (false)"),
    ({"a1_schaal": Answer(value=5)}, "0 tot en met 4"),
    ({"a1_schaal": Answer(value=2.5)}, "0 tot en met 4"),
    ({"a2_keuze": Answer(value="super")}, "onbekende keuze 'super'"),
    ({"a2_norm": Answer(value=51)}, "hoogstens 50"),
    ({"a2_norm": Answer(value=-1)}, "minstens 0"),
    ({"a2_norm": Answer(value="veel")}, "vul een getal in"),
    ({"a1_ja": Answer(na=True, na_reason="x")}, "niet toegestaan"),
    ({"a2_keuze": Answer(na=True)}, "geef een reden"),
    ({"a2_keuze": Answer(na=True, na_reason="x", unknown=True)}, "niet allebei"),
    ({"g1_ja": Answer(value=True)}, "niet voor een omgevingsdienst"),
])
def test_bad_answers_are_refused_with_every_problem(mini, given, message):
    with pytest.raises(AnswersError) as caught:
        score(mini, given, kind="omgevingsdienst")
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_all_bad_answers_are_listed_together(mini):
    with pytest.raises(AnswersError) as caught:
        score(mini, {"zz": Answer(value=1), "a1_ja": Answer(value=3), "a2_norm": Answer(value=99)},
              kind="omgevingsdienst")
    assert len(caught.value.problems) == 3
