"""Rules that hold on SQLite and PostgreSQL alike: column lengths are checked before the database
refuses them, foreign keys are enforced, and the database URL is read from the right place."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import IntegrityError

from vthscan.app import create_app, database_url
from vthscan.commands import main
from vthscan.extensions import db
from vthscan.models import Membership, Organisation

from .conftest import login


def test_too_long_period_in_an_answers_file_is_a_dutch_error_not_a_crash(client, factory, tmp_path):
    org = factory.org()
    login(client, factory.user(org))
    data = {"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
            "organisation": {"name": "X", "kind": "omgevingsdienst"}, "period": "2026 " * 20, "answers": {}}
    response = client.post("/beoordelingen/importeren", data={
        "organisation": org.id, "file": (io.BytesIO(json.dumps(data).encode()), "lang.json")},
        content_type="multipart/form-data")
    assert response.status_code == 200
    assert "lang.json: period: mag hoogstens 40 tekens hebben (nu 100)" in response.get_data(as_text=True)


def test_too_long_names_from_the_command_line_are_refused(tmp_path, mini_dir, monkeypatch):
    instance = tmp_path / "cli"
    instance.mkdir()
    (instance / "config.py").write_text('SECRET_KEY = "x"\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    result = CliRunner().invoke(main, ["--questionnaires", str(mini_dir), "org", "create", "--name", "X" * 201,
                                       "--kind", "omgevingsdienst"])
    assert result.exit_code == 1
    assert "mag hoogstens 200 tekens hebben" in result.output


def test_foreign_keys_are_enforced(app):
    with app.app_context():
        db.session.add(Membership(user_id=12345, organisation_id=67890, role="lezer"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_deleting_an_organisation_removes_its_memberships(app, factory):
    org = factory.org()
    factory.user(org)
    with app.app_context():
        db.session.delete(db.session.get(Organisation, org.id))
        db.session.commit()
        assert db.session.scalar(db.select(db.func.count(Membership.id))) == 0


def test_database_url_from_environment_wins_and_postgres_urls_use_psycopg(tmp_path, monkeypatch, mini_dir):
    assert database_url("postgres://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert database_url("postgresql://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert database_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "x"\nDATABASE_URL = "sqlite:///{tmp_path / "config.sqlite"}"\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    app = create_app(questionnaires=str(mini_dir))
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("config.sqlite")
    _close(app)
    monkeypatch.setenv("VTHSCAN_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    monkeypatch.setenv("VTHSCAN_SESSION_COOKIE_SECURE", "true")
    app = create_app(questionnaires=str(mini_dir))
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-vthscan_session"
    assert (tmp_path / "env.sqlite").exists()
    _close(app)


def _close(app):
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()
