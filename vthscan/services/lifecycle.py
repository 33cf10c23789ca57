"""The life of an assessment around the workflow: the rules for a new one (its period, one open
assessment per organisation, questionnaire and period), deleting a concept that was never submitted,
and archiving.

Write services (`write`) audit and commit; reads never commit. Who may delete or archive is decided in
access.py (Access.can_manage); what state allows it is decided here.
"""

from __future__ import annotations

from sqlalchemy import select, update

from ..domain.periods import normalise_period, period_problem
from ..domain.wording import CONCEPT, OPEN_STATUSES, SIGNED_OFF, status_label
from ..extensions import db
from ..models import Assessment, AuditLog, Organisation, QuestionnaireDefinition, User, utcnow
from .audit import audit
from .errors import ServiceError
from .transaction import write

SUBMITTED = "ter review"   # how the audit log writes a submission (workflow._set_status)


def checked_period(text: str) -> str:
    """The period of a new assessment, normalised ('2026-h1' -> '2026-H1'); ServiceError when it breaks
    the rule (domain/periods.py)."""
    if not (text or "").strip():
        raise ServiceError("Vul een periode in, bijvoorbeeld 2026 of 2026-H1.")
    problem = period_problem(text)
    if problem:
        raise ServiceError(problem)
    return normalise_period(text)


def open_assessment(organisation: Organisation, questionnaire_id: str, period: str,
                    exclude: Assessment | None = None) -> Assessment | None:
    """The organisation's open assessment (concept or in review, not archived) of this questionnaire
    (any version) and period, if there is one."""
    query = (select(Assessment).join(QuestionnaireDefinition)
             .where(Assessment.organisation_id == organisation.id, Assessment.period == period,
                    QuestionnaireDefinition.questionnaire_id == questionnaire_id,
                    Assessment.status.in_(OPEN_STATUSES), Assessment.archived_at.is_(None)))
    if exclude is not None and exclude.id is not None:
        query = query.where(Assessment.id != exclude.id)
    return db.session.scalars(query.order_by(Assessment.id)).first()


def require_no_open_assessment(organisation: Organisation, questionnaire_id: str, period: str,
                               exclude: Assessment | None = None) -> None:
    """ServiceError naming the open assessment when there is one already (see `open_assessment`)."""
    existing = open_assessment(organisation, questionnaire_id, period, exclude)
    if existing is not None:
        raise ServiceError(
            f"{organisation.name} heeft voor periode {period} al een open beoordeling van deze vragenlijst: "
            f"'{existing.name}' ({status_label(existing.status)}, beoordeling {existing.id}). Werk daarin verder, "
            f"of stel die eerst vast of verwijder hem.")


def was_ever_submitted(assessment: Assessment) -> bool:
    """Whether it was ever offered for review (also before the submitter was recorded: the audit log)."""
    if assessment.submitted_at is not None:
        return True
    return db.session.scalar(select(AuditLog.id).where(
        AuditLog.assessment_id == assessment.id, AuditLog.action == "status",
        AuditLog.new.startswith(SUBMITTED)).limit(1)) is not None


def deletion_refusal(assessment: Assessment) -> str | None:
    """Why this assessment cannot be deleted, or None: only a concept that was never submitted can."""
    if assessment.status != CONCEPT:
        return "Alleen een concept kan worden verwijderd. Een vastgestelde beoordeling kunt u archiveren."
    if was_ever_submitted(assessment):
        return ("Deze beoordeling is al eens ter review aangeboden en blijft daarom bewaard. U kunt hem wel "
                "archiveren zodra hij is vastgesteld.")
    return None


@write
def delete_concept(user: User, assessment: Assessment) -> Organisation:
    """Delete a concept that was never submitted, with its answers and grants; returns its organisation.

    Its audit entries stay (detached from it), and the deletion itself is logged for the organisation.
    """
    refusal = deletion_refusal(assessment)
    if refusal:
        raise ServiceError(refusal)
    organisation = assessment.organisation
    description = (f"beoordeling {assessment.id}: {assessment.name} ({assessment.period}, "
                   f"{len(assessment.answers)} antwoorden)")
    db.session.execute(update(AuditLog).where(AuditLog.assessment_id == assessment.id)
                       .values(assessment_id=None).execution_options(synchronize_session=False))
    db.session.delete(assessment)
    db.session.flush()
    audit(user, "deleted", subject=description, old=description, new="verwijderd", organisation=organisation)
    return organisation


@write
def archive(user: User, assessment: Assessment) -> None:
    """Hide a signed-off assessment from the lists (it stays readable and in trends)."""
    if assessment.archived_at is not None:
        return
    if assessment.status != SIGNED_OFF:
        raise ServiceError("Alleen een vastgestelde beoordeling kan worden gearchiveerd. Een concept dat nooit "
                           "is ingediend, kunt u verwijderen.")
    assessment.archived_at, assessment.archived_by_id = utcnow(), user.id
    audit(user, "archived", assessment, new="gearchiveerd")


@write
def unarchive(user: User, assessment: Assessment) -> None:
    """Show an archived assessment in the lists again; an open one only while no other is open."""
    if assessment.archived_at is None:
        return
    if assessment.status in OPEN_STATUSES:
        require_no_open_assessment(assessment.organisation, assessment.questionnaire_id, assessment.period,
                                   exclude=assessment)
    assessment.archived_at, assessment.archived_by_id = None, None
    audit(user, "unarchived", assessment, old="gearchiveerd", new="niet meer gearchiveerd")
