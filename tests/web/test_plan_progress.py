"""The plan van aanpak across periods and people: the next assessment shows the open actions per
criterion and offers closing what reached its threshold; overdue actions on the start page of whoever
owns them; the plan row of a comparison."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vthscan.domain.answers import Answer

from .conftest import login
from .plan_helpers import BETTER, action_form, actions_of, build_plan_world, make_plan, signed_off_with


@pytest.fixture
def world(factory):
    return build_plan_world(factory)


def html(response) -> str:
    return response.get_data(as_text=True)


def test_the_next_assessment_shows_open_actions_per_criterion_and_offers_closing(client, app, factory, world):
    plan_id = make_plan(factory, world)
    coordinator = world.users["coordinator"]
    draft = factory.assessment(world.od, "2026", coordinator)
    factory.answer(draft, coordinator, {qid: Answer(value=value) for qid, value in BETTER.items()})
    login(client, coordinator)
    page = html(client.get(f"/beoordelingen/{draft.id}"))
    assert "Plan van aanpak per criterium" in page
    assert "Doe iets aan A1." in page and "Verbeter A2 stap 1." in page
    assert "haalt de drempel" in page and "+62,5" in page  # A1: 37,5 -> 100
    a1_action = actions_of(app, plan_id)[0]
    assert f'name="actie" value="{a1_action.id}"' in page
    a2_action = actions_of(app, plan_id)[1]
    assert f'name="actie" value="{a2_action.id}"' not in page  # A2 does not reach its threshold
    refused = client.post(f"/plannen/{plan_id}/afsluiten", data={"assessment": draft.id, "actie": [a2_action.id]})
    assert refused.status_code == 302 and actions_of(app, plan_id)[1].status == "open"
    closed = client.post(f"/plannen/{plan_id}/afsluiten", data={"assessment": draft.id, "actie": [a1_action.id]})
    assert closed.status_code == 302
    done = actions_of(app, plan_id)[0]
    assert done.status == "gereed" and "Beoordeling 2026 (2026): criterium A1 haalt de drempel" == done.evidence


def test_participants_see_the_progress_but_cannot_close(app, factory, world):
    plan_id = make_plan(factory, world)
    later = signed_off_with(factory, world.od, "2026", BETTER, world.users["coordinator"], world.users["invuller"])
    client = app.test_client()
    login(client, world.users["gemeente"])
    page = html(client.get(f"/beoordelingen/{later.id}"))
    assert "Plan van aanpak per criterium" in page and "Gekozen acties afsluiten" not in page
    first = actions_of(app, plan_id)[0]
    assert client.post(f"/plannen/{plan_id}/afsluiten",
                       data={"assessment": later.id, "actie": [first.id]}).status_code == 403


def test_the_source_assessment_links_to_its_plan_and_offers_making_one_first(client, factory, world):
    login(client, world.users["coordinator"])
    assert "Plan van aanpak maken" in html(client.get(f"/beoordelingen/{world.signed.id}"))
    plan_id = make_plan(factory, world)
    page = html(client.get(f"/beoordelingen/{world.signed.id}"))
    assert f"/plannen/{plan_id}" in page and "Plan van aanpak per criterium" not in page


def _overdue(client, app, plan_id, record, owner):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client.post(f"/plannen/{plan_id}/acties/{record.id}",
                           data=action_form(record, owner=owner, due=yesterday, status="bezig"))
    assert response.status_code == 302


def test_overdue_actions_are_marked_on_the_start_page_of_whoever_owns_them(app, factory, world):
    plan_id = make_plan(factory, world)
    first, second, third = actions_of(app, plan_id)
    coordinator = app.test_client()
    login(coordinator, world.users["coordinator"])
    _overdue(coordinator, app, plan_id, first, f"persoon:{world.users['invuller'].id}")
    _overdue(coordinator, app, plan_id, second, f"deelnemer:{world.gemeente.id}")
    _overdue(coordinator, app, plan_id, third, "bestuur")
    seen = {}
    for role in ("invuller", "lezer", "gemeente", "coordinator", "stranger"):
        client = app.test_client()
        login(client, world.users[role])
        page = html(client.get("/"))
        seen[role] = [text for text in ("Doe iets aan A1.", "Verbeter A2 stap 1.", "Verbeter A2 stap 2.")
                      if text in page] if "Te late acties" in page else []
    assert seen == {"invuller": ["Doe iets aan A1."], "lezer": [], "gemeente": ["Verbeter A2 stap 1."],
                    "coordinator": ["Verbeter A2 stap 2."], "stranger": []}


def test_an_action_due_today_or_finished_is_not_late(app, factory, world):
    plan_id = make_plan(factory, world)
    first, second, _third = actions_of(app, plan_id)
    client = app.test_client()
    login(client, world.users["coordinator"])
    me = f"persoon:{world.users['coordinator'].id}"
    client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first, owner=me, due=date.today().isoformat()))
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    client.post(f"/plannen/{plan_id}/acties/{second.id}", data=action_form(second, owner=me, due=yesterday,
                                                                          status="gereed", evidence="Besluit AB"))
    assert "Te late acties" not in html(client.get("/"))


def test_the_comparison_shows_the_plan_per_organisation(app, factory, world):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    other = factory.org("OD Zonder Plan", "omgevingsdienst")
    other_signed = factory.signed_off(other, "2025")
    coordinator = app.test_client()
    login(coordinator, world.users["coordinator"])
    _overdue(coordinator, app, plan_id, first, "bestuur")
    client = app.test_client()
    login(client, world.users["gemeente"])
    page = html(client.get(f"/vergelijken?a={world.signed.id}"))
    assert "Plan: open / te laat / gereed" in page and "<td>3 / 1 / 0</td>" in page
    beheerder = factory.user(factory.org("Beheer", "provincie"), "beheerder")
    admin = app.test_client()
    login(admin, beheerder)
    page = html(admin.get(f"/vergelijken?a={world.signed.id}&a={other_signed.id}"))
    assert "<td>3 / 1 / 0</td>" in page and "<td>geen plan</td>" in page
