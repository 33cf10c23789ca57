"""Logging in: every failed attempt does the same work, whether the address has an account, the account
is blocked or the address is locked; the lock after repeated failures is per typed address (also one
without an account) and says until when, so neither the lock nor its message reveals an account."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from vthscan.extensions import db
from vthscan.models import AuditLog, User

from .conftest import PASSWORD, login, make_app

WRONG = "verkeerd wachtwoord"
LOCKED = "Er is te vaak een verkeerd wachtwoord gegeven voor dit e-mailadres. Probeer het over 15 minuten opnieuw."


def _lock(app, email):
    client = app.test_client()
    for _attempt in range(app.config["LOGIN_MAX_FAILURES"]):
        login(client, email, WRONG)


def _page(response, email) -> str:
    html = response.get_data(as_text=True).replace(email, "ADRES")
    return re.sub(r'(name="csrf_token"[^>]*value=)"[^"]*"', r"\1", html)


def _age_failures(app, by: timedelta) -> None:
    """Pretend the failed logins happened `by` earlier."""
    with app.app_context():
        for entry in db.session.scalars(select(AuditLog)):
            entry.at -= by
        db.session.commit()


def test_every_failed_login_does_the_work_of_one_wrong_password(app, factory, monkeypatch):
    known, blocked, locked = factory.user(), factory.user(), factory.user()
    with app.app_context():
        db.session.get(User, blocked.id).is_active = False
        db.session.commit()
    _lock(app, locked.email)
    _lock(app, "slot@example.nl")

    hashes, statements = [], []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *args: hashes.append((args[0], args[3])) or real(*args))
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2].split()[0]))

    def work(email, password=WRONG):
        hashes.clear()
        statements.clear()
        response = login(app.test_client(), email, password)
        assert response.status_code in (200, 429)
        return list(hashes), list(statements), response.status_code

    wrong = work(known.email)
    assert wrong[0] == [("sha256", 1000)]  # one check of the configured method and cost; nothing generated
    assert work("niemand@example.nl") == wrong
    assert work(blocked.email) == wrong
    # a locked address answers the same whether it has an account, and even for the right password
    locked_work = work(locked.email)
    assert locked_work[0] == wrong[0] and locked_work[2] == 429
    assert work("slot@example.nl") == locked_work
    assert work(locked.email, PASSWORD) == locked_work


def test_five_failures_lock_an_address_and_the_message_says_until_when(app, factory):
    user = factory.user()
    pages = {}
    for email in (user.email, "niemand@example.nl"):
        client = app.test_client()
        for _attempt in range(app.config["LOGIN_MAX_FAILURES"] - 1):
            response = login(client, email, WRONG)
            assert response.status_code == 200
            assert "Het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
        fifth = login(client, email, WRONG)
        assert fifth.status_code == 429 and fifth.headers["Retry-After"] == "900"
        assert LOCKED in fifth.get_data(as_text=True)
        pages[email] = _page(fifth, email)
        # the real user, with the right password, learns why and until when
        during = login(client, email, PASSWORD)
        assert during.status_code == 429 and LOCKED in during.get_data(as_text=True)
    assert pages[user.email] == pages["niemand@example.nl"]  # the lock reveals nothing about the account

    _age_failures(app, timedelta(minutes=10))
    assert "Probeer het over 5 minuten opnieuw." in login(app.test_client(), user, PASSWORD).get_data(as_text=True)
    _age_failures(app, timedelta(minutes=4, seconds=30))
    assert "Probeer het over 1 minuut opnieuw." in login(app.test_client(), user, PASSWORD).get_data(as_text=True)
    _age_failures(app, timedelta(minutes=1))
    assert login(app.test_client(), user, PASSWORD).status_code == 302
    # after a lock, five new failures are needed for the next one
    assert login(app.test_client(), "niemand@example.nl", WRONG).status_code == 200
    with app.app_context():
        actions = [(e.action, e.subject) for e in db.session.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert ("account_locked", user.email) in actions and ("account_locked", "niemand@example.nl") in actions
    assert ("login_locked", user.email) in actions


def test_the_lock_counts_the_address_as_typed_in_any_case(app, factory):
    user = factory.user()
    client = app.test_client()
    for typed in (user.email.upper(), f" {user.email}", f"{user.email} ", user.email.title()):
        login(client, typed, WRONG)
    assert LOCKED in login(client, user.email, WRONG).get_data(as_text=True)


def test_a_successful_login_starts_the_count_again(app, factory):
    user = factory.user()
    client = app.test_client()
    for _attempt in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        login(client, user, WRONG)
    assert login(app.test_client(), user).status_code == 302
    assert login(client, user, WRONG).status_code == 200
    assert login(app.test_client(), user).status_code == 302


def test_attempts_during_a_lock_count_for_the_address_throttle(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir, LOGIN_MAX_FAILURES_PER_IP=7)
    client = app.test_client()
    _lock(app, "iemand@example.nl")
    for _attempt in range(2):
        assert login(client, "iemand@example.nl", WRONG).status_code == 429
    response = login(client, "iemand-anders@example.nl", WRONG)
    assert response.status_code == 429 and "Vanaf dit adres" in response.get_data(as_text=True)


@pytest.mark.parametrize("setting", [{"LOGIN_MAX_FAILURES": 3}, {"LOGIN_LOCK_TIME": timedelta(minutes=30)}])
def test_lock_settings_are_used(tmp_path, mini_dir, setting):
    app = make_app(tmp_path, mini_dir, **setting)
    _lock(app, "iemand@example.nl")
    response = login(app.test_client(), "iemand@example.nl", WRONG)
    minutes = int(app.config["LOGIN_LOCK_TIME"].total_seconds() // 60)
    assert f"Probeer het over {minutes} minuten opnieuw." in response.get_data(as_text=True)


def test_the_lock_message_speaks_english_too(app):
    client = app.test_client()
    assert client.post("/taal", data={"lang": "en"}).status_code == 302
    for _attempt in range(app.config["LOGIN_MAX_FAILURES"]):
        response = login(client, "iemand@example.nl", WRONG)
    assert "A wrong password was given too often for this e-mail address. Try again in 15 minutes." in (
        response.get_data(as_text=True))
