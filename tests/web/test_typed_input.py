"""Typed input on every route that takes it: length limits, control characters and numbers are refused
with a Dutch message next to the field (never a 500 or a database error), and nothing is saved.

Run on PostgreSQL too (.ci/with-postgres): it refuses NUL bytes outright, SQLite stores them.
"""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from sqlalchemy import func, select

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, Organisation, ThresholdProfileRecord, User
from vthscan.services import accounts, assessments, questionnaires
from vthscan.services.answers import answers_of, save_answers
from vthscan.services.errors import ServiceError

from .conftest import PASSWORD, login


def text_of(response) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split()))


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def stored_answers(app, assessment_id) -> dict:
    with app.app_context():
        return answers_of(db.session.get(Assessment, assessment_id))


NUL = "twee\x00delen"


# --- login, without being logged in ------------------------------------------------------------------

@pytest.mark.parametrize("email, what", [("x\x00@example.nl", "een onzichtbaar stuurteken (U+0000)"),
                                         ("a@b.nl\x1b", "een onzichtbaar stuurteken (U+001B)"),
                                         ("\x00", "een onzichtbaar stuurteken (U+0000)"),
                                         ("a@b.nl\r\nvervalst: regel", "een regeleinde")])
def test_login_refuses_control_characters_in_the_address(app, client, factory, email, what):
    factory.user(email="a@b.nl")
    response = client.post("/inloggen", data={"email": email, "password": PASSWORD})
    assert response.status_code == 200
    assert f"Dit veld bevat {what}" in text_of(response)
    assert client.get("/").status_code == 302             # still not logged in


def test_login_still_works_and_a_wrong_password_still_gets_its_message(client, factory):
    user = factory.user()
    assert "Het e-mailadres of het wachtwoord klopt niet." in text_of(login(client, user, "verkeerd wachtwoord"))
    assert login(client, user).status_code == 302


# --- answers on a pillar page ------------------------------------------------------------------------

@pytest.fixture
def pillar(app, client, factory):
    """(url, assessment) of pillar A of a new assessment, logged in as its invuller."""
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    return f"/beoordelingen/{assessment.id}/pijler/A", assessment


