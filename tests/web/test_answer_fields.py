"""The web side of the question types: one field builder per domain type, each shown by a macro of its own."""

from __future__ import annotations

import pytest

from vthscan import services
from vthscan.domain.answers import Answer
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.question_types import QUESTION_TYPES
from vthscan.report.data import answer_text
from vthscan.web.answer_form import TYPES

from .conftest import DATA, MINI_VALUES


def test_every_domain_question_type_has_a_field_builder_and_no_other():
    assert set(TYPES) == set(QUESTION_TYPES)


def test_every_field_builder_names_a_macro_that_exists(app):
    with app.app_context():
        fields = app.jinja_env.get_template("assessments/_answer_fields.html").module
    missing = {name: builder.macro for name, builder in TYPES.items() if not hasattr(fields, builder.macro)}
    assert missing == {}


@pytest.mark.parametrize("question_id", sorted(MINI_VALUES))
def test_the_audit_log_words_an_answer_as_the_report_does(question_id):
    mini = load_questionnaire(DATA / "mini.yaml")
    question = mini.questions[question_id][2]
    answer = Answer(value=MINI_VALUES[question_id])
    assert services.describe_answer(mini, question_id, answer) == answer_text(mini, question, answer)
