"""Schema changes go through migrations (Flask-Migrate/Alembic) that run on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect, text

from vthscan.app import create_app
from vthscan.cli import main
from vthscan.extensions import db

from .conftest import make_app
from .conftest import test_database_url as database_url_for


def migrated_app(tmp_path, mini_dir):
    return make_app(tmp_path, mini_dir, DATABASE_SETUP="migrate")


def test_migrations_build_exactly_the_models_schema(tmp_path, mini_dir):
    """Fails when a model changes without a migration: add one with `flask db migrate` (see README)."""
    app = migrated_app(tmp_path, mini_dir)
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert context.get_current_revision() is not None
        assert compare_metadata(context, db.metadata) == []


def test_upgrade_is_repeatable_and_keeps_data(tmp_path, mini_dir):
    app = migrated_app(tmp_path, mini_dir)
    from vthscan import services
    with app.app_context():
        services.create_organisation("OD Blijft", "omgevingsdienst")
        db.session.commit()
    again = migrated_app(tmp_path, mini_dir)  # a second start upgrades nothing and loses nothing
    with again.app_context():
        assert services.organisation_by_name("OD Blijft").kind == "omgevingsdienst"


def test_database_made_before_migrations_is_adopted(tmp_path, mini_dir):
    old = make_app(tmp_path, mini_dir)  # tables from the models, no migration history
    with old.app_context(), db.engine.connect() as connection:
        assert "alembic_version" not in inspect(connection).get_table_names()
    app = migrated_app(tmp_path, mini_dir)
    with app.app_context(), db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() is not None
        assert connection.execute(text("SELECT COUNT(*) FROM organisation")).scalar_one() == 0


def test_db_upgrade_command(tmp_path, mini_dir, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "x"\nDATABASE_URL = {database_url_for(tmp_path)!r}\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    for _ in range(2):
        result = CliRunner().invoke(main, ["--questionnaires", str(mini_dir), "db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert "bijgewerkt" in result.output
    app = create_app(questionnaires=str(mini_dir))
    with app.app_context():
        with db.engine.connect() as connection:
            assert "assessment" in inspect(connection).get_table_names()
        db.engine.dispose()
