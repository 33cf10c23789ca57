"""The owners' own view: which criteria, the checks of a view, and the summary per criterion."""

from __future__ import annotations

from pathlib import Path

import pytest

from vthscan.domain.answers import Answer
from vthscan.domain.loader import load_questionnaire, load_questionnaire_text
from vthscan.domain.owner_view import (
    OWNER_VIEW_PILLARS,
    OwnerView,
    owner_view_criteria,
    summarize,
    view_problems,
    without_names,
)
from vthscan.domain.scoring import score

STANDARD = Path(__file__).resolve().parents[2] / "questionnaires" / "vthscan-standaard-1.1.yaml"


@pytest.fixture(scope="module")
def owners_questionnaire(mini_text):
    """The mini questionnaire with its pillar A renamed R: criteria A1 and A2 (scored for an OD) and G1
    (for municipalities and provinces only)."""
    return load_questionnaire_text(mini_text.replace('  - id: A\n    title: "Pijler A"', '  - id: R\n    title: "Pijler R"'))


def levels(summary):
    return {c.criterion: c for c in summary.criteria}


def test_the_criteria_are_those_of_the_pillars_r_and_g():
    standard = load_questionnaire(STANDARD)
    assert OWNER_VIEW_PILLARS == ("R", "G")
    assert [criterion.id for _pillar, criterion in owner_view_criteria(standard)] == [
        "R1", "R2", "R3", "R4", "R5", "R6", "G1", "G2", "G3"]


def test_a_questionnaire_without_those_pillars_has_only_what_it_has(mini):
    assert [criterion.id for _pillar, criterion in owner_view_criteria(mini)] == ["G1"]


def test_without_owner_views_every_criterion_is_listed_and_nothing_is_a_talking_point(owners_questionnaire):
    summary = summarize(owners_questionnaire, {"A1": "voldoet", "A2": "tekort"}, [], asked=3)
    assert [c.criterion for c in summary.criteria] == ["A1", "A2", "G1"]
    a1 = levels(summary)["A1"]
    assert (a1.od_level, a1.given, a1.agree, a1.highest, a1.lowest) == ("voldoet", 0, 0, None, None)
    assert a1.largest_distance is None and a1.differs_most == () and not a1.is_talking_point
    assert summary.talking_points == () and (summary.asked, summary.answered) == (3, 0)


def test_all_owners_agree(owners_questionnaire):
    views = [OwnerView("Gemeente B", "A1", "voldoet"), OwnerView("Gemeente A", "A1", "voldoet", "Klopt.")]
    a1 = levels(summarize(owners_questionnaire, {"A1": "voldoet"}, views, asked=2))["A1"]
    assert (a1.given, a1.agree, a1.highest, a1.lowest, a1.largest_distance) == (2, 2, "voldoet", "voldoet", 0)
    assert a1.differs_most == () and a1.differs_most_count == 0 and not a1.is_talking_point
    assert [owner.owner for owner in a1.owners] == ["Gemeente A", "Gemeente B"]


def test_one_owner_two_levels_away_is_a_talking_point_and_differs_most(owners_questionnaire):
    views = [OwnerView("Gemeente A", "A1", "voldoet"), OwnerView("Gemeente B", "A1", "aandachtspunt"),
             OwnerView("Provincie C", "A1", "tekort", "Te weinig mensen.")]
    summary = summarize(owners_questionnaire, {"A1": "voldoet"}, views, asked=3)
    a1 = levels(summary)["A1"]
    assert [(o.owner, o.level, o.distance) for o in a1.owners] == [
        ("Gemeente A", "voldoet", 0), ("Gemeente B", "aandachtspunt", 1), ("Provincie C", "tekort", 2)]
    assert (a1.agree, a1.highest, a1.lowest, a1.largest_distance) == (1, "voldoet", "tekort", 2)
    assert a1.differs_most == ("Provincie C",) and a1.differs_most_count == 1
    assert a1.is_talking_point and summary.talking_points == (a1,)


def test_one_level_is_already_a_talking_point_and_ties_name_everyone_at_that_distance(owners_questionnaire):
    views = [OwnerView("Gemeente A", "A2", "voldoet"), OwnerView("Gemeente B", "A2", "tekort")]
    a2 = levels(summarize(owners_questionnaire, {"A2": "aandachtspunt"}, views, asked=2))["A2"]
    assert a2.largest_distance == 1 and a2.is_talking_point
    assert a2.differs_most == ("Gemeente A", "Gemeente B") and a2.differs_most_count == 2 and a2.agree == 0


