"""Defect 7 of issue 11: every form that gives someone a role starts at the least privilege (lezer), and
signing off, reopening, withdrawing a consultancy's access and removing a participation ask first, on a
page of their own that works without JavaScript."""

from __future__ import annotations

import re

from vthscan.extensions import db
from vthscan.models import Assessment, ConsultantGrant, Participation, User
from vthscan.services import consultants

from .conftest import login


def selected_role(html: str, select_id: str) -> str:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.search(r'<option selected value="([^"]+)"|<option value="([^"]+)" selected', select).group(0)


def test_the_new_user_and_membership_forms_start_at_lezer(client, factory):
    admin = factory.user(factory.org("Beheer", "provincie"), "beheerder")
    login(client, admin)
    html = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert "lezer" in selected_role(html, "user-role")
    assert "lezer" in selected_role(html, f"role-{admin.id}")


def test_a_coordinators_new_member_starts_at_lezer(client, factory):
    org = factory.org()
    login(client, factory.user(org, "coordinator"))
    html = client.get(f"/organisaties/{org.id}/leden").get_data(as_text=True)
    assert "lezer" in selected_role(html, "role")


def in_review_with_grant(app, factory):
    org = factory.org()
    coordinator, invuller = factory.user(org, "coordinator"), factory.user(org, "invuller")
    bureau = factory.org("Bureau Advies", "adviesbureau")
    assessment = factory.complete(factory.assessment(org, user=coordinator), invuller)
    with app.app_context():
        consultants.grant_consultant(db.session.get(User, coordinator.id), db.session.get(Assessment, assessment.id),
                                     bureau.id)
        grant_id = db.session.scalar(db.select(ConsultantGrant.id))
    return factory.transition(assessment, invuller, "submit_for_review"), coordinator, grant_id


def test_signing_off_asks_first_and_the_confirmation_carries_the_version(app, client, factory):
    assessment, coordinator, _grant = in_review_with_grant(app, factory)
    login(client, coordinator)
    overview = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert f'action="/beoordelingen/{assessment.id}/vaststellen"' not in overview     # no direct button
    link = f"/beoordelingen/{assessment.id}/vaststellen?versie={assessment.version}"
    assert f'href="{link}"' in overview
    page = client.get(link).get_data(as_text=True)
    assert "Beoordeling vaststellen?" in page and "Ja, vaststellen" in page
    assert f'action="/beoordelingen/{assessment.id}/vaststellen"' in page
    assert f'name="version" value="{assessment.version}"' in page
    assert factory.get(Assessment, assessment.id).status == "ter_review"      # asking changed nothing
    assert client.post(f"/beoordelingen/{assessment.id}/vaststellen",
                       data={"version": str(assessment.version)}).status_code == 302
    assert factory.get(Assessment, assessment.id).status == "vastgesteld"
    assert client.get(f"/beoordelingen/{assessment.id}/vaststellen?versie=99").status_code in (400, 403)


def test_reopening_and_withdrawing_access_ask_first(app, client, factory):
    assessment, coordinator, grant_id = in_review_with_grant(app, factory)
    signed = factory.transition(assessment, coordinator, "sign_off")
    login(client, coordinator)
    overview = client.get(f"/beoordelingen/{signed.id}").get_data(as_text=True)
    assert f'action="/beoordelingen/{signed.id}/heropenen"' not in overview
    assert f'action="/beoordelingen/{signed.id}/adviseurs/{grant_id}/intrekken"' not in overview
    page = client.get(f"/beoordelingen/{signed.id}/heropenen").get_data(as_text=True)
    assert "Beoordeling heropenen?" in page and f'action="/beoordelingen/{signed.id}/heropenen"' in page
    page = client.get(f"/beoordelingen/{signed.id}/adviseurs/{grant_id}/intrekken").get_data(as_text=True)
    assert "Toegang van Bureau Advies intrekken?" in page
    with app.app_context():
        assert db.session.get(ConsultantGrant, grant_id) is not None
    assert client.get(f"/beoordelingen/{signed.id}/adviseurs/999/intrekken").status_code == 404


def test_removing_a_participation_asks_first(app, client, factory):
    od = factory.org("OD Noord")
    factory.org("Gemeente Zee", "gemeente", participant_of=od)
    login(client, factory.user(factory.org("Beheer", "provincie"), "beheerder"))
    with app.app_context():
        participation_id = db.session.scalar(db.select(Participation.id))
    url = f"/beheer/deelnemers/{participation_id}/verwijderen"
    assert f'href="{url}"' in client.get("/beheer/organisaties").get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Deelname verwijderen?" in page and "Gemeente Zee is dan geen deelnemer meer van OD Noord" in page
    with app.app_context():
        assert db.session.get(Participation, participation_id) is not None
    assert client.post(url).status_code == 302
    with app.app_context():
        assert db.session.get(Participation, participation_id) is None
