"""Threshold profiles (normprofielen) in the UI: the beheerder's list, create, edit, delete; bad input."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from vthscan.extensions import db
from vthscan.models import ThresholdProfileRecord

from .conftest import csrf_token, login, make_app

FILE_PROFILE = ("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Uit bestand\n"
                "description: Een profiel uit de map.\nthresholds: {voldoet: 85, aandachtspunt: 60}\n")
NEW = "/beheer/normprofielen/nieuw?vragenlijst=mini"


@pytest.fixture
def app(tmp_path, mini_dir):
    """The app with a profile file next to the mini questionnaire."""
    (mini_dir / "normprofiel-uit-bestand.yaml").write_text(FILE_PROFILE, encoding="utf-8")
    return make_app(tmp_path, mini_dir)


@pytest.fixture
def admin(client, factory):
    user = factory.user(factory.org("Beheer"), "beheerder")
    login(client, user)
    return user


def records(app):
    with app.app_context():
        return [(r.name, r.description, r.data) for r in db.session.scalars(select(ThresholdProfileRecord))]


def text_of(response) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split()))


def value_of(body: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', body)
    assert tag, name
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def test_only_the_beheerder_gets_the_pages(client, factory):
    login(client, factory.user(factory.org(), "coordinator"))
    for url in ("/beheer/normprofielen", NEW, "/beheer/normprofielen/bestand/mini/Uit bestand"):
        assert client.get(url).status_code == 404
    assert client.post(NEW, data={"name": "X"}).status_code == 404


def test_list_shows_file_profiles_read_only(client, admin):
    response = client.get("/beheer/normprofielen")
    text = text_of(response)
    assert "Uit bestand" in text and "bestand (alleen lezen)" in text
    body = response.get_data(as_text=True)
    assert "/beheer/normprofielen/bestand/mini/Uit%20bestand" in body
    shown = client.get("/beheer/normprofielen/bestand/mini/Uit bestand")
    assert shown.status_code == 200
    assert 'name="t|' not in shown.get_data(as_text=True)
    assert "85 (standaard 75)" in text_of(shown)
    assert client.get("/beheer/normprofielen/bestand/mini/Bestaat niet").status_code == 404


def test_new_form_starts_from_the_effective_defaults(client, admin):
    body = client.get(NEW).get_data(as_text=True)
    assert value_of(body, "t|o|totaal|voldoet") == "75"
    assert value_of(body, "t|c|A2|voldoet") == "80"          # the criterion's own threshold
    assert value_of(body, "t|p|B|aandachtspunt") == "40"      # the pillar's own threshold
    assert value_of(body, "t|c|B1|voldoet") == "70"           # inherited from pillar B
    assert '<label class="visually-hidden" for="t-c-A2-voldoet">' in body
    assert client.get("/beheer/normprofielen/nieuw?vragenlijst=bestaat-niet").status_code == 404


def test_create_stores_only_what_differs_and_keeps_the_rest_as_shown(app, client, admin):
    response = client.post(NEW, data={"name": "Streng B", "description": "Voor de test",
                                      "t|p|B|voldoet": "85", "t|c|A1|voldoet": "77,5",
                                      "t|o|totaal|voldoet": "75", "t|c|B1|voldoet": "70"})
    assert response.status_code == 302
    [(name, description, data)] = records(app)
    assert (name, description) == ("Streng B", "Voor de test")
    assert data["thresholds"] == {}
    assert data["pillars"] == {"B": {"voldoet": 85}}
    # B1 was left at 70: pinned, or pillar B's 85 would carry over to it
    assert data["criteria"] == {"A1": {"voldoet": 77.5}, "B1": {"voldoet": 70}}
    listed = text_of(client.get("/beheer/normprofielen"))
    assert "Streng B" in listed and "gemaakt in vthscan" in listed


def test_edit_shows_the_profile_and_saves_changes(app, client, admin):
    client.post(NEW, data={"name": "Eerst", "t|c|A2|voldoet": "90"})
    with app.app_context():
        record_id = db.session.scalar(select(ThresholdProfileRecord.id))
    url = f"/beheer/normprofielen/{record_id}"
    body = client.get(url).get_data(as_text=True)
    assert value_of(body, "t|c|A2|voldoet") == "90" and value_of(body, "name") == "Eerst"
    assert "aangepast" in body
    response = client.post(url, data={"name": "Daarna", "description": "nieuw", "t|c|A2|voldoet": "80",
                                      "t|o|totaal|aandachtspunt": "55"})
    assert response.status_code == 302
    [(name, description, data)] = records(app)
    assert (name, description) == ("Daarna", "nieuw")
    assert data["criteria"].get("A2") in (None, {}) or "voldoet" not in data["criteria"]["A2"]
    assert data["thresholds"] == {"aandachtspunt": 55}
    assert client.get("/beheer/normprofielen/999").status_code == 404


def test_delete(app, client, admin):
    client.post(NEW, data={"name": "Weg ermee", "t|c|A2|voldoet": "90"})
    with app.app_context():
        record_id = db.session.scalar(select(ThresholdProfileRecord.id))
    response = client.post(f"/beheer/normprofielen/{record_id}/verwijderen")
    assert response.status_code == 302 and records(app) == []
    assert client.post("/beheer/normprofielen/999/verwijderen").status_code == 404


@pytest.mark.parametrize("fields, field_id, message", [
    ({"t|c|A1|voldoet": "40"}, "t-c-A1-voldoet",
     "criterium A1: drempel van 'voldoet' (40) moet hoger zijn dan die van 'aandachtspunt' (50)"),
    ({"t|o|totaal|voldoet": "45"}, "t-o-totaal-voldoet", "totaal: drempel van 'voldoet' (45) moet hoger zijn"),
    ({"t|p|B|aandachtspunt": "120"}, "t-p-B-aandachtspunt", "mag hoogstens 100 zijn"),
    ({"t|c|A2|aandachtspunt": "-5"}, "t-c-A2-aandachtspunt", "moet minstens 0 zijn"),
    ({"t|c|A2|voldoet": "veel"}, "t-c-A2-voldoet", "'veel' is geen getal"),
    ({"t|c|A2|voldoet": " "}, "t-c-A2-voldoet", "Vul een drempel in"),
    ({"t|c|A2|voldoet": "nan"}, "t-c-A2-voldoet", "'nan' is geen getal"),
])
def test_bad_input_is_refused_in_dutch_next_to_the_field_and_kept(app, client, admin, fields, field_id, message):
    response = client.post(NEW, data={"name": "Fout profiel", **fields})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    text = text_of(response)
    assert "Er is iets niet goed ingevuld. Er is nog niets opgeslagen." in text
    assert f'href="#{field_id}"' in body                         # the summary links to the field
    assert text.count(message) >= 2 or field_id == "drempels"    # in the summary and next to the field
    assert message in text
    for name, typed in fields.items():
        assert value_of(body, name) == typed                    # the input is kept as typed
    assert value_of(body, "name") == "Fout profiel"
    assert records(app) == []


def test_all_problems_are_reported_at_once(app, client, admin):
    response = client.post(NEW, data={"name": "Alles fout", "t|c|A1|voldoet": "40", "t|p|B|aandachtspunt": "120",
                                      "t|o|totaal|voldoet": "abc"})
    text = text_of(response)
    for message in ("'abc' is geen getal", "mag hoogstens 100 zijn", "criterium A1: drempel van 'voldoet' (40)"):
        assert message in text, message
    assert records(app) == []


def test_thousands_of_unknown_fields_are_ignored_and_the_profile_is_saved(app, client, admin, monkeypatch):
    """Only the form's own fields are read (one pass over the grid): fields it never has, however
    many, are ignored, and cost no more than the grid itself."""
    from vthscan.services import profiles
    fields = {"name": "Veel velden", "t|c|A2|voldoet": "90", "t|p|B|aandachtspunt": "45"}
    fields |= {f"t|c|X{i}|voldoet": "99" for i in range(3000)}          # criteria that do not exist
    fields |= {f"t|p|A|niveau{i}": "-5" for i in range(2000)}           # levels that do not exist
    fields |= {f"t|o|totaal{i}|voldoet": "abc" for i in range(1000)}    # a second "total"
    fields |= {f"t|z|A|voldoet{i}": "1" for i in range(1000)}           # scopes that do not exist
    fields |= {f"veld{i}": "x" for i in range(1000)}
    checks = []
    check = profiles.load_profile_text
    monkeypatch.setattr(profiles, "load_profile_text", lambda text, *args: checks.append(text) or check(text, *args))
    response = client.post(NEW, data=fields)
    assert response.status_code == 302
    [(name, _description, data)] = records(app)
    assert name == "Veel velden"
    assert (data["thresholds"], data["pillars"]) == ({}, {"B": {"aandachtspunt": 45}})
    assert data["criteria"] == {"A2": {"voldoet": 90}, "B1": {"aandachtspunt": 40}}  # B1 pinned where it was
    assert len(checks) == 1 and "X1" not in checks[0] and "niveau" not in checks[0]


@pytest.mark.parametrize("name, message", [
    ("", "Geef het normprofiel een naam."),
    ("Uit bestand", "Er is al een normprofiel 'Uit bestand'"),
    ("Standaard (de drempels van de vragenlijst)", "Er is al een normprofiel"),
])
def test_name_is_required_and_unique(app, client, admin, name, message):
    response = client.post(NEW, data={"name": name, "t|c|A2|voldoet": "90"})
    assert response.status_code == 200
    assert message in text_of(response)
    assert records(app) == []


def test_same_name_twice_is_refused(app, client, admin):
    assert client.post(NEW, data={"name": "Dubbel"}).status_code == 302
    response = client.post(NEW, data={"name": "Dubbel"})
    assert "Er is al een normprofiel 'Dubbel'" in text_of(response)
    assert len(records(app)) == 1


def test_forms_need_the_csrf_token(tmp_path, mini_dir):
    (tmp_path / "csrf").mkdir()
    csrf_app = make_app(tmp_path / "csrf", mini_dir, WTF_CSRF_ENABLED=True)
    from .conftest import PASSWORD, Factory
    user = Factory(csrf_app).user(role="beheerder")
    client = csrf_app.test_client()
    page = client.get("/inloggen").get_data(as_text=True)
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(page)})
    assert client.post(NEW, data={"name": "Zonder token"}).status_code == 400
    token = csrf_token(client.get(NEW).get_data(as_text=True))
    assert client.post(NEW, data={"name": "Met token", "csrf_token": token}).status_code == 302


def test_a_stored_profile_is_offered_on_the_results_page(app, client, factory, admin):
    response = client.post(NEW, data={"name": "Gekozen", "t|o|totaal|voldoet": "99"})
    assert response.status_code == 302, text_of(response)
    org = factory.org("Dienst")
    user = factory.user(org)
    assessment = factory.complete(factory.assessment(org, user=user), user)
    client = app.test_client()
    login(client, user)
    body = client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(as_text=True)
    assert ">Gekozen</option>" in body and ">Uit bestand (bestand)</option>" in body
    text = text_of(client.get(f"/beoordelingen/{assessment.id}/resultaten",
                              query_string={"profiel": "bestand:Uit bestand"}))
    assert "Normprofiel Uit bestand" in text
