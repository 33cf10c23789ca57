"""The workflow of an assessment: submit for review, send back, sign off (four eyes), reopen.

Every step is a write service (`write`): it checks the version the user saw, audits and commits; a
refused step keeps nothing. Who may take which step is decided in access.py (Access's flags).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain.completeness import completeness_text
from ..domain.limits import LONG_TEXT
from ..domain.wording import CONCEPT, IN_REVIEW, SIGNED_OFF, STATUS_LABELS, timestamp
from ..extensions import db
from ..models import Assessment, User, utcnow
from .access import may_sign_off
from .answers import bump_version
from .assessments import copy_answers, overview, score_summary
from .audit import audit
from .consultants import carry_over_grants
from .errors import Conflict, ServiceError, StaleSave, check_text
from .lifecycle import open_assessment, require_no_open_assessment
from .transaction import write


def _set_status(user: User | None, assessment: Assessment, status: str, loaded_version: int,
                comment: str = "", detail: str = "", **fields) -> None:
    old = assessment.status
    if assessment.version != loaded_version:
        raise StaleSave(assessment)
    bump_version(assessment, loaded_version)
    assessment.status = status
    for name, value in fields.items():
        setattr(assessment, name, value)
    audit(user, "status", assessment, subject=comment[:200], old=STATUS_LABELS[old],
          new=STATUS_LABELS[status] + (f": {comment}" if comment else "") + (f"; {detail}" if detail else ""))


def person(user: User | None) -> str:
    """Who someone is, for the audit log, the results page and the report: name and e-mail address."""
    if user is None:
        return "onbekend"
    return f"{user.name} ({user.email})" if user.name else user.email


def review_steps(assessment: Assessment) -> tuple[str, str]:
    """(who offered it for review and when, who signed it off and when): "Naam (e-mail) op
    12-03-2026 14:05 UTC", each "" when that step has not been taken (a concept has neither)."""
    submitted = signed_off = ""
    if assessment.status != CONCEPT and assessment.submitted_at is not None:
        submitted = f"{person(assessment.submitted_by)} op {timestamp(assessment.submitted_at)}"
    if assessment.status == SIGNED_OFF:
        signed_off = f"{person(assessment.signed_off_by)} op {timestamp(assessment.signed_off_at)}"
    return submitted, signed_off


def review_trail(assessment: Assessment) -> str:
    """Who offered the assessment for review and who signed it off, and when ("" for a concept)."""
    submitted, signed_off = review_steps(assessment)
    steps = [f"ingediend door {submitted}" if submitted else "", f"vastgesteld door {signed_off}" if signed_off else ""]
    return "; ".join(step for step in steps if step)


@write
def submit_for_review(user: User, assessment: Assessment, loaded_version: int) -> None:
    if assessment.status != CONCEPT:
        raise ServiceError("Alleen een concept kan ter review worden aangeboden.")
    progress = overview(assessment)
    if not progress.is_complete:
        raise ServiceError(f"Nog niet alle vragen zijn beantwoord: {completeness_text(progress.completeness)}.")
    if progress.copied:
        raise ServiceError(f"{progress.copied} overgenomen antwoorden zijn nog niet bevestigd of gewijzigd.")
    if progress.problems:
        raise ServiceError("Sommige antwoorden passen niet bij de vragenlijst: " + "; ".join(progress.problems))
    _set_status(user, assessment, IN_REVIEW, loaded_version, submitted_by_id=user.id, submitted_at=utcnow())


@write
def send_back(user: User, assessment: Assessment, loaded_version: int, comment: str) -> None:
    if assessment.status != IN_REVIEW:
        raise ServiceError("Alleen een beoordeling die ter review ligt, kan worden teruggestuurd.")
    if not comment.strip():
        raise ServiceError("Schrijf erbij waarom de beoordeling wordt teruggestuurd.")
    check_text("De reden", comment.strip(), LONG_TEXT)
    _set_status(user, assessment, CONCEPT, loaded_version, comment.strip(), review_comment=comment.strip())


@write
def sign_off(user: User, assessment: Assessment, loaded_version: int) -> None:
    if assessment.status != IN_REVIEW:
        raise ServiceError("Alleen een beoordeling die ter review ligt, kan worden vastgesteld.")
    if not may_sign_off(user, assessment):
        raise ServiceError("U heeft deze beoordeling zelf ter review aangeboden. Iemand anders moet hem "
                           "vaststellen: zo kijken er altijd twee mensen naar (vier-ogenprincipe).")
    _set_status(user, assessment, SIGNED_OFF, loaded_version,
                detail=f"ingediend door {person(assessment.submitted_by)}, vastgesteld door {person(user)}",
                signed_off_by_id=user.id, signed_off_at=utcnow(), review_comment="",
                score_summary=score_summary(assessment))


@write
def reopen(user: User | None, assessment: Assessment) -> Assessment:
    """A new concept version with the same answers; the signed-off one stays as it is."""
    if assessment.status != SIGNED_OFF:
        raise ServiceError("Alleen een vastgestelde beoordeling kan worden heropend.")
    newer = newer_version(assessment)
    if newer is not None:
        raise Conflict(f"Deze beoordeling is al heropend als beoordeling {newer.id}.")
    _require_no_other_open(assessment)
    new = Assessment(organisation=assessment.organisation, definition=assessment.definition,
                     period=assessment.period, name=assessment.name, previous=assessment)
    db.session.add(new)
    try:
        db.session.flush()
    except IntegrityError:  # a unique index: someone reopened it (or started one) at the same moment
        db.session.rollback()
        _require_no_other_open(assessment)
        raise Conflict("Iemand anders heeft deze beoordeling zojuist heropend. De nieuwe versie staat in "
                       "het overzicht.") from None
    copy_answers(assessment, new)
    audit(user, "reopened", assessment, new=f"nieuwe versie: beoordeling {new.id}")
    audit(user, "created", new, new=f"heropend uit beoordeling {assessment.id}")
    for organisation in carry_over_grants(assessment, new):
        audit(user, "grant", new, subject=organisation.name,
              new=f"toegang behouden uit beoordeling {assessment.id}")
    return new


def _require_no_other_open(assessment: Assessment) -> None:
    """The new version would be open: refused while the organisation has another open assessment of this
    questionnaire and period (its own new version is a Conflict, found by `newer_version` or the index)."""
    existing = open_assessment(assessment.organisation, assessment.questionnaire_id, assessment.period)
    if existing is not None and existing.previous_id != assessment.id:
        require_no_open_assessment(assessment.organisation, assessment.questionnaire_id, assessment.period)


def newer_version(assessment: Assessment) -> Assessment | None:
    return db.session.scalar(select(Assessment).where(Assessment.previous_id == assessment.id))
