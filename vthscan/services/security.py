"""Login brakes kept in the database (the audit log), so that they hold across worker processes.

Two brakes, both counted from the audit log's failed logins, which already record the typed address
and the client's address:
- per typed e-mail address (`login_locked_until`): stops guessing one account's password. It counts
  an address without an account exactly like one with, so the lock tells nothing about accounts;
- per client address (`login_throttled`): stops one address from trying one password on many
  accounts (password spraying).
Both only read; the failed logins are written (and committed) by `auth.authenticate`.
"""

from __future__ import annotations

from datetime import datetime
from itertools import takewhile

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import AuditLog, utcnow

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_LOCKED = "login_locked"  # an attempt refused, unchecked, because its address was locked


def login_throttled(ip: str | None) -> bool:
    """True when this address had LOGIN_MAX_FAILURES_PER_IP failed logins within LOGIN_IP_WINDOW."""
    if not ip:
        return False
    config = current_app.config
    since = utcnow() - config["LOGIN_IP_WINDOW"]
    failures = db.session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.ip == ip[:45], AuditLog.action.in_((LOGIN_FAILED, LOGIN_LOCKED)), AuditLog.at >= since))
    return failures >= config["LOGIN_MAX_FAILURES_PER_IP"]


def login_locked_until(login_subject: str) -> datetime | None:
    """Until when (UTC) logins for this address are refused; None when they are not.

    LOGIN_MAX_FAILURES failed logins for the address within LOGIN_LOCK_TIME, without a successful login
    after them, lock it for LOGIN_LOCK_TIME from the last failure. Attempts during the lock are logged
    as LOGIN_LOCKED, not as failures, so they do not extend it, and after it five new failures are
    needed. `login_subject` is the address as the audit log stores it.
    """
    config = current_app.config
    window, limit = config["LOGIN_LOCK_TIME"], config["LOGIN_MAX_FAILURES"]
    now = utcnow()
    recent = db.session.execute(
        select(AuditLog.action, AuditLog.at)
        .where(AuditLog.subject == login_subject, AuditLog.action.in_((LOGIN, LOGIN_FAILED)),
               AuditLog.at > now - 2 * window)
        .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)).all()
    failures = list(takewhile(lambda row: row.action == LOGIN_FAILED, recent))
    if len(failures) < limit:
        return None
    last, first = failures[0].at, failures[-1].at
    if last - first >= window or last + window <= now:
        return None
    return last + window
