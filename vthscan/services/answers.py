"""The answers of an assessment: reading them as domain answers, describing them, and saving a page.

`save_answers` is a write service (`write`): it audits every change and commits; a stale or refused
save keeps nothing. `bump_version` is the optimistic lock every change of an assessment goes through.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update

from ..domain.answers import Answer as DomainAnswer
from ..domain.answers import answer_text, check_answer_texts, check_answers
from ..domain.questionnaire import Questionnaire
from ..domain.wording import CONCEPT
from ..extensions import db
from ..models import Answer, Assessment, User, utcnow
from .audit import answer_changes_since, audit
from .errors import ServiceError, StaleSave
from .questionnaires import questionnaire_for
from .transaction import write


def answers_of(assessment: Assessment) -> dict[str, DomainAnswer]:
    return {row.question_id: to_domain(row) for row in assessment.answers}


def copied_questions(assessment: Assessment) -> set[str]:
    return {row.question_id for row in assessment.answers if row.is_copied}


def to_domain(row: Answer) -> DomainAnswer:
    return DomainAnswer(value=row.value, na=row.na, na_reason=row.na_reason, unknown=row.unknown,
                        comment=row.comment or "", evidence=row.evidence or "")


def describe_answer(questionnaire: Questionnaire, question_id: str, answer: DomainAnswer | None) -> str:
    """An answer in words, for the audit log and the stale-save page."""
    if answer is None:
        return "(leeg)"
    if answer.is_open:
        text = "(geen antwoord)"
    else:
        text = answer_text(questionnaire, questionnaire.questions[question_id][2], answer)
        if answer.na:
            text += f" ({answer.na_reason})"
    if answer.comment:
        text += f"; toelichting: {answer.comment}"
    if answer.evidence:
        text += f"; onderbouwing: {answer.evidence}"
    return text


def bump_version(assessment: Assessment, loaded_version: int, question_ids: Iterable[str] = ()) -> None:
    """Raise the version, but only if nobody else did since `loaded_version` (checked in one UPDATE)."""
    result = db.session.execute(
        update(Assessment).where(Assessment.id == assessment.id, Assessment.version == loaded_version)
        .values(version=loaded_version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        db.session.refresh(assessment)
        raise StaleSave(assessment, answer_changes_since(assessment, loaded_version, question_ids))
    db.session.refresh(assessment)


@write
def save_answers(user: User, assessment: Assessment, loaded_version: int,
                 new_answers: dict[str, DomainAnswer], confirmed: set[str] = frozenset()) -> int:
    """Store the answers of one page; returns how many changed. Refuses a stale save (StaleSave)."""
    if assessment.status != CONCEPT:
        raise ServiceError("Deze beoordeling is niet meer in concept en kan niet worden gewijzigd.")
    if assessment.version != loaded_version:
        raise StaleSave(assessment, answer_changes_since(assessment, loaded_version, new_answers))
    questionnaire = questionnaire_for(assessment)
    problems = (check_answers(questionnaire, assessment.organisation.kind, new_answers)
                + check_answer_texts(questionnaire, new_answers))
    if problems:
        raise ServiceError("; ".join(problems))
    rows = {row.question_id: row for row in assessment.answers}
    changes = []
    for question_id, answer in new_answers.items():
        row = rows.get(question_id)
        old = to_domain(row) if row is not None else None
        if old == answer or (old is None and answer == DomainAnswer()):
            if row is not None and row.is_copied and question_id in confirmed:
                changes.append((question_id, row, old, answer, True))
            continue
        changes.append((question_id, row, old, answer, False))
    if not changes:
        return 0
    bump_version(assessment, loaded_version, new_answers)
    now = utcnow()
    for question_id, row, old, answer, only_confirmed in changes:
        if row is None:
            row = Answer(assessment=assessment, question_id=question_id)
            db.session.add(row)
        row.value, row.na, row.na_reason, row.unknown = answer.value, answer.na, answer.na_reason, answer.unknown
        row.comment, row.evidence = answer.comment, answer.evidence
        row.is_copied = False
        row.updated_at, row.updated_by_id = now, user.id
        if only_confirmed:
            audit(user, "answer_confirmed", assessment, subject=question_id,
                  new=describe_answer(questionnaire, question_id, answer))
        else:
            audit(user, "answer", assessment, subject=question_id,
                  old=describe_answer(questionnaire, question_id, old),
                  new=describe_answer(questionnaire, question_id, answer))
    return len(changes)
