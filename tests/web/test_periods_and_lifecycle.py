"""Defect 9 of issue 11: a period is a year or a year part; one open assessment per organisation,
questionnaire and period (in the service and in the database); a coordinator deletes a concept that was
never submitted and archives old assessments (hidden from lists unless asked for, still readable, still
in trends)."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vthscan.extensions import db
from vthscan.models import Answer, Assessment, AuditLog, Organisation, User
from vthscan.services import assessments, lifecycle, questionnaires
from vthscan.services.errors import ServiceError

from .conftest import login


def start(client, org, period, **extra):
    return client.post("/beoordelingen/nieuw", data={"organisation": org.id, "questionnaire": "mini|1",
                                                     "period": period, "name": "", **extra})


@pytest.mark.parametrize("period, stored", [("2026", "2026"), ("2026-H1", "2026-H1"), (" 2026-q3 ", "2026-Q3")])
def test_a_year_or_a_year_part_is_a_period(app, client, factory, period, stored):
    org = factory.org()
    login(client, factory.user(org, "coordinator"))
    assert start(client, org, period).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Assessment.period)) == stored


@pytest.mark.parametrize("period", ["volgend jaar", "2026-H3", "2026-Q5", "26", "1999", "2026 H1", "2026-Q1-2"])
def test_anything_else_is_refused_in_dutch_and_the_form_keeps_it(app, client, factory, period):
    org = factory.org()
    login(client, factory.user(org, "coordinator"))
    response = start(client, org, period)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "periode" in html and ("2026-H1" in html or "kies een jaar" in html)
    assert f'value="{period.strip()}"' in html or period.strip() in html
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Assessment)) == 0


def test_a_second_open_assessment_of_the_same_period_is_refused(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    first = factory.assessment(org, "2026", coordinator)
    login(client, coordinator)
    html = start(client, org, "2026").get_data(as_text=True)
    assert "al een open beoordeling van deze vragenlijst" in html and f"beoordeling {first.id}" in html
    assert start(client, org, "2026-H1").status_code == 302       # another period is fine
    other = factory.org()
    assert factory.assessment(other, "2026").id                    # and another organisation too


def test_an_answers_file_follows_the_period_rule_and_the_one_open_rule(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    factory.assessment(org, "2026", coordinator)
    login(client, coordinator)
    data = {"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
            "organisation": {"name": "X", "kind": "omgevingsdienst"}, "period": "volgend jaar", "answers": {}}

    def upload(period):
        content = json.dumps(data | {"period": period}).encode()
        return client.post("/beoordelingen/importeren", data={"organisation": org.id, "name": "",
                           "file": (io.BytesIO(content), "a.json")}, content_type="multipart/form-data")

    html = upload("volgend jaar").get_data(as_text=True)
    assert "De periode in het bestand: &#39;volgend jaar&#39; is geen periode" in html
    assert "al een open beoordeling" in upload("2026").get_data(as_text=True)
    assert upload("2025").status_code == 302


def test_the_database_refuses_a_second_open_assessment_too(app, factory):
    """Two requests at the same moment both pass the service's check; the partial unique index stops one."""
    first = factory.assessment(period="2026")
    with app.app_context():
        original = db.session.get(Assessment, first.id)
        db.session.add(Assessment(organisation_id=original.organisation_id, definition_id=original.definition_id,
                                  period="2026", name="Tweede"))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
        # a signed-off or archived one of that period is no obstacle
        original.archived_at = db.func.now()
        db.session.add(Assessment(organisation_id=original.organisation_id, definition_id=original.definition_id,
                                  period="2026", name="Derde"))
        db.session.commit()


