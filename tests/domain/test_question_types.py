"""Question types own their behaviour: each declares its check, score, wording, label and file checks."""

from __future__ import annotations

import random
import typing
from typing import Literal

import pytest

from vthscan.domain.question_types import QUESTION_TYPES, Question, QuestionBase
from vthscan.domain.questionnaire import YesNoQuestion


def test_the_question_union_is_built_from_the_registered_types():
    union = typing.get_args(Question)[0]
    assert set(typing.get_args(union)) == set(QUESTION_TYPES.values())
    assert {"yes_no", "scale", "choice", "number", "text"} <= set(QUESTION_TYPES)


def test_every_type_has_a_label_of_its_own():
    labels = [question_type.label for question_type in QUESTION_TYPES.values()]
    assert all(isinstance(label, str) and label for label in labels)
    assert len(set(labels)) == len(labels)


def test_a_type_that_leaves_out_part_of_its_behaviour_is_refused_when_defined():
    with pytest.raises(TypeError, match="'half'.*describe_value.*label.*"):
        class HalfQuestion(QuestionBase):
            type: Literal["half"]

            def value_problem(self, questionnaire, value):
                return None

    assert "half" not in QUESTION_TYPES


def test_a_type_name_can_be_registered_once():
    with pytest.raises(TypeError, match="'yes_no' is declared twice"):
        class OtherYesNo(YesNoQuestion):
            pass


def questions_of(mini):
    return [question for _, _, question in mini.questions.values()]


@pytest.mark.parametrize("seed", range(20))
def test_a_sample_value_is_a_valid_answer_with_a_score_in_range(mini, seed):
    rng = random.Random(seed)
    for question in questions_of(mini):
        for strength in (0.0, 0.5, 1.0):
            value = question.sample_value(rng, strength)
            assert question.value_problem(mini, value) is None, (question.id, value)
            score = question.score(value)
            assert (score is None) == (not question.is_scored)
            assert score is None or 0 <= score <= 100


@pytest.mark.parametrize(("question_id", "value", "text"), [
    ("a1_ja", True, "ja"), ("a1_ja", False, "nee"),
    ("a1_schaal", 3, "3 - Toegepast"),
    ("a2_keuze", "goed", "Goed"),
    ("a2_norm", 1.5, "1,5 fte"), ("a2_norm", 2, "2 fte"),
    ("b1_banden", 92.5, "92,5 %"),
    ("a2_tekst", "Zo doen wij het.", "Zo doen wij het."),
])
def test_a_value_is_described_in_dutch_by_its_type(mini, question_id, value, text):
    question = mini.questions[question_id][2]
    assert question.describe_value(mini, value) == text


@pytest.mark.parametrize(("question_id", "value", "problem"), [
    ("a1_ja", "ja", "antwoord met ja (true) of nee (false)"),
    ("a1_schaal", 5, "kies een waarde van 0 tot en met 4"),
    ("a1_schaal", True, "kies een waarde van 0 tot en met 4"),
    ("a2_keuze", "slecht", "onbekende keuze 'slecht'; kies uit goed, matig"),
    ("a2_norm", "12", "vul een getal in"),
    ("a2_norm", 51, "het getal mag hoogstens 50 zijn"),
    ("a2_tekst", 12, "vul tekst in"),
])
def test_each_type_refuses_a_value_that_is_not_its_kind(mini, question_id, value, problem):
    question = mini.questions[question_id][2]
    assert question.value_problem(mini, value).startswith(problem)


def test_only_a_question_with_a_rule_explains_it(mini):
    rules = {question.id: question.rule_text() for question in questions_of(mini)}
    assert rules["a2_norm"] == "score = 100 × waarde / 2, hoogstens 100"
    assert rules["a1_ja"] == rules["a1_schaal"] == rules["a2_keuze"] == rules["a2_tekst"] == ""
