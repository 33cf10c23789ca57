"""The audit log: who did what, when, to which organisation or assessment, from which address.

`audit` adds an entry to the caller's transaction (a write service, which commits it with its change).
A refusal is kept although the request fails: `refusal` and `access_denied` roll back whatever the
request did, write the entry and commit it on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import has_request_context, request
from sqlalchemy import select

from ..extensions import db
from ..models import Assessment, AuditLog, Organisation, User

ANSWER_ACTIONS = ("answer", "answer_confirmed")


def audit(user: User | None, action: str, assessment: Assessment | None = None, subject: str = "",
          old: str = "", new: str = "", organisation: Organisation | None = None) -> None:
    """Add an audit entry (UTC time, who, which organisation/assessment, the client's address).

    The organisation is the assessment's; `organisation` names it for an entry without an assessment.
    """
    if assessment is not None:
        organisation_id = assessment.organisation_id
    else:
        organisation_id = organisation.id if organisation is not None else None
    db.session.add(AuditLog(
        user_id=user.id if user is not None else None,
        organisation_id=organisation_id,
        assessment_id=assessment.id if assessment is not None else None,
        assessment_version=assessment.version if assessment is not None else None,
        action=action, subject=audit_subject(subject), old=old, new=new,
        ip=(request.remote_addr or "")[:45] or None if has_request_context() else None))


def audit_subject(text: str) -> str:
    """The subject as the audit log stores it: it may be typed by anyone (a login name), so without
    line breaks or control characters."""
    return "".join(c if c.isprintable() else " " for c in text)[:200]


def refusal(user: User | None, action: str, subject: str = "") -> None:
    """Record a refused request and commit at once, with nothing else of the request."""
    db.session.rollback()
    audit(user, action, subject=subject)
    db.session.commit()


def access_denied(user: User | None, subject: str) -> None:
    """Record that `user` asked for something they may not see (the NotVisible error's subject)."""
    refusal(user, "access_denied", subject)


def audit_entries(assessment: Assessment) -> list[AuditLog]:
    return list(db.session.scalars(select(AuditLog).where(AuditLog.assessment_id == assessment.id)
                                   .order_by(AuditLog.at.desc(), AuditLog.id.desc())))


def answer_changes_since(assessment: Assessment, version: int, question_ids: Iterable[str]) -> list[AuditLog]:
    """The changes to these answers after `version`: what a stale save shows. Never other entries of
    the audit log (logins, grants, downloads, other pages), which the one saving may not read."""
    return list(db.session.scalars(select(AuditLog).where(
        AuditLog.assessment_id == assessment.id, AuditLog.assessment_version > version,
        AuditLog.action.in_(ANSWER_ACTIONS), AuditLog.subject.in_(list(question_ids)))
        .order_by(AuditLog.id)))
