"""The version a form carries: only a version the page can have shown (1 up to the current one) is
accepted, and the conflict page of a stale save shows only the answer changes of that pillar page."""

from __future__ import annotations

import re

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, User
from vthscan.services import assessments, consultants
from vthscan.services.answers import answers_of

from .conftest import login
from .form_helpers import form_data


@pytest.fixture
def draft(app, factory):
    """A draft with a history: answers on pillars A and B, a consultancy's access, an export."""
    org = factory.org()
    coordinator = factory.user(org, "coordinator", email="coordinator@example.nl")
    invuller = factory.user(org, "invuller", email="invuller@example.nl")
    bureau = factory.org("Bureau Geheim", "adviesbureau")
    consultant = factory.user(bureau, "invuller", email="adviseur@bureau.nl")
    assessment = factory.assessment(org, user=coordinator)
    factory.answer(assessment, invuller, {"a1_ja": Answer(value=True, comment="eerste opmerking")})
    factory.answer(factory.get(Assessment, assessment.id), invuller, {"b1_lineair": Answer(value=30)})
    with app.app_context():
        current = db.session.get(Assessment, assessment.id)
        consultants.grant_consultant(db.session.get(User, coordinator.id), current, bureau.id)
        assessments.export_assessment(db.session.get(User, coordinator.id), current)
    return factory.get(Assessment, assessment.id), invuller, consultant


@pytest.mark.parametrize("version", ["0", "-1", "abc", "", "1.5", " 2", "99", "9" * 30, "٣"])
def test_a_pillar_save_with_a_version_the_page_never_had_is_400(app, draft, version):
    assessment, invuller, _consultant = draft
    client = app.test_client()
    login(client, invuller)
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A",
                           data={"version": version, "q_a1_ja": "nee"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Laad de pagina opnieuw" in page
    assert "coordinator@example.nl" not in page and "Bureau Geheim" not in page
    with app.app_context():
        assert answers_of(db.session.get(Assessment, assessment.id))["a1_ja"].value is True


def test_a_consultant_cannot_read_the_audit_log_through_version_zero(app, draft):
    assessment, _invuller, consultant = draft
    client = app.test_client()
    login(client, consultant)
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={"version": "0", "q_a1_ja": "nee"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    # (the consultant's own organisation, Bureau Geheim, is in the page header: the grant's entry is not)
    for secret in ("coordinator@example.nl", "exported", "toegang gegeven", "eerste opmerking"):
        assert secret not in page


def test_the_conflict_page_shows_only_conflicting_fields_of_this_pillar(app, draft):
    assessment, invuller, consultant = draft
    client = app.test_client()
    login(client, consultant)
    url = f"/beoordelingen/{assessment.id}/pijler/A"
    opened = form_data(client.get(url).get_data(as_text=True))  # the consultant opened pillar A now
    colleague = app.test_client()
    login(colleague, invuller)
    # meanwhile: a change on pillar B, a change on pillar A, and a download of the report
    colleague_b = form_data(colleague.get(f"/beoordelingen/{assessment.id}/pijler/B").get_data(as_text=True))
    assert colleague.post(f"/beoordelingen/{assessment.id}/pijler/B",
                          data={**colleague_b, "q_b1_lineair": "40"}).status_code == 302
    colleague_a = form_data(colleague.get(url).get_data(as_text=True))
    assert colleague.post(url, data={**colleague_a, "q_a1_schaal": "2"}).status_code == 302
    assert colleague.get(f"/beoordelingen/{assessment.id}/rapport.pdf").status_code == 200

    response = client.post(url, data={**opened, "q_a1_ja": "nee", "q_a1_schaal": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    notice = page[page.index('id="conflict"'):page.index("</div>", page.index('id="conflict"'))]
    box = page[page.index('id="conflict-q_a1_schaal"'):]
    conflict = notice + box[:box.index('class="answer-options"')]
    assert "Hoe ver?" in conflict and "2 - Vastgelegd" in conflict and "1 - Ad hoc" in conflict
    for other in ("b1_lineair", "Dagen?", "rapport", "Bureau Geheim", "coordinator@example.nl", "Ja of nee?",
                  "eerste opmerking"):
        assert other not in conflict, other
    # pillar B's value 40 is not shown either (a time such as 10:40 in the notice is no value)
    assert not re.search(r"(?<![\d:])40(?![\d:])", conflict)
    assert page.count('class="conflict"') == 1


@pytest.mark.parametrize("route, status", [("indienen", "concept"), ("heropenen", "vastgesteld"),
                                           ("vaststellen", "ter_review"), ("terugsturen", "ter_review")])
@pytest.mark.parametrize("version", ["0", "abc", "", "99", "9" * 30])
def test_workflow_forms_accept_only_a_version_the_page_had(app, factory, route, status, version):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    invuller = factory.user(org, "invuller")
    assessment = factory.complete(factory.assessment(org, user=coordinator), invuller)
    if status != "concept":
        assessment = factory.transition(assessment, invuller, "submit_for_review")
    if status == "vastgesteld":
        assessment = factory.transition(assessment, coordinator, "sign_off")
    client = app.test_client()
    login(client, coordinator)
    response = client.post(f"/beoordelingen/{assessment.id}/{route}", data={"version": version, "comment": "Nee"})
    assert response.status_code == 400
    assert "Laad de pagina opnieuw" in response.get_data(as_text=True)
    after = factory.get(Assessment, assessment.id)
    assert (after.status, after.version) == (status, assessment.version)


def test_withdrawing_access_checks_the_version_too(app, draft):
    assessment, _invuller, _consultant = draft
    with app.app_context():
        [grant] = consultants.grants(db.session.get(Assessment, assessment.id))
        coordinator = db.session.scalar(db.select(User).where(User.email == "coordinator@example.nl"))
        grant_id = grant.id
    client = app.test_client()
    login(client, coordinator)
    url = f"/beoordelingen/{assessment.id}/adviseurs/{grant_id}/intrekken"
    assert client.post(url, data={"version": "0"}).status_code == 400
    assert client.post(url, data={"version": str(assessment.version)}).status_code == 302
