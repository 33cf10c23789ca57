"""Four eyes: by default the person who offered an assessment for review cannot sign it off; the
instance can allow it (FOUR_EYES = False, VTHSCAN_FOUR_EYES=0) for an organisation of one person. Who
submitted and who signed off is stored, and named in the audit log, the results page and the report."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from vthscan.app import create_app
from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, User
from vthscan.services import access, workflow
from vthscan.services.errors import ServiceError

from .conftest import Factory, login, make_app
from .conftest import test_database_url as database_url_for


def in_review(factory, submitter_role="coordinator"):
    """An assessment its coordinator (or an invuller) filled in and submitted; a second coordinator."""
    org = factory.org()
    submitter = factory.user(org, submitter_role, email="indiener@example.nl")
    colleague = factory.user(org, "coordinator", email="collega@example.nl")
    assessment = factory.complete(factory.assessment(org, user=submitter), submitter)
    assessment = factory.transition(assessment, submitter, "submit_for_review")
    return assessment, submitter, colleague


def test_the_submitter_is_stored_with_the_time(factory):
    assessment, submitter, _colleague = in_review(factory)
    assert assessment.submitted_by_id == submitter.id and assessment.submitted_at is not None


def test_the_submitter_cannot_sign_off_and_the_overview_says_why(app, factory):
    assessment, submitter, _colleague = in_review(factory)
    client = app.test_client()
    login(client, submitter)
    page = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert f"/beoordelingen/{assessment.id}/vaststellen" not in page
    assert "U heeft deze beoordeling zelf ter review aangeboden" in page and "vier-ogenprincipe" in page
    assert f"/beoordelingen/{assessment.id}/terugsturen" in page  # sending it back is still possible

    response = client.post(f"/beoordelingen/{assessment.id}/vaststellen", data={"version": str(assessment.version)},
                           follow_redirects=True)
    assert "Iemand anders moet hem vaststellen" in response.get_data(as_text=True)
    assert factory.get(Assessment, assessment.id).status == "ter_review"


def test_the_service_refuses_it_too(app, factory):
    assessment, submitter, _colleague = in_review(factory)
    with app.app_context():
        current = db.session.get(Assessment, assessment.id)
        with pytest.raises(ServiceError, match="vier-ogenprincipe"):
            workflow.sign_off(db.session.get(User, submitter.id), current, current.version)


def test_another_coordinator_signs_off_and_the_audit_log_names_both(app, factory):
    assessment, submitter, colleague = in_review(factory)
    client = app.test_client()
    login(client, colleague)
    page = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert f"/beoordelingen/{assessment.id}/vaststellen" in page and "vier-ogenprincipe" not in page
    assert client.post(f"/beoordelingen/{assessment.id}/vaststellen",
                       data={"version": str(assessment.version)}).status_code == 302
    signed = factory.get(Assessment, assessment.id)
    assert signed.status == "vastgesteld" and signed.signed_off_by_id == colleague.id
    assert signed.submitted_by_id == submitter.id
    with app.app_context():
        entries = db.session.scalars(db.select(AuditLog).where(AuditLog.action == "status").order_by(AuditLog.id)).all()
        assert [(e.user_id, e.new) for e in entries] == [
            (submitter.id, "ter review"),
            (colleague.id, "vastgesteld; ingediend door indiener@example.nl, vastgesteld door collega@example.nl")]
    log = client.get(f"/beoordelingen/{assessment.id}/logboek").get_data(as_text=True)
    assert "ingediend door indiener@example.nl, vastgesteld door collega@example.nl" in log


def test_an_invuller_submits_and_the_coordinator_signs_off(app, factory):
    assessment, _submitter, colleague = in_review(factory, submitter_role="invuller")
    assert factory.transition(assessment, colleague, "sign_off").status == "vastgesteld"


def test_results_page_and_report_name_who_submitted_and_who_signed_off(app, factory):
    assessment, _submitter, colleague = in_review(factory)
    factory.transition(assessment, colleague, "sign_off")
    client = app.test_client()
    login(client, colleague)
    page = client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(as_text=True)
    assert "Ingediend en vastgesteld" in page
    assert "ingediend door indiener@example.nl op" in page and "vastgesteld door collega@example.nl op" in page
    pdf = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf").data
    cover = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Ingediend voor review door indiener@example.nl op" in cover
    assert "Vastgesteld door collega@example.nl op" in cover


def test_a_concept_names_nobody(app, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    assessment = factory.assessment(org, user=coordinator)
    client = app.test_client()
    login(client, coordinator)
    assert "Ingediend en vastgesteld" not in client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(
        as_text=True)


def test_four_eyes_can_be_switched_off_for_a_one_person_organisation(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir, FOUR_EYES=False)
    factory = Factory(app)
    assessment, submitter, _colleague = in_review(factory)
    client = app.test_client()
    login(client, submitter)
    page = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert f"/beoordelingen/{assessment.id}/vaststellen" in page and "vier-ogenprincipe" not in page
    assert client.post(f"/beoordelingen/{assessment.id}/vaststellen",
                       data={"version": str(assessment.version)}).status_code == 302
    signed = factory.get(Assessment, assessment.id)
    assert signed.status == "vastgesteld" and signed.signed_off_by_id == signed.submitted_by_id == submitter.id


@pytest.mark.parametrize("value, expected", [(None, True), ("0", False), ("false", False), ("1", True)])
def test_the_switch_is_read_from_the_environment(tmp_path, mini_dir, monkeypatch, value, expected):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "x"\nDATABASE_URL = {database_url_for(tmp_path)!r}\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    if value is None:
        monkeypatch.delenv("VTHSCAN_FOUR_EYES", raising=False)
    else:
        monkeypatch.setenv("VTHSCAN_FOUR_EYES", value)
    app = create_app(questionnaires=str(mini_dir))
    try:
        assessment, submitter, _colleague = in_review(Factory(app))
        with app.app_context():
            allowed = access.may_sign_off(db.session.get(User, submitter.id),
                                          db.session.get(Assessment, assessment.id))
        assert allowed is not expected
    finally:
        with app.app_context():
            db.engine.dispose()
