"""The comparison page: who may compare what, the heat map, version differences, profiles."""

from __future__ import annotations

import pytest

from vthscan.domain.answers import Answer
from vthscan.models import AuditLog

from .compare_helpers import mini_v2_text, signed_off
from .conftest import Factory, login, make_app


@pytest.fixture
def world(factory):
    """Two ODs a municipality takes part in, one it does not, a draft, a consultant and a beheerder."""
    od1, od2, od3 = factory.org("OD Noord"), factory.org("OD Zuid"), factory.org("OD Vreemd")
    gemeente = factory.org("Gemeente Aa", kind="gemeente", participant_of=od1)
    with factory.app.app_context():
        from vthscan.extensions import db
        from vthscan.models import Organisation
        from vthscan.services import accounts
        accounts.add_participation(db.session.get(Organisation, od2.id), db.session.get(Organisation, gemeente.id))
        db.session.commit()
    a1 = signed_off(factory, od1, overrides={"a1_ja": Answer(value=False)})
    a2 = signed_off(factory, od2)
    a3 = signed_off(factory, od3)
    draft = factory.assessment(od1, period="2025")
    bureau = factory.org("Bureau Advies", kind="adviesbureau")
    with factory.app.app_context():
        from vthscan.extensions import db
        from vthscan.models import Assessment, User
        from vthscan.services import consultants
        owner = factory.user(od3, "coordinator")
        consultants.grant_consultant(db.session.get(User, owner.id), db.session.get(Assessment, a3.id), bureau.id)
    return {"od1": od1, "od2": od2, "od3": od3, "a1": a1, "a2": a2, "a3": a3, "draft": draft,
            "gemeente_user": factory.user(gemeente, "lezer"), "bureau_user": factory.user(bureau, "lezer"),
            "admin": factory.user(factory.org("Landelijk beheer"), "beheerder")}


def url(*assessments, **extra):
    query = "&".join(f"a={a.id}" for a in assessments)
    query += "".join(f"&{key}={value}" for key, value in extra.items())
    return f"/vergelijken?{query}"


def test_municipality_compares_its_ods_side_by_side(client, world):
    login(client, world["gemeente_user"])
    page = client.get("/vergelijken").get_data(as_text=True)
    assert "OD Noord" in page and "OD Zuid" in page
    assert "OD Vreemd" not in page
    response = client.get(url(world["a1"], world["a2"], open="A"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Totaaloordeel" in html and "Criterium A1" in html
    # level as text and symbol, not colour alone
    assert "heat--" in html and "Voldoet" in html and "✔" in html
    assert "Criteria die het vaakst onder de norm blijven" in html and "Grootste verschillen" in html
    # OD Noord answered a1_ja "nee": A1 is its gap, and the largest difference is A1
    assert "A1 Criterium A1" in html


def test_municipality_never_sees_a_foreign_od_nor_a_draft(client, world, app):
    login(client, world["gemeente_user"])
    assert client.get(url(world["a1"], world["a3"])).status_code == 404
    assert client.get(url(world["draft"])).status_code == 404
    assert client.get(url(world["a1"], world["draft"])).status_code == 404
    assert client.get(url(type("X", (), {"id": 999999})())).status_code == 404
    with app.app_context():
        from vthscan.extensions import db
        assert db.session.query(AuditLog).filter_by(action="access_denied").count() >= 3


def test_pillars_expand_to_criteria_without_javascript(client, world):
    login(client, world["gemeente_user"])
    a1_row, b1_row = '<span class="criterion-id">A1</span>', '<span class="criterion-id">B1</span>'
    closed = client.get(url(world["a1"], world["a2"])).get_data(as_text=True)
    assert a1_row not in closed and "criteria tonen" in closed
    opened = client.get(url(world["a1"], world["a2"], open="A")).get_data(as_text=True)
    assert a1_row in opened and b1_row not in opened and "criteria verbergen" in opened
    everything = client.get(url(world["a1"], world["a2"], alles=1)).get_data(as_text=True)
    assert a1_row in everything and b1_row in everything


def test_consultant_compares_only_what_was_shared(client, world):
    login(client, world["bureau_user"])
    assert client.get(url(world["a3"])).status_code == 200
    assert client.get(url(world["a3"], world["a1"])).status_code == 404
    page = client.get("/vergelijken").get_data(as_text=True)
    assert "OD Vreemd" in page and "OD Noord" not in page


def test_beheerder_compares_any_organisation(client, world):
    login(client, world["admin"])
    response = client.get(url(world["a1"], world["a2"], world["a3"]))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert all(name in html for name in ("OD Noord", "OD Zuid", "OD Vreemd"))
    assert client.get(url(world["draft"])).status_code == 404  # drafts are never compared


def test_od_member_sees_only_its_own_signed_off_assessments(client, world, factory):
    member = factory.user(world["od1"], "lezer")
    login(client, member)
    assert client.get(url(world["a1"])).status_code == 200
    assert client.get(url(world["a2"])).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(url(world["a1"]))
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_unknown_profile_is_404_and_file_profile_applies(client, world):
    login(client, world["gemeente_user"])
    assert client.get(url(world["a1"], profiel="bestand:bestaatniet")).status_code == 404


def test_different_questionnaires_are_refused(tmp_path, mini_dir):
    other = (mini_dir / "mini.yaml").read_text(encoding="utf-8").replace("id: mini\n", "id: ander\n")
    (mini_dir / "ander.yaml").write_text(other, encoding="utf-8")
    app = make_app(tmp_path, mini_dir)
    factory = Factory(app)
    od1, od2 = factory.org("OD Een"), factory.org("OD Twee")
    first = signed_off(factory, od1)
    second = signed_off(factory, od2, questionnaire_id="ander")
    admin = factory.user(factory.org("Beheer"), "beheerder")
    client = app.test_client()
    login(client, admin)
    response = client.get(f"/vergelijken?a={first.id}&a={second.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Alleen beoordelingen met dezelfde vragenlijst zijn te vergelijken" in html
    assert "ander, mini" in html and "heat-table" not in html
    assert client.get(f"/vergelijken/export.xlsx?a={first.id}&a={second.id}").status_code == 404


def test_version_mismatch_is_explained_and_shared_criteria_compared(tmp_path, mini_dir):
    (mini_dir / "mini-2.yaml").write_text(mini_v2_text(), encoding="utf-8")
    app = make_app(tmp_path, mini_dir)
    factory = Factory(app)
    old = signed_off(factory, factory.org("OD Oud"), version="1")
    new = signed_off(factory, factory.org("OD Nieuw"), version="2")
    client = app.test_client()
    login(client, factory.user(factory.org("Beheer"), "beheerder"))
    html = client.get(f"/vergelijken?a={old.id}&a={new.id}&alles=1").get_data(as_text=True)
    assert "Verschillende versies:" in html
    assert "verschillende versies van mini (1, 2)" in html
    assert "weggelaten: B1, B2" in html
    assert '<span class="criterion-id">A1</span>' in html and '<span class="criterion-id">B1</span>' not in html
