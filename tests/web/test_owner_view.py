"""The owners' own view in the web app: who opens and closes the round, who answers for which
organisation, who sees which owner said what, the results page, the report, the start page, the
comparison, and that nothing of it changes the omgevingsdienst's score."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, OwnerViewRecord, OwnerViewRound

from .conftest import Factory, csrf_token, login
from .owner_view_helpers import build_owner_world, give_views, open_round, owners_app


@pytest.fixture
def app(tmp_path):
    return owners_app(tmp_path)


@pytest.fixture
def world(app):
    return build_owner_world(Factory(app))


def client_for(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def rounds(app):
    with app.app_context():
        return list(db.session.scalars(db.select(OwnerViewRound)))


def views(app):
    with app.app_context():
        return sorted((v.organisation.name, v.criterion, v.level, v.explanation)
                      for v in db.session.scalars(db.select(OwnerViewRecord)))


def answer_url(assessment, organisation) -> str:
    return f"/beoordelingen/{assessment.id}/eigenaren/{organisation.id}"


FORM = {"niveau_A1": "voldoet", "toelichting_A1": "", "niveau_A2": "", "toelichting_A2": "",
        "niveau_G1": "", "toelichting_G1": ""}


# --- opening and closing the round -----------------------------------------------------------------------

def test_the_od_coordinator_opens_the_round_after_a_confirmation(app, world):
    client = client_for(app, world.users["coordinator"])
    overview = text(client.get(f"/beoordelingen/{world.draft.id}"))
    assert "Ronde eigenaarsoordeel openen" in overview
    confirm = client.get(f"/beoordelingen/{world.draft.id}/eigenaren/openen")
    assert confirm.status_code == 200 and "Ja, ronde openen" in text(confirm) and rounds(app) == []
    done = client.post(f"/beoordelingen/{world.draft.id}/eigenaren/openen", follow_redirects=True)
    assert "De ronde is open." in text(done) and "Ronde eigenaarsoordeel sluiten" in text(done)
    assert [(r.assessment_id, r.opened_by_id, r.closed_at) for r in rounds(app)] == [
        (world.draft.id, world.users["coordinator"].id, None)]
    again = client.post(f"/beoordelingen/{world.draft.id}/eigenaren/openen", follow_redirects=True)
    assert "al open" in text(again) and len(rounds(app)) == 1
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditLog)
                                 .where(AuditLog.action == "owner_round_opened")) == 1


@pytest.mark.parametrize(("role", "on", "status"), [
    ("invuller", "draft", 403), ("lezer", "draft", 403), ("consultant", "draft", 403), ("noord", "draft", 404),
    ("noord", "signed", 403), ("stranger", "draft", 404), ("other_od", "signed", 404), ("beheerder", "draft", 404),
])
def test_nobody_else_opens_or_closes_the_round(app, world, role, on, status):
    assessment = getattr(world, on)
    client = client_for(app, world.users[role])
    for step in ("openen", "sluiten"):
        assert client.get(f"/beoordelingen/{assessment.id}/eigenaren/{step}").status_code == status
        assert client.post(f"/beoordelingen/{assessment.id}/eigenaren/{step}").status_code == status
    assert rounds(app) == []


def test_a_round_is_for_an_omgevingsdienst_that_has_owners(app, world):
    factory = Factory(app)
    municipality_coordinator = world.users["zuid"]
    own = factory.assessment(world.zuid, "2026", municipality_coordinator)
    client = client_for(app, municipality_coordinator)
    assert "Ronde eigenaarsoordeel" not in text(client.get(f"/beoordelingen/{own.id}"))
    assert client.post(f"/beoordelingen/{own.id}/eigenaren/openen").status_code == 403
    lonely = factory.org("OD Alleen", "omgevingsdienst")
    coordinator = factory.user(lonely, "coordinator")
    alone = factory.assessment(lonely, "2026", coordinator)
    client = client_for(app, coordinator)
    assert "Ronde eigenaarsoordeel" not in text(client.get(f"/beoordelingen/{alone.id}"))
    refused = client.post(f"/beoordelingen/{alone.id}/eigenaren/openen", follow_redirects=True)
    assert "geen deelnemers" in text(refused) and rounds(app) == []


def test_an_archived_assessment_gets_no_round(app, world):
    client = client_for(app, world.users["coordinator"])
    client.post(f"/beoordelingen/{world.signed.id}/archiveren")
    refused = client.post(f"/beoordelingen/{world.signed.id}/eigenaren/openen", follow_redirects=True)
    assert "gearchiveerde beoordeling" in text(refused) and rounds(app) == []


def test_closing_keeps_the_views_and_stops_answering_with_the_input_kept(app, world):
    open_round(app, world.users["coordinator"], world.draft)
    give_views(app, world.users["noord"], world.draft, world.noord, {"A1": ("voldoet", "Klopt.")})
    owner = client_for(app, world.users["noord"])
    loaded = text(owner.get(answer_url(world.draft, world.noord)))   # the page as it was before closing
    coordinator = client_for(app, world.users["coordinator"])
    assert "Ja, ronde sluiten" in text(coordinator.get(f"/beoordelingen/{world.draft.id}/eigenaren/sluiten"))
    coordinator.post(f"/beoordelingen/{world.draft.id}/eigenaren/sluiten")
    assert rounds(app)[0].closed_at is not None
    assert 'name="niveau_A1"' in loaded
    late = owner.post(answer_url(world.draft, world.noord), data={**FORM, "niveau_A1": "tekort",
                                                                  "toelichting_A1": "Toch niet."})
    assert late.status_code == 200 and "De ronde voor het oordeel van de eigenaren is gesloten" in text(late)
    assert "Toch niet." in text(late)                            # what was typed stays on the page
    assert views(app) == [("Gemeente Noord", "A1", "voldoet", "Klopt.")]
    shown = text(owner.get(answer_url(world.draft, world.noord)))
    assert "De ronde is gesloten." in shown and 'name="niveau_A1"' not in shown and "Klopt." in shown
    reopened = coordinator.post(f"/beoordelingen/{world.draft.id}/eigenaren/openen", follow_redirects=True)
    assert "De ronde is open." in text(reopened) and rounds(app)[0].closed_at is None


# --- the owners' page --------------------------------------------------------------------------------------

def test_an_owner_answers_for_its_own_organisation(app, world):
    open_round(app, world.users["coordinator"], world.draft)
    client = client_for(app, world.users["noord"])
    page = text(client.get(answer_url(world.draft, world.noord)))
    assert "Uw oordeel als eigenaar" in page and "Gemeente Noord" in page
    assert "Oordeel van de omgevingsdienst zelf:" in page and "(voorlopig)" in page
    assert "OD heeft geen oordeel" in page                       # G1 is not asked of an omgevingsdienst
    saved = client.post(answer_url(world.draft, world.noord), data={
        **FORM, "niveau_A1": "aandachtspunt", "toelichting_A1": "Te weinig <b>mensen</b>.", "niveau_G1": "tekort"},
        follow_redirects=True)
    assert "Uw oordeel is opgeslagen (2 criteria gewijzigd)." in text(saved)
    assert "Te weinig &lt;b&gt;mensen&lt;/b&gt;." in text(saved)
    assert views(app) == [("Gemeente Noord", "A1", "aandachtspunt", "Te weinig <b>mensen</b>."),
                          ("Gemeente Noord", "G1", "tekort", "")]
    with app.app_context():
        entry = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "owner_view",
                                                            AuditLog.subject == "A1 (Gemeente Noord)"))
        assert (entry.old, entry.new, entry.assessment_id) == ("", "Aandachtspunt: Te weinig <b>mensen</b>.",
                                                               world.draft.id)
    # "Geen oordeel" without an explanation takes the view back
    client.post(answer_url(world.draft, world.noord), data={**FORM, "niveau_A1": ""})
    assert views(app) == []


def test_an_owner_never_reaches_another_owners_page(app, world):
    open_round(app, world.users["coordinator"], world.draft)
    client = client_for(app, world.users["noord"])
    assert client.get(answer_url(world.draft, world.zuid)).status_code == 404
    assert client.post(answer_url(world.draft, world.zuid), data=FORM).status_code == 404
    assert views(app) == []


def test_a_reader_of_an_owner_reads_but_does_not_answer(app, world):
    open_round(app, world.users["coordinator"], world.draft)
    give_views(app, world.users["noord"], world.draft, world.noord, {"A1": ("tekort", "Zorgen.")})
    client = client_for(app, world.users["noord_lezer"])
    page = text(client.get(answer_url(world.draft, world.noord)))
    assert "U kunt het oordeel van uw organisatie lezen, maar niet wijzigen." in page and "Zorgen." in page
    assert 'name="niveau_A1"' not in page
    assert client.post(answer_url(world.draft, world.noord), data=FORM).status_code == 403
    assert views(app) == [("Gemeente Noord", "A1", "tekort", "Zorgen.")]


@pytest.mark.parametrize("role", ["stranger", "coordinator", "invuller", "lezer", "consultant", "beheerder",
                                  "other_od"])
def test_the_owners_page_is_not_there_for_anyone_else(app, world, role):
    open_round(app, world.users["coordinator"], world.draft)
    client = client_for(app, world.users[role])
    for organisation in (world.noord, world.other_gemeente):
        assert client.get(answer_url(world.draft, organisation)).status_code == 404
        assert client.post(answer_url(world.draft, organisation), data=FORM).status_code == 404
    assert "Uw oordeel als eigenaar gevraagd" not in text(client.get("/"))


def test_without_a_round_the_owners_page_is_not_there(app, world):
    client = client_for(app, world.users["noord"])
    assert client.get(answer_url(world.draft, world.noord)).status_code == 404
    assert client.get(answer_url(world.signed, world.noord)).status_code == 404
    assert "Uw oordeel als eigenaar" not in text(client.get(f"/beoordelingen/{world.signed.id}"))


def test_bad_input_is_refused_per_field_and_everything_typed_stays(app, world):
    open_round(app, world.users["coordinator"], world.draft)
    client = client_for(app, world.users["noord"])
    response = client.post(answer_url(world.draft, world.noord), data={
        **FORM, "niveau_A1": "uitstekend", "toelichting_A1": "Eerste toelichting.", "niveau_A2": "tekort",
        "toelichting_A2": "x" * 1001, "toelichting_G1": "Blijft staan."})
    page = text(response)
    assert response.status_code == 200 and "Er is iets niet goed ingevuld. Er is nog niets opgeslagen." in page
    assert "Kies een van de niveaus, of Geen oordeel." in page
    assert "Dit veld mag hoogstens 1.000 tekens hebben (nu 1.001)." in page
    assert 'href="#niveau_A1-0"' in page and 'href="#toelichting_A2"' in page
    assert "Eerste toelichting." in page and "Blijft staan." in page and "x" * 1001 in page
    assert "checked" in re.search(r'<input[^>]*id="niveau_A2-2"[^>]*>', page).group()   # Tekort stays chosen
    assert 'aria-invalid="true"' in page
    assert views(app) == []


def test_the_forms_need_their_csrf_token(tmp_path):
    app = owners_app(tmp_path, WTF_CSRF_ENABLED=True)
    world = build_owner_world(Factory(app))
    coordinator = app.test_client()
    coordinator.post("/inloggen", data={"email": world.users["coordinator"].email, "password": "correct horse battery",
                                        "csrf_token": csrf_token(text(coordinator.get("/inloggen")))})
    assert coordinator.post(f"/beoordelingen/{world.draft.id}/eigenaren/openen").status_code == 400
    assert rounds(app) == []
    page = text(coordinator.get(f"/beoordelingen/{world.draft.id}/eigenaren/openen"))
    coordinator.post(f"/beoordelingen/{world.draft.id}/eigenaren/openen", data={"csrf_token": csrf_token(page)})
    assert len(rounds(app)) == 1
    owner = app.test_client()
    owner.post("/inloggen", data={"email": world.users["noord"].email, "password": "correct horse battery",
                                  "csrf_token": csrf_token(text(owner.get("/inloggen")))})
    assert owner.post(answer_url(world.draft, world.noord), data=FORM).status_code == 400
    assert views(app) == []
    form = text(owner.get(answer_url(world.draft, world.noord)))
    owner.post(answer_url(world.draft, world.noord), data={**FORM, "csrf_token": csrf_token(form)})
    assert views(app) == [("Gemeente Noord", "A1", "voldoet", "")]


# --- the start page ------------------------------------------------------------------------------------------

def test_the_start_page_asks_the_owners_who_answer_while_the_round_is_open(app, world):
    assert "Uw oordeel als eigenaar gevraagd" not in text(client_for(app, world.users["noord"]).get("/"))
    open_round(app, world.users["coordinator"], world.draft)
    give_views(app, world.users["zuid"], world.draft, world.zuid, {"A1": ("voldoet", ""), "G1": (None, "Weet niet.")})
    for role, organisation, given in (("noord", world.noord, 0), ("zuid", world.zuid, 2)):
        page = text(client_for(app, world.users[role]).get("/"))
        assert "Uw oordeel als eigenaar gevraagd" in page, role
        assert f'href="{answer_url(world.draft, organisation)}"' in page
        assert f"{given} van 3 criteria gegeven" in page
    for role in ("noord_lezer", "stranger", "coordinator", "consultant"):
        assert "Uw oordeel als eigenaar gevraagd" not in text(client_for(app, world.users[role]).get("/")), role
    client_for(app, world.users["coordinator"]).post(f"/beoordelingen/{world.draft.id}/eigenaren/sluiten")
    assert "Uw oordeel als eigenaar gevraagd" not in text(client_for(app, world.users["noord"]).get("/"))


# --- the results page, the report, the comparison ----------------------------------------------------------

def two_owners_answer(app, world, assessment):
    """Noord agrees with the OD on A1 (Voldoet); Zuid says Aandachtspunt, one level lower."""
    open_round(app, world.users["coordinator"], assessment)
    give_views(app, world.users["noord"], assessment, world.noord, {"A1": ("voldoet", "Eens.")})
    give_views(app, world.users["zuid"], assessment, world.zuid, {"A1": ("aandachtspunt", "Te krap bezet."),
                                                                  "G1": ("tekort", "")})


def test_the_results_page_marks_the_talking_point_with_names_for_the_od_coordinator(app, world):
    two_owners_answer(app, world, world.draft)
    page = text(client_for(app, world.users["coordinator"]).get(f"/beoordelingen/{world.draft.id}/resultaten"))
    section = page[page.index('id="eigenaren"'):page.index('id="verbeterplan"')]
    assert "Het oordeel van de eigenaren verandert de score en de niveaus van de omgevingsdienst niet." in section
    assert "2 van 2 eigenaren gaven een oordeel." in section and "1 gesprekspunt: A1." in section
    a1 = section[section.index('id="eigenaren-A1"'):section.index('id="eigenaren-A2"')]
    assert "<td>Voldoet</td><td>2 van 2 eigenaren</td><td>1 van 2</td><td>Aandachtspunt tot Voldoet</td>" in a1
    assert "Gemeente Zuid (1 niveau)" in a1 and "◆ gesprekspunt" in a1 and 'class="talking-point"' in a1
    g1 = section[section.index('id="eigenaren-G1"'):]
    assert "OD heeft geen oordeel" in g1 and "◆" not in g1.split("</tr>")[0]
    assert "Te krap bezet." in section and "Eens." in section


@pytest.mark.parametrize("role", ["invuller", "lezer", "consultant"])
def test_others_who_see_the_results_see_counts_and_spread_without_names(app, world, role):
    two_owners_answer(app, world, world.draft)
    page = text(client_for(app, world.users[role]).get(f"/beoordelingen/{world.draft.id}/resultaten"))
    section = page[page.index('id="eigenaren"'):page.index('id="verbeterplan"')]
    assert "1 gesprekspunt: A1." in section and "1 eigenaar, 1 niveau" in section
    assert "Aandachtspunt tot Voldoet" in section
    for secret in ("Gemeente Zuid", "Gemeente Noord", "Te krap bezet.", "Eens."):
        assert secret not in section, secret
    assert "Welke eigenaar welk oordeel gaf, ziet alleen de coördinator" in section


def test_owners_see_the_names_once_the_assessment_is_signed_off(app, world):
    two_owners_answer(app, world, world.signed)
    for role in ("noord", "noord_lezer", "zuid"):
        page = text(client_for(app, world.users[role]).get(f"/beoordelingen/{world.signed.id}/resultaten"))
        assert "Gemeente Zuid (1 niveau)" in page and "Te krap bezet." in page, role
    overview = text(client_for(app, world.users["noord"]).get(f"/beoordelingen/{world.signed.id}"))
    assert f'href="{answer_url(world.signed, world.noord)}"' in overview
    assert client_for(app, world.users["noord"]).get(f"/beoordelingen/{world.draft.id}/resultaten").status_code == 404


def report_text(client, assessment) -> str:
    response = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf")
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.data)).pages
    # one line, and words hyphenated in narrow table columns whole again
    return " ".join(" ".join(page.extract_text() for page in pages).split()).replace("- ", "")


def test_the_report_has_the_section_with_names_only_for_who_may_see_them(app, world):
    two_owners_answer(app, world, world.draft)
    with_names = report_text(client_for(app, world.users["coordinator"]), world.draft)
    assert "Oordeel van de eigenaren" in with_names and "gesprekspunt" in with_names
    assert "verandert de score en de niveaus van de omgevingsdienst niet" in with_names
    assert "Gemeente Zuid" in with_names and "Te krap bezet." in with_names
    without = report_text(client_for(app, world.users["invuller"]), world.draft)
    assert "Oordeel van de eigenaren" in without and "1 eigenaar, 1 niveau" in without
    assert "Gemeente Zuid" not in without and "Te krap bezet." not in without


def test_the_word_version_has_the_section_with_names_only_for_who_may_see_them(app, world):
    from docx import Document

    two_owners_answer(app, world, world.draft)

    def word(role):
        response = client_for(app, world.users[role]).get(f"/beoordelingen/{world.draft.id}/rapport.docx")
        assert response.status_code == 200
        document = Document(io.BytesIO(response.data))
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return headings, "\n".join([p.text for p in document.paragraphs] + cells)

    headings, with_names = word("coordinator")
    assert headings.index("Verbeterplan") < headings.index("Oordeel van de eigenaren") < headings.index(
        "Bijlage A. Alle vragen en antwoorden")
    assert "◆ gesprekspunt" in with_names and "Gemeente Zuid (1 niveau)" in with_names
    assert "Te krap bezet." in with_names and "verandert de score en de niveaus" in with_names
    _headings, without = word("consultant")
    assert "1 eigenaar, 1 niveau" in without and "Gemeente Zuid" not in without and "Te krap bezet." not in without


def test_owner_views_change_no_score(app, world):
    coordinator = client_for(app, world.users["coordinator"])

    def scores():
        page = text(coordinator.get(f"/beoordelingen/{world.signed.id}/resultaten"))
        start = page.index('id="oordeel"')
        return page[start:page.index('id="knock-outs"')], text(coordinator.get(
            f"/beoordelingen/{world.signed.id}/export.csv?deel=scores"))

    with app.app_context():
        before = db.session.get(Assessment, world.signed.id)
        version, summary = before.version, dict(before.score_summary or {})
    shown = scores()
    give = {"A1": ("tekort", "Nee."), "A2": ("tekort", ""), "G1": ("tekort", "")}
    open_round(app, world.users["coordinator"], world.signed)
    give_views(app, world.users["noord"], world.signed, world.noord, give)
    give_views(app, world.users["zuid"], world.signed, world.zuid, give)
    assert scores() == shown
    with app.app_context():
        after = db.session.get(Assessment, world.signed.id)
        assert (after.version, dict(after.score_summary or {})) == (version, summary)


def test_the_comparison_counts_talking_points_per_organisation(app, world):
    two_owners_answer(app, world, world.signed)
    page = text(client_for(app, world.users["noord"]).get(f"/vergelijken?a={world.signed.id}"))
    row = page[page.index('id="oordeel-eigenaren"'):]
    row = row[:row.index("</tr>")]
    assert "Oordeel eigenaren: gesprekspunten" in row and "1 gesprekspunt" in row and "(2 eigenaren)" in row
    other = Factory(app).signed_off(Factory(app).org("OD Derde"), "2025")
    page = text(client_for(app, world.users["beheerder"]).get(f"/vergelijken?a={world.signed.id}&a={other.id}"))
    row = page[page.index('id="oordeel-eigenaren"'):]
    assert "geen ronde" in row[:row.index("</tr>")]
    page = text(client_for(app, world.users["beheerder"]).get(f"/vergelijken?a={other.id}"))
    assert 'id="oordeel-eigenaren"' not in page


def test_deleting_a_concept_deletes_its_round(app, world):
    fresh = Factory(app).assessment(world.od, "2027", world.users["coordinator"])
    open_round(app, world.users["coordinator"], fresh)
    give_views(app, world.users["noord"], fresh, world.noord, {"A1": ("voldoet", "")})
    client_for(app, world.users["coordinator"]).post(f"/beoordelingen/{fresh.id}/verwijderen",
                                                     data={"version": str(fresh.version)})
    assert rounds(app) == [] and views(app) == []


def test_a_report_from_the_command_line_has_the_section_without_names(app, world, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from vthscan.commands import main

    two_owners_answer(app, world, world.draft)
    instance = tmp_path / "cli-instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "cli-test"\nSQLALCHEMY_DATABASE_URI = {app.config["SQLALCHEMY_DATABASE_URI"]!r}\n',
        encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    output = tmp_path / "rapport.pdf"
    result = CliRunner().invoke(main, ["--questionnaires", app.config["QUESTIONNAIRES_DIR"], "report",
                                       "--assessment", str(world.draft.id), "-o", str(output)])
    assert result.exit_code == 0, result.output
    report = " ".join(" ".join(p.extract_text() for p in PdfReader(str(output)).pages).split()).replace("- ", "")
    assert "Oordeel van de eigenaren" in report and "1 gesprekspunt: A1." in report
    assert "Gemeente Zuid" not in report and "Te krap bezet." not in report
