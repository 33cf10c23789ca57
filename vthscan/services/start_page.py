"""What the start page shows a signed-in user: what waits for them, and what was signed off lately.

Only reads. What a user may see is decided in access.py (`visible_clause`, `access_for`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..domain.completeness import Completeness
from ..domain.wording import CONCEPT, IN_REVIEW, SIGNED_OFF
from ..extensions import db
from ..models import Assessment, User
from .access import MANAGING_ROLES, may_sign_off, visible_clause
from .assessments import overview
from .plan_progress import OverdueAction, overdue_for

RECENT = 5   # signed-off assessments on the start page


@dataclass(frozen=True)
class Waiting:
    assessment: Assessment
    completeness: Completeness
    copied: int            # copied answers nobody confirmed yet


@dataclass(frozen=True)
class StartPage:
    concepts: list[Waiting]            # concepts of the user's own organisations
    reviews: list[Assessment]          # in review, and this user may sign them off
    recently_signed_off: list[Assessment]
    overdue: list[OverdueAction]       # plan van aanpak actions of this user past their due date

    @property
    def waits(self) -> bool:
        return bool(self.concepts or self.reviews or self.overdue)


def _not_archived(query):
    return query.where(Assessment.archived_at.is_(None)).order_by(Assessment.updated_at.desc(), Assessment.id.desc())


def start_page(user: User, today: date) -> StartPage:
    own = [m.organisation_id for m in user.memberships]
    managed = [m.organisation_id for m in user.memberships if m.role in MANAGING_ROLES]
    concepts = db.session.scalars(_not_archived(select(Assessment).where(
        Assessment.organisation_id.in_(own), Assessment.status == CONCEPT)))
    reviews = db.session.scalars(_not_archived(select(Assessment).where(
        Assessment.organisation_id.in_(managed), Assessment.status == IN_REVIEW)))
    signed = db.session.scalars(select(Assessment).where(visible_clause(user), Assessment.status == SIGNED_OFF)
                                .order_by(Assessment.signed_off_at.desc(), Assessment.id.desc()).limit(RECENT))
    return StartPage(
        concepts=[_waiting(a) for a in concepts],
        reviews=[a for a in reviews if may_sign_off(user, a)],
        recently_signed_off=list(signed),
        overdue=overdue_for(user, today))


def _waiting(assessment: Assessment) -> Waiting:
    progress = overview(assessment)
    return Waiting(assessment, progress.completeness, progress.copied)