def test_reopening_while_another_assessment_of_that_period_is_open_is_refused(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    signed = factory.signed_off(org, "2025", coordinator)
    factory.assessment(org, "2025", coordinator)                   # a new concept for 2025 meanwhile
    login(client, coordinator)
    response = client.post(f"/beoordelingen/{signed.id}/heropenen", data={"version": str(signed.version)},
                           follow_redirects=True)
    assert "al een open beoordeling van deze vragenlijst" in response.get_data(as_text=True)


def test_a_concept_that_was_never_submitted_can_be_deleted_after_confirming(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    draft = factory.complete(factory.assessment(org, "2026", coordinator), coordinator)
    login(client, coordinator)
    assert f'href="/beoordelingen/{draft.id}/verwijderen?versie={draft.version}"' in client.get(
        f"/beoordelingen/{draft.id}").get_data(as_text=True)
    page = client.get(f"/beoordelingen/{draft.id}/verwijderen?versie={draft.version}").get_data(as_text=True)
    assert "Concept verwijderen?" in page and "Ja, concept verwijderen" in page
    assert client.post(f"/beoordelingen/{draft.id}/verwijderen", data={"version": str(draft.version - 1)}).status_code == 409
    response = client.post(f"/beoordelingen/{draft.id}/verwijderen", data={"version": str(draft.version)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    with app.app_context():
        assert db.session.get(Assessment, draft.id) is None
        assert db.session.scalar(select(db.func.count()).select_from(Answer)) == 0
        entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "deleted"))
        assert entry.organisation_id == org.id and entry.user_id == coordinator.id
        assert f"beoordeling {draft.id}: Beoordeling 2026 (2026, 7 antwoorden)" in entry.old
        # its earlier entries are kept, no longer tied to it
        assert db.session.scalar(select(db.func.count()).select_from(AuditLog).where(AuditLog.action == "answer")) == 7
    assert client.get(f"/beoordelingen/{draft.id}").status_code == 404


def test_a_concept_that_was_submitted_once_is_kept(app, client, factory):
    org = factory.org()
    coordinator, invuller = factory.user(org, "coordinator"), factory.user(org, "invuller")
    draft = factory.complete(factory.assessment(org, "2026", coordinator), invuller)
    draft = factory.transition(draft, invuller, "submit_for_review")
    draft = factory.transition(draft, coordinator, "send_back", "Nog niet goed.")
    login(client, coordinator)
    assert "/verwijderen" not in client.get(f"/beoordelingen/{draft.id}").get_data(as_text=True)
    response = client.post(f"/beoordelingen/{draft.id}/verwijderen", data={"version": str(draft.version)},
                           follow_redirects=True)
    assert "al eens ter review aangeboden" in response.get_data(as_text=True)
    assert factory.get(Assessment, draft.id) is not None
    lezer = factory.user(factory.get(Organisation, org.id), "lezer")
    other = app.test_client()
    login(other, lezer)
    assert other.get(f"/beoordelingen/{draft.id}/verwijderen").status_code == 403


def test_an_archived_assessment_leaves_the_lists_but_stays_readable_and_in_trends(app, client, factory):
    org = factory.org("OD Archief")
    coordinator = factory.user(org, "coordinator")
    old = factory.signed_off(org, "2024", coordinator)
    factory.signed_off(org, "2025", coordinator)
    login(client, coordinator)
    assert client.post(f"/beoordelingen/{old.id}/archiveren", data={}).status_code == 302
    listing = client.get("/").get_data(as_text=True)
    assert f'href="/beoordelingen/{old.id}"' not in listing.split('id="alle-beoordelingen"')[1]
    with_archived = client.get("/?gearchiveerd=1").get_data(as_text=True)
    assert f'href="/beoordelingen/{old.id}"' in with_archived and "gearchiveerd" in with_archived
    assert "Gearchiveerd op" in client.get(f"/beoordelingen/{old.id}").get_data(as_text=True)
    assert client.get(f"/beoordelingen/{old.id}/resultaten").status_code == 200
    assert "2024" in client.get(f"/vergelijken/organisatie/{org.id}").get_data(as_text=True)
    assert client.post(f"/beoordelingen/{old.id}/dearchiveren", data={}).status_code == 302
    assert factory.get(Assessment, old.id).archived_at is None
    with app.app_context():
        assert [e.action for e in db.session.scalars(select(AuditLog).where(
            AuditLog.assessment_id == old.id, AuditLog.action.in_(("archived", "unarchived"))))] == [
            "archived", "unarchived"]


def test_only_a_signed_off_assessment_is_archived(app, factory):
    draft = factory.assessment(period="2026")
    with app.app_context():
        user = db.session.get(User, factory.user(factory.get(Organisation, draft.organisation_id)).id)
        with pytest.raises(ServiceError, match="Alleen een vastgestelde beoordeling"):
            lifecycle.archive(user, db.session.get(Assessment, draft.id))


def test_the_period_rule_holds_for_new_assessments_only(app, factory):
    """A period stored as free text before the rule stays readable and scores as before."""
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    signed = factory.signed_off(org, "2025", coordinator)
    with app.app_context():
        db.session.get(Assessment, signed.id).period = "volgend jaar"
        db.session.commit()
        assert assessments.overview(db.session.get(Assessment, signed.id)).completeness.is_complete
        with pytest.raises(ServiceError, match="is geen periode"):
            assessments.start_assessment(db.session.get(User, coordinator.id), db.session.get(Organisation, org.id),
                                         questionnaires.catalog().get("mini"), "volgend jaar", "")
