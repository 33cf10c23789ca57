"""The peer benchmark: where an assessment stands among the signed-off ones of the same questionnaire,
period and kind of organisation, without naming them.

It reads the score summaries stored at sign-off, in one query. Rows signed off before summaries were
stored are scored once (their answers in one query) and their summaries stored by `store_summaries`,
a write service (`write`: it commits); everything else here only reads.
"""

from __future__ import annotations

from sqlalchemy import select, update

from ..domain.answers import AnswersError
from ..domain.comparison import Benchmark, Summary, peer_benchmark, summary_of
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import score
from ..domain.wording import SIGNED_OFF
from ..extensions import db
from ..models import Assessment, Organisation, QuestionnaireDefinition
from .assessments import summary_data
from .comparison import Candidate, answers_for, candidate_query, to_compared
from .questionnaires import questionnaire_for
from .transaction import write


def _summary(data: dict | None) -> Summary | None:
    if not data:
        return None
    return Summary(data.get("score"), dict(data.get("pillars") or {}))


def peer_benchmark_for(assessment: Assessment) -> Benchmark | None:
    """Where this assessment stands among its peers; None with fewer than 5 other organisations.

    Summaries missing from the database (the assessment's own, its peers') are computed and stored.
    """
    own = _summary(assessment.score_summary)
    computed: dict[int, dict] = {}
    if own is None:
        try:
            result = score(questionnaire_for(assessment), answers_for([assessment.id])[assessment.id],
                           assessment.organisation.kind)
        except AnswersError:
            return None
        own = summary_of(result)
        if assessment.status == SIGNED_OFF:
            computed[assessment.id] = summary_data(own)
    latest = _latest_peers(assessment)
    missing = [assessment_id for assessment_id, data in latest.values() if not data]
    computed |= score_summaries(missing) if missing else {}
    if computed:
        store_summaries(computed)
    peers = [_summary(data or computed.get(assessment_id)) for assessment_id, data in latest.values()]
    return peer_benchmark(own, [p for p in peers if p is not None])


def _latest_peers(assessment: Assessment) -> dict[int, tuple[int, dict | None]]:
    """Per other organisation of the same kind: its last signed-off assessment of this questionnaire
    and period, as (id, stored summary)."""
    rows = db.session.execute(
        select(Assessment.id, Assessment.organisation_id, Assessment.score_summary)
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .join(QuestionnaireDefinition, QuestionnaireDefinition.id == Assessment.definition_id)
        .where(Assessment.status == SIGNED_OFF, Assessment.period == assessment.period,
               QuestionnaireDefinition.questionnaire_id == assessment.questionnaire_id,
               Organisation.kind == assessment.organisation.kind,
               Assessment.organisation_id != assessment.organisation_id)
        .order_by(Assessment.signed_off_at, Assessment.id)).all()
    latest: dict[int, tuple[int, dict | None]] = {}
    for assessment_id, organisation_id, data in rows:
        latest[organisation_id] = (assessment_id, data)  # the last signed off per organisation counts
    return latest


def score_summaries(assessment_ids: list[int]) -> dict[int, dict]:
    """The summaries of these assessments, scored from their answers (those that cannot be scored left out)."""
    rows = db.session.execute(candidate_query().where(Assessment.id.in_(assessment_ids))).all()
    candidates = [Candidate(*row) for row in rows]
    summaries = {}
    for candidate, compared in zip(candidates, to_compared(candidates), strict=True):
        try:
            summaries[candidate.id] = summary_data(summary_of(score(compared.questionnaire, compared.answers,
                                                                    compared.kind)))
        except AnswersError:
            continue
    return summaries


@write
def store_summaries(summaries: dict[int, dict]) -> None:
    """Store computed score summaries of signed-off assessments, so the next benchmark reads them."""
    for assessment_id, data in summaries.items():
        db.session.execute(update(Assessment).where(Assessment.id == assessment_id)
                           .values(score_summary=data).execution_options(synchronize_session=False))


def benchmark_titles(questionnaire: Questionnaire) -> dict[str, str]:
    """Pillar titles for the benchmark partial."""
    return {p.id: p.title for p in questionnaire.pillars}
