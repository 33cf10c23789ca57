"""A long pillar is shown on pages of whole criteria; the next open question is found from a page."""

from __future__ import annotations

from vthscan.domain.answers import Answer
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.paging import Place, next_open_question, pillar_pages

from .test_default_questionnaire import QUESTIONNAIRES


def test_the_longest_standard_pillar_is_paged_by_criterion_with_at_most_15_questions():
    pillar = next(p for p in load_questionnaire(QUESTIONNAIRES / "vthscan-standaard.yaml").pillars if p.id == "R")
    pages = pillar_pages(pillar)
    assert len(pages) > 1
    assert [c.id for page in pages for c in page] == [c.id for c in pillar.criteria]
    assert all(sum(len(c.questions) for c in page) <= 15 for page in pages)


def test_a_short_pillar_is_one_page_and_a_large_criterion_has_a_page_of_its_own(mini):
    pillar = mini.pillars[0]
    assert pillar_pages(pillar) == [tuple(pillar.criteria)]
    assert [tuple(c.id for c in page) for page in pillar_pages(pillar, limit=3)] == [("A1",), ("A2",)]
    assert [tuple(c.id for c in page) for page in pillar_pages(pillar, limit=1)] == [("A1",), ("A2",)]


def test_the_next_open_question_starts_on_this_page_and_goes_round(mini):
    pillars = mini.pillars_for("omgevingsdienst")
    answered = {"a1_ja": Answer(value=True), "a1_schaal": Answer(unknown=True), "b1_lineair": Answer(value=3)}
    assert next_open_question(pillars, answered, "A", 1) == Place("A", 1, "a2_keuze")
    assert next_open_question(pillars, answered, "B", 1) == Place("B", 1, "b1_banden")
    everything_but_a2 = {**answered, "b1_banden": Answer(na=True, na_reason="n.v.t.")}
    assert next_open_question(pillars, everything_but_a2, "B", 1) == Place("A", 1, "a2_keuze")


def test_no_next_open_question_when_all_is_answered(mini):
    pillars = mini.pillars_for("gemeente")
    answers = {q.id: Answer(value=1) for p in pillars for c in p.criteria for q in c.questions}
    assert next_open_question(pillars, answers, "B", 1) is None
