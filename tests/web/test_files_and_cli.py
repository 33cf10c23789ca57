"""Import and export (UI and command line), the web commands and the demo set-up."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from vthscan.commands import main
from vthscan.domain.answers import Answer
from vthscan.domain.scoring import score
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services import questionnaires
from vthscan.services.answers import answers_of

from .conftest import REAL_QUESTIONNAIRES, login


def _answers_and_score(app, assessment_id):
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        answers = answers_of(assessment)
        result = score(questionnaires.questionnaire_for(assessment), answers, assessment.organisation.kind)
        return answers, result


def test_export_then_import_in_the_ui_gives_identical_answers_and_scores(app, client, factory):
    org = factory.org()
    user = factory.user(org)
    assessment = factory.assessment(org, user=user)
    factory.answer(assessment, user, {
        "a1_ja": Answer(value=True, comment="toelichting", evidence="doc-1"), "a1_schaal": Answer(value=2),
        "a2_keuze": Answer(na=True, na_reason="geen taak"), "a2_norm": Answer(value=1.5),
        "b1_lineair": Answer(unknown=True), "b1_banden": Answer(value=60)})
    login(client, user)
    exported = client.get(f"/beoordelingen/{assessment.id}/export")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    data = json.loads(exported.get_data(as_text=True))
    assert data["format"] == "vthscan.answers/1"

    # the assessment of 2026 is still open, and an organisation has one open assessment per period
    data["period"] = "2027"
    response = client.post("/beoordelingen/importeren", data={
        "organisation": org.id, "name": "Kopie",
        "file": (io.BytesIO(json.dumps(data).encode()), "antwoorden.json")}, content_type="multipart/form-data")
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    old_answers, old_result = _answers_and_score(app, assessment.id)
    new_answers, new_result = _answers_and_score(app, new_id)
    assert new_answers == old_answers
    assert new_result == old_result


def test_import_of_a_bad_file_says_why(client, factory):
    org = factory.org()
    login(client, factory.user(org))
    response = client.post("/beoordelingen/importeren", data={
        "organisation": org.id, "file": (io.BytesIO(b'{"format": "iets anders"}'), "fout.json")},
        content_type="multipart/form-data")
    assert response.status_code == 200
    assert "dit is geen antwoordenbestand" in response.get_data(as_text=True)
    bad = {"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
           "organisation": {"name": "X", "kind": "omgevingsdienst"}, "period": "2026",
           "answers": {"a1_schaal": {"value": 9}}}
    response = client.post("/beoordelingen/importeren", data={
        "organisation": org.id, "file": (io.BytesIO(json.dumps(bad).encode()), "fout.json")},
        content_type="multipart/form-data")
    assert "a1_schaal: kies een waarde van 0 tot en met 4" in response.get_data(as_text=True)


# --- command line -----------------------------------------------------------------------------------

@pytest.fixture
def cli(tmp_path, mini_dir, monkeypatch):
    """Run `vthscan ...` against a fresh instance folder with cheap password hashing."""
    instance = tmp_path / "cli-instance"
    instance.mkdir()
    (instance / "config.py").write_text('SECRET_KEY = "cli-test"\nPASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"\n',
                                        encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))

    def run(*args, questionnaires=mini_dir):
        return CliRunner().invoke(main, ["--questionnaires", str(questionnaires), *args], catch_exceptions=False)

    run.instance = instance
    return run


def test_cli_init_creates_database(cli):
    result = cli("init")
    assert result.exit_code == 0, result.output
    assert (cli.instance / "vthscan.sqlite").exists()


def test_init_generates_a_secret_key(tmp_path, mini_dir, monkeypatch):
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(tmp_path / "nieuw"))
    result = CliRunner().invoke(main, ["--questionnaires", str(mini_dir), "init"])
    assert result.exit_code == 0, result.output
    config = (tmp_path / "nieuw" / "config.py").read_text(encoding="utf-8")
    assert "SECRET_KEY = '" in config and len(config) > 80


def test_cli_org_user_import_export_round_trip(cli, tmp_path):
    assert cli("org", "create", "--name", "OD Test", "--kind", "omgevingsdienst").exit_code == 0
    result = cli("org", "create", "--name", "Gemeente Test", "--kind", "gemeente", "--participant-of", "OD Test")
    assert result.exit_code == 0, result.output
    result = cli("user", "create", "--email", "Test@Example.nl", "--password", "een lang wachtwoord",
                 "--org", "OD Test", "--role", "coordinator")
    assert result.exit_code == 0, result.output

    answers = {"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
               "organisation": {"name": "OD Test", "kind": "omgevingsdienst"}, "period": "2026",
               "answers": {"a1_ja": {"value": True, "comment": "ok"}, "a2_norm": {"value": 1.5},
                           "a2_keuze": {"na": True, "na_reason": "geen taak"}, "b1_lineair": {"unknown": True}}}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(answers), encoding="utf-8")
    result = cli("assessment", "import", str(source), "--org", "OD Test")
    assert result.exit_code == 0, result.output
    assessment_id = int(result.output.strip())

    out = tmp_path / "uit.json"
    result = cli("assessment", "export", str(assessment_id), "-o", str(out))
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    # into another organisation: OD Test already has an open assessment of 2026
    assert cli("org", "create", "--name", "OD Kopie", "--kind", "omgevingsdienst").exit_code == 0
    result = cli("assessment", "import", str(out), "--org", "OD Kopie")
    assert result.exit_code == 0, result.output
    again = tmp_path / "weer.json"
    cli("assessment", "export", result.output.strip(), "-o", str(again))
    assert json.loads(again.read_text(encoding="utf-8")) == exported | {"organisation": {
        "name": "OD Kopie", "kind": "omgevingsdienst"}}
    assert exported["answers"]["a1_ja"]["comment"] == "ok"


@pytest.mark.parametrize("args,message", [
    (("org", "create", "--name", "X", "--kind", "gemeente", "--participant-of", "Bestaat niet"),
     "Organisatie 'Bestaat niet' bestaat niet."),
    (("user", "create", "--email", "a@b.nl", "--password", "kort", "--org", "X", "--role", "lezer"),
     "Organisatie 'X' bestaat niet."),
    (("assessment", "export", "42", "-o", "x.json"), "Beoordeling 42 bestaat niet."),
    (("assessment", "import", "bestaat-niet.json", "--org", "X"), "kan bestaat-niet.json niet lezen"),
])
def test_cli_bad_input_exits_1_with_a_dutch_message(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 1
    assert "Fout: " in result.output and message in result.output


@pytest.mark.parametrize("number, command", [
    *((n, ("assessment", "export", str(n), "-o", "uit.json")) for n in (2**31, 2**63, 2**70)),
    *((n, ("report", "--assessment", str(n), "-o", "uit.pdf")) for n in (2**31, 2**63, 2**70, -2**70)),
])
def test_cli_id_too_large_for_the_database_is_a_dutch_message(cli, tmp_path, monkeypatch, number, command):
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    result = cli(*command)
    assert result.exit_code == 1, result.output
    assert f"Fout: Beoordeling {number} bestaat niet: een beoordelingsnummer ligt tussen 1 en 2147483647." \
        in result.output
    assert not (tmp_path / command[-1]).exists()


@pytest.mark.parametrize("command", [("assessment", "export", "twaalf", "-o", "uit.json"),
                                     ("report", "--assessment", "12a", "-o", "uit.pdf"),
                                     ("report", "--assessment", "1.5", "-o", "uit.pdf")])
def test_cli_id_that_is_no_number_is_a_dutch_message(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    result = cli(*command)
    assert result.exit_code == 1, result.output
    assert f"Fout: '{command[2]}' is geen beoordelingsnummer: geef een heel getal" in result.output
    assert not (tmp_path / command[-1]).exists()


@pytest.mark.parametrize("command", [("assessment", "export", "2147483647", "-o", "uit.json"),
                                     ("report", "--assessment", "2147483647", "-o", "uit.pdf")])
def test_cli_largest_id_is_still_looked_up(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = cli(*command)
    assert result.exit_code == 1, result.output
    assert "Fout: Beoordeling 2147483647 bestaat niet." in result.output


def test_cli_refuses_to_start_with_a_broken_questionnaire(cli, tmp_path):
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "kapot.yaml").write_text("schema: vthscan.questionnaire/1\nid: kapot\nversion: [\n", encoding="utf-8")
    result = cli("init", questionnaires=broken)
    assert result.exit_code == 1
    assert "kapot.yaml:4" in result.output  # file and line


def test_demo_set_up_with_the_real_questionnaire(cli):
    result = cli("demo", questionnaires=REAL_QUESTIONNAIRES)
    assert result.exit_code == 0, result.output
    assert "beheerder@demo.vthscan.nl" in result.output and "demo-wachtwoord" in result.output
    assert cli("demo", questionnaires=REAL_QUESTIONNAIRES).exit_code == 1  # not on a filled database
    result = cli("demo", "--reset", questionnaires=REAL_QUESTIONNAIRES)
    assert result.exit_code == 0, result.output

    from vthscan.app import create_app
    from vthscan.demo import PASSWORD
    app = create_app(questionnaires=str(REAL_QUESTIONNAIRES))
    app.config["WTF_CSRF_ENABLED"] = False  # the real instance config, but a test client without tokens
    with app.app_context():
        statuses = sorted((a.organisation.name, a.period, a.status)
                          for a in db.session.scalars(db.select(Assessment)))
    assert ("Omgevingsdienst Polderland", "2025", "vastgesteld") in statuses
    assert ("Omgevingsdienst Polderland", "2026", "concept") in statuses
    assert ("Omgevingsdienst Heuvelland", "2026", "ter_review") in statuses
    assert {period for _name, period, _status in statuses} == {"2025", "2026"}

    # every demo user can log in and sees something sensible
    for email in ["beheerder@demo.vthscan.nl", "coordinator.polderland@demo.vthscan.nl",
                  "dijkstad@demo.vthscan.nl", "adviseur@demo.vthscan.nl", "provincie@demo.vthscan.nl"]:
        client = app.test_client()
        assert login(client, email, PASSWORD).status_code == 302, email
        assert client.get("/").status_code == 200
    client = app.test_client()
    login(client, "dijkstad@demo.vthscan.nl", PASSWORD)
    page = client.get("/").get_data(as_text=True)
    assert "Omgevingsdienst Polderland" in page  # the signed-off 2025 of its OD
    assert "Omgevingsdienst Heuvelland" not in page
    client = app.test_client()
    login(client, "adviseur@demo.vthscan.nl", PASSWORD)
    assert "Zelfevaluatie 2026" in client.get("/").get_data(as_text=True)


def test_web_cli_module_does_not_import_flask():
    import subprocess
    import sys
    code = ("import sys, vthscan.commands; "
            "print('flask' in sys.modules, 'sqlalchemy' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False False"


def test_run_creates_the_demo_once_and_serves(cli, monkeypatch, mini_dir):
    served = []
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda host, port, app, **kw: served.append((host, port)))
    result = cli("run", "--port", "5055")
    assert result.exit_code == 0, result.output
    assert "de demo-opzet is aangemaakt" in result.output and "demo-wachtwoord" in result.output
    assert "http://127.0.0.1:5055/" in result.output
    assert served == [("127.0.0.1", 5055)]
    # second start: no new demo; a changed file with the same version is pointed out
    (mini_dir / "mini.yaml").write_text((mini_dir / "mini.yaml").read_text(encoding="utf-8").replace(
        'title: "Pijler B"', 'title: "Anders"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["--questionnaires", str(mini_dir), "run", "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "demo-opzet is aangemaakt" not in result.output
    assert "is veranderd sinds hij voor het eerst werd gebruikt" in result.stderr
    assert served[-1] == ("0.0.0.0", 5000)