def test_an_owner_level_where_the_od_has_none_claims_no_talking_point(owners_questionnaire):
    """G1 is not asked of an omgevingsdienst, and a criterion with nothing answered has no level."""
    views = [OwnerView("Gemeente A", "G1", "tekort"), OwnerView("Gemeente A", "A1", "tekort")]
    summary = summarize(owners_questionnaire, {"A1": None}, views, asked=1)
    for criterion in ("A1", "G1"):
        found = levels(summary)[criterion]
        assert found.od_level is None and found.given == 1 and found.lowest == "tekort"
        assert found.owners[0].distance is None and found.largest_distance is None
        assert not found.is_talking_point and found.differs_most == () and found.agree == 0
    assert summary.talking_points == () and summary.answered == 1


def test_no_view_counts_only_as_a_view_with_its_explanation(owners_questionnaire):
    views = [OwnerView("Gemeente A", "A1", None, "Dat kunnen wij niet beoordelen."),
             OwnerView("Gemeente B", "A1", "tekort")]
    summary = summarize(owners_questionnaire, {"A1": "voldoet"}, views, asked=2)
    a1 = levels(summary)["A1"]
    assert a1.given == 1 and [v.owner for v in a1.views] == ["Gemeente A", "Gemeente B"]
    assert summary.answered == 1


def test_views_of_other_criteria_or_unknown_levels_are_left_out(owners_questionnaire):
    views = [OwnerView("Gemeente A", "B1", "tekort"), OwnerView("Gemeente A", "A1", "uitstekend")]
    summary = summarize(owners_questionnaire, {"A1": "voldoet"}, views, asked=1)
    assert all(c.given == 0 for c in summary.criteria) and summary.answered == 0


def test_without_names_keeps_counts_spread_and_distances_only(owners_questionnaire):
    views = [OwnerView("Gemeente A", "A1", "voldoet", "Prima."), OwnerView("Provincie C", "A1", "tekort", "Nee.")]
    hidden = without_names(summarize(owners_questionnaire, {"A1": "voldoet"}, views, asked=2))
    a1 = levels(hidden)["A1"]
    assert not hidden.names_shown
    assert [(o.owner, o.level, o.distance) for o in a1.owners] == [("", "voldoet", 0), ("", "tekort", 2)]
    assert a1.differs_most == () and a1.differs_most_count == 1 and a1.views == ()
    assert (a1.agree, a1.highest, a1.lowest, a1.is_talking_point) == (1, "voldoet", "tekort", True)
    assert "Gemeente A" not in repr(hidden) and "Prima." not in repr(hidden)


def test_owner_views_never_change_the_score(owners_questionnaire):
    answers = {"a1_ja": Answer(value=True), "a1_schaal": Answer(value=1), "a2_keuze": Answer(value="goed")}
    before = score(owners_questionnaire, answers, "omgevingsdienst")
    od_levels = {c.id: c.level for c in before.criteria}
    summarize(owners_questionnaire, od_levels, [OwnerView("Gemeente A", "A1", "tekort")], asked=1)
    assert score(owners_questionnaire, answers, "omgevingsdienst") == before


@pytest.mark.parametrize(("criterion", "level", "explanation", "problems"), [
    ("A1", "voldoet", "", {}),
    ("A1", None, "Geen zicht op.", {}),
    ("A1", "uitstekend", "", {"level": "Kies een van de niveaus, of Geen oordeel."}),
    ("B1", "voldoet", "", {"criterion": "Criterium B1 hoort niet bij het oordeel van de eigenaren."}),
    ("A1", "voldoet", "x" * 1001, {"explanation": "De toelichting mag hoogstens 1.000 tekens hebben (nu 1.001)."}),
    ("A1", "voldoet", "a\x00b", {"explanation": "De toelichting bevat een onzichtbaar stuurteken (U+0000) op "
                                                "plaats 2; haal het weg."}),
])
def test_view_problems(owners_questionnaire, criterion, level, explanation, problems):
    assert view_problems(owners_questionnaire, criterion, level, explanation) == problems
