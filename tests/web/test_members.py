"""A coordinator manages the members of their own organisation, and only that. A coordinator creates new
accounts; attaching an existing account to an organisation is the beheerder's."""

from __future__ import annotations

import hashlib
import re

from vthscan.extensions import db
from vthscan.models import AuditLog, Membership, User

from .conftest import login

GOOD_PASSWORD = "een lang wachtwoord"
NOT_CREATED = ("Het account is niet aangemaakt. Bestaat er al een account met dit e-mailadres, vraag dan de "
               "beheerder om het aan uw organisatie toe te voegen.")


def _membership_id(app, email, organisation):
    with app.app_context():
        return db.session.scalar(db.select(Membership.id).join(User).where(
            User.email == email, Membership.organisation_id == organisation.id))


def _role(app, membership_id):
    with app.app_context():
        return db.session.get(Membership, membership_id).role


def test_coordinator_creates_accounts_changes_roles_and_removes_members(app, factory):
    org = factory.org("OD")
    coordinator = factory.user(org, "coordinator")
    client = app.test_client()
    login(client, coordinator)
    assert client.get("/organisaties/").headers["Location"].endswith(f"/organisaties/{org.id}/leden")
    response = client.post(f"/organisaties/{org.id}/leden", data={
        "email": " Nieuw@example.nl", "role": "invuller", "password": GOOD_PASSWORD, "name": "Nieuw Lid"})
    assert response.status_code == 302
    assert login(app.test_client(), "nieuw@example.nl", GOOD_PASSWORD).status_code == 302
    membership_id = _membership_id(app, "nieuw@example.nl", org)
    assert _role(app, membership_id) == "invuller"

    assert client.post(f"/organisaties/{org.id}/leden/{membership_id}/rol", data={"role": "lezer"}).status_code == 302
    assert _role(app, membership_id) == "lezer"
    page = client.get(f"/organisaties/{org.id}/leden").get_data(as_text=True)
    assert "nieuw@example.nl" in page and "Nieuw Lid" in page
    # nobody becomes beheerder through this page
    client.post(f"/organisaties/{org.id}/leden/{membership_id}/rol", data={"role": "beheerder"})
    assert _role(app, membership_id) == "lezer"
    assert client.post(f"/organisaties/{org.id}/leden", data={
        "email": "y@example.nl", "role": "beheerder", "password": GOOD_PASSWORD}).status_code == 200
    assert _membership_id(app, "y@example.nl", org) is None
    # the coordinator cannot change their own role (and so lock themselves out)
    own = _membership_id(app, coordinator.email, org)
    response = client.post(f"/organisaties/{org.id}/leden/{own}/rol", data={"role": "lezer"}, follow_redirects=True)
    assert "U kunt uw eigen rol niet wijzigen." in response.get_data(as_text=True)
    assert _role(app, own) == "coordinator"

    client.post(f"/organisaties/{org.id}/leden/{membership_id}/verwijderen")
    assert "nieuw@example.nl" not in client.get(f"/organisaties/{org.id}/leden").get_data(as_text=True)
    with app.app_context():
        actions = [(e.action, e.subject) for e in db.session.scalars(db.select(AuditLog).order_by(AuditLog.id))]
    assert ("user_created", "nieuw@example.nl") in actions
    assert ("member_set", "nieuw@example.nl OD lezer") in actions
    assert ("member_removed", "nieuw@example.nl OD") in actions


def test_a_beheerder_membership_is_not_changed_by_a_coordinator(app, factory):
    org = factory.org("OD")
    admin = factory.user(org, "beheerder")
    client = app.test_client()
    login(client, factory.user(org, "coordinator"))
    membership_id = _membership_id(app, admin.email, org)
    response = client.post(f"/organisaties/{org.id}/leden/{membership_id}/rol", data={"role": "lezer"},
                           follow_redirects=True)
    assert "De rol van een beheerder kan alleen de beheerder wijzigen." in response.get_data(as_text=True)
    assert _role(app, membership_id) == "beheerder"


