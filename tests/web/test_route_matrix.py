"""Every route, as every role and as an anonymous visitor, against a table of who may do what.

A route that is not in ROUTES fails `test_every_route_is_in_the_matrix`, so a new page cannot ship
without a decision about its access. Each (route, role) runs in a world of its own, because an allowed
POST changes state. "ok" means access was granted (200, a redirect that is not to the login page, or
a 400/409 that judges the submitted data); "login" means a redirect to the login page; 403 and 404
are denials. CSRF is checked separately: every POST route refuses a request without a token.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from vthscan.extensions import db
from vthscan.models import ConsultantGrant, Membership, Organisation, Participation, ThresholdProfileRecord, User
from vthscan.services import consultants
from vthscan.services.backup import export_all, import_all

from .conftest import PASSWORD, Factory, csrf_token, login, make_app

ROLES = ("anon", "lezer", "invuller", "coordinator", "participant", "stranger", "consultant", "beheerder")
PROFILE_FILE = """schema: vthscan.thresholds/1
questionnaire: mini
name: Streng
thresholds: {voldoet: 80, aandachtspunt: 60}
"""


@dataclass
class World:
    od: Organisation
    gemeente: Organisation
    draft: object
    review: object
    signed: object
    grant_id: int
    participation_id: int
    profile_id: int
    lezer_membership_id: int
    users: dict
    plan_id: int = 0
    action_id: int = 0


def build_world(app) -> World:
    factory = Factory(app)
    od = factory.org("OD Eigen", "omgevingsdienst")
    gemeente = factory.org("Gemeente Deel", "gemeente", participant_of=od)
    stranger_org = factory.org("OD Vreemd", "omgevingsdienst")
    bureau = factory.org("Bureau", "adviesbureau")
    admin_org = factory.org("Provincie Beheer", "provincie")
    users = {
        "lezer": factory.user(od, "lezer"), "invuller": factory.user(od, "invuller"),
        "coordinator": factory.user(od, "coordinator"), "participant": factory.user(gemeente, "coordinator"),
        "stranger": factory.user(stranger_org, "coordinator"), "consultant": factory.user(bureau, "invuller"),
        "beheerder": factory.user(admin_org, "beheerder"),
    }
    signed = factory.signed_off(od, "2025", users["coordinator"], submitter=users["invuller"])
    draft = factory.assessment(od, "2026", users["coordinator"])
    review = factory.complete(factory.assessment(od, "2027", users["coordinator"]), users["invuller"])
    review = factory.transition(review, users["invuller"], "submit_for_review")
    with app.app_context():
        from vthscan.models import Assessment
        coordinator = db.session.get(User, users["coordinator"].id)
        consultants.grant_consultant(coordinator, db.session.get(Assessment, draft.id), bureau.id)
        db.session.commit()
        grant_id = db.session.scalar(db.select(ConsultantGrant.id))
        participation_id = db.session.scalar(db.select(Participation.id))
        record = ThresholdProfileRecord(questionnaire_id="mini", name="Eigen", description="",
                                        data={"schema": "vthscan.thresholds/1", "questionnaire": "mini",
                                              "name": "Eigen", "thresholds": {"voldoet": 85}})
        db.session.add(record)
        db.session.commit()
        membership_id = db.session.scalar(db.select(Membership.id).where(Membership.user_id == users["lezer"].id))
        plan_id, action_id = _plan_with_an_action(coordinator, db.session.get(Assessment, signed.id))
        return World(od, gemeente, factory.get(Assessment, draft.id), review, signed, grant_id, participation_id,
                     record.id, membership_id, users, plan_id, action_id)


def _plan_with_an_action(coordinator, signed):
    """The OD's plan van aanpak, made from its signed-off assessment, with one own action."""
    from vthscan.services import plan_edits

    plan = plan_edits.create_plan(coordinator, signed, [])
    action = plan_edits.save_action(coordinator, plan, None, None, plan_edits.ActionInput(
        text="Eigen actie.", criterion=None, owner="bestuur", start=None, due=None, status="open", reason="",
        evidence=""))
    return plan.id, action.id


# Expected outcome per role; roles not named get `rest`.
def expect(rest, **roles):
    return {role: roles.get(role, rest) for role in ROLES}


