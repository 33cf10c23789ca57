"""Requests that collide in the database: the second of two identical changes gets a Dutch 409 page,
never a 500, and nothing half-done is stored. The parallel tests run real threads against the app, each
with its own client, request, session and database connection (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, ConsultantGrant
from vthscan.services import audit, consultants, workflow

from .conftest import login

PARALLEL = 10


def in_parallel(clients, request) -> list[int]:
    """Let every client send `request(client)` at the same moment; the status codes, in client order."""
    start = threading.Barrier(len(clients))
    statuses: list[int | Exception] = [0] * len(clients)

    def run(index, client):
        start.wait()
        try:
            response = request(client)
            statuses[index] = response.status_code
            response.close()
        except Exception as error:  # noqa: BLE001  reported by the assertion below
            statuses[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(status, int) for status in statuses), statuses
    return statuses


def logged_in_clients(app, user, count=PARALLEL):
    clients = [app.test_client() for _ in range(count)]
    for client in clients:
        assert login(client, user).status_code == 302
    return clients


def test_parallel_grants_to_one_consultancy_give_one_grant_and_no_500(app, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    bureau = factory.org("Bureau Tegelijk", "adviesbureau")
    assessment = factory.assessment(org, user=coordinator)
    statuses = in_parallel(logged_in_clients(app, coordinator),
                           lambda client: client.post(f"/beoordelingen/{assessment.id}/adviseurs",
                                                      data={"organisation": str(bureau.id)}))
    assert set(statuses) <= {302, 409}, statuses
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsultantGrant)) == 1
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "grant")) == 1


def test_a_change_the_database_refuses_is_a_409_page_without_the_failed_transaction(app, factory, monkeypatch):
    """What the losing request of a race sees: its own transaction hits the unique constraint."""
    org = factory.org()
    coordinator = factory.user(org, "coordinator", email="coordinator@example.nl")
    bureau = factory.org("Bureau Dubbel", "adviesbureau")
    assessment = factory.assessment(org, user=coordinator)

    def grant_twice(user, assessment, organisation_id):
        for _ in range(2):  # as two requests would, each having seen no grant yet
            db.session.add(ConsultantGrant(assessment_id=assessment.id, organisation_id=organisation_id))
        audit.audit(user, "grant", assessment, subject="dubbel")
        db.session.commit()

    monkeypatch.setattr(consultants, "grant_consultant", grant_twice)
    client = app.test_client()
    login(client, coordinator)
    response = client.post(f"/beoordelingen/{assessment.id}/adviseurs", data={"organisation": str(bureau.id)})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Dit is tegelijk al gebeurd" in page and "Uw wijziging is niet opgeslagen" in page
    assert "coordinator@example.nl" in page  # the page was made with a working session: still logged in
    assert "IntegrityError" not in page and "constraint" not in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsultantGrant)) == 0
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.subject == "dubbel")) == 0
        assert db.session.get(Assessment, assessment.id) is not None
    assert client.get(f"/beoordelingen/{assessment.id}").status_code == 200  # and the next request works


def _signed_off_with_coordinator(factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    return factory.signed_off(org, "2025", coordinator), coordinator


def successors(app, assessment_id) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Assessment.id).where(Assessment.previous_id == assessment_id)))


def test_parallel_reopens_make_one_new_version(app, factory):
    signed, coordinator = _signed_off_with_coordinator(factory)
    statuses = in_parallel(logged_in_clients(app, coordinator),
                           lambda client: client.post(f"/beoordelingen/{signed.id}/heropenen",
                                                      data={"version": str(signed.version)}))
    assert sorted(statuses) == [302] + [409] * (PARALLEL - 1), statuses
    assert len(successors(app, signed.id)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Assessment)) == 2


def test_a_second_reopen_is_a_409_naming_the_new_version(app, factory):
    signed, coordinator = _signed_off_with_coordinator(factory)
    client = app.test_client()
    login(client, coordinator)
    assert client.post(f"/beoordelingen/{signed.id}/heropenen", data={"version": str(signed.version)}).status_code == 302
    [new_id] = successors(app, signed.id)
    response = client.post(f"/beoordelingen/{signed.id}/heropenen", data={"version": str(signed.version)})
    assert response.status_code == 409
    assert f"al heropend als beoordeling {new_id}" in response.get_data(as_text=True)


def test_a_reopen_that_loses_the_race_in_the_database_is_a_409(app, factory, monkeypatch):
    """The unique previous_id catches a reopen that did not yet see the other one's new version."""
    signed, coordinator = _signed_off_with_coordinator(factory)
    client = app.test_client()
    login(client, coordinator)
    assert client.post(f"/beoordelingen/{signed.id}/heropenen", data={"version": str(signed.version)}).status_code == 302
    monkeypatch.setattr(workflow, "newer_version", lambda assessment: None)
    response = client.post(f"/beoordelingen/{signed.id}/heropenen", data={"version": str(signed.version)})
    assert response.status_code == 409
    assert "Iemand anders heeft deze beoordeling zojuist heropend" in response.get_data(as_text=True)
    assert len(successors(app, signed.id)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog)
                                 .where(AuditLog.action == "reopened")) == 1
