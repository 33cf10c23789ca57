"""Schema changes go through migrations (Flask-Migrate/Alembic) that run on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect, text

from vthscan.app import create_app
from vthscan.commands import main
from vthscan.extensions import db

from .conftest import Factory, make_app
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


def test_the_newest_migration_named_in_the_app_is_the_head_of_the_migrations():
    """The start skips Alembic for a database at NEWEST_MIGRATION: a new migration must update it."""
    from alembic.script import ScriptDirectory

    from vthscan.app import MIGRATIONS, NEWEST_MIGRATION
    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == NEWEST_MIGRATION


LEAN_START = """
import sys
from vthscan.app import create_app
create_app({config!r}, instance_path={instance!r}, pages=False)
print(sorted(name for name in ("alembic", "flask_migrate", "flask_babel", "flask_login", "flask_wtf")
             if name in sys.modules))
"""


def test_an_app_without_pages_on_an_up_to_date_database_imports_no_migrations_and_no_web_extensions(
        tmp_path, mini_dir):
    """`vthscan report --assessment ID` starts such an app: Alembic and the pages' extensions cost time."""
    app = migrated_app(tmp_path, mini_dir)
    config = {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
              "QUESTIONNAIRES_DIR": str(mini_dir), "DATABASE_SETUP": "migrate"}
    code = LEAN_START.format(config=config, instance=str(tmp_path / "instance"))
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_an_app_without_pages_still_upgrades_a_database_that_is_behind(tmp_path, mini_dir):
    from flask_migrate import downgrade

    from vthscan.app import MIGRATIONS, NEWEST_MIGRATION, schema_revisions
    app = migrated_app(tmp_path, mini_dir)
    with app.app_context():
        downgrade(directory=str(MIGRATIONS), revision="0004")
        assert schema_revisions() == ["0004"]
        db.engine.dispose()
    lean = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "QUESTIONNAIRES_DIR": str(mini_dir), "DATABASE_SETUP": "migrate"},
                      instance_path=str(tmp_path / "instance"), pages=False)
    with lean.app_context():
        assert schema_revisions() == [NEWEST_MIGRATION]
        assert "owner_view" in inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_upgrade_is_repeatable_and_keeps_data(tmp_path, mini_dir):
    app = migrated_app(tmp_path, mini_dir)
    from vthscan.services import accounts
    with app.app_context():
        accounts.create_organisation("OD Blijft", "omgevingsdienst")
        db.session.commit()
    again = migrated_app(tmp_path, mini_dir)  # a second start upgrades nothing and loses nothing
    with again.app_context():
        assert accounts.organisation_by_name("OD Blijft").kind == "omgevingsdienst"


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


def _at_first_migration(app):
    """Take the database back to the schema of the first migration."""
    from flask_migrate import downgrade

    from vthscan.app import FIRST_MIGRATION, MIGRATIONS
    with app.app_context():
        downgrade(directory=str(MIGRATIONS), revision=FIRST_MIGRATION)
        db.engine.dispose()


def test_database_at_the_first_migration_without_history_is_adopted_and_upgraded(tmp_path, mini_dir):
    """A database made by an older vthscan without migrations has the first migration's schema."""
    _at_first_migration(migrated_app(tmp_path, mini_dir))
    with make_app(tmp_path, mini_dir, DATABASE_SETUP="none").app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("INSERT INTO organisation (name, kind, created_at) "
                                "VALUES ('OD Oud', 'omgevingsdienst', '2026-01-01')"))
    app = migrated_app(tmp_path, mini_dir)
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
        assert connection.execute(text("SELECT name FROM organisation")).scalar_one() == "OD Oud"


def test_upgrade_to_one_successor_and_submitters_keeps_every_assessment(tmp_path, mini_dir):
    """Parallel reopens made two drafts of one signed-off assessment before the unique index existed:
    both stay, the older one stays its successor. The submitter comes from the audit log."""
    from flask_migrate import upgrade

    from vthscan.app import MIGRATIONS
    from vthscan.models import Assessment
    app = migrated_app(tmp_path, mini_dir)
    factory = Factory(app)
    org = factory.org()
    invuller, coordinator = factory.user(org, "invuller"), factory.user(org, "coordinator")
    signed = factory.signed_off(org, "2025", coordinator, submitter=invuller)
    _at_first_migration(app)
    counts = "SELECT (SELECT COUNT(*) FROM answer), (SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM \"user\")"
    with app.app_context():
        with db.engine.begin() as connection:
            before = tuple(connection.execute(text(counts)).one())
            assert before[0] == 7 and before[1] > 5  # the downgrade kept the answers and the audit log too
            for name in ("Eerste heropening", "Tweede heropening"):
                connection.execute(text(
                    "INSERT INTO assessment (organisation_id, definition_id, period, name, status, version, "
                    "review_comment, previous_id, created_at, updated_at) SELECT organisation_id, definition_id, "
                    "period, :name, 'concept', 1, '', id, created_at, updated_at FROM assessment WHERE id = :id"),
                    {"name": name, "id": signed.id})
        upgrade(directory=str(MIGRATIONS))
        with db.engine.connect() as connection:
            assert tuple(connection.execute(text(counts)).one()) == before  # the rebuilt table cascaded nothing
        rows = db.session.execute(db.select(Assessment.name, Assessment.previous_id, Assessment.submitted_by_id)
                                  .order_by(Assessment.id)).all()
        db.session.remove()
        db.engine.dispose()
    assert rows == [("Beoordeling 2025", None, invuller.id), ("Eerste heropening", signed.id, None),
                    ("Tweede heropening", None, None)]


def test_upgrade_to_one_open_assessment_archives_the_extra_ones_and_keeps_free_text_periods(tmp_path, mini_dir):
    """Before the rule an organisation could have two open assessments of one period, and any period text:
    the one changed last stays open, the other is archived (still readable); periods stay as typed."""
    from flask_migrate import downgrade, upgrade

    from vthscan.app import MIGRATIONS
    from vthscan.models import Assessment
    app = migrated_app(tmp_path, mini_dir)
    factory = Factory(app)
    org = factory.org()
    first = factory.assessment(org, "2026")
    with app.app_context():
        downgrade(directory=str(MIGRATIONS), revision="0002")
        with db.engine.begin() as connection:
            for name, period, updated in (("Tweede", "2026", "2030-01-01"), ("Vrij", "volgend jaar", "2026-01-01")):
                connection.execute(text(
                    "INSERT INTO assessment (organisation_id, definition_id, period, name, status, version, "
                    "review_comment, created_at, updated_at) SELECT organisation_id, definition_id, :period, :name, "
                    "'concept', 1, '', created_at, :updated FROM assessment WHERE id = :id"),
                    {"name": name, "period": period, "updated": updated, "id": first.id})
        upgrade(directory=str(MIGRATIONS))
        rows = db.session.execute(db.select(Assessment.name, Assessment.period, Assessment.archived_at.is_not(None))
                                  .order_by(Assessment.id)).all()
        db.session.remove()
        db.engine.dispose()
    assert rows == [("Beoordeling 2026", "2026", True), ("Tweede", "2026", False), ("Vrij", "volgend jaar", False)]