PAGE_FOR_ALL = expect("ok", anon="login")
# The members pages: for those who manage an organisation (its coordinators, a beheerder).
MANAGERS = expect("ok", anon="login", lezer=404, invuller=404, consultant=404)
ADMIN_ONLY = expect(404, anon="login", beheerder="ok")
# The draft: its organisation and the consultancy it is shared with; participants never see drafts.
DRAFT_READ = expect(404, anon="login", lezer="ok", invuller="ok", coordinator="ok", consultant="ok")
DRAFT_EDIT = expect(404, anon="login", lezer=403, invuller="ok", coordinator="ok", consultant="ok")
# Submitting for review is for the organisation's own people; a consultancy fills in but does not submit.
DRAFT_SUBMIT = expect(404, anon="login", lezer=403, invuller="ok", coordinator="ok", consultant=403)
DRAFT_MANAGE = expect(404, anon="login", lezer=403, invuller=403, coordinator="ok", consultant=403)
# The signed-off assessment: its organisation and its participants; not shared with the consultancy.
# Reviewing (send back, sign off) an assessment in review: its coordinator.
REVIEW_MANAGE = expect(404, anon="login", lezer=403, invuller=403, coordinator="ok")
SIGNED_READ = expect(404, anon="login", lezer="ok", invuller="ok", coordinator="ok", participant="ok")
SIGNED_MANAGE = expect(404, anon="login", lezer=403, invuller=403, coordinator="ok", participant=403)
# Starting or importing an assessment: a coordinator (or beheerder) of any organisation that fills in.
START = expect(403, anon="login", coordinator="ok", participant="ok", stranger="ok", beheerder="ok")
# Comparing and trends over signed-off assessments: the OD's own people, its participants, the beheerder.
COMPARE_SIGNED = expect(404, anon="login", lezer="ok", invuller="ok", coordinator="ok", participant="ok",
                        beheerder="ok")
# The plan van aanpak: the OD's people and its participants read it; its coordinators change it. The
# consultancy's grant is on the draft, not on the assessment the plan was made from.
PLAN_READ = expect(404, anon="login", lezer="ok", invuller="ok", coordinator="ok", participant="ok")
PLAN_EDIT = expect(404, anon="login", lezer=403, invuller=403, coordinator="ok", participant=403)

