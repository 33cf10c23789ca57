"""A municipality's assessment of questionnaire 1.1 shows, scores and exports only what is for
municipalities: two questions of pillars P2 and P5, and pillar G."""

from __future__ import annotations

import csv
import io

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services import questionnaires

from .conftest import REAL_QUESTIONNAIRES, Factory, login, make_app


@pytest.fixture
def municipality(tmp_path):
    app = make_app(tmp_path, REAL_QUESTIONNAIRES)
    factory = Factory(app)
    od = factory.org("Omgevingsdienst West")
    org = factory.org("Gemeente Kade", "gemeente", od)
    user = factory.user(org)
    assessment = factory.assessment(org, user=user, questionnaire="vthscan-standaard")
    factory.answer(assessment, user, {"p2_lhso_vastgesteld": Answer(value="alle"), "g1_dvo_actueel": Answer(value=True)})
    client = app.test_client()
    login(client, user)
    return app, client, assessment


def test_the_overview_and_pages_hold_only_what_is_for_municipalities(municipality):
    app, client, assessment = municipality
    overview = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert f"/beoordelingen/{assessment.id}/pijler/P2" in overview and "/pijler/G" in overview
    assert "/pijler/R" not in overview and "/pijler/P1" not in overview
    assert "14 % beantwoord (2 van 14 vragen)" in overview   # the 14 questions for a municipality (13 scored, 1 text)
    p2 = client.get(f"/beoordelingen/{assessment.id}/pijler/P2").get_data(as_text=True)
    assert p2.count('id="vraag-') == 1 and "Is de LHSO als beleidsregel vastgesteld?" in p2
    assert "p2_interventie_gemotiveerd" not in p2 and "Samenwerking in de strafrechtelijke keten" not in p2
    assert client.get(f"/beoordelingen/{assessment.id}/pijler/R").status_code == 404


def test_a_posted_answer_to_a_question_not_for_municipalities_is_not_saved(municipality):
    app, client, assessment = municipality
    with app.app_context():
        version = db.session.get(Assessment, assessment.id).version
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/P2", data={
        "version": version, "q_p2_lhso_vastgesteld": "geen", "q_p2_interventie_gemotiveerd": "4", "go": "overview"})
    assert response.status_code == 302
    with app.app_context():
        rows = {row.question_id: row.value for row in db.session.get(Assessment, assessment.id).answers}
    assert rows["p2_lhso_vastgesteld"] == "geen" and "p2_interventie_gemotiveerd" not in rows


def test_results_and_exports_leave_out_what_is_not_for_municipalities(municipality):
    app, client, assessment = municipality
    results = client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(as_text=True)
    assert "P2.1" in results and "P2.2" not in results and "P5.3" in results and "P5.1" not in results
    assert "p5_rapportage_onafhankelijkheid" not in results and "R1 " not in results
    exported = client.get(f"/beoordelingen/{assessment.id}/export.csv?deel=antwoorden").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff")), delimiter=";"))
    with app.app_context():
        questionnaire = questionnaires.questionnaire_for(db.session.get(Assessment, assessment.id))
    assert [row[2] for row in rows[1:]] == list(questionnaire.for_kind("gemeente").questions)
    assert len(rows) - 1 == 14
