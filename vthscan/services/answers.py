"""The answers of an assessment: reading them as domain answers, describing them, and saving a page.

`save_page` and `save_answers` are write services (`write`): they audit every change and commit; a
save with conflicts or a refused one keeps nothing. `bump_version` is the optimistic lock every change
of an assessment goes through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import update

from ..domain.answers import Answer as DomainAnswer
from ..domain.answers import answer_text, check_answer_texts, check_answers
from ..domain.merge import PARTS, AnswerEdit, fingerprints, merge
from ..domain.questionnaire import Questionnaire
from ..domain.wording import CONCEPT
from ..extensions import db
from ..models import Answer, Assessment, User, utcnow
from .audit import answer_changes_since, audit
from .errors import AnswerConflicts, ServiceError, StaleSave
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
    """Store answers given in full (an import, the demo); returns how many changed.

    Loaded at an older version, every answer that differs from the stored one is a conflict
    (AnswerConflicts): what changed meanwhile is never overwritten unseen.
    """
    return _store(user, assessment, loaded_version,
                  {question_id: AnswerEdit(answer) for question_id, answer in new_answers.items()}, confirmed)


@write
def save_page(user: User, assessment: Assessment, loaded_version: int, edits: dict[str, AnswerEdit],
              confirmed: set[str] = frozenset()) -> int:
    """Store the answers of one page, merged field by field with what others saved since the page was
    loaded; returns how many answers changed. Fields both changed: AnswerConflicts, nothing stored."""
    return _store(user, assessment, loaded_version, edits, confirmed)


def _store(user: User, assessment: Assessment, loaded_version: int, edits: dict[str, AnswerEdit],
           confirmed: set[str]) -> int:
    if assessment.status != CONCEPT:
        raise ServiceError("Deze beoordeling is niet meer in concept en kan niet worden gewijzigd.")
    questionnaire = questionnaire_for(assessment)
    rows = {row.question_id: row for row in assessment.answers}
    stored = {question_id: to_domain(rows[question_id]) if question_id in rows else DomainAnswer()
              for question_id in edits}
    merged = {question_id: merge(_with_loaded(edit, stored[question_id], loaded_version == assessment.version),
                                 stored[question_id])
              for question_id, edit in edits.items()}
    conflicts = {question_id: result.conflicts for question_id, result in merged.items() if result.conflicts}
    if conflicts:
        raise AnswerConflicts(conflicts, {q: result.shown for q, result in merged.items()}, stored)
    new_answers = {question_id: result.answer for question_id, result in merged.items()}
    problems = (check_answers(questionnaire, assessment.organisation.kind, new_answers)
                + check_answer_texts(questionnaire, new_answers))
    if problems:
        raise ServiceError("; ".join(problems))
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
    bump_version(assessment, assessment.version, new_answers)
    _write(user, assessment, questionnaire, changes)
    return len(changes)


def _with_loaded(edit: AnswerEdit, stored: DomainAnswer, loaded_is_current: bool) -> AnswerEdit:
    """The edit with what its page showed: as the form says, or, when it does not say and nothing
    changed since the page was loaded, what is stored."""
    if edit.loaded is None and loaded_is_current:
        return replace(edit, loaded=fingerprints(stored))
    return edit


def _write(user: User, assessment: Assessment, questionnaire: Questionnaire, changes: list) -> None:
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


@dataclass(frozen=True)
class FieldConflict:
    """One field of one question that the user and someone else both changed, for the page to show."""

    question_id: str
    question_text: str
    part: str                 # "answer", "comment" or "evidence"
    theirs: str               # the stored value, in words
    yours: str                # the user's value, in words
    by: User | None           # who stored it (None: unknown, e.g. copied from the previous period)
    at: datetime | None


def conflict_details(assessment: Assessment, conflicts: dict[str, tuple[str, ...]],
                     yours: dict[str, DomainAnswer]) -> list[FieldConflict]:
    """The conflicting fields with who stored their value and when, in the order of the questionnaire."""
    questionnaire = questionnaire_for(assessment)
    rows = {row.question_id: row for row in assessment.answers}
    details = []
    for question_id in (q for q in questionnaire.questions if q in conflicts):
        row = rows.get(question_id)
        theirs = to_domain(row) if row is not None else DomainAnswer()
        question = questionnaire.questions[question_id][2]
        for part in (p for p in PARTS if p in conflicts[question_id]):
            details.append(FieldConflict(
                question_id, question.text, part, _part_text(questionnaire, question, theirs, part),
                _part_text(questionnaire, question, yours.get(question_id, DomainAnswer()), part),
                db.session.get(User, row.updated_by_id) if row is not None and row.updated_by_id else None,
                row.updated_at if row is not None else None))
    return details


def _part_text(questionnaire: Questionnaire, question, answer: DomainAnswer, part: str) -> str:
    """One field of an answer in words; empty when there is nothing."""
    if part != "answer":
        return getattr(answer, part) or ""
    text = answer_text(questionnaire, question, answer)
    return f"{text} ({answer.na_reason})" if answer.na and answer.na_reason else text
