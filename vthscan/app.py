"""The application factory."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event, make_url, text
from sqlalchemy.engine import Engine
from werkzeug.security import generate_password_hash

from .config import DefaultConfig
from .domain.catalog import load_catalog
from .extensions import db

PACKAGE_QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FIRST_MIGRATION = "0001"  # the schema as it was made with create_all before migrations existed
# The newest migration. A database already there needs no migration run, so a start does not import
# Alembic (about 0.1 s); tests/web/test_migrations.py checks that this is the head of MIGRATIONS.
NEWEST_MIGRATION = "0005"
# A new instance folder is its owner's only: it holds the secret key, the SQLite database and the
# charts kept on disk (an organisation's scores). One that exists keeps the mode its operator chose.
PRIVATE_FOLDER = 0o700


def create_app(test_config: dict | None = None, instance_path: str | None = None,
               questionnaires: str | None = None, pages: bool = True) -> Flask:
    """Build the app. Raises `LoadError` (located Dutch problems) when a questionnaire is broken.

    Without `test_config` the instance folder is created, with a generated SECRET_KEY in its
    config.py on first start. `pages=False` builds it for a command that uses only the database and
    the services: without the web pages and the dummy password hash of the login, which together
    cost about 0.15 s at every start, and the questionnaire folder is read when a service first asks
    for it (`services.questionnaires.catalog`; a report of an assessment uses the definition stored
    with it), so only then does a broken file raise `LoadError`.
    """
    app = Flask(__name__, instance_relative_config=True,
                instance_path=instance_path or os.environ.get("VTHSCAN_INSTANCE") or None,
                static_folder="web/static", template_folder="web/templates")
    app.config.from_object(DefaultConfig)
    if test_config is None:
        ensure_instance(app.instance_path)
        app.config.from_pyfile("config.py", silent=True)
        # Every setting can also come from the environment: VTHSCAN_<NAME> (JSON values are parsed,
        # so VTHSCAN_SESSION_COOKIE_SECURE=true is a boolean), e.g. VTHSCAN_DATABASE_URL.
        app.config.from_prefixed_env("VTHSCAN")
    else:
        app.config.from_mapping(test_config)
    if questionnaires:
        app.config["QUESTIONNAIRES_DIR"] = questionnaires
    configure_database(app)
    configure_cookies(app)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY ontbreekt: zet hem in instance/config.py (vthscan init doet dat).")

    if app.config.get("PROXY_COUNT"):
        # behind a reverse proxy: client address, scheme and host from its X-Forwarded-* headers
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    db.init_app(app)

    folder = questionnaires_folder(app.config.get("QUESTIONNAIRES_DIR"))
    app.extensions["vthscan"] = {
        "questionnaires_folder": folder,
        "definitions": {},  # fingerprint -> Questionnaire read back from the database
    }
    if pages:
        app.extensions["vthscan"]["catalog"] = load_catalog(folder)
        # Checked at a login without a usable account, so that it costs what a wrong password costs;
        # made once here, never during a login.
        app.extensions["vthscan"]["dummy_password_hash"] = generate_password_hash(
            secrets.token_urlsafe(16), method=app.config["PASSWORD_HASH_METHOD"])

        from .web import register_web
        register_web(app)
        attach_migrations(app)    # `vthscan db` and flask_migrate's functions find it on the app

    with app.app_context():
        from . import models  # noqa: F401  the tables must be known before the schema is checked
        setup = app.config.get("DATABASE_SETUP", "migrate")
        if setup == "migrate":
            upgrade_database()
        elif setup == "create_all":  # the tests: the tables straight from the models, which is much faster
            create_tables()
        # "none" (tests of the migrations themselves): the database is left as it is
    return app


def database_url(url: str) -> str:
    """The SQLAlchemy URL for a configured database URL; plain postgres URLs use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def configure_database(app: Flask) -> None:
    """DATABASE_URL (instance config or VTHSCAN_DATABASE_URL) or SQLALCHEMY_DATABASE_URI, else SQLite
    in the instance folder."""
    config = app.config
    url = config.get("DATABASE_URL") or config.get("SQLALCHEMY_DATABASE_URI")
    if not url:
        os.makedirs(app.instance_path, mode=PRIVATE_FOLDER, exist_ok=True)
        url = "sqlite:///" + os.path.join(app.instance_path, "vthscan.sqlite")
    config["SQLALCHEMY_DATABASE_URI"] = database_url(url)
    create_private_sqlite_file(config["SQLALCHEMY_DATABASE_URI"])
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    # A connection that died (database restarted, network gone) is replaced instead of failing a request.
    options.setdefault("pool_pre_ping", True)
    # A database error names the statement but not its values (password hashes, answers) in the log.
    options.setdefault("hide_parameters", True)
    config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def create_private_sqlite_file(url: str) -> None:
    """Create a new SQLite database file readable by its owner only, before SQLite opens it: SQLite
    gives the -wal and -shm files the mode of the database file. An existing file keeps its mode."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" \
            or parsed.database.startswith("file:"):
        return
    try:
        os.close(os.open(parsed.database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except (FileExistsError, FileNotFoundError):
        pass  # it exists already; or its folder does not, which SQLite reports when it opens the file


def configure_cookies(app: Flask) -> None:
    """Behind HTTPS (SESSION_COOKIE_SECURE) the default cookie name gets the __Host- prefix, which
    browsers only accept for Secure cookies without Domain on path /."""
    config = app.config
    if config.get("SESSION_COOKIE_SECURE") and config.get("SESSION_COOKIE_NAME") == DefaultConfig.SESSION_COOKIE_NAME:
        config["SESSION_COOKIE_NAME"] = "__Host-" + DefaultConfig.SESSION_COOKIE_NAME


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite: enforce foreign keys as PostgreSQL does; WAL and a busy timeout so that several
    worker processes can write to one file."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def attach_migrations(app: Flask) -> None:
    """Flask-Migrate on the app: the migration scripts and flask_migrate's functions use it."""
    from flask_migrate import Migrate

    if "migrate" not in app.extensions:
        Migrate(app, db, directory=str(MIGRATIONS))