@pytest.mark.parametrize("field, typed, message", [
    ("q_a1_ja_comment", "x" * 4001, "Dit veld mag hoogstens 4.000 tekens hebben (nu 4.001)."),
    ("q_a1_ja_comment", NUL, "Dit veld bevat een onzichtbaar stuurteken (U+0000) op plaats 5; haal het weg."),
    ("q_a1_ja_evidence", "e" * 1001, "Dit veld mag hoogstens 1.000 tekens hebben (nu 1.001)."),
    ("q_a1_ja_evidence", "doc\x07", "Dit veld bevat een onzichtbaar stuurteken (U+0007) op plaats 4; haal het weg."),
    ("q_a2_tekst", "t" * 4001, "Dit veld mag hoogstens 4.000 tekens hebben (nu 4.001)."),
    ("q_a2_tekst", NUL, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
    ("q_a2_keuze_na_reason", "r" * 4001, "Dit veld mag hoogstens 4.000 tekens hebben (nu 4.001)."),
    ("q_a2_keuze_na_reason", NUL, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
])
def test_answer_texts_are_limited_and_refuse_control_characters(app, client, pillar, field, typed, message):
    url, assessment = pillar
    data = {"version": "1", "q_a1_ja": "ja", field: typed}
    if field.startswith("q_a2_keuze_na"):
        data["q_a2_keuze_na"] = "y"
    response = client.post(url, data=data)
    assert response.status_code == 200
    body, text = response.get_data(as_text=True), text_of(response)
    assert "Er is iets niet goed ingevuld" in text
    assert text.count(message) == 2                        # next to the field and in the summary
    assert f'href="#{field}"' in body and f'id="{field}-error"' in body
    assert stored_answers(app, assessment.id) == {}


def test_answer_texts_up_to_the_limit_with_line_breaks_and_tabs_are_saved(app, client, pillar):
    url, assessment = pillar
    comment = ("Eerste regel\r\n\tingesprongen " * 200)[:4000]
    response = client.post(url, data={"version": "1", "q_a1_ja": "ja", "q_a1_ja_comment": comment,
                                      "q_a1_ja_evidence": "e" * 1000, "q_a2_tekst": "t" * 4000})
    assert response.status_code == 302
    answers = stored_answers(app, assessment.id)
    assert answers["a1_ja"].comment == comment.strip() and len(answers["a1_ja"].evidence) == 1000
    assert answers["a2_tekst"].value == "t" * 4000


@pytest.mark.parametrize("typed, message", [
    ("٧٥", "Vul een getal in, bijvoorbeeld 12 of 2,5."),
    ("1_0", "Vul een getal in, bijvoorbeeld 12 of 2,5."),
    ("１２", "Vul een getal in, bijvoorbeeld 12 of 2,5."),
    ("1e3", "Vul een getal in, bijvoorbeeld 12 of 2,5."),
    ("9" * 309, "Dit getal is te groot."),
    ("9" * 400 + ",5", "Dit getal is te groot."),
    ("1" * 5000, "Dit getal is te groot."),
])
def test_number_answers_take_ascii_digits_only(app, client, pillar, typed, message):
    url, assessment = pillar
    response = client.post(url, data={"version": "1", "q_a2_norm": typed})
    assert response.status_code == 200
    assert message in text_of(response)
    assert stored_answers(app, assessment.id) == {}


# --- starting and importing ----------------------------------------------------------------------------

@pytest.mark.parametrize("field, typed, message", [
    ("period", "20\x0026", "Dit veld bevat een onzichtbaar stuurteken (U+0000) op plaats 3"),
    ("period", "20\n26", "Dit veld bevat een regeleinde op plaats 3"),
    ("name", NUL, "Dit veld bevat een onzichtbaar stuurteken (U+0000) op plaats 5"),
    ("name", "n" * 201, "Dit veld mag hoogstens 200 tekens hebben (nu 201)."),
])
def test_start_refuses_bad_period_and_name(app, client, factory, field, typed, message):
    org = factory.org()
    login(client, factory.user(org))
    data = {"organisation": org.id, "questionnaire": "mini|1", "period": "2026", "name": "Scan", field: typed}
    response = client.post("/beoordelingen/nieuw", data=data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert count(app, Assessment) == 0


def answers_file(**changes) -> str:
    data = {"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
            "organisation": {"name": "OD Test", "kind": "omgevingsdienst"}, "period": "2026",
            "answers": {"a1_ja": {"value": True, "comment": "goed"}}}
    data.update(changes)
    return json.dumps(data)


def post_import(client, org, text: str, **fields):
    return client.post("/beoordelingen/importeren", data={
        "organisation": org.id, "file": (io.BytesIO(text.encode("utf-8")), "antwoorden.json"), **fields},
        content_type="multipart/form-data")


def test_import_without_a_name_field_uses_the_default_name(app, client, factory):
    org = factory.org()
    login(client, factory.user(org))
    response = post_import(client, org, answers_file())          # no "name" in the form at all
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Assessment.name)).all() == ["Import 2026"]


DEEP = answers_file()[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize("text, message", [
    (DEEP, "het bestand is te diep genest"),
    (answers_file().replace('"value": true', '"value": ' + "1" + "0" * 400), "is geen bruikbaar getal"),
    (answers_file(answers={"a2_norm": {"value": 10 ** 30}}), "a2_norm: het getal is te groot"),
    (answers_file().replace('"value": true', '"value": NaN'), "NaN is geen bruikbaar getal"),
    (answers_file().replace('"value": true', '"value": 1e400'), "1e400 is geen bruikbaar getal"),
    (answers_file().replace('"answers": {', '"answers": {"a1_ja": {"value": false}, '),
     "sleutel 'a1_ja' staat twee keer in hetzelfde blok"),
    (answers_file(organisation={"kind": "omgevingsdienst"}), "organisation.name: ontbreekt"),
    (answers_file(answers={"a1_ja": {"value": True, "comment": NUL}}),
     "a1_ja: de toelichting bevat een onzichtbaar stuurteken (U+0000) op plaats 5"),
    (answers_file(answers={"a1_ja": {"value": True, "comment": "x" * 4001}}),
     "a1_ja: de toelichting mag hoogstens 4.000 tekens hebben (nu 4.001)"),
    (answers_file(answers={"a1_ja": {"value": True, "evidence": "x" * 1001}}),
     "a1_ja: de onderbouwing mag hoogstens 1.000 tekens hebben"),
    (answers_file(answers={"a2_tekst": {"value": "\x00"}}), "a2_tekst: het antwoord bevat een onzichtbaar stuurteken"),
    (answers_file(period="20\x0026"), "period: bevat een onzichtbaar stuurteken (U+0000) op plaats 3"),
    (answers_file(questionnaire={"id": "mini\x00", "version": "1"}), "questionnaire.id: bevat een onzichtbaar"),
])
def test_import_refuses_what_no_answers_file_may_hold(app, client, factory, text, message):
    org = factory.org()
    login(client, factory.user(org))
    response = post_import(client, org, text)
    assert response.status_code == 200
    assert message in text_of(response)
    assert count(app, Assessment) == 0


def test_import_refuses_a_bad_name_in_the_form(app, client, factory):
    org = factory.org()
    login(client, factory.user(org))
    response = post_import(client, org, answers_file(), name=NUL)
    assert "Dit veld bevat een onzichtbaar stuurteken (U+0000)" in text_of(response)
    assert count(app, Assessment) == 0


# --- the review -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("comment, message", [
    (NUL, "Dit veld bevat een onzichtbaar stuurteken (U+0000) op plaats 5; haal het weg."),
    ("c" * 4001, "Dit veld mag hoogstens 4.000 tekens hebben (nu 4.001)."),
])
def test_send_back_refuses_a_bad_comment(app, client, factory, comment, message):
    org = factory.org()
    coordinator = factory.user(org)
    assessment = factory.complete(factory.assessment(org, user=coordinator), coordinator)
    assessment = factory.transition(assessment, coordinator, "submit_for_review")
    login(client, coordinator)
    response = client.post(f"/beoordelingen/{assessment.id}/terugsturen",
                           data={"version": assessment.version, "comment": comment}, follow_redirects=True)
    assert message in text_of(response)
    assert factory.get(Assessment, assessment.id).status == "ter_review"


