"""Login throttling per client address, kept in the database so that it holds across worker processes.

The per-account lock (User.failed_logins/locked_until) stops guessing one account's password; this
stops one address from trying one password on many accounts (password spraying). Failed logins are
already in the audit log with their address, so counting them there needs no table of its own.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import AuditLog, utcnow

LOGIN_FAILED = "login_failed"


def login_throttled(ip: str | None) -> bool:
    """True when this address had LOGIN_MAX_FAILURES_PER_IP failed logins within LOGIN_IP_WINDOW."""
    if not ip:
        return False
    config = current_app.config
    since = utcnow() - config["LOGIN_IP_WINDOW"]
    failures = db.session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.ip == ip[:45], AuditLog.action == LOGIN_FAILED, AuditLog.at >= since))
    return failures >= config["LOGIN_MAX_FAILURES_PER_IP"]
