"""Who may see and do what: other organisations' data answers 404, participants see only signed-off
assessments, consultants only what they were granted, roles limit actions."""

from __future__ import annotations

import pytest

from .conftest import login

ASSESSMENT_ROUTES = [
    ("GET", "/beoordelingen/{id}"),
    ("GET", "/beoordelingen/{id}/pijler/A"),
    ("POST", "/beoordelingen/{id}/pijler/A"),
    ("GET", "/beoordelingen/{id}/logboek"),
    ("GET", "/beoordelingen/{id}/export"),
    ("GET", "/beoordelingen/{id}/export.xlsx"),
    ("GET", "/beoordelingen/{id}/export.csv"),
    ("POST", "/beoordelingen/{id}/indienen"),
    ("POST", "/beoordelingen/{id}/terugsturen"),
    ("POST", "/beoordelingen/{id}/vaststellen"),
    ("POST", "/beoordelingen/{id}/heropenen"),
    ("POST", "/beoordelingen/{id}/adviseurs"),
    ("POST", "/beoordelingen/{id}/adviseurs/1/intrekken"),
    ("GET", "/beoordelingen/{id}/resultaten"),
    ("GET", "/beoordelingen/{id}/resultaten/pijlers.png"),
    ("GET", "/beoordelingen/{id}/rapport.pdf"),
    ("GET", "/beoordelingen/{id}/vaststellen"),
    ("GET", "/beoordelingen/{id}/heropenen"),
    ("GET", "/beoordelingen/{id}/adviseurs/1/intrekken"),
    ("POST", "/beoordelingen/{id}/pijler/A/overgenomen-bevestigen"),
    ("GET", "/beoordelingen/{id}/verwijderen"),
    ("POST", "/beoordelingen/{id}/verwijderen"),
    ("POST", "/beoordelingen/{id}/archiveren"),
    ("POST", "/beoordelingen/{id}/dearchiveren"),
    ("GET", "/beoordelingen/{id}/logboek.csv"),
    ("GET", "/beoordelingen/{id}/afdrukken"),
    ("GET", "/beoordelingen/{id}/plan"),
    ("POST", "/beoordelingen/{id}/plan"),
    ("GET", "/beoordelingen/{id}/wat-als"),
    ("GET", "/beoordelingen/{id}/rapport.docx"),
]


def test_every_assessment_route_is_in_the_isolation_matrix(app):
    """A new route that takes an assessment id must be added to ASSESSMENT_ROUTES."""
    covered = {path.split("{id}")[1].replace("/A", "/<pillar_id>").replace("/1/", "/<int:grant_id>/")
               .replace("/pijlers.png", "/<which>.png")
               for _method, path in ASSESSMENT_ROUTES}
    for rule in app.url_map.iter_rules():
        if "assessment_id" in rule.arguments:
            suffix = rule.rule.split("<int:assessment_id>")[1]
            assert suffix in covered, f"{rule.rule} has no isolation test"


@pytest.mark.parametrize("method,path", ASSESSMENT_ROUTES)
def test_other_organisations_assessment_is_404(client, factory, method, path):
    other = factory.assessment()
    stranger = factory.user(role="coordinator")
    login(client, stranger)
    response = client.open(path.format(id=other.id), method=method, data={"version": "1"})
    assert response.status_code == 404


@pytest.mark.parametrize("method,path", ASSESSMENT_ROUTES)
def test_participant_gets_404_on_a_draft_of_its_od(client, factory, method, path):
    od = factory.org(kind="omgevingsdienst")
    gemeente = factory.org(kind="gemeente", participant_of=od)
    draft = factory.assessment(od)
    login(client, factory.user(gemeente, "coordinator"))
    assert client.open(path.format(id=draft.id), method=method, data={"version": "1"}).status_code == 404


def test_participant_reads_signed_off_assessment_of_its_od_only(client, factory):
    od = factory.org(kind="omgevingsdienst")
    other_od = factory.org(kind="omgevingsdienst")
    gemeente = factory.org(kind="gemeente", participant_of=od)
    signed = factory.signed_off(od)
    other_signed = factory.signed_off(other_od)
    draft = factory.assessment(od, "2026")
    login(client, factory.user(gemeente, "lezer"))
    page = client.get("/").get_data(as_text=True)
    assert f"/beoordelingen/{signed.id}\"" in page
    assert f"/beoordelingen/{draft.id}\"" not in page
    assert f"/beoordelingen/{other_signed.id}\"" not in page
    assert client.get(f"/beoordelingen/{signed.id}").status_code == 200
    assert client.get(f"/beoordelingen/{signed.id}/pijler/A").status_code == 200
    assert client.get(f"/beoordelingen/{signed.id}/export").status_code == 200
    assert client.get(f"/beoordelingen/{signed.id}/logboek").status_code == 403
    assert client.get(f"/beoordelingen/{other_signed.id}").status_code == 404


