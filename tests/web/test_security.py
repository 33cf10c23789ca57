"""Hardening (OWASP ASVS L2 where it applies): password rules, no user enumeration, login throttling per
address in the database, session rotation at login, secure cookies and HSTS behind HTTPS, headers on
error pages, upload limits and the audit trail of logins and permission changes."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from vthscan.commands import main
from vthscan.extensions import db
from vthscan.models import AuditLog, Organisation
from vthscan.services import accounts, auth
from vthscan.services.errors import ServiceError
from vthscan.services.passwords import common_password

from .conftest import PASSWORD, login, make_app


def _actions(app) -> list[tuple[str, str, str | None]]:
    with app.app_context():
        return [(e.action, e.subject, e.ip) for e in db.session.scalars(select(AuditLog).order_by(AuditLog.id))]


# --- passwords ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["wachtwoord123", "Welkom2026!", "P@ssw0rd", "qwertyuiop", "aaaaaaaaaaaa",
                                      "Password2026", "1234567890"])
def test_common_passwords_are_refused(password):
    assert common_password(password)


@pytest.mark.parametrize("password", [PASSWORD, "een nieuw lang wachtwoord", "Tr0mp3t-Vl1nder", "lange rij woorden zonder hoofdletters"])
def test_ordinary_passphrases_are_allowed(password):
    assert not common_password(password)


def test_own_email_address_is_refused():
    assert common_password("jan.jansen@example.nl", "Jan.Jansen@example.nl")
    assert common_password("jan.jansen2026", "jan.jansen@example.nl")


def test_length_rules_without_composition_rules(app, factory):
    org = factory.org()
    with app.app_context():
        organisation = db.session.get(Organisation, org.id)
        with pytest.raises(ServiceError, match="minstens 10 tekens"):
            accounts.create_user("kort@example.nl", "kort", organisation, "lezer")
        with pytest.raises(ServiceError, match="hoogstens 128 tekens"):
            accounts.create_user("lang@example.nl", "woord " * 22, organisation, "lezer")
        # a long passphrase of plain lower-case words is fine: no composition rules
        passphrase = "de fiets staat achter het gemeentehuis naast de oude lindeboom bij het water"
        assert len(passphrase) > 64
        assert accounts.create_user("zin@example.nl", passphrase, organisation, "lezer").email == "zin@example.nl"
        db.session.commit()


def test_common_password_refused_in_admin_member_password_change_and_cli(app, client, factory, tmp_path, mini_dir,
                                                                        monkeypatch):
    org = factory.org()
    admin = factory.user(org, "beheerder")
    login(client, admin)
    page = client.post("/beheer/gebruikers", data={
        "user-email": "nieuw@example.nl", "user-password": "welkom2026", "user-organisation": org.id,
        "user-role": "lezer"}).get_data(as_text=True)
    assert "te makkelijk te raden" in page
    page = client.post(f"/organisaties/{org.id}/leden", data={
        "email": "lid@example.nl", "role": "lezer", "password": "wachtwoord123"}).get_data(as_text=True)
    assert "te makkelijk te raden" in page
    page = client.post("/wachtwoord", data={"current": PASSWORD, "new": "Password2026!",
                                            "repeat": "Password2026!"}).get_data(as_text=True)
    assert "te makkelijk te raden" in page

    instance = tmp_path / "cli"
    instance.mkdir()
    (instance / "config.py").write_text('SECRET_KEY = "x"\nPASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"\n',
                                        encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    runner = CliRunner()
    assert runner.invoke(main, ["--questionnaires", str(mini_dir), "org", "create", "--name", "OD",
                                "--kind", "omgevingsdienst"]).exit_code == 0
    result = runner.invoke(main, ["--questionnaires", str(mini_dir), "user", "create", "--email", "a@b.nl",
                                  "--password", "qwerty123456", "--org", "OD", "--role", "lezer"])
    assert result.exit_code == 1 and "te makkelijk te raden" in result.output
    # without --password the command asks for it twice, hidden (not in the shell history)
    result = runner.invoke(main, ["--questionnaires", str(mini_dir), "user", "create", "--email", "a@b.nl",
                                  "--org", "OD", "--role", "lezer"],
                           input="een goede wachtzin\neen goede wachtzin\n")
    assert result.exit_code == 0, result.output
    assert "een goede wachtzin" not in result.output


# --- login ----------------------------------------------------------------------------------------------

def test_unknown_user_and_wrong_password_get_the_same_answer_and_the_same_work(app, factory, monkeypatch):
    user = factory.user()
    calls = []
    real = auth.check_password_hash
    monkeypatch.setattr(auth, "check_password_hash", lambda *args: calls.append(args) or real(*args))
    wrong = login(app.test_client(), user, "verkeerd wachtwoord")
    unknown = login(app.test_client(), "niemand@example.nl", "verkeerd wachtwoord")
    assert wrong.status_code == unknown.status_code == 200
    def page(response, email):
        return re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True).replace(email, "E"))

    assert page(wrong, user.email) == page(unknown, "niemand@example.nl")
    assert len(calls) == 2  # one password hash checked in either case (a dummy one for the unknown user)
    assert calls[0][0].split("$")[0] == calls[1][0].split("$")[0]  # with the same method and cost


def test_login_is_throttled_per_address_across_workers(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir, LOGIN_MAX_FAILURES_PER_IP=3)
    from .conftest import Factory
    user = Factory(app).user()
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    for number in range(3):  # password spraying: a different account each time
        assert login(attacker, f"iemand{number}@example.nl", "wachtwoord123").status_code == 200
    # a second worker process on the same database refuses this address too, even the right password
    other_worker = make_app(tmp_path, mini_dir, LOGIN_MAX_FAILURES_PER_IP=3).test_client()
    other_worker.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    response = login(other_worker, user)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "900"
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)
    # another address is not affected
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert login(elsewhere, user).status_code == 302
    assert ("login_throttled", user.email, "203.0.113.9") in _actions(app)


def test_session_is_renewed_at_login(client, factory):
    user = factory.user()
    client.get("/inloggen")
    with client.session_transaction() as session:
        session["geplant"] = "door een aanvaller"  # session fixation: contents from before the login
    before = client.get_cookie("vthscan_session").value
    assert login(client, user).status_code == 302
    with client.session_transaction() as session:
        assert "geplant" not in session
        assert session["_user_id"].startswith(f"{user.id}:")
    assert client.get_cookie("vthscan_session").value != before


def test_audit_log_records_logins_logouts_password_and_permission_changes(app, client, factory):
    org = factory.org()
    admin = factory.user(org, "beheerder")
    other = factory.user(factory.org(), "lezer")
    login(client, "onbekend@example.nl\u2028vervalst: regel", "fout wachtwoord")  # CR LF: refused by the form
    login(client, admin)
    client.post(f"/beheer/gebruikers/{other.id}/lidmaatschap", data={"member-organisation": org.id,
                                                                    "member-role": "invuller"})
    client.post(f"/beheer/gebruikers/{other.id}/actief")
    client.post("/wachtwoord", data={"current": PASSWORD, "new": "een nieuw lang wachtwoord",
                                     "repeat": "een nieuw lang wachtwoord"})
    client.post("/uitloggen")
    actions = _actions(app)
    names = [action for action, _subject, _ip in actions]
    for expected in ("login_failed", "login", "membership_set", "user_deactivated", "password_changed", "logout"):
        assert expected in names, expected
    failed = next(subject for action, subject, _ip in actions if action == "login_failed")
    assert "\u2028" not in failed  # a typed name cannot forge a second log line
    assert all(ip == "127.0.0.1" for action, _s, ip in actions if action in ("login", "login_failed", "logout"))


# --- cookies, headers, limits -------------------------------------------------------------------------------

def test_behind_https_the_cookie_is_secure_host_prefixed_and_hsts_is_sent(tmp_path, mini_dir):
    app = make_app(tmp_path, mini_dir, SESSION_COOKIE_SECURE=True)
    from .conftest import Factory
    user = Factory(app).user()
    client = app.test_client()
    response = login(client, user)
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("__Host-"))
    assert cookie.startswith("__Host-vthscan_session=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in cookie
    assert "Domain" not in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_hsts_on_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/inloggen").headers


def test_headers_on_500_and_413_pages(tmp_path, mini_dir, factory):
    app = make_app(tmp_path, mini_dir, PROPAGATE_EXCEPTIONS=False)

    def boom():
        raise RuntimeError("kapot")

    app.add_url_rule("/kapot", "boom", boom)
    response = app.test_client().get("/kapot")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.get_data(as_text=True) and "kapot" not in response.get_data(as_text=True)
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert header in response.headers, header


def test_upload_over_2_mb_gets_a_dutch_413_page(client, factory):
    org = factory.org()
    login(client, factory.user(org))
    big = io.BytesIO(b"{" + b" " * (2 * 1024 * 1024 + 10) + b"}")
    # encoded here, in memory: the test client would spool it to a temporary file nobody closes
    boundary, body = encode_multipart(MultiDict({"organisation": str(org.id), "file": FileStorage(big, "groot.json")}))
    response = client.post("/beoordelingen/importeren", data=body,
                           content_type=f'multipart/form-data; boundary="{boundary}"')
    assert response.status_code == 413
    text = response.get_data(as_text=True)
    assert "Het bestand is te groot" in text and "hoogstens 2 MB" in text
    assert "Content-Security-Policy" in response.headers


def test_behind_a_proxy_the_forwarded_address_is_logged(tmp_path, mini_dir):
    from .conftest import Factory
    app = make_app(tmp_path, mini_dir, PROXY_COUNT=1)
    user = Factory(app).user()
    client = app.test_client()
    response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD},
                           headers={"X-Forwarded-For": "192.0.2.44", "X-Forwarded-Proto": "https"})
    assert response.status_code == 302
    assert ("login", user.email, "192.0.2.44") in _actions(app)