# (method, url template, expected). Templates use the World's ids.
ROUTES = {
    ("GET", "/"): ("/", PAGE_FOR_ALL),
    ("GET", "/static/<path:filename>"): ("/static/vthscan.css", expect("ok")),
    ("GET", "/inloggen"): ("/inloggen", expect("ok")),
    ("POST", "/inloggen"): ("/inloggen", expect("ok")),
    ("POST", "/taal"): ("/taal", expect("ok")),
    ("POST", "/uitloggen"): ("/uitloggen", expect("login")),
    ("GET", "/wachtwoord"): ("/wachtwoord", PAGE_FOR_ALL),
    ("POST", "/wachtwoord"): ("/wachtwoord", PAGE_FOR_ALL),
    ("GET", "/organisaties/"): ("/organisaties/", MANAGERS),
    ("GET", "/organisaties/<int:organisation_id>/leden"): (
        "/organisaties/{od}/leden", expect(404, anon="login", coordinator="ok")),
    ("POST", "/organisaties/<int:organisation_id>/leden"): (
        "/organisaties/{od}/leden", expect(404, anon="login", coordinator="ok")),
    ("POST", "/organisaties/<int:organisation_id>/leden/<int:membership_id>/verwijderen"): (
        "/organisaties/{od}/leden/{membership}/verwijderen", expect(404, anon="login", coordinator="ok")),
    ("POST", "/organisaties/<int:organisation_id>/leden/<int:membership_id>/rol"): (
        "/organisaties/{od}/leden/{membership}/rol", expect(404, anon="login", coordinator="ok")),
    ("GET", "/beheer/organisaties"): ("/beheer/organisaties", ADMIN_ONLY),
    ("POST", "/beheer/organisaties"): ("/beheer/organisaties", ADMIN_ONLY),
    ("POST", "/beheer/deelnemers"): ("/beheer/deelnemers", ADMIN_ONLY),
    ("POST", "/beheer/deelnemers/<int:participation_id>/verwijderen"): (
        "/beheer/deelnemers/{participation}/verwijderen", ADMIN_ONLY),
    ("GET", "/beheer/gebruikers"): ("/beheer/gebruikers", ADMIN_ONLY),
    ("POST", "/beheer/gebruikers"): ("/beheer/gebruikers", ADMIN_ONLY),
    ("POST", "/beheer/gebruikers/<int:user_id>/actief"): ("/beheer/gebruikers/{lezer}/actief", ADMIN_ONLY),
    ("POST", "/beheer/gebruikers/<int:user_id>/lidmaatschap"): (
        "/beheer/gebruikers/{lezer}/lidmaatschap", ADMIN_ONLY),
    ("GET", "/beheer/normprofielen"): ("/beheer/normprofielen", ADMIN_ONLY),
    ("GET", "/beheer/normprofielen/nieuw"): ("/beheer/normprofielen/nieuw?vragenlijst=mini", ADMIN_ONLY),
    ("POST", "/beheer/normprofielen/nieuw"): ("/beheer/normprofielen/nieuw?vragenlijst=mini", ADMIN_ONLY),
    ("GET", "/beheer/normprofielen/<int:record_id>"): ("/beheer/normprofielen/{profile}", ADMIN_ONLY),
    ("POST", "/beheer/normprofielen/<int:record_id>"): ("/beheer/normprofielen/{profile}", ADMIN_ONLY),
    ("POST", "/beheer/normprofielen/<int:record_id>/verwijderen"): (
        "/beheer/normprofielen/{profile}/verwijderen", ADMIN_ONLY),
    ("GET", "/beheer/normprofielen/bestand/<questionnaire_id>/<path:name>"): (
        "/beheer/normprofielen/bestand/mini/Streng", ADMIN_ONLY),
    ("GET", "/beoordelingen/nieuw"): ("/beoordelingen/nieuw", START),
    ("POST", "/beoordelingen/nieuw"): ("/beoordelingen/nieuw", START),
    ("GET", "/beoordelingen/importeren"): ("/beoordelingen/importeren", START),
    ("POST", "/beoordelingen/importeren"): ("/beoordelingen/importeren", START),
    ("GET", "/beoordelingen/<int:assessment_id>"): ("/beoordelingen/{draft}", DRAFT_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/pijler/<pillar_id>"): (
        "/beoordelingen/{draft}/pijler/A", DRAFT_READ),
    ("POST", "/beoordelingen/<int:assessment_id>/pijler/<pillar_id>"): (
        "/beoordelingen/{draft}/pijler/A", DRAFT_EDIT),
    ("GET", "/beoordelingen/<int:assessment_id>/logboek"): ("/beoordelingen/{draft}/logboek", DRAFT_MANAGE),
    ("GET", "/beoordelingen/<int:assessment_id>/export"): ("/beoordelingen/{draft}/export", DRAFT_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/export.xlsx"): ("/beoordelingen/{draft}/export.xlsx", DRAFT_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/export.csv"): ("/beoordelingen/{signed}/export.csv", SIGNED_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/resultaten"): ("/beoordelingen/{signed}/resultaten", SIGNED_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/resultaten/<which>.png"): (
        "/beoordelingen/{draft}/resultaten/pijlers.png", DRAFT_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/rapport.pdf"): ("/beoordelingen/{signed}/rapport.pdf", SIGNED_READ),
    ("POST", "/beoordelingen/<int:assessment_id>/indienen"): ("/beoordelingen/{draft}/indienen", DRAFT_SUBMIT),
    ("POST", "/beoordelingen/<int:assessment_id>/terugsturen"): ("/beoordelingen/{review}/terugsturen", REVIEW_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/vaststellen"): ("/beoordelingen/{review}/vaststellen", REVIEW_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/heropenen"): ("/beoordelingen/{signed}/heropenen", SIGNED_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/adviseurs"): ("/beoordelingen/{draft}/adviseurs", DRAFT_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/adviseurs/<int:grant_id>/intrekken"): (
        "/beoordelingen/{draft}/adviseurs/{grant}/intrekken", DRAFT_MANAGE),
    ("GET", "/vergelijken"): ("/vergelijken", PAGE_FOR_ALL),
    ("GET", "/vergelijken/export.<kind>"): ("/vergelijken/export.xlsx?a={signed}", COMPARE_SIGNED),
    ("GET", "/vergelijken/organisatie/<int:organisation_id>"): ("/vergelijken/organisatie/{od}", COMPARE_SIGNED),
    ("GET", "/vergelijken/organisatie/<int:organisation_id>/grafiek.png"): (
        "/vergelijken/organisatie/{od}/grafiek.png", COMPARE_SIGNED),
    # confirmation pages (GET) of the steps that are hard to undo; deleting, archiving, the audit log, printing
    ("GET", "/beoordelingen/<int:assessment_id>/vaststellen"): ("/beoordelingen/{review}/vaststellen", REVIEW_MANAGE),
    ("GET", "/beoordelingen/<int:assessment_id>/heropenen"): ("/beoordelingen/{signed}/heropenen", SIGNED_MANAGE),
    ("GET", "/beoordelingen/<int:assessment_id>/adviseurs/<int:grant_id>/intrekken"): (
        "/beoordelingen/{draft}/adviseurs/{grant}/intrekken", DRAFT_MANAGE),
    ("GET", "/beheer/deelnemers/<int:participation_id>/verwijderen"): (
        "/beheer/deelnemers/{participation}/verwijderen", ADMIN_ONLY),
    ("POST", "/beoordelingen/<int:assessment_id>/pijler/<pillar_id>/overgenomen-bevestigen"): (
        "/beoordelingen/{draft}/pijler/A/overgenomen-bevestigen", DRAFT_EDIT),
    ("GET", "/beoordelingen/<int:assessment_id>/verwijderen"): ("/beoordelingen/{draft}/verwijderen", DRAFT_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/verwijderen"): ("/beoordelingen/{draft}/verwijderen", DRAFT_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/archiveren"): ("/beoordelingen/{signed}/archiveren", SIGNED_MANAGE),
    ("POST", "/beoordelingen/<int:assessment_id>/dearchiveren"): ("/beoordelingen/{signed}/dearchiveren", SIGNED_MANAGE),
    ("GET", "/beoordelingen/<int:assessment_id>/logboek.csv"): ("/beoordelingen/{draft}/logboek.csv", DRAFT_MANAGE),
    ("GET", "/beoordelingen/<int:assessment_id>/afdrukken"): ("/beoordelingen/{draft}/afdrukken", DRAFT_READ),
    ("GET", "/vragenlijsten/<questionnaire_id>/<version>/afdrukken"): ("/vragenlijsten/mini/1/afdrukken", PAGE_FOR_ALL),
    # the plan van aanpak and the what-if projection
    ("GET", "/plannen"): ("/plannen", PAGE_FOR_ALL),
    ("GET", "/beoordelingen/<int:assessment_id>/plan"): ("/beoordelingen/{signed}/plan", PLAN_EDIT),
    ("POST", "/beoordelingen/<int:assessment_id>/plan"): ("/beoordelingen/{signed}/plan", PLAN_EDIT),
    ("GET", "/plannen/<int:plan_id>"): ("/plannen/{plan}", PLAN_READ),
    ("GET", "/plannen/<int:plan_id>/overnemen"): ("/plannen/{plan}/overnemen", PLAN_EDIT),
    ("POST", "/plannen/<int:plan_id>/overnemen"): ("/plannen/{plan}/overnemen", PLAN_EDIT),
    ("GET", "/plannen/<int:plan_id>/acties/nieuw"): ("/plannen/{plan}/acties/nieuw", PLAN_EDIT),
    ("POST", "/plannen/<int:plan_id>/acties/nieuw"): ("/plannen/{plan}/acties/nieuw", PLAN_EDIT),
    ("GET", "/plannen/<int:plan_id>/acties/<int:action_id>"): ("/plannen/{plan}/acties/{action}", PLAN_READ),
    ("POST", "/plannen/<int:plan_id>/acties/<int:action_id>"): ("/plannen/{plan}/acties/{action}", PLAN_EDIT),
    ("POST", "/plannen/<int:plan_id>/acties/<int:action_id>/voortgang"): (
        "/plannen/{plan}/acties/{action}/voortgang", PLAN_EDIT),
    ("POST", "/plannen/<int:plan_id>/acties/<int:action_id>/oplevering"): (
        "/plannen/{plan}/acties/{action}/oplevering", PLAN_EDIT),
    ("POST", "/plannen/<int:plan_id>/afsluiten"): ("/plannen/{plan}/afsluiten", PLAN_EDIT),
    ("GET", "/plannen/<int:plan_id>/export.<kind>"): ("/plannen/{plan}/export.xlsx", PLAN_READ),
    ("GET", "/plannen/importeren"): ("/plannen/importeren", START),
    ("POST", "/plannen/importeren"): ("/plannen/importeren", START),
    ("GET", "/plannen/<int:plan_id>/wat-als"): ("/plannen/{plan}/wat-als?actie=1", PLAN_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/wat-als"): ("/beoordelingen/{draft}/wat-als?doel_a1_ja=ja", DRAFT_READ),
    ("GET", "/beoordelingen/<int:assessment_id>/rapport.docx"): ("/beoordelingen/{signed}/rapport.docx", SIGNED_READ),
}


@pytest.fixture(scope="module")
def world_app(tmp_path_factory):
    """One app and one world for the module; `fresh_world` puts the world back before every test."""
    from .conftest import DATA
    tmp_path = tmp_path_factory.mktemp("matrix")
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "mini.yaml").write_text((DATA / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "streng.yaml").write_text(PROFILE_FILE, encoding="utf-8")
    app = make_app(tmp_path, folder)
    world = build_world(app)
    with app.app_context():
        snapshot = export_all()
    app.extensions["matrix"] = (world, snapshot)
    return app


@pytest.fixture
def fresh_world(world_app):
    """The world exactly as built (same ids), restored from its backup: an allowed POST may change it."""
    world, snapshot = world_app.extensions["matrix"]
    with world_app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        import_all(snapshot)
    return world


def url_for_world(template: str, world: World) -> str:
    return template.format(od=world.od.id, draft=world.draft.id, review=world.review.id, signed=world.signed.id,
                           grant=world.grant_id, participation=world.participation_id, profile=world.profile_id,
                           membership=world.lezer_membership_id, lezer=world.users["lezer"].id,
                           plan=world.plan_id, action=world.action_id)


def test_every_route_is_in_the_matrix(world_app):
    missing = [(method, rule.rule) for rule in world_app.url_map.iter_rules()
               for method in sorted(rule.methods - {"HEAD", "OPTIONS"}) if (method, rule.rule) not in ROUTES]
    assert missing == [], "add these routes to ROUTES with who may use them"


def outcome(response) -> object:
    if response.status_code == 302 and "/inloggen" in response.headers.get("Location", ""):
        return "login"
    if response.status_code in (200, 302, 400, 409):
        return "ok"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_answers_each_role_as_the_table_says(world_app, fresh_world, route, role):
    method, _rule = route
    template, expected = ROUTES[route]
    world = fresh_world
    url = url_for_world(template, world)
    client = world_app.test_client()
    if role != "anon":
        assert login(client, world.users[role]).status_code == 302
    assessment = world.signed if "{signed}" in template else world.review if "{review}" in template else world.draft
    version = str(assessment.version)
    response = client.open(url, method=method, data={"version": version} if method == "POST" else None)
    response.close()  # a static file is streamed from an open file
    assert outcome(response) == expected[role], f"{method} {url} as {role}: {response.status_code}"


def test_every_post_route_refuses_a_missing_csrf_token(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir, WTF_CSRF_ENABLED=True)
    world = build_world(app)
    client = app.test_client()
    token = csrf_token(client.get("/inloggen").get_data(as_text=True))
    assert client.post("/inloggen", data={"email": world.users["beheerder"].email, "password": PASSWORD,
                                          "csrf_token": token}).status_code == 302
    for (method, _rule), (template, _expected) in ROUTES.items():
        if method != "POST":
            continue
        url = url_for_world(template, world)
        response = client.post(url, data={"version": "1"})
        assert response.status_code == 400, f"POST {url} without a CSRF token: {response.status_code}"
        assert "Traceback" not in response.get_data(as_text=True)
