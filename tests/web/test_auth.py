"""Login, logout that really ends the session, password change, expiry, CSRF and security headers."""

from __future__ import annotations

import time

import pytest

from vthscan.extensions import db
from vthscan.models import User
from vthscan.services import accounts

from .conftest import PASSWORD, csrf_token, login


def test_anonymous_users_are_sent_to_login(client, factory):
    assessment = factory.assessment()
    for url in ["/", f"/beoordelingen/{assessment.id}", "/beoordelingen/nieuw", "/beheer/organisaties",
                "/wachtwoord"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/inloggen" in response.headers["Location"]


def test_login_with_wrong_password_says_so_in_dutch(client, factory):
    user = factory.user()
    response = login(client, user, "verkeerd wachtwoord")
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
    assert login(client, "niemand@example.nl").status_code == 200


def test_login_and_logout(client, factory):
    user = factory.user()
    assert login(client, user).headers["Location"] == "/"
    assert client.get("/").status_code == 200
    response = client.post("/uitloggen")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_logout_is_post_only(client, factory):
    login(client, factory.user())
    assert client.get("/uitloggen").status_code == 405


def test_cookie_copied_before_logout_no_longer_works(app, factory):
    user = factory.user()
    client = app.test_client()
    login(client, user)
    stolen = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert client.post("/uitloggen").status_code == 302

    attacker = app.test_client()
    attacker.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen)
    response = attacker.get("/")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_password_change_ends_other_sessions_and_keeps_this_one(app, factory):
    user = factory.user()
    mine, other = app.test_client(), app.test_client()
    login(mine, user)
    login(other, user)
    response = mine.post("/wachtwoord", data={"current": PASSWORD, "new": "een nieuw lang wachtwoord",
                                              "repeat": "een nieuw lang wachtwoord"})
    assert response.status_code == 302
    assert mine.get("/").status_code == 200
    assert other.get("/").status_code == 302
    fresh = app.test_client()
    assert login(fresh, user, PASSWORD).status_code == 200  # old password refused
    assert login(fresh, user, "een nieuw lang wachtwoord").status_code == 302


def test_password_change_checks_current_and_length(client, factory):
    user = factory.user()
    login(client, user)
    response = client.post("/wachtwoord", data={"current": "fout", "new": "een nieuw lang wachtwoord",
                                                "repeat": "een nieuw lang wachtwoord"})
    assert "Het huidige wachtwoord klopt niet." in response.get_data(as_text=True)
    response = client.post("/wachtwoord", data={"current": PASSWORD, "new": "kort", "repeat": "kort"})
    assert "minstens 10 tekens" in response.get_data(as_text=True)


@pytest.mark.parametrize("key", ["seen_at", "login_at"])
def test_idle_and_absolute_expiry(client, factory, app, key):
    login(client, factory.user())
    limit = app.config["SESSION_IDLE_TIMEOUT" if key == "seen_at" else "SESSION_ABSOLUTE_TIMEOUT"]
    with client.session_transaction() as session:
        session[key] = time.time() - limit.total_seconds() - 5
    response = client.get("/")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]
    assert client.get("/").status_code == 302  # and the session stays ended


def test_deactivated_user_loses_session(app, client, factory):
    user = factory.user()
    admin = factory.user(role="beheerder")
    login(client, user)
    with app.app_context():
        accounts.set_user_active(db.session.get(User, user.id), False, db.session.get(User, admin.id))
        db.session.commit()
    assert client.get("/").status_code == 302
    assert login(app.test_client(), user).status_code == 200


def test_missing_csrf_token_gives_a_clear_dutch_page(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/inloggen", data={"email": "a@b.nl", "password": "x"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Het formulier is verlopen of niet geldig" in text
    assert "Traceback" not in text


def test_wrong_csrf_token_is_refused_and_right_one_works(csrf_app):
    from .conftest import Factory
    user = Factory(csrf_app).user()
    client = csrf_app.test_client()
    token = csrf_token(client.get("/inloggen").get_data(as_text=True))
    bad = client.post("/inloggen", data={"email": user.email, "password": PASSWORD, "csrf_token": "x" + token})
    assert bad.status_code == 400
    good = client.post("/inloggen", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert good.status_code == 302
    # logged in: a state-changing POST without token is refused as well
    assert client.post("/uitloggen").status_code == 400


@pytest.mark.parametrize("url", ["/inloggen", "/bestaat-niet", "/static/vthscan.css"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    response.close()


def test_session_cookie_is_httponly(client, factory):
    response = login(client, factory.user())
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_error_pages_are_dutch_and_plain(client, factory):
    login(client, factory.user())
    response = client.get("/beoordelingen/9999")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_english_is_available(client, factory):
    response = client.post("/taal", data={"lang": "en"})
    assert response.status_code == 302
    page = client.get("/inloggen").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "<h1>Log in</h1>" in page and "E-mail address" in page
    login(client, factory.user())
    assert "Assessments" in client.get("/").get_data(as_text=True)
    client.post("/taal", data={"lang": "nl"})
    assert "Beoordelingen" in client.get("/").get_data(as_text=True)

