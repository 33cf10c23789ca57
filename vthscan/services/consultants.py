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


def consultancies_without_access(assessment: Assessment) -> list[Organisation]:
    """The adviesbureaus that may still be given access: those that have it are left out."""
    granted = {grant.organisation_id for grant in grants(assessment)}
    return [organisation for organisation in consultancies() if organisation.id not in granted]


def carry_over_grants(old: Assessment, new: Assessment) -> list[Organisation]:
    """Give the new version of a reopened assessment the grants of the old one (in the caller's
    transaction: the reopen); the bureaus that keep access."""
    kept = []
    for grant in grants(old):
        db.session.add(ConsultantGrant(assessment_id=new.id, organisation_id=grant.organisation_id,
                                       granted_by_id=grant.granted_by_id))
        kept.append(grant.organisation)
    return kept


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


def grant_of(assessment: Assessment, grant_id: int) -> ConsultantGrant:
    """A grant of this assessment; NotVisible for one of another assessment or none."""
    grant = db.session.get(ConsultantGrant, grant_id)
    if grant is None or grant.assessment_id != assessment.id:
        raise NotVisible()
    return grant


@write
def withdraw_consultant(user: User, assessment: Assessment, grant_id: int) -> None:
    grant = grant_of(assessment, grant_id)
    audit(user, "grant_withdrawn", assessment, subject=grant.organisation.name, old="toegang gegeven",
          new="toegang ingetrokken")
    db.session.delete(grant)
