"""Carrying answers to a new assessment, also across questionnaire versions.

"Start from last period" and `vthscan assessment migrate` carry the answers of one assessment into a
new one. When the versions differ, the migration file between them (questionnaires/migrations/) says
how; without one only the questions with the same id are carried. Carried answers are marked as
copied until someone confirms or changes them; each answer that could not be carried is written to
the audit log with its reason, and the overview lists them while the assessment is a concept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.limits import NAME_MAX
from ..domain.migration import CarriedAnswers, carry_answers
from ..domain.wording import CONCEPT
from ..extensions import db
from ..models import Answer, Assessment, AuditLog, User
from .answers import answers_of
from .audit import audit
from .errors import ServiceError
from .questionnaires import catalog, pin_definition, questionnaire_for
from .transaction import write

NOT_CARRIED = "answer_not_carried"   # the audit action of an answer that could not be carried


def carry_over(user: User | None, source: Assessment, target: Assessment) -> CarriedAnswers:
    """Add the answers of `source` that fit `target`, marked as copied; audit what was and was not carried.

    A helper of the write services that start an assessment: it adds and flushes, never commits.
    """
    old, new = questionnaire_for(source), questionnaire_for(target)
    migration = catalog().migration(old.id, old.version, new.version) if old.version != new.version else None
    result = carry_answers(old, new, target.organisation.kind, answers_of(source), migration)
    for question_id, answer in result.answers.items():
        db.session.add(Answer(assessment=target, question_id=question_id, value=answer.value, na=answer.na,
                              na_reason=answer.na_reason, unknown=answer.unknown, comment=answer.comment,
                              evidence=answer.evidence, is_copied=True))
    versions = f"versie {old.version}" if old.version == new.version else f"versie {old.version} → {new.version}"
    how = "" if old.version == new.version or migration else "; zonder migratiebestand: alleen dezelfde vragen"
    audit(user, "copied_from", target, subject=f"beoordeling {source.id}",
          new=f"{len(result.answers)} antwoorden overgenomen uit {source.name} ({source.period}, {versions}); "
              f"{len(result.not_carried)} niet overgenomen{how}")
    for item in result.not_carried:
        audit(user, NOT_CARRIED, target, subject=item.question_id, old=item.question_text, new=item.reason)
    db.session.flush()
    return result


@write
def migrate_assessment(user: User | None, assessment: Assessment, version: str) -> tuple[Assessment, CarriedAnswers]:
    """A new concept assessment on another version of the questionnaire, with the answers carried over.

    The assessment itself stays as it is (a signed-off one keeps reading and scoring the same).
    """
    current = questionnaire_for(assessment)
    target = catalog().get(current.id, version)
    if target is None:
        known = ", ".join(sorted(v for (qid, v) in catalog().questionnaires if qid == current.id)) or "geen"
        raise ServiceError(f"Versie {version} van vragenlijst {current.id} is niet gevonden (beschikbaar: {known}).")
    if target.version == current.version:
        raise ServiceError(f"Beoordeling {assessment.id} gebruikt al versie {version} van {current.id}.")
    if not target.pillars_for(assessment.organisation.kind):
        raise ServiceError(f"Versie {version} van {current.id} heeft geen vragen voor een "
                           f"{assessment.organisation.kind}.")
    suffix = f" (versie {target.version})"
    new = Assessment(organisation=assessment.organisation, definition=pin_definition(target),
                     period=assessment.period, name=assessment.name[:NAME_MAX - len(suffix)] + suffix)
    db.session.add(new)
    db.session.flush()
    audit(user, "created", new, new=f"{target.id} versie {target.version}, periode {new.period}, "
                                    f"gemaakt uit beoordeling {assessment.id} (versie {current.version})")
    result = carry_over(user, assessment, new)
    audit(user, "migrated", assessment, new=f"nieuwe beoordeling {new.id} met versie {target.version}")
    return new, result


@dataclass(frozen=True)
class NotCarriedRow:
    question_id: str
    question_text: str
    reason: str


def not_carried(assessment: Assessment) -> list[NotCarriedRow]:
    """The answers that could not be carried into this concept assessment; none once it is submitted."""
    if assessment.status != CONCEPT:
        return []
    entries = db.session.scalars(select(AuditLog).where(
        AuditLog.assessment_id == assessment.id, AuditLog.action == NOT_CARRIED).order_by(AuditLog.id))
    return [NotCarriedRow(entry.subject, entry.old or "", entry.new or "") for entry in entries]