def upgrade_database() -> None:
    """Bring the schema to the newest migration (`vthscan db upgrade`; also at every start).

    A database at the newest migration is left as it is after one query. Otherwise, on PostgreSQL
    under an advisory lock, so that several workers starting at once do not race. A database without
    migration history is adopted when its tables match: the models (it is marked as up to date) or
    the first migration (made by an older vthscan: marked as being there and upgraded).
    """
    if schema_revisions() == [NEWEST_MIGRATION]:
        return
    from alembic.migration import MigrationContext
    from flask_migrate import stamp, upgrade
    from sqlalchemy import inspect

    attach_migrations(current_app)
    with db.engine.connect() as lock:
        if db.engine.dialect.name == "postgresql":
            lock.execute(text("SELECT pg_advisory_lock(7468711)"))
        try:
            with db.engine.connect() as connection:
                tables = set(inspect(connection).get_table_names())
                context = MigrationContext.configure(connection)
                current = context.get_current_revision()
                adopt_at = _adoptable_revision(context, connection) if current is None and tables else None
            if current is None and "organisation" in tables:
                if adopt_at is None:
                    raise RuntimeError(
                        "De database heeft geen migratiegeschiedenis en wijkt af van het datamodel. Maak een "
                        "back-up (vthscan export-all), begin met een lege database en zet de back-up terug "
                        "(vthscan import-all).")
                stamp(directory=str(MIGRATIONS), revision=adopt_at)
            upgrade(directory=str(MIGRATIONS))
        finally:
            if db.engine.dialect.name == "postgresql":
                lock.execute(text("SELECT pg_advisory_unlock(7468711)"))
                lock.commit()


def schema_revisions() -> list[str]:
    """The migrations the database is at (Alembic's table; none for a new or unmigrated database)."""
    from sqlalchemy import inspect

    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return []
        return list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _adoptable_revision(context, connection) -> str | None:
    """The revision a database without migration history is at: "head" when it matches the models,
    the first migration when its tables and columns are those the first migration makes, else None."""
    from alembic.autogenerate import compare_metadata
    from sqlalchemy import inspect

    if not compare_metadata(context, db.metadata):
        return "head"
    inspector = inspect(connection)
    columns = {table: {column["name"] for column in inspector.get_columns(table)}
               for table in inspector.get_table_names()}
    return FIRST_MIGRATION if columns == _first_migration_columns() else None


def _first_migration_columns() -> dict[str, set[str]]:
    """Table -> column names as the first migration makes them, built in a scratch in-memory SQLite."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, inspect

    first = ScriptDirectory(str(MIGRATIONS)).get_revision(FIRST_MIGRATION)
    engine = create_engine("sqlite://")
    with engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
        first.module.upgrade()
        inspector = inspect(connection)
        columns = {table: {column["name"] for column in inspector.get_columns(table)}
                   for table in inspector.get_table_names()}
    engine.dispose()
    return columns


def create_tables() -> None:
    """Create missing tables; on PostgreSQL under an advisory lock, so that several workers starting
    at once do not race."""
    if db.engine.dialect.name != "postgresql":
        db.create_all()
        return
    with db.engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(7468711)"))
        db.metadata.create_all(connection)


def questionnaires_folder(configured: str | None) -> Path:
    """The configured folder, else $VTHSCAN_QUESTIONNAIRES, else ./questionnaires, else the shipped one."""
    if configured:
        return Path(configured)
    if os.environ.get("VTHSCAN_QUESTIONNAIRES"):
        return Path(os.environ["VTHSCAN_QUESTIONNAIRES"])
    if Path("questionnaires").is_dir():
        return Path("questionnaires")
    return PACKAGE_QUESTIONNAIRES


def ensure_instance(instance_path: str) -> Path:
    """Create the instance folder and its config.py with a fresh SECRET_KEY when they are missing."""
    folder = Path(instance_path)
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    config = folder / "config.py"
    if not config.exists():
        config.write_text(
            "# Generated by vthscan on first start. Keep this file secret; it is not in git.\n"
            f"SECRET_KEY = {secrets.token_hex(32)!r}\n", encoding="utf-8")
        config.chmod(0o600)
    return config