# --- the beheerder's and the coordinator's forms ---------------------------------------------------------

@pytest.fixture
def admin(client, factory):
    user = factory.user(factory.org("Beheer"), "beheerder")
    login(client, user)
    return user


@pytest.mark.parametrize("typed, message", [
    (NUL, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
    ("n" * 201, "Dit veld mag hoogstens 200 tekens hebben (nu 201)."),
])
def test_organisation_name(app, client, admin, typed, message):
    response = client.post("/beheer/organisaties", data={"org-name": typed, "org-kind": "gemeente",
                                                         "org-participant_of": 0})
    assert message in text_of(response)
    assert count(app, Organisation) == 1


@pytest.mark.parametrize("fields, message", [
    ({"user-name": NUL}, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
    ({"user-name": "n" * 201}, "Dit veld mag hoogstens 200 tekens hebben (nu 201)."),
    ({"user-email": "nieuw\x00@example.nl"}, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
])
def test_user_name_and_address_on_the_admin_page(app, client, admin, fields, message):
    with app.app_context():
        org_id = db.session.scalar(select(Organisation.id))
    data = {"user-email": "nieuw@example.nl", "user-name": "Nieuw", "user-password": "een lang wachtwoord hier",
            "user-organisation": org_id, "user-role": "lezer", **fields}
    response = client.post("/beheer/gebruikers", data=data)
    assert message in text_of(response)
    assert count(app, User) == 1


def test_a_user_form_without_a_name_field_still_works(app, client, admin):
    with app.app_context():
        org_id = db.session.scalar(select(Organisation.id))
    response = client.post("/beheer/gebruikers", data={
        "user-email": "zonder.naam@example.nl", "user-password": "een lang wachtwoord hier",
        "user-organisation": org_id, "user-role": "lezer"})
    assert response.status_code == 302
    assert count(app, User) == 2


@pytest.mark.parametrize("fields, message", [
    ({"name": NUL}, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
    ({"email": "lid\x00@example.nl"}, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
])
def test_member_form(app, client, factory, fields, message):
    org = factory.org()
    login(client, factory.user(org))
    data = {"email": "lid@example.nl", "role": "lezer", "name": "Lid", "password": "een lang wachtwoord hier",
            **fields}
    response = client.post(f"/organisaties/{org.id}/leden", data=data)
    assert message in text_of(response)
    assert count(app, User) == 1


NEW_PROFILE = "/beheer/normprofielen/nieuw?vragenlijst=mini"


@pytest.mark.parametrize("fields, message", [
    ({"name": NUL}, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
    ({"name": "n" * 201}, "Dit veld mag hoogstens 200 tekens hebben (nu 201)."),
    ({"description": NUL}, "Dit veld bevat een onzichtbaar stuurteken (U+0000)"),
    ({"t|c|A2|voldoet": "٧٥"}, "'٧٥' is geen getal; schrijf bijvoorbeeld 75 of 72,5."),
    ({"t|c|A2|voldoet": "7_5"}, "'7_5' is geen getal; schrijf bijvoorbeeld 75 of 72,5."),
    ({"t|c|A2|voldoet": "1e2"}, "'1e2' is geen getal; schrijf bijvoorbeeld 75 of 72,5."),
    ({"t|c|A2|voldoet": "9" * 400}, "is te groot; een drempel is een getal van 0 tot en met 100."),
    ({"t|c|A2|voldoet": "7\x005"}, "is geen getal; schrijf bijvoorbeeld 75 of 72,5."),
])
def test_threshold_profile_form(app, client, admin, fields, message):
    response = client.post(NEW_PROFILE, data={"name": "Profiel", **fields})
    assert response.status_code == 200
    assert message in text_of(response)
    assert count(app, ThresholdProfileRecord) == 0


def test_threshold_profile_takes_a_dutch_or_english_decimal_sign(app, client, admin):
    response = client.post(NEW_PROFILE, data={"name": "Komma", "t|c|A2|voldoet": "82,5", "t|c|A1|voldoet": "81.5"})
    assert response.status_code == 302
    with app.app_context():
        record = db.session.scalar(select(ThresholdProfileRecord))
        assert record.data["criteria"]["A2"]["voldoet"] == 82.5 and record.data["criteria"]["A1"]["voldoet"] == 81.5


# --- underneath the forms: services and the models -------------------------------------------------------

def test_services_refuse_what_the_forms_refuse(app, factory):
    org = factory.org()
    user = factory.user(org)
    assessment = factory.assessment(org)
    with app.app_context():
        current = db.session.get(Assessment, assessment.id)
        with pytest.raises(ServiceError, match="a1_ja: de toelichting bevat een onzichtbaar stuurteken"):
            save_answers(db.session.get(User, user.id), current, current.version,
                         {"a1_ja": Answer(value=True, comment=NUL)})
        db.session.rollback()
        with pytest.raises(ServiceError, match="De periode bevat een onzichtbaar stuurteken"):
            assessments.start_assessment(None, db.session.get(Organisation, org.id),
                                         questionnaires.catalog().get("mini"), "20\x0026", "")
        db.session.rollback()
        with pytest.raises(ServiceError, match="De naam van de organisatie mag hoogstens 200 tekens"):
            accounts.create_organisation("n" * 201, "gemeente")
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "answer")) == 0


@pytest.mark.parametrize("model, field, value, message", [
    (Organisation, "name", "n" * 201, "mag hoogstens 200 tekens hebben"),
    (Organisation, "name", NUL, "bevat een onzichtbaar stuurteken (U+0000)"),
    (User, "name", "n\tm", "bevat een tab"),
    (Assessment, "review_comment", "c" * 4001, "mag hoogstens 4.000 tekens hebben"),
    (ThresholdProfileRecord, "name", "n" * 201, "mag hoogstens 200 tekens hebben"),
])
def test_the_models_refuse_text_that_breaks_the_rules(app, model, field, value, message):
    with app.app_context(), pytest.raises(ValueError, match=re.escape(message)):
        setattr(model(), field, value)


def test_an_answer_row_refuses_a_long_comment_and_a_nul_in_its_evidence(app):
    from vthscan.models import Answer as AnswerRow

    with app.app_context():
        with pytest.raises(ValueError, match="answer.comment mag hoogstens 4.000 tekens hebben"):
            AnswerRow(comment="c" * 4001)
        with pytest.raises(ValueError, match=re.escape("answer.evidence bevat een onzichtbaar stuurteken (U+0000)")):
            AnswerRow(evidence=NUL)
        with pytest.raises(ValueError, match="answer.value mag hoogstens 4.000 tekens hebben"):
            AnswerRow(value="t" * 4001)
        assert AnswerRow(comment="regel\r\n\tregel", value=12).comment == "regel\r\n\tregel"


OTHER_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_a_select_of_ids_takes_ascii_digits_only(app, client, factory):
    org = factory.org()
    login(client, factory.user(org))
    for typed in (str(org.id).translate(OTHER_DIGITS), f"0_{org.id}"):      # int() reads both as the id
        response = client.post("/beoordelingen/nieuw", data={"organisation": typed, "questionnaire": "mini|1",
                                                              "period": "2026"})
        assert response.status_code == 200, typed
    assert count(app, Assessment) == 0
    assert client.post("/beoordelingen/nieuw", data={"organisation": str(org.id), "questionnaire": "mini|1",
                                                     "period": "2026"}).status_code == 302
