"""The computed effect of a criterion reaching its threshold, checked against scoring real answers."""

from datetime import date

import pytest

from vthscan.domain.answers import Answer
from vthscan.domain.projection import project
from vthscan.domain.scoring import score
from vthscan.domain.terms import add_months, term_dates, term_months
from vthscan.domain.threshold_effect import reaching_threshold

ANSWERS = {
    "a1_ja": Answer(value=False), "a1_schaal": Answer(value=2), "a2_keuze": Answer(value="matig"),
    "a2_norm": Answer(value=1.5), "b1_lineair": Answer(value=40), "b1_banden": Answer(na=True, na_reason="x"),
}


def test_reaching_a_knockout_threshold_lifts_the_cap(mini):
    result = score(mini, ANSWERS, "omgevingsdienst")
    effect = reaching_threshold(mini, result, "A1")
    assert (effect.criterion.score_before, effect.criterion.score_after) == (37.5, 75)
    assert (effect.pillar.level_before, effect.pillar.level_after) == ("tekort", "aandachtspunt")
    assert effect.pillar.score_after == pytest.approx((75 * 1 + 57.5 * 3) / 4)      # A2 stays 57,5
    assert (effect.overall.level_before, effect.overall.level_after) == ("tekort", "aandachtspunt")
    assert effect.pillar_capped_by == effect.overall_capped_by == ()


def test_another_knockout_keeps_capping(mini_text):
    from vthscan.domain.loader import load_questionnaire_text

    two = load_questionnaire_text(mini_text.replace("      - id: A2\n", "      - id: A2\n        knockout: true\n"))
    result = score(two, ANSWERS, "omgevingsdienst")
    effect = reaching_threshold(two, result, "A1")
    assert effect.pillar.level_after == "aandachtspunt" and effect.pillar_capped_by == ()
    answers = {**ANSWERS, "a2_keuze": Answer(value="goed"), "a2_norm": Answer(value=1.1)}   # A2: 77,5
    effect = reaching_threshold(two, score(two, answers, "omgevingsdienst"), "A1")
    assert effect.pillar.score_after == pytest.approx((75 + 77.5 * 3) / 4)     # Voldoet on its score ...
    assert effect.pillar.level_after == "aandachtspunt" and effect.pillar_capped_by == ("A2",)   # ... A2 caps
    assert effect.overall_capped_by == ("A2",)


@pytest.mark.parametrize("a1_schaal", [0, 1, 2, 3])
def test_the_effect_is_what_scoring_answers_at_the_threshold_gives(mini, a1_schaal):
    """A2 at exactly its threshold of 80 (goed = 100, 1,2 fte = 60): the projection of those answers."""
    answers = {**ANSWERS, "a1_schaal": Answer(value=a1_schaal)}
    result = score(mini, answers, "omgevingsdienst")
    effect = reaching_threshold(mini, result, "A2")
    projected = project(mini, answers, {"a2_keuze": Answer(value="goed"), "a2_norm": Answer(value=1.2)},
                        "omgevingsdienst")
    assert effect.criterion.score_after == pytest.approx(projected.criteria[1].score_after)
    for mine, theirs in ((effect.pillar, projected.pillars[0]), (effect.overall, projected.overall)):
        assert mine.score_after == pytest.approx(theirs.score_after)
        assert mine.level_after == theirs.level_after
        assert (mine.score_before, mine.level_before) == (theirs.score_before, theirs.level_before)


@pytest.mark.parametrize(("term", "months"), [
    ("0-3 maanden", (0, 3)), ("3-6 maanden", (3, 6)), ("12-24 maanden", (12, 24)), ("6 maanden", (0, 6)),
    ("1 jaar", (0, 12)), ("1-2 jaar", (12, 24)), ("3 – 9 maanden", (3, 9)), ("12 tot 24 maanden", (12, 24)),
    ("doorlopend", None), ("volgende begrotingscyclus", None), ("6-3 maanden", None), ("", None),
])
def test_a_term_names_months_or_nothing(term, months):
    assert term_months(term) == months


def test_term_dates_count_from_the_report_date():
    assert term_dates("3-6 maanden", date(2026, 3, 12)) == (date(2026, 6, 12), date(2026, 9, 12))
    assert term_dates("0-3 maanden", date(2025, 11, 30)) == (date(2025, 11, 30), date(2026, 2, 28))
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert term_dates("doorlopend", date(2026, 3, 12)) is None
