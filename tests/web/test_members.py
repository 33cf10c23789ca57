"""A coordinator manages the members of their own organisation, and only that."""

from __future__ import annotations

from .conftest import login


def test_coordinator_adds_changes_and_removes_members(app, factory):
    org = factory.org("OD")
    coordinator = factory.user(org, "coordinator")
    client = app.test_client()
    login(client, coordinator)
    assert client.get("/organisaties/").headers["Location"].endswith(f"/organisaties/{org.id}/leden")
    response = client.post(f"/organisaties/{org.id}/leden", data={
        "email": "nieuw@example.nl", "role": "invuller", "password": "een lang wachtwoord"})
    assert response.status_code == 302
    assert login(app.test_client(), "nieuw@example.nl", "een lang wachtwoord").status_code == 302
    client.post(f"/organisaties/{org.id}/leden", data={"email": "nieuw@example.nl", "role": "lezer"})
    page = client.get(f"/organisaties/{org.id}/leden").get_data(as_text=True)
    assert "nieuw@example.nl" in page and "lezer" in page
    # cannot make someone beheerder, cannot add without password when new
    page = client.post(f"/organisaties/{org.id}/leden", data={"email": "x@example.nl", "role": "lezer"}
                       ).get_data(as_text=True)
    assert "geef ook een wachtwoord" in page
    assert client.post(f"/organisaties/{org.id}/leden", data={
        "email": "y@example.nl", "role": "beheerder", "password": "een lang wachtwoord"}).status_code == 200

    from vthscan.extensions import db
    from vthscan.models import Membership, User
    with app.app_context():
        membership_id = db.session.scalar(db.select(Membership.id).join(User).where(User.email == "nieuw@example.nl"))
    client.post(f"/organisaties/{org.id}/leden/{membership_id}/verwijderen")
    assert "nieuw@example.nl" not in client.get(f"/organisaties/{org.id}/leden").get_data(as_text=True)


def test_members_of_other_organisations_are_404(app, factory):
    mine, other = factory.org("Mijn"), factory.org("Ander")
    factory.user(other, "invuller")
    client = app.test_client()
    login(client, factory.user(mine, "coordinator"))
    assert client.get(f"/organisaties/{other.id}/leden").status_code == 404
    assert client.post(f"/organisaties/{other.id}/leden", data={"email": "a@b.nl", "role": "lezer"}
                       ).status_code == 404
    lezer = app.test_client()
    login(lezer, factory.user(mine, "lezer"))
    assert lezer.get(f"/organisaties/{mine.id}/leden").status_code == 404
