"""Database models (SQLAlchemy 2.0, typed). Business rules live in services.py, not here.

Only the rules for typed text are checked here as well, as a last line of defence (TEXT_RULES).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from .domain.limits import (
    ACTION_TEXT,
    DESCRIPTION,
    EMAIL,
    EVIDENCE,
    LONG_TEXT,
    NAME,
    PERIOD,
    REFERENCE,
    TextRule,
    text_problem,
)
from .domain.wording import CONCEPT, OPEN_STATUSES
from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# The rule of every column that holds typed text, per table (`vthscan import-all` checks them too).
# The services check first and say what is wrong in Dutch; a model refuses what slipped past them.
TEXT_RULES: dict[str, dict[str, TextRule]] = {
    "organisation": {"name": NAME},
    "user": {"email": EMAIL, "name": NAME},
    "assessment": {"period": PERIOD, "name": NAME, "review_comment": LONG_TEXT},
    # `value` is JSON: a text answer's string follows the long-text rule (choice ids are short)
    "answer": {"value": LONG_TEXT, "na_reason": LONG_TEXT, "comment": LONG_TEXT, "evidence": EVIDENCE},
    "threshold_profile_record": {"name": NAME, "description": DESCRIPTION},
    "plan": {"source_label": REFERENCE},
    "plan_action": {"number": REFERENCE, "text": ACTION_TEXT, "suggestion": REFERENCE, "reason": LONG_TEXT,
                    "evidence": EVIDENCE},
    "plan_note": {"author": REFERENCE, "text": LONG_TEXT},
}


def checked_text(table: str, column: str, value):
    """`value` if it is not a string or follows the column's rule; else ValueError('table.column ...')."""
    if isinstance(value, str):
        problem = text_problem(value, TEXT_RULES[table][column])
        if problem:
            raise ValueError(f"{table}.{column} {problem}")
    return value


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="organisation",
                                                         cascade="all, delete-orphan")

    @validates(*TEXT_RULES["organisation"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r} ({self.kind})>"


class Participation(db.Model):
    """A municipality or province (participant) that owns and gives work to an omgevingsdienst."""

    __table_args__ = (UniqueConstraint("omgevingsdienst_id", "participant_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    omgevingsdienst_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))

    omgevingsdienst: Mapped[Organisation] = relationship(foreign_keys=[omgevingsdienst_id])
    participant: Mapped[Organisation] = relationship(foreign_keys=[participant_id])

    def __repr__(self) -> str:
        return f"<Participation {self.participant_id} -> {self.omgevingsdienst_id}>"


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    # Part of the login id in the session cookie; raised at logout and password change so that
    # every earlier cookie of this user stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    is_active: Mapped[bool] = mapped_column(default=True)
    # No longer used: failed logins are counted per typed address in the audit log (services/security.py),
    # so that an address without an account is locked the same way. Kept so that backups made by
    # earlier versions still restore (a backup holds every column).
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @validates(*TEXT_RULES["user"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    # Flask-Login protocol
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_admin(self) -> bool:
        return any(m.role == "beheerder" for m in self.memberships)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class Membership(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organisation_id} {self.role}>"


class QuestionnaireDefinition(db.Model):
    """One questionnaire version as it was first used, stored once by fingerprint."""

    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<QuestionnaireDefinition {self.questionnaire_id} {self.version} {self.fingerprint[:8]}>"


# An assessment is open while it is a concept or in review, and not archived.
OPEN_ASSESSMENT = text(f"status IN {tuple(OPEN_STATUSES)!r} AND archived_at IS NULL")


class Assessment(db.Model):
    # One open assessment per organisation, questionnaire version and period (a partial unique index,
    # on SQLite and PostgreSQL alike); services/lifecycle.py checks it per questionnaire, across versions.
    __table_args__ = (Index("uq_assessment_open", "organisation_id", "definition_id", "period", unique=True,
                            sqlite_where=OPEN_ASSESSMENT, postgresql_where=OPEN_ASSESSMENT),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    definition_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_definition.id"))
    period: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=CONCEPT)
    # Raised on every saved change; forms carry it so a stale save is refused (lost-update check).
    version: Mapped[int] = mapped_column(default=1)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    # Who offered it for review, last: with four eyes (FOUR_EYES) someone else must sign it off.
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    signed_off_at: Mapped[datetime | None]
    # The signed-off version this one reopens. Unique: an assessment has at most one successor, also
    # when it is reopened twice at the same moment.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id", ondelete="SET NULL"),
                                                    unique=True, index=True)
    # {"score": float | None, "pillars": {pillar id: float | None}}, written at sign-off (filled in
    # lazily for older rows): a peer benchmark reads these instead of scoring hundreds of assessments.
    score_summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Archived: hidden from the lists unless asked for, still readable, still in trends and comparisons.
    archived_at: Mapped[datetime | None]
    archived_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    definition: Mapped[QuestionnaireDefinition] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])
    archived_by: Mapped[User | None] = relationship(foreign_keys=[archived_by_id])
    previous: Mapped[Assessment | None] = relationship(remote_side=[id])
    answers: Mapped[list[Answer]] = relationship(back_populates="assessment", cascade="all, delete-orphan")

    @validates(*TEXT_RULES["assessment"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    @property
    def questionnaire_id(self) -> str:
        return self.definition.questionnaire_id

    @property
    def questionnaire_version(self) -> str:
        return self.definition.version

    def __repr__(self) -> str:
        return f"<Assessment {self.id} org={self.organisation_id} {self.period} {self.status} v{self.version}>"


class Answer(db.Model):
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    na: Mapped[bool] = mapped_column(default=False)
    na_reason: Mapped[str | None] = mapped_column(Text)
    unknown: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    # Copied from the previous period and not yet confirmed or changed by anyone.
    is_copied: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    assessment: Mapped[Assessment] = relationship(back_populates="answers")

    @validates(*TEXT_RULES["answer"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    def __repr__(self) -> str:
        return f"<Answer {self.assessment_id}/{self.question_id}>"


class ConsultantGrant(db.Model):
    """An adviesbureau's access to one assessment, granted by the owner's coordinator."""

    __table_args__ = (UniqueConstraint("assessment_id", "organisation_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()

    def __repr__(self) -> str:
        return f"<ConsultantGrant assessment={self.assessment_id} org={self.organisation_id}>"


class AuditLog(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"),
                                                      index=True)
    assessment_version: Mapped[int | None]  # the assessment's version after this change
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200), default="")  # e.g. the question id
    # The client's address (through ProxyFix behind a proxy); failed logins per address are counted.
    ip: Mapped[str | None] = mapped_column(String(45), index=True)
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<AuditLog {self.id} {self.action} {self.subject}>"


class ThresholdProfileRecord(db.Model):
    """A threshold profile (normprofiel) made in the web app; `data` holds the vthscan.thresholds/1 structure."""

    __table_args__ = (UniqueConstraint("questionnaire_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(80), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()

    @validates(*TEXT_RULES["threshold_profile_record"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    def __repr__(self) -> str:
        return f"<ThresholdProfileRecord {self.id} {self.questionnaire_id} {self.name!r}>"


class PlanRecord(db.Model):
    """An organisation's plan van aanpak for one questionnaire; the domain's `Plan` (domain/plan.py).

    Made from a signed-off assessment (`assessment`), or imported from a plan file (then
    `source_label` names the assessment the file mentions). `definition` is the questionnaire version
    its criteria are checked against.
    """

    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("organisation_id", "questionnaire_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[str] = mapped_column(String(80))
    definition_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_definition.id"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id", ondelete="SET NULL"))
    source_label: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    definition: Mapped[QuestionnaireDefinition] = relationship()
    assessment: Mapped[Assessment | None] = relationship()
    actions: Mapped[list[PlanActionRecord]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanActionRecord.id")

    @validates(*TEXT_RULES["plan"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    def __repr__(self) -> str:
        return f"<PlanRecord {self.id} org={self.organisation_id} {self.questionnaire_id}>"


class PlanActionRecord(db.Model):
    """One action of a plan (the domain's `PlanAction`). The owner is a person (`owner_user`), a
    participating organisation (`owner_organisation`) or a party (only `owner_kind`)."""

    __tablename__ = "plan_action"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(254))  # the action's id in the plan (and its file)
    text: Mapped[str] = mapped_column(Text)
    criterion: Mapped[str | None] = mapped_column(String(80))
    origin: Mapped[str] = mapped_column(String(20))
    suggestion: Mapped[str | None] = mapped_column(String(254))
    owner_kind: Mapped[str | None] = mapped_column(String(20))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    owner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"),
                                                              index=True)
    start: Mapped[date | None]
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    improves: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Raised on every change; the edit form carries it so a stale edit is refused.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    plan: Mapped[PlanRecord] = relationship(back_populates="actions")
    owner_user: Mapped[User | None] = relationship()
    owner_organisation: Mapped[Organisation | None] = relationship()
    notes: Mapped[list[PlanNoteRecord]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="PlanNoteRecord.id")

    @validates(*TEXT_RULES["plan_action"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    def __repr__(self) -> str:
        return f"<PlanActionRecord {self.id} plan={self.plan_id} #{self.number} {self.status}>"


class PlanNoteRecord(db.Model):
    """A progress note of an action: who (their e-mail address as it was then), when (UTC), what."""

    __tablename__ = "plan_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(254))
    written_at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    action: Mapped[PlanActionRecord] = relationship(back_populates="notes")

    @validates(*TEXT_RULES["plan_note"])
    def _check_text(self, column: str, value):
        return checked_text(self.__tablename__, column, value)

    def __repr__(self) -> str:
        return f"<PlanNoteRecord {self.id} action={self.action_id}>"
