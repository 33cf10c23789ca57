"""Defect 10 of issue 11: consultant access follows a reopen (the new version keeps the old one's
grants), and the grant dropdown leaves out the bureaus that already have access."""

from __future__ import annotations

import re

from sqlalchemy import select

from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, ConsultantGrant, User
from vthscan.services import consultants

from .conftest import login


def test_a_reopened_version_keeps_the_grants_of_the_old_one(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    bureau = factory.org("Bureau Een", "adviesbureau")
    adviser = factory.user(bureau, "invuller")
    signed = factory.signed_off(org, "2025", coordinator)
    with app.app_context():
        consultants.grant_consultant(db.session.get(User, coordinator.id), db.session.get(Assessment, signed.id),
                                     bureau.id)
    login(client, coordinator)
    assert client.post(f"/beoordelingen/{signed.id}/heropenen", data={"version": str(signed.version)}).status_code == 302
    with app.app_context():
        new = db.session.scalar(select(Assessment).where(Assessment.previous_id == signed.id))
        assert [g.organisation_id for g in consultants.grants(new)] == [bureau.id]
        entry = db.session.scalar(select(AuditLog).where(AuditLog.assessment_id == new.id, AuditLog.action == "grant"))
        assert entry.subject == "Bureau Een" and f"beoordeling {signed.id}" in entry.new
        new_id = new.id
    other = app.test_client()
    login(other, adviser)
    assert other.get(f"/beoordelingen/{new_id}").status_code == 200
    assert other.post(f"/beoordelingen/{new_id}/pijler/A", data={"version": "1", "q_a1_ja": "nee"}).status_code == 302


def test_the_grant_dropdown_leaves_out_bureaus_that_have_access(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    granted, free = factory.org("Bureau Binnen", "adviesbureau"), factory.org("Bureau Buiten", "adviesbureau")
    draft = factory.assessment(org, "2026", coordinator)
    login(client, coordinator)
    assert client.post(f"/beoordelingen/{draft.id}/adviseurs", data={"organisation": granted.id}).status_code == 302
    page = client.get(f"/beoordelingen/{draft.id}").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*id="organisation"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert "Bureau Buiten" in select_html and "Bureau Binnen" not in select_html
    client.post(f"/beoordelingen/{draft.id}/adviseurs", data={"organisation": free.id})
    page = client.get(f"/beoordelingen/{draft.id}").get_data(as_text=True)
    assert 'id="organisation"' not in page            # nobody left to give access to: no form
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(ConsultantGrant)) == 2
