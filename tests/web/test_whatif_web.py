"""What-if in the web app: target answers on a draft or a plan give projected scores and levels,
labelled "projectie", computed by the domain's projection and never stored as answers."""

from __future__ import annotations

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Answer as AnswerRow

from .conftest import login
from .plan_helpers import WEAK, actions_of, build_plan_world, make_plan


@pytest.fixture
def world(factory):
    return build_plan_world(factory)


def html(response) -> str:
    return response.get_data(as_text=True)


def answers_in_db(app, assessment_id):
    with app.app_context():
        return {(row.question_id, repr(row.value)) for row in db.session.scalars(
            db.select(AnswerRow).where(AnswerRow.assessment_id == assessment_id))}


def test_a_projection_on_a_draft_shows_higher_levels_and_stores_nothing(client, app, factory, world):
    coordinator = world.users["coordinator"]
    draft = factory.assessment(world.od, "2026", coordinator)
    factory.answer(draft, coordinator, {qid: Answer(value=value) for qid, value in WEAK.items()})
    before = answers_in_db(app, draft.id)
    login(client, coordinator)
    assert "Wat als? (projectie)" in html(client.get(f"/beoordelingen/{draft.id}"))
    empty = html(client.get(f"/beoordelingen/{draft.id}/wat-als"))
    assert "doel_a1_ja" in empty and "projectie-uitkomst" not in empty and "doel_a2_tekst" not in empty
    page = html(client.get(f"/beoordelingen/{draft.id}/wat-als?doel_a1_ja=ja&doel_a1_schaal=4"))
    assert 'class="projection-label">projectie<' in page
    assert "Ja of nee?: nee → <strong>ja</strong>" in page
    # A1 goes from 37,5 (Tekort) to 100 (Voldoet)
    assert "37,5</td><td>100</td><td>+62,5</td>" in page
    assert 'class="level-changed">Voldoet' in page
    assert answers_in_db(app, draft.id) == before


def test_a_target_that_does_not_fit_gets_a_dutch_message(client, factory, world):
    draft = factory.assessment(world.od, "2026", world.users["coordinator"])
    login(client, world.users["coordinator"])
    page = html(client.get(f"/beoordelingen/{draft.id}/wat-als?doel_a2_norm=veel"))
    assert "Vul een getal in, bijvoorbeeld 12 of 2,5." in page and "projectie-uitkomst" not in page
    page = html(client.get(f"/beoordelingen/{draft.id}/wat-als?doel_a2_norm=500"))
    assert "projectie-uitkomst" not in page and "a2_norm" in page


def test_the_projection_follows_the_assessment_access(app, factory, world):
    draft = factory.assessment(world.od, "2026", world.users["coordinator"])
    for role, expected in (("lezer", 200), ("gemeente", 404), ("stranger", 404)):
        client = app.test_client()
        login(client, world.users[role])
        assert client.get(f"/beoordelingen/{draft.id}/wat-als").status_code == expected, role
    client = app.test_client()
    login(client, world.users["gemeente"])
    assert client.get(f"/beoordelingen/{world.signed.id}/wat-als?doel_a1_ja=ja").status_code == 200


def test_an_action_names_what_it_brings_about_and_a_plan_projection_uses_it(client, app, factory, world):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    refused = client.post(f"/plannen/{plan_id}/acties/{first.id}/oplevering", data={"doel_a1_schaal": "9"})
    assert "Kies een van de waarden." in html(refused)
    assert actions_of(app, plan_id)[0].improves == {}
    saved = client.post(f"/plannen/{plan_id}/acties/{first.id}/oplevering",
                        data={"doel_a1_ja": "ja", "doel_a1_schaal": "4"})
    assert saved.status_code == 302
    assert actions_of(app, plan_id)[0].improves == {"a1_ja": True, "a1_schaal": 4}
    shown = html(client.get(f"/plannen/{plan_id}/acties/{first.id}"))
    assert "Hoe ver?: <strong>4 - Geborgd</strong>" in shown
    page = html(client.get(f"/plannen/{plan_id}/wat-als"))
    assert 'name="actie" value="1"' in page and "projectie-uitkomst" not in page
    page = html(client.get(f"/plannen/{plan_id}/wat-als?actie=1"))
    assert 'class="projection-label">projectie<' in page and 'class="level-changed">Voldoet' in page
    # participants read the plan, and may project it too: nothing is stored
    participant = app.test_client()
    login(participant, world.users["gemeente"])
    assert 'class="level-changed">Voldoet' in html(participant.get(f"/plannen/{plan_id}/wat-als?actie=1"))
    assert participant.post(f"/plannen/{plan_id}/acties/{first.id}/oplevering",
                            data={"doel_a1_ja": "nee"}).status_code == 403


def test_an_unknown_action_in_a_plan_projection_is_refused(client, factory, world):
    plan_id = make_plan(factory, world)
    login(client, world.users["coordinator"])
    page = html(client.get(f"/plannen/{plan_id}/wat-als?actie=99"))
    assert "actie 99 staat niet in het plan" in page and "projectie-uitkomst" not in page