def test_lezer_reads_but_cannot_change(client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "lezer"))
    assert client.get(f"/beoordelingen/{assessment.id}/pijler/A").status_code == 200
    assert "kunt deze antwoorden lezen, maar niet wijzigen" in client.get(
        f"/beoordelingen/{assessment.id}/pijler/A").get_data(as_text=True)
    assert client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={"version": "1"}).status_code == 403
    assert client.post(f"/beoordelingen/{assessment.id}/indienen", data={"version": "1"}).status_code == 403
    assert client.get("/beoordelingen/nieuw").status_code == 403


def test_invuller_fills_in_but_does_not_manage(client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    assert client.post(f"/beoordelingen/{assessment.id}/pijler/A",
                       data={"version": "1", "q_a1_ja": "ja"}).status_code == 302
    assert client.get(f"/beoordelingen/{assessment.id}/logboek").status_code == 403
    assert client.post(f"/beoordelingen/{assessment.id}/vaststellen", data={"version": "2"}).status_code == 403
    assert client.get("/beoordelingen/nieuw").status_code == 403


def test_consultant_access_is_granted_and_withdrawn_per_assessment(app, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    assessment = factory.assessment(org, user=coordinator)
    untouched = factory.assessment(org, "2027")
    bureau = factory.org("Bureau", kind="adviesbureau")
    consultant = factory.user(bureau, "invuller")

    consultant_client, coordinator_client = app.test_client(), app.test_client()
    login(consultant_client, consultant)
    login(coordinator_client, coordinator)
    assert consultant_client.get(f"/beoordelingen/{assessment.id}").status_code == 404

    assert coordinator_client.post(f"/beoordelingen/{assessment.id}/adviseurs",
                                   data={"organisation": bureau.id}).status_code == 302
    assert consultant_client.get(f"/beoordelingen/{assessment.id}").status_code == 200
    assert consultant_client.post(f"/beoordelingen/{assessment.id}/pijler/A",
                                  data={"version": "1", "q_a1_ja": "nee"}).status_code == 302
    assert consultant_client.get(f"/beoordelingen/{untouched.id}").status_code == 404
    assert consultant_client.get(f"/beoordelingen/{assessment.id}/logboek").status_code == 403

    from vthscan.extensions import db
    from vthscan.models import ConsultantGrant
    with app.app_context():
        grant_id = db.session.scalar(db.select(ConsultantGrant.id))
    assert coordinator_client.post(f"/beoordelingen/{assessment.id}/adviseurs/{grant_id}/intrekken",
                                   data={"version": "2"}).status_code == 302
    assert consultant_client.get(f"/beoordelingen/{assessment.id}").status_code == 404


def test_lists_hold_only_what_the_user_may_see(client, factory):
    mine, theirs = factory.org("Mijn OD"), factory.org("Andere OD")
    own = factory.assessment(mine)
    other = factory.assessment(theirs)
    login(client, factory.user(mine, "lezer"))
    page = client.get("/").get_data(as_text=True)
    assert f"/beoordelingen/{own.id}\"" in page
    assert f"/beoordelingen/{other.id}\"" not in page
    assert "Andere OD" not in page


@pytest.mark.parametrize("path", ["/beheer/organisaties", "/beheer/gebruikers"])
def test_admin_pages_do_not_exist_for_others(client, factory, path):
    login(client, factory.user(role="coordinator"))
    assert client.get(path).status_code == 404


def test_extra_post_fields_are_ignored(app, client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    client.post(f"/beoordelingen/{assessment.id}/pijler/A",
                data={"version": "1", "q_a1_ja": "ja", "status": "vastgesteld", "organisation_id": "99"})
    from vthscan.models import Assessment
    stored = factory.get(Assessment, assessment.id)
    assert stored.status == "concept"
    assert stored.organisation_id == org.id
