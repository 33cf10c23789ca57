"""Scores are shown by one rule (one decimal, half up, Dutch comma: domain/wording.py), and a gap shown
next to a score is the threshold minus that shown score, in the report, the exports and the command line."""

from __future__ import annotations

from datetime import date

import pytest

from vthscan.domain.answers import Answer, AnswerSet
from vthscan.domain.scoring import score
from vthscan.domain.wording import format_gap, shown_gap, shown_score
from vthscan.report.data import build_report_data
from vthscan.report.exports import assessment_sheets, csv_safe

# A2 (voldoet from 80): (40 for "matig" + 57.5 for 1.15 of the norm 2 fte) / 2 = 48.75, shown as 48,8.
ANSWERS = {"a1_ja": Answer(value=True), "a1_schaal": Answer(value=4), "a2_keuze": Answer(value="matig"),
           "a2_norm": Answer(value=1.15), "a2_tekst": Answer(value="Tekst"), "b1_lineair": Answer(value=20),
           "b1_banden": Answer(value=95)}


@pytest.mark.parametrize("value, shown", [(48.75, 48.8), (11.25, 11.3), (56.25, 56.3), (0.05, 0.1), (100, 100)])
def test_a_score_is_shown_with_one_decimal_rounded_half_up(value, shown):
    assert shown_score(value) == shown


@pytest.mark.parametrize("score_, threshold, gap, text", [
    (48.75, 80, 31.2, "31,2"),      # 80 - 48,8, not the 31,3 of 31.25
    (79.96, 80, 0.1, "0,1"),        # shown as 80 but below it: the smallest gap, never 'geen'
    (80, 80, None, "geen"), (None, 80, None, "-")])
def test_a_gap_is_the_threshold_minus_the_shown_score(score_, threshold, gap, text):
    assert shown_gap(score_, threshold) == gap
    assert format_gap(score_, threshold) == text


def test_the_report_shows_the_gap_of_the_shown_score(mini):
    result = score(mini, ANSWERS, "omgevingsdienst")
    data = build_report_data(mini, ANSWERS, result, generated_on=date(2026, 3, 12))
    a2 = next(c for p in data.pillars for c in p.criteria if c.id == "A2")
    assert (a2.score, a2.gap) == ("48,8", "31,2")
    action = next(a for a in data.actions if a.criterion == "A2")
    assert "Haalt A2 de drempel van Voldoet (80; nu 48,8)" in action.effect


def test_the_exports_hold_the_shown_score_and_its_gap(mini):
    result = score(mini, ANSWERS, "omgevingsdienst")
    answer_set = AnswerSet("mini", "1", "OD", "omgevingsdienst", "2026", ANSWERS)
    _answers, scores, plan = assessment_sheets(mini, answer_set, result)
    a2 = next(row for row in scores.rows if row[1] == "A2")
    assert (a2[3], a2[5]) == (48.8, 31.2)
    assert [csv_safe(a2[3]), csv_safe(a2[5])] == ["48,8", "31,2"]
    assert next(row for row in plan.rows if row[1] == "A2")[8] == 31.2
