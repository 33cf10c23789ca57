"""Answers copied from the previous period: confirming all of one pillar's at once.

A copied answer stays marked until someone confirms or changes it, and an assessment with marked
answers cannot be submitted. Confirming them one by one on the pillar page is the careful way; this
is the quick one for a pillar whose answers still hold. It is a write service (`write`): one new
version of the assessment, one audit entry per confirmed answer.
"""

from __future__ import annotations

from ..domain.wording import CONCEPT
from ..models import Assessment, User, utcnow
from .answers import bump_version, describe_answer, to_domain
from .audit import audit
from .errors import NotVisible, ServiceError, StaleSave
from .questionnaires import questionnaire_for
from .transaction import write


@write
def confirm_copied_answers(user: User, assessment: Assessment, loaded_version: int, pillar_id: str) -> int:
    """Confirm every copied answer of the pillar; how many. Refuses a stale page (StaleSave)."""
    if assessment.status != CONCEPT:
        raise ServiceError("Deze beoordeling is niet meer in concept en kan niet worden gewijzigd.")
    questionnaire = questionnaire_for(assessment)
    pillar = next((p for p in questionnaire.pillars_for(assessment.organisation.kind) if p.id == pillar_id), None)
    if pillar is None:
        raise NotVisible()
    if assessment.version != loaded_version:
        raise StaleSave(assessment)
    question_ids = {q.id for c in pillar.criteria for q in c.questions}
    rows = [row for row in assessment.answers if row.is_copied and row.question_id in question_ids]
    if not rows:
        return 0
    bump_version(assessment, loaded_version)
    now = utcnow()
    for row in sorted(rows, key=lambda r: r.question_id):
        row.is_copied = False
        row.updated_at, row.updated_by_id = now, user.id
        audit(user, "answer_confirmed", assessment, subject=row.question_id,
              new=describe_answer(questionnaire, row.question_id, to_domain(row)))
    return len(rows)
