"""Defect 6 of issue 11: the overview never says "klaar" or offers submitting while something blocks it;
it lists what blocks (open questions, unconfirmed copied answers) with a link to each question, and a
pillar's copied answers can be confirmed in one step, audited per answer."""

from __future__ import annotations

from sqlalchemy import select

from vthscan.extensions import db
from vthscan.models import Answer, AuditLog, Organisation

from .conftest import login


def copied_draft(factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    factory.signed_off(org, "2025", coordinator)
    draft = factory.assessment(org, "2026", coordinator, copy_previous=True)
    return draft, coordinator


def test_copied_answers_block_submitting_and_the_overview_links_each_question(client, factory):
    draft, coordinator = copied_draft(factory)
    login(client, coordinator)
    page = client.get(f"/beoordelingen/{draft.id}").get_data(as_text=True)
    assert "Wat houdt het indienen nog tegen?" in page
    assert "klaar</span>" not in page and "compleet" not in page
    assert f'action="/beoordelingen/{draft.id}/indienen"' not in page     # no submit button while blocked
    assert f'href="/beoordelingen/{draft.id}/pijler/A#vraag-q_a2_norm">Hoeveel fte?</a>' in page
    assert "5 overgenomen antwoorden niet bevestigd" in page


def test_confirming_a_pillars_copied_answers_audits_each_and_leaves_other_pillars(app, client, factory):
    draft, coordinator = copied_draft(factory)
    login(client, coordinator)
    response = client.post(f"/beoordelingen/{draft.id}/pijler/A/overgenomen-bevestigen",
                           data={"version": str(draft.version)})
    assert response.status_code == 302
    with app.app_context():
        rows = {a.question_id: a.is_copied for a in db.session.scalars(select(Answer).where(
            Answer.assessment_id == draft.id))}
        confirmed = db.session.scalars(select(AuditLog.subject).where(
            AuditLog.assessment_id == draft.id, AuditLog.action == "answer_confirmed")).all()
    assert {qid for qid, copied in rows.items() if copied} == {"b1_lineair", "b1_banden"}
    assert sorted(confirmed) == ["a1_ja", "a1_schaal", "a2_keuze", "a2_norm", "a2_tekst"]
    page = client.get(f"/beoordelingen/{draft.id}").get_data(as_text=True)
    assert "2 overgenomen antwoorden niet bevestigd" in page
    client.post(f"/beoordelingen/{draft.id}/pijler/B/overgenomen-bevestigen",
                data={"version": str(factory.get(type(draft), draft.id).version)})
    page = client.get(f"/beoordelingen/{draft.id}").get_data(as_text=True)
    assert "Wat houdt het indienen nog tegen?" not in page
    assert f'action="/beoordelingen/{draft.id}/indienen"' in page


def test_confirming_from_a_stale_page_is_refused_and_a_lezer_may_not(app, client, factory):
    draft, coordinator = copied_draft(factory)
    lezer = factory.user(factory.get(Organisation, draft.organisation_id), "lezer")
    login(client, lezer)
    url = f"/beoordelingen/{draft.id}/pijler/A/overgenomen-bevestigen"
    assert client.post(url, data={"version": str(draft.version)}).status_code == 403
    client = app.test_client()
    login(client, coordinator)
    old = str(draft.version)
    assert client.post(url, data={"version": old}).status_code == 302
    assert client.post(url.replace("/A/", "/B/"), data={"version": old}).status_code == 409
    assert client.post(url.replace("/A/", "/X/"), data={"version": str(draft.version + 1)}).status_code == 404