def test_a_coordinator_cannot_take_over_an_account_through_another_organisation(app, factory):
    """The attack as it was found: A's coordinator creates x with password P1 and removes the membership
    again; later B's coordinator adds the same address as coordinator with P2 and sees "Gelukt", while
    the account still logs in with P1, so A's coordinator reads and exports B's drafts."""
    od_a, od_b = factory.org("OD A"), factory.org("OD B")
    coordinator_a, coordinator_b = factory.user(od_a, "coordinator"), factory.user(od_b, "coordinator")
    draft_b = factory.assessment(od_b, "2026", coordinator_b)
    first, second = "wachtzin van coordinator A", "wachtzin van coordinator B"

    a = app.test_client()
    login(a, coordinator_a)
    assert a.post(f"/organisaties/{od_a.id}/leden", data={
        "email": "x@example.nl", "role": "coordinator", "password": first}).status_code == 302
    assert a.post(f"/organisaties/{od_a.id}/leden/{_membership_id(app, 'x@example.nl', od_a)}/verwijderen"
                  ).status_code == 302

    b = app.test_client()
    login(b, coordinator_b)
    response = b.post(f"/organisaties/{od_b.id}/leden", data={
        "email": "x@example.nl", "role": "coordinator", "password": second})
    assert response.status_code == 200  # the form again, with the refusal next to the address
    page = response.get_data(as_text=True)
    assert NOT_CREATED in page
    assert "Het lidmaatschap is vastgelegd." not in page
    assert _membership_id(app, "x@example.nl", od_b) is None
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "x@example.nl"))
        assert user.memberships == []

    # the password B typed did nothing; the account is still A's, and A's holder sees nothing of B
    assert login(app.test_client(), "x@example.nl", second).status_code == 200
    holder = app.test_client()
    assert login(holder, "x@example.nl", first).status_code == 302
    assert holder.get(f"/beoordelingen/{draft_b.id}").status_code == 404
    assert holder.get(f"/beoordelingen/{draft_b.id}/export").status_code == 404
    assert holder.get(f"/organisaties/{od_b.id}/leden").status_code == 404
    with app.app_context():
        refused = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "account_not_created"))
        assert refused.subject == "x@example.nl OD B" and refused.user_id == coordinator_b.id


def test_the_add_form_does_not_say_whether_an_address_has_an_account(app, factory, monkeypatch):
    org = factory.org("OD")
    factory.user(factory.org("Elders"), "invuller", email="bestaat@example.nl")
    client = app.test_client()
    login(client, factory.user(org, "coordinator"))
    hashes = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *args: hashes.append(1) or real(*args))

    def attempt(email, **fields):
        hashes.clear()
        response = client.post(f"/organisaties/{org.id}/leden", data={"email": email, "role": "lezer", **fields})
        page = response.get_data(as_text=True).replace(email, "ADRES")
        # the CSRF token carries a timestamp in seconds: the same for both, unless a second ticks over
        page = re.sub(r'(name="csrf_token"[^>]*value=)"[^"]*"', r"\1", page)
        return response.status_code, page, len(hashes)

    # without a password, or with one that is refused, both addresses get exactly the same page
    assert attempt("bestaat@example.nl") == attempt("nieuw1@example.nl")
    assert attempt("bestaat@example.nl", password="kort") == attempt("nieuw2@example.nl", password="kort")
    assert "bestaat nog niet" not in attempt("nieuw3@example.nl")[1]
    # with a good password the new address gets its account and the taken one the neutral refusal, after
    # the same work (the typed password is hashed in both cases)
    status, page, work = attempt("bestaat@example.nl", password=GOOD_PASSWORD)
    assert status == 200 and NOT_CREATED in page
    assert "Elders" not in page  # nothing about the account it found
    created_status, _page, created_work = attempt("nieuw4@example.nl", password=GOOD_PASSWORD)
    assert created_status == 302 and created_work == work == 1


def test_an_existing_member_is_pointed_to_the_role_change(app, factory):
    org = factory.org("OD")
    member = factory.user(org, "invuller")
    client = app.test_client()
    login(client, factory.user(org, "coordinator"))
    page = client.post(f"/organisaties/{org.id}/leden", data={
        "email": member.email, "role": "lezer", "password": GOOD_PASSWORD}).get_data(as_text=True)
    assert "is al lid van deze organisatie" in page
    assert _role(app, _membership_id(app, member.email, org)) == "invuller"
    assert login(app.test_client(), member.email, GOOD_PASSWORD).status_code == 200


def test_members_of_other_organisations_are_404(app, factory):
    mine, other = factory.org("Mijn"), factory.org("Ander")
    stranger = factory.user(other, "invuller")
    client = app.test_client()
    login(client, factory.user(mine, "coordinator"))
    assert client.get(f"/organisaties/{other.id}/leden").status_code == 404
    assert client.post(f"/organisaties/{other.id}/leden", data={"email": "a@b.nl", "role": "lezer"}
                       ).status_code == 404
    foreign = _membership_id(app, stranger.email, other)
    assert client.post(f"/organisaties/{mine.id}/leden/{foreign}/rol", data={"role": "lezer"}).status_code == 404
    assert client.post(f"/organisaties/{other.id}/leden/{foreign}/rol", data={"role": "lezer"}).status_code == 404
    assert _role(app, foreign) == "invuller"
    lezer = app.test_client()
    login(lezer, factory.user(mine, "lezer"))
    assert lezer.get(f"/organisaties/{mine.id}/leden").status_code == 404
