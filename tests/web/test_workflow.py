"""concept -> ter review -> vastgesteld, send back with a comment, read-only when signed off, reopen as a
new version, and the audit log."""

from __future__ import annotations

from vthscan.domain.answers import Answer
from vthscan.models import Assessment

from .conftest import login


def _setup(factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator", email="coordinator@example.nl")
    invuller = factory.user(org, "invuller", email="invuller@example.nl")
    assessment = factory.assessment(org, user=coordinator)
    return org, coordinator, invuller, assessment


def test_incomplete_assessment_cannot_be_submitted(app, factory):
    _org, _coordinator, invuller, assessment = _setup(factory)
    client = app.test_client()
    login(client, invuller)
    response = client.post(f"/beoordelingen/{assessment.id}/indienen", data={"version": "1"},
                           follow_redirects=True)
    assert "Nog niet alle vragen zijn beantwoord: 0 % beantwoord (0 van 7 vragen); 7 nog open" in response.get_data(as_text=True)
    assert factory.get(Assessment, assessment.id).status == "concept"


def test_full_workflow_with_send_back_sign_off_and_reopen(app, factory):
    _org, coordinator, invuller, assessment = _setup(factory)
    assessment = factory.complete(assessment, invuller)
    filler, reviewer = app.test_client(), app.test_client()
    login(filler, invuller)
    login(reviewer, coordinator)
    base = f"/beoordelingen/{assessment.id}"

    assert filler.post(f"{base}/indienen", data={"version": str(assessment.version)}).status_code == 302
    in_review = factory.get(Assessment, assessment.id)
    assert in_review.status == "ter_review"
    # nobody edits during review; the invuller cannot review
    assert filler.post(f"{base}/pijler/A", data={"version": str(in_review.version)}).status_code == 403
    assert filler.post(f"{base}/vaststellen", data={"version": str(in_review.version)}).status_code == 403

    # sending back needs a comment
    response = reviewer.post(f"{base}/terugsturen", data={"version": str(in_review.version), "comment": ""},
                             follow_redirects=True)
    assert "Schrijf erbij waarom" in response.get_data(as_text=True)
    assert reviewer.post(f"{base}/terugsturen", data={"version": str(in_review.version),
                                                      "comment": "Onderbouw A2 beter"}).status_code == 302
    back = factory.get(Assessment, assessment.id)
    assert back.status == "concept"
    assert "Onderbouw A2 beter" in filler.get(base).get_data(as_text=True)

    filler.post(f"{base}/indienen", data={"version": str(back.version)})
    again = factory.get(Assessment, assessment.id)
    assert reviewer.post(f"{base}/vaststellen", data={"version": str(again.version)}).status_code == 302
    signed = factory.get(Assessment, assessment.id)
    assert signed.status == "vastgesteld"
    assert signed.signed_off_by_id == coordinator.id and signed.signed_off_at is not None
    page = reviewer.get(base).get_data(as_text=True)
    assert "vastgesteld door coordinator@example.nl" in page

    # frozen: no saving, no submitting
    assert filler.post(f"{base}/pijler/A", data={"version": str(signed.version)}).status_code == 403
    assert "kunt deze antwoorden lezen, maar niet wijzigen" in filler.get(f"{base}/pijler/A").get_data(as_text=True)

    # reopening makes a new concept version; the old one stays as it was
    response = reviewer.post(f"{base}/heropenen", data={"version": str(signed.version)})
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert new_id != assessment.id
    new = factory.get(Assessment, new_id)
    assert new.status == "concept" and new.previous_id == assessment.id
    assert factory.get(Assessment, assessment.id).status == "vastgesteld"
    assert filler.post(f"/beoordelingen/{new_id}/pijler/A", data={"version": "1", "q_a1_ja": "nee",
                                                                  "q_a1_schaal": "3", "q_a2_keuze": "goed",
                                                                  "q_a2_norm": "2", "q_a2_tekst": "Tekst"}
                       ).status_code == 302
    # a second reopen of the same signed-off version is refused
    response = reviewer.post(f"{base}/heropenen", data={"version": str(signed.version)}, follow_redirects=True)
    assert "al heropend" in response.get_data(as_text=True)

    log = reviewer.get(f"{base}/logboek").get_data(as_text=True)
    assert "ter review" in log and "vastgesteld" in log and "Onderbouw A2 beter" in log
    assert "invuller@example.nl" in log and "coordinator@example.nl" in log
    new_log = reviewer.get(f"/beoordelingen/{new_id}/logboek").get_data(as_text=True)
    assert "Ja of nee?" in new_log and "ja" in new_log and "nee" in new_log   # the question by its text


def test_audit_log_records_answer_changes_old_to_new(app, factory):
    _org, coordinator, invuller, assessment = _setup(factory)
    factory.answer(assessment, invuller, {"a1_schaal": Answer(value=1)})
    current = factory.get(Assessment, assessment.id)
    factory.answer(current, invuller, {"a1_schaal": Answer(value=3, comment="na de training")})
    client = app.test_client()
    login(client, coordinator)
    log = client.get(f"/beoordelingen/{assessment.id}/logboek").get_data(as_text=True)
    assert "1 - Ad hoc" in log and "3 - Toegepast; toelichting: na de training" in log
    assert "invuller@example.nl" in log


def test_workflow_button_with_stale_version_is_409(app, factory):
    _org, coordinator, invuller, assessment = _setup(factory)
    assessment = factory.complete(assessment, invuller)
    client = app.test_client()
    login(client, invuller)
    response = client.post(f"/beoordelingen/{assessment.id}/indienen", data={"version": "1"})
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.get_data(as_text=True)
