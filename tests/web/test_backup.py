"""`vthscan export-all` / `import-all`: a whole-database JSON archive that round-trips."""

import json

import pytest
from click.testing import CliRunner

from vthscan.commands import main

from .conftest import REAL_QUESTIONNAIRES
from .conftest import test_database_url as database_url_for


@pytest.fixture
def instance(tmp_path, monkeypatch):
    """Point the CLI at a fresh instance folder (cheap password hashing)."""
    def make(name):
        folder = tmp_path / name
        folder.mkdir()
        # SQLite in the folder, or a PostgreSQL schema of its own when the suite runs on PostgreSQL
        (folder / "config.py").write_text(
            'SECRET_KEY = "backup-test"\nPASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"\n'
            f'DATABASE_URL = {database_url_for(folder)!r}\n', encoding="utf-8")
        monkeypatch.setenv("VTHSCAN_INSTANCE", str(folder))
        return folder
    return make


def run(*args):
    return CliRunner().invoke(main, ["--questionnaires", str(REAL_QUESTIONNAIRES), *map(str, args)])


def test_export_import_round_trip_of_the_demo(instance, tmp_path):
    instance("eerste")
    assert run("demo").exit_code == 0
    first = tmp_path / "backup.json"
    result = run("export-all", "-o", first)
    assert result.exit_code == 0, result.output
    archive = json.loads(first.read_text())
    assert archive["format"] == "vthscan.backup/1"
    assert len(archive["tables"]["assessment"]) >= 6 and archive["tables"]["answer"]

    instance("tweede")
    result = run("import-all", first)
    assert result.exit_code == 0, result.output
    second = tmp_path / "backup-2.json"
    assert run("export-all", "-o", second).exit_code == 0
    assert json.loads(second.read_text()) == archive

    # The restored database works: a user logs in with the old password, and new rows get new ids.
    from vthscan.app import create_app
    from vthscan.demo import PASSWORD

    from .conftest import login
    app = create_app(questionnaires=str(REAL_QUESTIONNAIRES))
    app.config["WTF_CSRF_ENABLED"] = False  # the real instance config, but a test client without tokens
    client = app.test_client()
    assert login(client, "coordinator.polderland@demo.vthscan.nl", PASSWORD).status_code == 302
    with app.app_context():
        from vthscan.extensions import db
        db.engine.dispose()
    assert run("org", "create", "--name", "Nieuwe dienst", "--kind", "omgevingsdienst").exit_code == 0


def test_import_refuses_a_non_empty_database_and_bad_archives(instance, tmp_path):
    instance("gevuld")
    assert run("demo").exit_code == 0
    backup = tmp_path / "b.json"
    run("export-all", "-o", backup)
    result = run("import-all", backup)
    assert result.exit_code == 1 and "niet leeg" in result.output

    instance("leeg")
    bad = tmp_path / "bad.json"
    for content, message in [("{", "geen geldige JSON"), ('{"format": "iets"}', "geen vthscan-back-up"),
                             ('{"format": "vthscan.backup/1", "tables": {"onbekend": []}}', "onbekende tabellen"),
                             ('{"format": "vthscan.backup/1", "tables": {"organisation": [{"id": 1, "x": 2}]}}',
                              "onbekende kolommen")]:
        bad.write_text(content)
        result = run("import-all", bad)
        assert result.exit_code == 1 and message in result.output, (content, result.output)
    assert run("import-all", tmp_path / "bestaat-niet.json").exit_code == 1


def test_failed_restore_leaves_nothing_behind(instance, tmp_path):
    instance("bron")
    run("demo")
    backup = tmp_path / "b.json"
    run("export-all", "-o", backup)
    archive = json.loads(backup.read_text())
    archive["tables"]["membership"][0]["user_id"] = None  # breaks a NOT NULL constraint late in the restore
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(archive))

    instance("doel")
    result = run("import-all", broken)
    assert result.exit_code == 1 and "er is niets veranderd" in result.output
    empty = tmp_path / "empty.json"
    run("export-all", "-o", empty)
    assert all(rows == [] for rows in json.loads(empty.read_text())["tables"].values())


def _empty_archive_with(tmp_path, name: str, tables: dict) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "vthscan.backup/1", "tables": tables}), encoding="utf-8")
    return path


ORGANISATION = {"id": 1, "name": "OD", "kind": "omgevingsdienst", "created_at": "2026-01-01T00:00:00"}


@pytest.mark.parametrize("change, message", [
    ({"name": "n" * 201}, "tabel organisation, rij 1: name mag hoogstens 200 tekens hebben (nu 201)"),
    ({"name": "O\x00D"}, "tabel organisation, rij 1: name bevat een onzichtbaar stuurteken (U+0000) op plaats 2"),
])
def test_restore_refuses_text_that_breaks_the_rules(instance, tmp_path, change, message):
    instance("leeg")
    archive = _empty_archive_with(tmp_path, "b.json", {"organisation": [{**ORGANISATION, **change}]})
    result = run("import-all", archive)
    assert result.exit_code == 1 and message in result.output, result.output


def test_restore_refuses_a_long_comment_of_an_answer(instance, tmp_path):
    instance("bron")
    run("demo")
    backup = tmp_path / "b.json"
    run("export-all", "-o", backup)
    archive = json.loads(backup.read_text())
    row = archive["tables"]["answer"][3]
    row["comment"] = "c" * 4001
    backup.write_text(json.dumps(archive))
    instance("doel")
    result = run("import-all", backup)
    assert result.exit_code == 1
    assert f"tabel answer, rij {row['id']}: comment mag hoogstens 4.000 tekens hebben (nu 4.001)" in result.output


@pytest.mark.parametrize("text, message", [
    ('{"format": "vthscan.backup/1", "tables": ' + "[" * 100_000 + "]" * 100_000 + "}", "te diep genest"),
    ('{"format": "vthscan.backup/1", "format": "x"}', "sleutel 'format' staat twee keer"),
    ('{"format": "vthscan.backup/1", "tables": {"organisation": [{"id": 1' + "0" * 400 + '}]}}',
     "geen bruikbaar getal"),
])
def test_restore_refuses_json_that_breaks_the_parser(instance, tmp_path, text, message):
    instance("leeg")
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    result = run("import-all", path)
    assert result.exit_code == 1 and message in result.output, result.output
