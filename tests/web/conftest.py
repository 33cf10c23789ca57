"""Fixtures for the web tests: an app on a fresh SQLite file per test, the mini questionnaire, and
factories with sensible defaults. Nothing is shared between tests.

With VTHSCAN_TEST_DATABASE_URL set (a PostgreSQL URL, see .ci/with-postgres) the apps use that
database instead: one fresh schema per test session, emptied after every test and dropped at the end.
"""

from __future__ import annotations

import gc
import os
import re
import secrets
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from vthscan.app import create_app
from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, Organisation, User
from vthscan.services import accounts, assessments, questionnaires, workflow
from vthscan.services.answers import save_answers

DATA = Path(__file__).resolve().parent.parent / "data"
REAL_QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"
PASSWORD = "correct horse battery"

# Never let a developer's production setting leak into the tests.
os.environ.pop("VTHSCAN_DATABASE_URL", None)
TEST_DATABASE_URL = os.environ.get("VTHSCAN_TEST_DATABASE_URL")
_apps = []  # the apps made during the current test; their pooled connections are closed after it
_engines = []  # every engine of the session (also of module-scoped apps), disposed at the end
_schemas: dict[str, str] = {}  # database location (tmp_path) -> PostgreSQL schema
_admin_engine = []


def test_database_url(tmp_path) -> str:
    """The database for apps made with this tmp_path: a SQLite file in it, or on PostgreSQL a schema of
    its own (so apps of one test share their database, as they would share the SQLite file)."""
    if not TEST_DATABASE_URL:
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    schema = _schemas.get(str(tmp_path))
    if schema is None:
        schema = _schemas[str(tmp_path)] = f"test_{os.getpid()}_{secrets.token_hex(6)}"
        if not _admin_engine:
            _admin_engine.append(sa.create_engine(TEST_DATABASE_URL, poolclass=sa.NullPool))
        with _admin_engine[0].begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    return f"{TEST_DATABASE_URL}{separator}options={quote(f'-csearch_path={schema}')}"


def _dispose_engines() -> bool:
    """Close pooled connections; True if some connection was still checked out."""
    busy = False
    while _apps:
        app = _apps.pop()
        with app.app_context():
            for engine in db.engines.values():
                busy = busy or engine.pool.checkedout() > 0
                engine.dispose()
    return busy


@pytest.fixture(autouse=True)
def _close_connections():
    yield
    if _dispose_engines() and TEST_DATABASE_URL:
        # A response a test never closed keeps its request's connection checked out; collect it here,
        # quietly, instead of letting psycopg's ResourceWarning surface in a later test.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()


@pytest.fixture(scope="session", autouse=True)
def _drop_test_schemas():
    yield
    _dispose_engines()
    for engine in _engines:
        engine.dispose()
    if _admin_engine:
        for schema in _schemas.values():
            with _admin_engine[0].begin() as connection:  # one at a time: each locks all its tables
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        _admin_engine[0].dispose()


def make_app(tmp_path, questionnaires_dir, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": test_database_url(tmp_path),
        "QUESTIONNAIRES_DIR": str(questionnaires_dir),
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": False,
        "DATABASE_SETUP": "create_all",  # tables straight from the models; test_migrations covers upgrades
    }
    config.update(overrides)
    app = create_app(config, instance_path=str(tmp_path / "instance"))
    _apps.append(app)
    with app.app_context():
        _engines.extend(db.engines.values())
    return app


@pytest.fixture
def mini_dir(tmp_path):
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "mini.yaml").write_text((DATA / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture
def app(tmp_path, mini_dir):
    """The app; no app context stays pushed, so every request gets a fresh session, as in production."""
    return make_app(tmp_path, mini_dir)


@pytest.fixture
def csrf_app(tmp_path, mini_dir):
    return make_app(tmp_path, mini_dir, WTF_CSRF_ENABLED=True)


@pytest.fixture
def client(app):
    return app.test_client()


def detached(obj):
    """Load the object's columns and detach it, so a test can read them outside the app context."""
    db.session.refresh(obj)
    db.session.expunge(obj)
    return obj


class Factory:
    """Create organisations, users and assessments with sensible defaults; each call has its own app
    context and returns a detached object whose columns can be read."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    def org(self, name=None, kind="omgevingsdienst", participant_of=None):
        self.count += 1
        with self.app.app_context():
            od = participant_of.name if hasattr(participant_of, "name") else participant_of
            organisation = accounts.create_organisation(name or f"Organisatie {self.count}", kind, od)
            db.session.commit()
            return detached(organisation)

    def user(self, org=None, role="coordinator", email=None):
        self.count += 1
        org = org or self.org()
        with self.app.app_context():
            user = accounts.create_user(email or f"user{self.count}@example.nl", PASSWORD,
                                        db.session.get(Organisation, org.id), role)
            db.session.commit()
            return detached(user)

    def assessment(self, org=None, period="2026", user=None, copy_previous=False, questionnaire="mini"):
        org = org or self.org()
        with self.app.app_context():
            assessment = assessments.start_assessment(
                db.session.get(User, user.id) if user else None, db.session.get(Organisation, org.id),
                questionnaires.catalog().get(questionnaire), period, f"Beoordeling {period}", copy_previous)
            return detached(assessment)

    def answer(self, assessment, user, answers):
        with self.app.app_context():
            current = db.session.get(Assessment, assessment.id)
            save_answers(db.session.get(User, user.id), current, current.version, answers)
            return detached(current)

    def complete(self, assessment, user):
        """Answer every question of the assessment's organisation kind."""
        with self.app.app_context():
            current = db.session.get(Assessment, assessment.id)
            questionnaire = questionnaires.questionnaire_for(current)
            kind = current.organisation.kind
        answers = {q.id: Answer(value=MINI_VALUES[q.id]) for p in questionnaire.pillars_for(kind)
                   for c in p.criteria for q in c.questions}
        return self.answer(assessment, user, answers)

    def transition(self, assessment, user, action, *args):
        with self.app.app_context():
            current = db.session.get(Assessment, assessment.id)
            getattr(workflow, action)(db.session.get(User, user.id), current, current.version, *args)
            return detached(current)

    def signed_off(self, org=None, period="2025", coordinator=None, submitter=None):
        """Filled in and submitted by `submitter` (by default a new invuller: four eyes), signed off by
        `coordinator`."""
        org = org or self.org()
        coordinator = coordinator or self.user(org, "coordinator")
        submitter = submitter or self.user(org, "invuller")
        assessment = self.complete(self.assessment(org, period, coordinator), submitter)
        self.transition(assessment, submitter, "submit_for_review")
        return self.transition(assessment, coordinator, "sign_off")

    def get(self, model, object_id):
        with self.app.app_context():
            obj = db.session.get(model, object_id)
            return detached(obj) if obj is not None else None


MINI_VALUES = {"a1_ja": True, "a1_schaal": 3, "a2_keuze": "goed", "a2_norm": 2, "a2_tekst": "Tekst",
               "b1_lineair": 30, "b1_banden": 95, "g1_ja": True}


@pytest.fixture
def factory(app):
    return Factory(app)


def login(client, user_or_email, password=PASSWORD):
    email = getattr(user_or_email, "email", user_or_email)
    return client.post("/inloggen", data={"email": email, "password": password})


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    if match is None:
        match = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no csrf token on the page"
    return match.group(1)
