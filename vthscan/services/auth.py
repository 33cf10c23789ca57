"""Who someone is: logging in and out, passwords and sessions.

Write services (`write`) audit and commit; a refused login is recorded by `audit.refusal`, which
commits it on its own, because the refusal raises. The login brakes themselves are in security.py.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import User
from .audit import audit, audit_subject, refusal
from .errors import LoginLocked, LoginThrottled, ServiceError, WrongPassword
from .passwords import MAX_LENGTH, common_password
from .security import LOGIN, LOGIN_FAILED, LOGIN_LOCKED, login_locked_until, login_throttled
from .transaction import write


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def password_problem(password: str, email: str = "") -> str | None:
    """Length (PASSWORD_MIN_LENGTH to 128, no composition rules) and the offline list of common passwords."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return f"Het wachtwoord moet minstens {minimum} tekens hebben."
    if len(password) > MAX_LENGTH:
        return f"Het wachtwoord mag hoogstens {MAX_LENGTH} tekens hebben."
    if common_password(password, email):
        return ("Dit wachtwoord is te makkelijk te raden: het staat op de lijst van veelgebruikte wachtwoorden "
                "of lijkt op uw e-mailadres. Kies bijvoorbeeld een zin van een paar woorden.")
    return None


@write
def authenticate(email: str, password: str, ip: str | None = None) -> User | None:
    """The active user with this e-mail address and password, logged in (audited), or None.

    LoginThrottled when the client address `ip` had too many failed logins (security.login_throttled);
    LoginLocked when the e-mail address is locked (security.login_locked_until), also by this attempt.
    Every attempt that gets past the address brake does the same work whatever the reason it fails
    (wrong password, no such account, a blocked account, a locked address): one lookup, one check of a
    password hash of the configured method (the one made at start for the app when there is no usable
    account) and the same audit entries. Neither the answer nor its time tells whether an account exists.
    """
    if login_throttled(ip):
        refusal(None, "login_throttled", subject=email)
        raise LoginThrottled()
    address = email.strip().lower()
    subject = audit_subject(address)
    locked_until = login_locked_until(subject)
    user = db.session.scalar(select(User).where(User.email == address))
    usable = user is not None and user.is_active and locked_until is None
    stored_hash = user.password_hash if usable else current_app.extensions["vthscan"]["dummy_password_hash"]
    if check_password_hash(stored_hash, password) and usable:  # the check runs in every case
        audit(user, LOGIN, subject=user.email)  # also ends the count of failed logins
        return user
    if locked_until is not None:
        refusal(None, LOGIN_LOCKED, subject=subject)
        raise LoginLocked(locked_until)
    refusal(None, LOGIN_FAILED, subject=subject)
    locked_until = login_locked_until(subject)
    if locked_until is not None:
        refusal(None, "account_locked", subject=subject)
        raise LoginLocked(locked_until)
    return None


def user_for_session(login_id: str) -> User | None:
    """The user named in a session cookie ("id:session version"), only while that version is current."""
    user_id, _sep, version = login_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def end_sessions(user: User) -> None:
    """Make every session cookie of this user invalid (logout, password change, deactivation)."""
    user.session_version += 1


@write
def log_out(user: User) -> None:
    end_sessions(user)
    audit(user, "logout")


@write
def change_password(user: User, old: str, new: str) -> None:
    if not check_password_hash(user.password_hash, old):
        raise WrongPassword("Het huidige wachtwoord klopt niet.")
    problem = password_problem(new, user.email)
    if problem:
        raise ServiceError(problem)
    user.password_hash = hash_password(new)
    end_sessions(user)
    audit(user, "password_changed")
