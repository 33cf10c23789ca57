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
