"""Sharing an assessment with an adviesbureau (ConsultantGrant), which may then see and fill it in.

Write services (`write`) audit and commit; reads never commit. Who may share is decided in access.py
(Access.can_manage).
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Assessment, ConsultantGrant, Organisation, User
from .audit import audit
from .errors import NotVisible, ServiceError
from .transaction import write


def consultancies() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.kind == "adviesbureau")
                                   .order_by(Organisation.name)))


def grants(assessment: Assessment) -> list[ConsultantGrant]:
    return list(db.session.scalars(select(ConsultantGrant).where(ConsultantGrant.assessment_id == assessment.id)))


@write
def grant_consultant(user: User, assessment: Assessment, organisation_id: int) -> ConsultantGrant:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != "adviesbureau":
        raise ServiceError("Kies een adviesbureau.")
    existing = db.session.scalar(select(ConsultantGrant).where(
        ConsultantGrant.assessment_id == assessment.id, ConsultantGrant.organisation_id == organisation.id))
    if existing is not None:
        return existing
    grant = ConsultantGrant(assessment_id=assessment.id, organisation=organisation, granted_by_id=user.id)
    db.session.add(grant)
    audit(user, "grant", assessment, subject=organisation.name, new="toegang gegeven")
    return grant


@write
def withdraw_consultant(user: User, assessment: Assessment, grant_id: int) -> None:
    grant = db.session.get(ConsultantGrant, grant_id)
    if grant is None or grant.assessment_id != assessment.id:
        raise NotVisible()
    audit(user, "grant_withdrawn", assessment, subject=grant.organisation.name, old="toegang gegeven",
          new="toegang ingetrokken")
    db.session.delete(grant)
