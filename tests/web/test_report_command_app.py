"""`vthscan report --assessment ID` starts the app without its web pages: the report needs only the
database and the services, and the pages (blueprints, forms) and the login's dummy password hash
cost about 0.15 s at every start."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import vthscan.web
from vthscan.app import create_app
from vthscan.commands import main
from vthscan.extensions import db
from vthscan.report import charts
from vthscan.services import questionnaires

from . import conftest
from .test_results import KNOCKOUT_ANSWERS


def test_an_app_without_pages_has_the_database_and_the_questionnaires_but_no_routes(tmp_path, mini_dir):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": conftest.test_database_url(tmp_path),
                      "QUESTIONNAIRES_DIR": str(mini_dir), "DATABASE_SETUP": "create_all"},
                     instance_path=str(tmp_path / "instance"), pages=False)
    try:
        assert [rule.endpoint for rule in app.url_map.iter_rules()] == ["static"]
        assert "dummy_password_hash" not in app.extensions["vthscan"]
        assert "catalog" not in app.extensions["vthscan"]      # the folder is read when first needed
        with app.app_context():
            assert db.session.execute(db.text("SELECT count(*) FROM assessment")).scalar() == 0
            assert questionnaires.catalog().get("mini") is not None
    finally:
        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()


def test_the_web_app_keeps_its_pages_and_login_hash_and_reads_the_folder_at_its_start(app):
    assert len(list(app.url_map.iter_rules())) > 20
    assert app.extensions["vthscan"]["dummy_password_hash"]
    assert app.extensions["vthscan"]["catalog"].get("mini") is not None


@pytest.fixture
def assessment_id(factory):
    org = factory.org("Omgevingsdienst Test")
    coordinator = factory.user(org, "coordinator")
    return factory.answer(factory.assessment(org, "2026", user=coordinator), coordinator, KNOCKOUT_ANSWERS).id


@pytest.fixture
def report(app, assessment_id, tmp_path, mini_dir, monkeypatch):
    """Run `vthscan report --assessment ID` on the app's database as a new process would (no chart in
    memory), with its own instance folder; the PDF's bytes."""
    instance = tmp_path / "cli-instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "cli-test"\nSQLALCHEMY_DATABASE_URI = {app.config["SQLALCHEMY_DATABASE_URI"]!r}\n',
        encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))

    def run(name: str = "rapport.pdf", *options: str, exit_code: int = 0):
        """The PDF's bytes; with exit_code=1 the result of the refused command."""
        charts.cache_clear(templates=True)
        output = tmp_path / name
        result = CliRunner().invoke(main, ["--questionnaires", str(mini_dir), "report", "--assessment",
                                           str(assessment_id), "-o", str(output), "--date", "2026-03-31",
                                           *options])
        assert result.exit_code == exit_code, result.output
        return output.read_bytes() if exit_code == 0 else result

    run.instance = instance
    yield run
    charts.cache_clear(templates=True)


def test_the_report_command_builds_no_web_pages(report, monkeypatch):
    def no_pages(app):
        raise AssertionError("the report command registered the web pages")

    monkeypatch.setattr(vthscan.web, "register_web", no_pages)
    assert report().startswith(b"%PDF")


def test_the_report_command_keeps_its_charts_in_the_instance_folder(report):
    first = report("eerste.pdf")
    kept = sorted(path.name.split("-")[0] for path in (report.instance / "chart-cache").iterdir())
    assert kept == ["chart", "chart", "template", "template"]
    assert report("tweede.pdf") == first        # read back from disk: the same bytes


def test_a_broken_questionnaire_folder_does_not_stop_a_report_that_does_not_use_it(report, mini_dir):
    (mini_dir / "kapot.yaml").write_text("schema: vthscan.questionnaire/1\nid: kapot\nversion: [\n",
                                         encoding="utf-8")
    assert report().startswith(b"%PDF")            # the assessment's own stored definition
    result = report("streng.pdf", "--thresholds", "Streng", exit_code=1)
    assert "Fout: de vragenlijsten kloppen niet" in result.stderr and "kapot.yaml:4" in result.stderr
    assert "Traceback" not in result.output
