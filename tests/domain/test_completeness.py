"""Completeness has one definition (domain/completeness.py): answered (of which weet niet), N/A and
open, over every question that applies; the percentage and the fraction come from the same numbers."""

from __future__ import annotations

import pytest

from vthscan.domain.answers import Answer
from vthscan.domain.completeness import Completeness, completeness_text, count_answers, fraction_text, percentage_text
from vthscan.domain.scoring import score

from .conftest import answers

NA = Answer(na=True, na_reason="Geen taak.")


def test_each_question_is_answered_not_applicable_or_open():
    counted = count_answers(["a", "b", "c", "d", "e"], {"a": Answer(value=True), "b": Answer(unknown=True),
                                                        "c": NA, "d": Answer()})
    assert counted == Completeness(answered=2, unknown=1, not_applicable=1, open=2)
    assert (counted.done, counted.total, counted.is_complete) == (3, 5, False)


def test_percentage_and_fraction_come_from_the_same_numbers():
    counted = Completeness(answered=5, open=7)
    assert (percentage_text(counted), fraction_text(counted)) == ("41 %", "5 van 12")


def test_the_percentage_never_says_100_while_a_question_is_open():
    assert percentage_text(Completeness(answered=199, open=1)) == "99 %"
    assert percentage_text(Completeness(answered=200)) == "100 %"
    assert percentage_text(Completeness()) == "niet te bepalen"


@pytest.mark.parametrize("counted, text", [
    (Completeness(answered=12, unknown=7), "100 % beantwoord (12 van 12 vragen), waarvan 7 weet niet (telt als 0)"),
    (Completeness(answered=5, open=7), "41 % beantwoord (5 van 12 vragen); 7 nog open"),
    (Completeness(answered=40, unknown=2, not_applicable=5, open=5),
     "90 % beantwoord of niet van toepassing (45 van 50 vragen): 40 beantwoord, waarvan 2 weet niet "
     "(telt als 0), 5 niet van toepassing; 5 nog open"),
    (Completeness(answered=1), "100 % beantwoord (1 van 1 vraag)"),
])
def test_the_sentence_the_report_and_pages_use(counted, text):
    assert completeness_text(counted) == text


def test_scoring_counts_every_question_that_applies_the_text_question_too(mini):
    # a2_tekst (a text question) is not scored, but it must be answered before submitting: it counts
    result = score(mini, answers(a1_ja=True, a2_tekst="Iets"), kind="omgevingsdienst")
    assert result.completeness == Completeness(answered=2, open=5)
    result = score(mini, {}, kind="gemeente")   # a gemeente has pillars B and G: 3 questions
    assert result.completeness == Completeness(open=3)
