"""The percentage question type: 0-100, the number's rules, shown with '%'."""

from __future__ import annotations

import random
from datetime import date

import pytest

from vthscan.domain.answers import Answer, AnswersError, AnswerSet
from vthscan.domain.loader import load_questionnaire_text
from vthscan.domain.question_types import QUESTION_TYPES
from vthscan.domain.scoring import score
from vthscan.report.data import build_report_data

from .test_loader import line_of, refuse

# In mini.yaml b1_banden asks a percentage as a number; here it is a percentage question.
AS_NUMBER = 'type: number, unit: "%", min: 0, max: 100,'
AS_PERCENTAGE = "type: percentage,"


@pytest.fixture(scope="module")
def percentage_text(mini_text):
    assert AS_NUMBER in mini_text
    return mini_text.replace(AS_NUMBER, AS_PERCENTAGE)


@pytest.fixture(scope="module")
def questionnaire(percentage_text):
    return load_questionnaire_text(percentage_text)


def question(questionnaire):
    return questionnaire.questions["b1_banden"][2]


def test_percentage_is_a_registered_type_with_its_label():
    assert QUESTION_TYPES["percentage"].label == "percentage"


def test_a_percentage_runs_from_0_to_100_in_percent(questionnaire):
    asked = question(questionnaire)
    assert (asked.type, asked.min, asked.max, asked.unit) == ("percentage", 0, 100, "%")


@pytest.mark.parametrize("value", [0, 55, 92.5, 100])
def test_a_percentage_from_0_to_100_is_an_answer(questionnaire, value):
    assert question(questionnaire).value_problem(questionnaire, value) is None


@pytest.mark.parametrize(("value", "problem"), [
    (101, "het getal mag hoogstens 100 zijn"), (-1, "het getal moet minstens 0 zijn"),
    ("85", "vul een getal in"), (True, "vul een getal in"), (float("nan"), "vul een getal in"),
])
def test_anything_else_is_refused(questionnaire, value, problem):
    assert question(questionnaire).value_problem(questionnaire, value) == problem


def test_a_percentage_scores_and_reads_as_the_number_it_replaces(mini, questionnaire):
    as_number, as_percentage = mini.questions["b1_banden"][2], question(questionnaire)
    for value in (0, 9.5, 10, 50, 89.99, 90, 100):
        assert as_percentage.score(value) == as_number.score(value)
        assert as_percentage.describe_value(questionnaire, value) == as_number.describe_value(mini, value)
    assert as_percentage.describe_value(questionnaire, 92.5) == "92,5 %"
    assert as_percentage.rule_text() == as_number.rule_text()


def test_the_report_names_the_type_and_words_the_answer(questionnaire):
    answers = {"b1_lineair": Answer(value=30), "b1_banden": Answer(value=92.5)}
    result = score(questionnaire, answers, "gemeente")
    data = build_report_data(questionnaire, AnswerSet("mini", "1", "Gemeente Test", "gemeente", "2026", answers),
                             result, generated_on=date(2026, 11, 1))
    row = next(q for c in data.appendix for q in c.questions if q.id == "b1_banden")
    assert (row.type, row.answer, row.score) == ("percentage", "92,5 %", "100")


@pytest.mark.parametrize("seed", range(10))
def test_a_sample_percentage_stays_within_the_question(percentage_text, seed):
    narrow = load_questionnaire_text(percentage_text.replace(AS_PERCENTAGE, "type: percentage, min: 5, max: 95,"))
    asked = question(narrow)
    value = asked.sample_value(random.Random(seed), strength=seed / 9)
    assert 5 <= value <= 95 and asked.value_problem(narrow, value) is None


def test_the_unit_may_be_written_but_is_always_percent(percentage_text):
    load_questionnaire_text(percentage_text.replace(AS_PERCENTAGE, 'type: percentage, unit: "%",'))
    [problem] = refuse(percentage_text.replace(AS_PERCENTAGE, "type: percentage, unit: fte,"))
    assert problem.path.endswith("questions[b1_banden].unit") and "onbekende waarde 'fte'" in problem.message


BANDS = "{min: 90, score: 100}, {min: 50, score: 60}, {min: 10, score: 20}"

# (description, replace this, with that, path below the question, message fragment)
BROKEN = [
    ("max above 100", AS_PERCENTAGE, "type: percentage, max: 150,", "max", "mag hoogstens 100 zijn (nu 150)"),
    ("min below 0", AS_PERCENTAGE, "type: percentage, min: -5,", "min", "moet minstens 0 zijn (nu -5)"),
    ("min above max", AS_PERCENTAGE, "type: percentage, min: 60, max: 40,", "min", "min (60) is groter dan max (40)"),
    ("min above the default max", AS_PERCENTAGE, "type: percentage, min: 100.5,", "min", "hoogstens 100"),
    ("a band above 100", "{min: 90, score: 100}", "{min: 120, score: 100}", "scoring.bands[0].min",
     "moet tussen 0 en 100 liggen, het bereik van deze vraag (nu 120)"),
    ("a band above max", AS_PERCENTAGE, "type: percentage, max: 80,", "scoring.bands[0].min",
     "moet tussen 0 en 80 liggen, het bereik van deze vraag (nu 90)"),
    ("a band below min", AS_PERCENTAGE, "type: percentage, min: 20,", "scoring.bands[2].min",
     "moet tussen 20 en 100 liggen"),
    ("a norm above 100", f"{{rule: bands, bands: [{BANDS}]}}", "{rule: norm, norm: 150}", "scoring.norm",
     "moet tussen 0 en 100 liggen, het bereik van deze vraag (nu 150)"),
    ("a line ending above 100", f"{{rule: bands, bands: [{BANDS}]}}", "{rule: linear, zero_at: 50, full_at: 110}",
     "scoring.full_at", "(nu 110)"),
    ("a line starting below 0", f"{{rule: bands, bands: [{BANDS}]}}", "{rule: linear, zero_at: -10, full_at: 90}",
     "scoring.zero_at", "(nu -10)"),
    ("the number's checks still apply", f"{{rule: bands, bands: [{BANDS}]}}",
     "{rule: linear, zero_at: 50, full_at: 50}", "scoring.full_at", "zero_at en full_at moeten verschillen"),
]


@pytest.mark.parametrize("name, old, new, path, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_percentage_that_cannot_be_answered_is_refused_with_its_place(percentage_text, name, old, new, path,
                                                                          message):
    assert old in percentage_text
    text = percentage_text.replace(old, new, 1)
    problems = refuse(text)
    matching = [p for p in problems if message in p.message
                and p.path.endswith(f"questions[b1_banden].{path}")]
    assert matching, "\n".join(map(str, problems))
    assert matching[0].line >= line_of(text, "id: b1_banden")


def test_every_value_of_the_rule_within_the_range_is_fine(percentage_text):
    for rule in ("{rule: norm, norm: 100}", "{rule: linear, zero_at: 100, full_at: 0}",
                 "{rule: bands, bands: [{min: 0, score: 0}, {min: 100, score: 100}]}"):
        load_questionnaire_text(percentage_text.replace(f"{{rule: bands, bands: [{BANDS}]}}", rule))


def test_a_percentage_answer_outside_the_range_is_refused_when_scored(questionnaire):
    with pytest.raises(AnswersError) as caught:
        score(questionnaire, {"b1_banden": Answer(value=120)}, "gemeente")
    assert caught.value.problems == ["b1_banden: het getal mag hoogstens 100 zijn"]
