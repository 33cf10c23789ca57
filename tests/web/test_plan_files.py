"""The plan van aanpak as files: the spreadsheet (formula-safe), the plan file out and in (web and
commands, with every refusal in Dutch and nothing kept), and the section in the PDF gap report."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from vthscan.commands import main

from .conftest import login
from .plan_helpers import action_form, actions_of, build_plan_world, make_plan, plan_count


@pytest.fixture
def world(factory):
    return build_plan_world(factory)


def html(response) -> str:
    return response.get_data(as_text=True)


def _with_owner_and_note(client, app, plan_id, world):
    first = actions_of(app, plan_id)[0]
    client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(
        first, text="=SOM(A1:A9) en meer", owner=f"persoon:{world.users['invuller'].id}", start="2026-04-01",
        due="2026-12-31", status="bezig"))
    client.post(f"/plannen/{plan_id}/acties/{first.id}/voortgang", data={"note": "@gevaarlijk: offerte gevraagd"})


def test_the_plan_as_xlsx_has_one_row_per_action_and_keeps_user_text_as_text(client, app, factory, world):
    plan_id = make_plan(factory, world)
    login(client, world.users["coordinator"])
    _with_owner_and_note(client, app, plan_id, world)
    response = client.get(f"/plannen/{plan_id}/export.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="vthscan-plan-od-rivierland-mini.xlsx"'
    sheet = load_workbook(io.BytesIO(response.data))["Plan van aanpak"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:7] == ["Nr", "Criterium", "Actie", "Eigenaar", "Start", "Einddatum", "Status"]
    assert len(rows) == 4
    first = rows[1]
    assert first[:7] == ["1", "A1 Criterium A1", "=SOM(A1:A9) en meer", "ahmed@rivierland.nl", "01-04-2026",
                         "31-12-2026", "bezig"]
    assert first[10].endswith("petra@rivierland.nl: @gevaarlijk: offerte gevraagd")
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if cell.value)


def test_plan_file_export_and_import_into_an_organisation_without_a_plan(client, app, factory, world):
    plan_id = make_plan(factory, world)
    login(client, world.users["coordinator"])
    _with_owner_and_note(client, app, plan_id, world)
    exported = client.get(f"/plannen/{plan_id}/export.json")
    data = json.loads(exported.data)
    assert data["format"] == "vthscan.plan/1" and data["organisation"] == "OD Rivierland"
    assert data["actions"][0]["owner"] == {"kind": "persoon", "ref": "ahmed@rivierland.nl"}
    # the same organisation already has a plan: refused, nothing kept
    refused = client.post("/plannen/importeren", data={
        "organisation": world.od.id, "file": (io.BytesIO(exported.data), "plan.json")})
    assert "heeft al een plan van aanpak" in html(refused) and plan_count(app) == 1
    # another organisation's plan: refused with a Dutch message
    other = factory.org("OD Nieuw", "omgevingsdienst")
    factory.user(other, "coordinator", "coordinator@nieuw.nl")
    new_client = app.test_client()
    login(new_client, "coordinator@nieuw.nl")
    refused = new_client.post("/plannen/importeren", data={
        "organisation": other.id, "file": (io.BytesIO(exported.data), "plan.json")})
    assert "dit is het plan van OD Rivierland; het hoort niet bij OD Nieuw" in html(refused)
    assert plan_count(app) == 1


def test_import_refuses_unknown_criteria_owners_and_broken_rules_all_at_once(client, app, factory, world):
    login(client, world.users["coordinator"])
    plan = {"format": "vthscan.plan/1", "organisation": "OD Rivierland",
            "questionnaire": {"id": "mini", "version": "1"}, "assessment": None, "actions": [
                {"id": "1", "text": "Iets.", "criterion": "Z9"},
                {"id": "2", "text": "Meer.", "owner": {"kind": "persoon", "ref": "vreemd@elders.nl"}},
                {"id": "3", "text": "Nog meer.", "start": "2026-04-01", "due": "2026-03-01"},
                {"id": "4", "text": "Weg.", "status": "vervallen"}]}
    response = client.post("/plannen/importeren", data={
        "organisation": world.od.id, "file": (io.BytesIO(json.dumps(plan).encode()), "plan.json")})
    page = html(response)
    for message in ("actions[0].criterion: criterium Z9 bestaat niet",
                    "actions[1].owner: vreemd@elders.nl hoort niet bij deze organisatie",
                    "actions[2].due: de einddatum (01-03-2026) ligt vóór de startdatum (01-04-2026)",
                    "actions[3].reason: geef een reden waarom de actie vervalt"):
        assert message in page, message
    assert plan_count(app) == 0
    # fixed, the same file comes in with its owners and notes
    plan["actions"] = [{"id": "7", "text": "Iets.", "criterion": "A1",
                        "owner": {"kind": "deelnemer", "ref": "Gemeente Bruggen"},
                        "notes": [{"author": "iemand@elders.nl", "at": "2026-05-12T09:30:00Z", "text": "Begonnen."}]}]
    response = client.post("/plannen/importeren", data={
        "organisation": world.od.id, "file": (io.BytesIO(json.dumps(plan).encode()), "plan.json")})
    assert response.status_code == 302
    [action] = actions_of(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (action.number, action.criterion, action.owner_organisation_id) == ("7", "A1", world.gemeente.id)


def test_only_coordinators_import_and_only_into_their_own_organisation(app, factory, world):
    lezer = app.test_client()
    login(lezer, world.users["lezer"])
    assert lezer.get("/plannen/importeren").status_code == 403
    stranger = app.test_client()
    login(stranger, world.users["stranger"])
    plan = {"format": "vthscan.plan/1", "organisation": "OD Rivierland",
            "questionnaire": {"id": "mini", "version": "1"}, "actions": []}
    response = stranger.post("/plannen/importeren", data={
        "organisation": world.od.id, "file": (io.BytesIO(json.dumps(plan).encode()), "plan.json")})
    assert response.status_code == 200 and "Not a valid choice" not in html(response)
    assert plan_count(app) == 0


def test_the_gap_report_has_the_state_of_the_plan(client, app, factory, world):
    plan_id = make_plan(factory, world)
    login(client, world.users["coordinator"])
    _with_owner_and_note(client, app, plan_id, world)
    response = client.get(f"/beoordelingen/{world.signed.id}/rapport.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Stand van het plan van aanpak" in text
    assert "=SOM(A1:A9) en meer" in text and "@gevaarlijk: offerte gevraagd" in text
    assert "Waarvan te laat" in text and "Eigenaar: ahmed@rivierland.nl" in text
    assert "Verbeter A2 stap 2." in text


def test_the_gap_report_without_a_plan_has_no_plan_section(client, world):
    login(client, world.users["coordinator"])
    response = client.get(f"/beoordelingen/{world.signed.id}/rapport.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Stand van het plan van aanpak" not in text


def _cli(tmp_path, mini_dir, monkeypatch, *args):
    from .conftest import test_database_url
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    (instance / "config.py").write_text(
        f'SECRET_KEY = "x"\nDATABASE_URL = {test_database_url(tmp_path)!r}\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    return CliRunner().invoke(main, ["--questionnaires", str(mini_dir), *args])


def test_plan_export_and_import_commands(tmp_path, mini_dir, monkeypatch, app, factory, world):
    make_plan(factory, world)
    out = tmp_path / "plan.json"
    result = _cli(tmp_path, mini_dir, monkeypatch, "plan", "export", "--org", "OD Rivierland", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["actions"][2]["text"] == "Verbeter A2 stap 2."
    result = _cli(tmp_path, mini_dir, monkeypatch, "plan", "import", str(out), "--org", "OD Elders")
    assert result.exit_code == 1
    assert "Fout: " in result.output and "dit is het plan van OD Rivierland; het hoort niet bij OD Elders" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    data["organisation"] = "OD Elders"
    out.write_text(json.dumps(data), encoding="utf-8")
    result = _cli(tmp_path, mini_dir, monkeypatch, "plan", "import", str(out), "--org", "OD Elders")
    assert result.exit_code == 0, result.output
    assert "3 acties voor OD Elders" in result.output
    result = _cli(tmp_path, mini_dir, monkeypatch, "plan", "export", "--org", "Gemeente Bruggen", "-o", str(out))
    assert result.exit_code == 1 and "Gemeente Bruggen heeft geen plan van aanpak" in result.output
