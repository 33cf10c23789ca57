"""An answer can always be taken back: every radio group has a "geen antwoord" choice, and ticking
"weet niet" or "niet van toepassing" wins over a chosen value (the value is dropped, the audit log shows
old -> new), also for a copied answer. These posts are what a browser sends without JavaScript."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog
from vthscan.services.answers import answers_of, copied_questions

from .conftest import login


def stored(app, assessment_id):
    with app.app_context():
        return answers_of(db.session.get(Assessment, assessment_id))


def answer_entries(app, assessment_id, question_id):
    with app.app_context():
        return [(entry.old, entry.new) for entry in db.session.scalars(
            select(AuditLog).where(AuditLog.assessment_id == assessment_id, AuditLog.action == "answer",
                                   AuditLog.subject == question_id).order_by(AuditLog.id))]


@pytest.fixture
def answered(factory):
    """A draft of an omgevingsdienst whose ja/nee, scale and choice questions are answered."""
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.answer(factory.assessment(org), invuller, {
        "a1_ja": Answer(value=True), "a1_schaal": Answer(value=3), "a2_keuze": Answer(value="goed")})
    return assessment, invuller


def test_every_radio_group_offers_no_answer_and_it_is_chosen_for_an_open_question(client, answered):
    assessment, invuller = answered
    login(client, invuller)
    page = client.get(f"/beoordelingen/{assessment.id}/pijler/A").get_data(as_text=True)
    for prefix in ("q_a1_ja", "q_a1_schaal", "q_a2_keuze"):
        assert re.search(rf'<input[^>]*name="{prefix}"[^>]*value=""', page), prefix
    assert page.count(">Geen antwoord</label>") == 3
    # the answered questions have their value chosen, not "geen antwoord"
    assert re.search(r'<input[^>]* checked[^>]*id="q_a1_ja-0"', page)
    assert not re.search(r'<input[^>]* checked[^>]*id="q_a1_ja-2"', page)


@pytest.mark.parametrize("question, value_field, value", [
    ("a1_ja", "q_a1_ja", "ja"), ("a1_schaal", "q_a1_schaal", "3"), ("a2_keuze", "q_a2_keuze", "goed")])
def test_choosing_no_answer_clears_an_answered_question(app, client, answered, question, value_field, value):
    assessment, invuller = answered
    login(client, invuller)
    data = {"version": str(assessment.version), "q_a1_ja": "ja", "q_a1_schaal": "3", "q_a2_keuze": "goed",
            value_field: ""}
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data=data)
    assert response.status_code == 302
    assert stored(app, assessment.id)[question].is_open
    assert answer_entries(app, assessment.id, question)[-1][1] == "(geen antwoord)"


def test_weet_niet_wins_over_the_chosen_value(app, client, answered):
    assessment, invuller = answered
    login(client, invuller)
    # the radio stays on "ja" (as the browser sends it) and "weet niet" is ticked
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={
        "version": str(assessment.version), "q_a1_ja": "ja", "q_a1_ja_unknown": "y", "q_a1_schaal": "3",
        "q_a2_keuze": "goed"})
    assert response.status_code == 302
    assert stored(app, assessment.id)["a1_ja"] == Answer(unknown=True)
    assert answer_entries(app, assessment.id, "a1_ja")[-1] == ("ja", "weet niet")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "vervallen" in page  # the user is told the chosen value was dropped


def test_not_applicable_wins_over_the_chosen_value(app, client, answered):
    assessment, invuller = answered
    login(client, invuller)
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={
        "version": str(assessment.version), "q_a1_ja": "ja", "q_a1_schaal": "3", "q_a2_keuze": "goed",
        "q_a2_keuze_na": "y", "q_a2_keuze_na_reason": "Doen wij niet"})
    assert response.status_code == 302
    assert stored(app, assessment.id)["a2_keuze"] == Answer(na=True, na_reason="Doen wij niet")
    assert answer_entries(app, assessment.id, "a2_keuze")[-1] == ("Goed", "niet van toepassing (Doen wij niet)")


def test_not_applicable_still_needs_its_reason(app, client, answered):
    assessment, invuller = answered
    login(client, invuller)
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={
        "version": str(assessment.version), "q_a2_keuze": "goed", "q_a2_keuze_na": "y"})
    assert response.status_code == 200
    assert "Geef een reden waarom de vraag niet van toepassing is." in response.get_data(as_text=True)
    assert stored(app, assessment.id)["a2_keuze"] == Answer(value="goed")


def test_a_copied_answer_can_become_weet_niet(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    factory.signed_off(org, "2025", coordinator)
    login(client, coordinator)
    response = client.post("/beoordelingen/nieuw", data={"organisation": org.id, "questionnaire": "mini|1",
                                                        "period": "2026", "copy_previous": "y"})
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert stored(app, new_id)["a1_ja"].value is True
    response = client.post(f"/beoordelingen/{new_id}/pijler/A", data={
        "version": "1", "q_a1_ja": "ja", "q_a1_ja_unknown": "y", "q_a1_schaal": "", "q_a2_keuze": "goed",
        "q_a2_norm": "2", "q_a2_tekst": "Tekst"})
    assert response.status_code == 302
    answers = stored(app, new_id)
    assert answers["a1_ja"] == Answer(unknown=True)
    assert answers["a1_schaal"].is_open
    with app.app_context():
        copied = copied_questions(db.session.get(Assessment, new_id))
    assert "a1_ja" not in copied and "a1_schaal" not in copied and "a2_keuze" in copied
