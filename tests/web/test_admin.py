"""The beheerder manages organisations, participations and users in the UI."""

from __future__ import annotations

from vthscan.extensions import db
from vthscan.models import Organisation, Participation, User

from .conftest import login


def _admin_client(app, factory):
    client = app.test_client()
    login(client, factory.user(factory.org("Beheer", kind="provincie"), "beheerder", email="admin@example.nl"))
    return client


def test_admin_creates_organisations_with_participation(app, factory):
    client = _admin_client(app, factory)
    assert client.get("/beheer/organisaties").status_code == 200
    response = client.post("/beheer/organisaties", data={"org-name": "OD Noord", "org-kind": "omgevingsdienst",
                                                         "org-participant_of": "0"})
    assert response.status_code == 302
    with app.app_context():
        od = db.session.scalar(db.select(Organisation).where(Organisation.name == "OD Noord"))
        od_id = od.id
    client.post("/beheer/organisaties", data={"org-name": "Gemeente Noord", "org-kind": "gemeente",
                                              "org-participant_of": str(od_id)})
    page = client.get("/beheer/organisaties").get_data(as_text=True)
    assert "Gemeente Noord → OD Noord" in page
    # duplicate names are refused next to the field
    response = client.post("/beheer/organisaties", data={"org-name": "OD Noord", "org-kind": "gemeente",
                                                         "org-participant_of": "0"})
    assert "Er is al een organisatie" in response.get_data(as_text=True)


def test_admin_adds_and_removes_participations(app, factory):
    od = factory.org("OD", kind="omgevingsdienst")
    gemeente = factory.org("Gemeente", kind="gemeente")
    client = _admin_client(app, factory)
    assert client.post("/beheer/deelnemers", data={"part-omgevingsdienst": od.id,
                                                   "part-participant": gemeente.id}).status_code == 302
    with app.app_context():
        participation_id = db.session.scalar(db.select(Participation.id))
    assert participation_id is not None
    client.post(f"/beheer/deelnemers/{participation_id}/verwijderen")
    with app.app_context():
        assert db.session.scalar(db.select(Participation.id)) is None


def test_admin_creates_users_memberships_and_blocks_accounts(app, factory):
    org = factory.org("OD", kind="omgevingsdienst")
    other = factory.org("Bureau", kind="adviesbureau")
    client = _admin_client(app, factory)
    response = client.post("/beheer/gebruikers", data={
        "user-email": "nieuw@example.nl", "user-password": "een lang wachtwoord", "user-organisation": org.id,
        "user-role": "invuller"})
    assert response.status_code == 302
    assert login(app.test_client(), "nieuw@example.nl", "een lang wachtwoord").status_code == 302
    with app.app_context():
        user_id = db.session.scalar(db.select(User.id).where(User.email == "nieuw@example.nl"))
    client.post(f"/beheer/gebruikers/{user_id}/lidmaatschap", data={"member-organisation": other.id,
                                                                    "member-role": "lezer"})
    assert "Bureau: lezer" in client.get("/beheer/gebruikers").get_data(as_text=True)
    client.post(f"/beheer/gebruikers/{user_id}/actief")
    assert login(app.test_client(), "nieuw@example.nl", "een lang wachtwoord").status_code == 200


def test_admin_user_form_reports_weak_password(app, factory):
    org = factory.org()
    client = _admin_client(app, factory)
    response = client.post("/beheer/gebruikers", data={
        "user-email": "x@example.nl", "user-password": "kort", "user-organisation": org.id, "user-role": "lezer"})
    assert "minstens 10 tekens" in response.get_data(as_text=True)
