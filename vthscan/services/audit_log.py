"""The audit log of one assessment as people read it: the question's text instead of its id, local
time, filters by person, event and pillar, pages of 50, and a CSV export of what the filters select.

Reading the page only reads; the CSV download is a write service (`write`): it is audited, as every
download is. Who may read the log is decided in access.py (Access.can_manage).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select

from ..domain.questionnaire import Questionnaire
from ..domain.wording import AUDIT_EVENT_LABELS, local_timestamp
from ..extensions import db
from ..models import Assessment, AuditLog, User
from ..report.exports import Sheet, to_csv
from .audit import ANSWER_ACTIONS, audit
from .questionnaires import questionnaire_for
from .transaction import write
from .workflow import person

PAGE_SIZE = 50


@dataclass(frozen=True)
class LogFilter:
    person: int | None = None    # a user id
    event: str | None = None     # an action code
    pillar: str | None = None    # a pillar id: the answers of its questions
    page: int = 1


@dataclass(frozen=True)
class LogRow:
    at: str              # local time, '12-03-2026 15:05:09'
    person: str
    event: str           # the action code; the page shows its label
    pillar: str          # of an answer's question, else ""
    subject: str         # the question's text for an answer, else the entry's subject
    question_id: str     # of an answer, else ""
    old: str
    new: str


@dataclass(frozen=True)
class LogPage:
    rows: list[LogRow]
    filters: LogFilter
    page: int
    pages: int
    total: int
    people: list[tuple[int, str]]          # who appears in this log
    events: list[str]                      # which actions appear in it
    pillars: list[tuple[str, str]]         # (id, title) of the assessment's pillars


def _questions(questionnaire: Questionnaire) -> dict[str, tuple[str, str]]:
    """question id -> (pillar id, question text)."""
    return {qid: (pillar.id, question.text) for qid, (pillar, _criterion, question) in questionnaire.questions.items()}


def _filtered(assessment: Assessment, filters: LogFilter, questionnaire: Questionnaire):
    query = select(AuditLog).where(AuditLog.assessment_id == assessment.id)
    if filters.person is not None:
        query = query.where(AuditLog.user_id == filters.person)
    if filters.event:
        query = query.where(AuditLog.action == filters.event)
    if filters.pillar:
        ids = [qid for qid, (pillar, _text) in _questions(questionnaire).items() if pillar == filters.pillar]
        query = query.where(AuditLog.action.in_(ANSWER_ACTIONS), AuditLog.subject.in_(ids))
    return query


def _row(entry: AuditLog, questions: dict[str, tuple[str, str]]) -> LogRow:
    found = questions.get(entry.subject) if entry.action in ANSWER_ACTIONS else None
    pillar, subject = found if found else ("", entry.subject)
    return LogRow(at=local_timestamp(entry.at), person=person(entry.user) if entry.user else "(systeem)",
                  event=entry.action, pillar=pillar, subject=subject,
                  question_id=entry.subject if found else "", old=entry.old, new=entry.new)


def audit_log_page(assessment: Assessment, filters: LogFilter) -> LogPage:
    """One page (50 entries, newest first) of the entries the filters select."""
    questionnaire = questionnaire_for(assessment)
    query = _filtered(assessment, filters, questionnaire)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(filters.page, 1), pages)
    entries = db.session.scalars(query.order_by(AuditLog.at.desc(), AuditLog.id.desc())
                                 .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    questions = _questions(questionnaire)
    mine = select(AuditLog).where(AuditLog.assessment_id == assessment.id).subquery()
    people = db.session.scalars(select(User).where(User.id.in_(select(mine.c.user_id))).order_by(User.email))
    events = set(db.session.scalars(select(mine.c.action).distinct()))
    return LogPage(rows=[_row(entry, questions) for entry in entries], filters=filters, page=page, pages=pages,
                   total=total, people=[(user.id, person(user)) for user in people],
                   events=[code for code in AUDIT_EVENT_LABELS if code in events] + sorted(events - set(AUDIT_EVENT_LABELS)),
                   pillars=[(p.id, p.title) for p in questionnaire.pillars_for(assessment.organisation.kind)])


@write
def audit_log_csv(user: User, assessment: Assessment, filters: LogFilter) -> str:
    """Every entry the filters select as CSV (no paging), formula-safe like the other exports; audited."""
    questionnaire = questionnaire_for(assessment)
    questions = _questions(questionnaire)
    entries = db.session.scalars(_filtered(assessment, filters, questionnaire)
                                 .order_by(AuditLog.at.desc(), AuditLog.id.desc()))
    rows = [[row.at, row.person, AUDIT_EVENT_LABELS.get(row.event, row.event), row.pillar, row.question_id,
             row.subject, row.old, row.new] for row in (_row(entry, questions) for entry in entries)]
    audit(user, "exported", assessment, subject="logboek csv")
    return to_csv(Sheet("Logboek", ["Wanneer (Nederlandse tijd)", "Wie", "Wat", "Pijler", "Vraag-id", "Onderwerp",
                                    "Oud", "Nieuw"], rows))
