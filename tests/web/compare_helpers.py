"""Shared set-up for the comparison, trend, benchmark and export tests."""

from __future__ import annotations

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, Organisation, User
from vthscan.services import assessments, questionnaires
from vthscan.services.answers import save_answers

from .conftest import DATA, MINI_VALUES, detached


def signed_off(factory, org, period="2025", coordinator=None, overrides=None, version=None, questionnaire_id="mini"):
    """A signed-off mini assessment; `overrides` changes answers, `version` picks a questionnaire version.
    An invuller submits it and the coordinator signs it off (four eyes)."""
    coordinator = coordinator or factory.user(org, "coordinator")
    submitter = factory.user(org, "invuller")
    with factory.app.app_context():
        questionnaire = questionnaires.catalog().get(questionnaire_id, version)
        assessment = assessments.start_assessment(
            db.session.get(User, coordinator.id), db.session.get(Organisation, org.id), questionnaire,
            period, f"Beoordeling {period}")
        kind = assessment.organisation.kind
        answers = {q.id: Answer(value=MINI_VALUES[q.id]) for p in questionnaire.pillars_for(kind)
                   for c in p.criteria for q in c.questions}
        answers.update(overrides or {})
        save_answers(db.session.get(User, coordinator.id), assessment, assessment.version, answers)
        assessment = detached(assessment)
    factory.transition(assessment, submitter, "submit_for_review")
    return factory.transition(assessment, coordinator, "sign_off")


def mini_v2_text() -> str:
    """Version 2 of the mini questionnaire: criterion B1 is renamed B2, so only A1, A2 and G1 are shared."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    return text.replace('version: "1"', 'version: "2"').replace("- id: B1", "- id: B2")


def set_summary(app, assessment_id, value):
    with app.app_context():
        db.session.get(Assessment, assessment_id).score_summary = value
        db.session.commit()
