"""Fixtures for the web tests: an app on a fresh SQLite file per test, the mini questionnaire, and
factories with sensible defaults. Nothing is shared between tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vthscan import services
from vthscan.app import create_app
from vthscan.extensions import db

DATA = Path(__file__).resolve().parent.parent / "data"
REAL_QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"
PASSWORD = "correct horse battery"


def make_app(tmp_path, questionnaires_dir, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}",
        "QUESTIONNAIRES_DIR": str(questionnaires_dir),
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    return create_app(config, instance_path=str(tmp_path / "instance"))


@pytest.fixture
def mini_dir(tmp_path):
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "mini.yaml").write_text((DATA / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture
def app(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def csrf_app(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir, WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Factory:
    """Create organisations, users and assessments with sensible defaults."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    def org(self, name=None, kind="omgevingsdienst", participant_of=None):
        self.count += 1
        organisation = services.create_organisation(name or f"Organisatie {self.count}", kind, participant_of)
        db.session.commit()
        return organisation

    def user(self, org=None, role="coordinator", email=None):
        self.count += 1
        org = org or self.org()
        user = services.create_user(email or f"user{self.count}@example.nl", PASSWORD, org, role)
        db.session.commit()
        return user

    def assessment(self, org=None, period="2026", user=None, copy_previous=False):
        org = org or self.org()
        questionnaire = services.catalog().get("mini")
        return services.start_assessment(user, org, questionnaire, period, f"Beoordeling {period}", copy_previous)

    def complete(self, assessment, user=None):
        """Answer every question of the assessment's organisation kind."""
        from vthscan.domain.answers import Answer
        questionnaire = services.questionnaire_for(assessment)
        values = {"a1_ja": True, "a1_schaal": 3, "a2_keuze": "goed", "a2_norm": 2, "a2_tekst": "Tekst",
                  "b1_lineair": 30, "b1_banden": 95, "g1_ja": True}
        answers = {q.id: Answer(value=values[q.id])
                   for p in questionnaire.pillars_for(assessment.organisation.kind)
                   for c in p.criteria for q in c.questions}
        user = user or self.user(assessment.organisation)
        services.save_answers(user, assessment, assessment.version, answers)
        return assessment

    def signed_off(self, org=None, period="2025", coordinator=None):
        org = org or self.org()
        coordinator = coordinator or self.user(org, "coordinator")
        assessment = self.complete(self.assessment(org, period, coordinator), coordinator)
        services.submit_for_review(coordinator, assessment, assessment.version)
        services.sign_off(coordinator, assessment, assessment.version)
        return assessment


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
