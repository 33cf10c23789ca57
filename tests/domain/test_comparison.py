"""Comparison, trends and the privacy-safe peer benchmark."""

import pytest

from vthscan.domain.comparison import (
    BETTER,
    SAME,
    WORSE,
    Assessment,
    ComparisonError,
    Summary,
    compare,
    peer_benchmark,
    restrict,
    spread,
    summary_of,
    trend,
)
from vthscan.domain.loader import load_profile_text, load_questionnaire, load_questionnaire_text
from vthscan.domain.scoring import score

from .conftest import MINI_PATH, answers

GOOD = answers(a1_ja=True, a1_schaal=4, a2_keuze="goed", a2_norm=2, b1_lineair=20, b1_banden=95)
WEAK = answers(a1_ja=False, a1_schaal=1, a2_keuze="matig", a2_norm=0.5, b1_lineair=80, b1_banden=20)


def od(mini, label, given, period="2026", questionnaire=None):
    return Assessment(label, "omgevingsdienst", period, questionnaire or mini, given)


@pytest.fixture(scope="module")
def mini_v2(mini_text):
    """Version 2: criterion A2 is replaced by A3 (other id), the rest is shared."""
    return load_questionnaire_text(mini_text.replace('version: "1"', 'version: "2"')
                                   .replace("id: A2\n", "id: A3\n"))


def test_side_by_side_rows_and_cells(mini):
    comparison = compare([od(mini, "OD Noord", GOOD), od(mini, "OD Zuid", WEAK)])
    assert [c.label for c in comparison.columns] == ["OD Noord", "OD Zuid"]
    assert [(r.id, r.is_pillar) for r in comparison.rows] == [
        ("A", True), ("A1", False), ("A2", False), ("B", True), ("B1", False), ("G", True), ("G1", False)]
    a1 = next(r for r in comparison.rows if r.id == "A1")
    assert [c.score for c in a1.cells] == [100, pytest.approx(18.75)]
    assert [c.level for c in a1.cells] == ["voldoet", "tekort"]
    g = next(r for r in comparison.rows if r.id == "G")
    assert [c.score for c in g.cells] == [None, None]  # not for an omgevingsdienst
    assert comparison.version_note is None and comparison.left_out == []


def test_common_gaps_and_largest_differences(mini):
    comparison = compare([od(mini, "OD Noord", GOOD), od(mini, "OD Zuid", WEAK), od(mini, "OD West", WEAK)])
    first = comparison.common_gaps[0]
    assert first.count == 2 and first.labels == ["OD Zuid", "OD West"]
    assert {g.criterion for g in comparison.common_gaps} == {"A1", "A2", "B1"}
    biggest = comparison.largest_differences[0]
    assert biggest.criterion == "A1" and biggest.spread == pytest.approx(81.25)
    assert biggest.highest == "OD Noord" and biggest.lowest in ("OD Zuid", "OD West")


def test_different_questionnaires_cannot_be_compared(mini, mini_text):
    other = load_questionnaire_text(mini_text.replace("id: mini", "id: anders"))
    with pytest.raises(ComparisonError, match="dezelfde vragenlijst"):
        compare([od(mini, "X", GOOD), od(mini, "Y", GOOD, questionnaire=other)])


def test_versions_differ_compare_only_shared_criteria(mini, mini_v2):
    comparison = compare([od(mini, "OD Noord", GOOD), od(mini, "OD Zuid", WEAK, questionnaire=mini_v2)])
    assert comparison.versions == ["1", "2"]
    assert comparison.left_out == ["A2", "A3"]
    assert "verschillende versies" in comparison.version_note and "A2, A3" in comparison.version_note
    assert [r.id for r in comparison.rows] == ["A", "A1", "B", "B1", "G", "G1"]
    # Pillar A is now scored on A1 alone, for both columns.
    a = next(r for r in comparison.rows if r.id == "A")
    assert [c.score for c in a.cells] == [100, pytest.approx(18.75)]


def test_comparison_with_profile_changes_levels_only(mini):
    profile = load_profile_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Hoog\n"
                                "thresholds: {voldoet: 99, aandachtspunt: 98}\n", mini)
    plain = compare([od(mini, "OD Noord", GOOD), od(mini, "OD Zuid", WEAK)])
    strict = compare([od(mini, "OD Noord", GOOD), od(mini, "OD Zuid", WEAK)], profile)
    assert strict.profile_name == "Hoog"
    assert [[c.score for c in r.cells] for r in strict.rows] == [[c.score for c in r.cells] for r in plain.rows]
    b1 = next(r for r in strict.rows if r.id == "B1")  # GOOD scores 100 on B1; WEAK 12.5
    assert [c.level for c in b1.cells] == ["voldoet", "tekort"]
    a2 = next(r for r in strict.rows if r.id == "A2")
    assert a2.cells[0].level == "voldoet"


def test_trend_over_periods_with_changes_and_actions_done(mini):
    earlier = answers(a1_ja=False, a1_schaal=1, a2_keuze="matig", a2_norm=2, b1_lineair=20, b1_banden=95)
    later = answers(a1_ja=True, a1_schaal=4, a2_keuze="matig", a2_norm=2, b1_lineair=60, b1_banden=95)
    result = trend([od(mini, "OD", later, "2026"), od(mini, "OD", earlier, "2025")])
    assert result.periods == ["2025", "2026"]
    changes = {c.criterion: c for c in result.changes}
    assert changes["A1"].change == BETTER and changes["A1"].delta == pytest.approx(81.25)
    assert changes["A2"].change == SAME
    assert changes["B1"].change == WORSE
    assert changes["G1"].change is None
    assert {a.criterion for a in result.actions_done} == {"A1"}
    assert len(result.overall) == 2 and result.overall[0] < result.overall[1]


def test_trend_with_one_period_has_no_changes(mini):
    result = trend([od(mini, "OD", GOOD)])
    assert result.changes == [] and result.actions_done == []


def test_spread_quartiles():
    s = spread([10, 20, 30, 40, 50])
    assert (s.minimum, s.first_quartile, s.median, s.third_quartile, s.maximum) == (10, 20, 30, 40, 50)
    assert s.position(15) == "bij het laagste kwart" and s.position(45) == "bij het hoogste kwart"
    assert s.position(30) == "in de middelste helft"


def test_benchmark_needs_at_least_five_peers(mini):
    own = summary_of(score(mini, GOOD, "omgevingsdienst"))
    peers = [Summary(float(v), {"A": float(v), "B": None}) for v in (40, 50, 60, 70)]
    assert peer_benchmark(own, peers) is None
    benchmark = peer_benchmark(own, peers + [Summary(80.0, {"A": 80.0, "B": None})])
    assert benchmark.peers == 5 and benchmark.overall.median == 60
    assert [pillar_id for pillar_id, _, _ in benchmark.pillars] == ["A"]  # B has no peer scores
    assert benchmark.own_overall == own.score


def test_benchmark_ignores_peers_without_a_score(mini):
    own = Summary(50.0, {})
    peers = [Summary(60.0, {})] * 4 + [Summary(None, {})] * 3
    assert peer_benchmark(own, peers) is None


def test_nothing_to_compare():
    with pytest.raises(ComparisonError):
        compare([])


def test_a_cut_down_questionnaire_lists_only_its_own_questions():
    questionnaire = load_questionnaire(MINI_PATH)
    assert len(questionnaire.questions) == 8  # computed, and so cached, before the copy is made
    cut = restrict(questionnaire, {"A1"})
    assert list(cut.questions) == ["a1_ja", "a1_schaal"]
    assert [c.id for _, c in cut.criteria] == ["A1"]
