"""The web side of the question types: one field builder per domain type, each shown by a macro of its own."""

from __future__ import annotations

import re

import pytest

from vthscan.domain.answers import Answer, answer_text
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.question_types import QUESTION_TYPES
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services import answers as answer_service
from vthscan.web.answer_form import TYPES

from .conftest import DATA, MINI_VALUES, Factory, login, make_app


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
    assert answer_service.describe_answer(mini, question_id, answer) == answer_text(mini, question, answer)


@pytest.fixture
def percentage_app(tmp_path, mini_dir):
    """The app with a second questionnaire in which b1_banden asks a percentage."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("id: mini", "id: procent").replace('type: number, unit: "%", min: 0, max: 100,',
                                                           "type: percentage,")
    (mini_dir / "procent.yaml").write_text(text, encoding="utf-8")
    return make_app(tmp_path, mini_dir)


def test_a_percentage_is_asked_in_a_number_field_marked_with_percent(percentage_app):
    factory = Factory(percentage_app)
    org = factory.org()
    assessment = factory.assessment(org, questionnaire="procent")
    client = percentage_app.test_client()
    login(client, factory.user(org, "invuller"))
    page = client.get(f"/beoordelingen/{assessment.id}/pijler/B").get_data(as_text=True)
    assert '<label class="form-label" for="q_b1_banden"><span lang="nl">Procent?</span> (%)</label>' in page
    assert re.search(r'<input [^>]*id="q_b1_banden"[^>]*inputmode="decimal"', page)


@pytest.mark.parametrize(("typed", "stored"), [("85", 85), ("85%", 85), ("12,5 %", 12.5), ("100", 100)])
def test_a_percentage_is_saved_as_typed_with_or_without_percent_sign(percentage_app, typed, stored):
    factory = Factory(percentage_app)
    org = factory.org()
    assessment = factory.assessment(org, questionnaire="procent")
    client = percentage_app.test_client()
    login(client, factory.user(org, "coordinator"))  # fills in and reads the audit log
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/B",
                           data={"version": "1", "q_b1_banden": typed, "go": "overview"})
    assert response.status_code == 302
    with percentage_app.app_context():
        answers = answer_service.answers_of(db.session.get(Assessment, assessment.id))
    assert answers["b1_banden"].value == stored
    log = client.get(f"/beoordelingen/{assessment.id}/logboek").get_data(as_text=True)
    assert f"{str(stored).replace('.', ',')} %" in log


@pytest.mark.parametrize(("typed", "message"), [("101", "Het getal mag hoogstens 100 zijn."),
                                                ("-1", "Het getal moet minstens 0 zijn."),
                                                ("veel%", "Vul een getal in, bijvoorbeeld 12 of 2,5.")])
def test_a_percentage_outside_0_to_100_is_refused_and_kept(percentage_app, typed, message):
    factory = Factory(percentage_app)
    org = factory.org()
    assessment = factory.assessment(org, questionnaire="procent")
    client = percentage_app.test_client()
    login(client, factory.user(org, "invuller"))
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/B", data={"version": "1", "q_b1_banden": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and f'value="{typed}"' in page
