"""The plan van aanpak in the web app: making it, editing actions with the plan's rules, progress notes,
who may see and change it, and the audit log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vthscan.extensions import db
from vthscan.models import AuditLog, ConsultantGrant, PlanNoteRecord

from .conftest import login
from .plan_helpers import action_form, actions_of, build_plan_world, make_plan, plan_count


@pytest.fixture
def world(factory):
    return build_plan_world(factory)


def html(response) -> str:
    return response.get_data(as_text=True)


def test_coordinator_makes_a_plan_from_a_selection_of_the_suggested_actions(client, app, world):
    login(client, world.users["coordinator"])
    page = client.get(f"/beoordelingen/{world.signed.id}/plan")
    assert page.status_code == 200
    assert "Doe iets aan A1." in html(page) and "Verbeter A2 stap 2." in html(page)
    response = client.post(f"/beoordelingen/{world.signed.id}/plan", data={"suggestie": ["A1#1", "A2#2"]})
    assert response.status_code == 302
    plan_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert [(a.number, a.criterion, a.text, a.origin, a.status) for a in actions_of(app, plan_id)] == [
        ("1", "A1", "Doe iets aan A1.", "vragenlijst", "open"), ("2", "A2", "Verbeter A2 stap 2.", "vragenlijst", "open")]
    shown = html(client.get(f"/plannen/{plan_id}"))
    assert "Doe iets aan A1." in shown and "2 open, waarvan 0 te laat" in shown
    # a second visit goes to adopting into the existing plan: what is held is marked, not offered again
    again = client.get(f"/beoordelingen/{world.signed.id}/plan")
    assert again.status_code == 302 and f"/plannen/{plan_id}/overnemen" in again.headers["Location"]
    added = client.post(again.headers["Location"], data={"suggestie": ["A2#1"]})
    assert added.status_code == 302
    assert [a.suggestion for a in actions_of(app, plan_id)] == ["A1#1", "A2#2", "A2#1"]
    with app.app_context():
        assert {e.action for e in db.session.scalars(db.select(AuditLog))} >= {"plan_created", "plan_adopted"}


def test_only_a_signed_off_assessment_makes_a_plan_and_only_its_coordinators_make_it(client, factory, world):
    draft = factory.assessment(world.od, "2026", world.users["coordinator"])
    login(client, world.users["coordinator"])
    assert client.get(f"/beoordelingen/{draft.id}/plan").status_code == 403
    for role, expected in (("lezer", 403), ("invuller", 403), ("gemeente", 403), ("stranger", 404)):
        other = factory.app.test_client()
        login(other, world.users[role])
        assert other.post(f"/beoordelingen/{world.signed.id}/plan", data={"suggestie": ["A1#1"]}).status_code == expected
    assert plan_count(factory.app) == 0


def test_an_action_gets_an_owner_dates_and_a_status(client, app, world, factory):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    owner = f"persoon:{world.users['invuller'].id}"
    response = client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(
        first, text="Sluit aan op Inspectieview.", owner=owner, start="2026-04-01", due="2026-12-31", status="bezig"))
    assert response.status_code == 302
    saved = actions_of(app, plan_id)[0]
    assert (saved.text, saved.owner_user_id, saved.start, saved.due, saved.status, saved.version) == (
        "Sluit aan op Inspectieview.", world.users["invuller"].id, date(2026, 4, 1), date(2026, 12, 31), "bezig", 2)
    with app.app_context():
        entry = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "plan_action_changed"))
        assert "status: open" in entry.old and "status: bezig" in entry.new and entry.organisation_id == world.od.id
    # a participating municipality can own an action too
    gemeente = f"deelnemer:{world.gemeente.id}"
    assert client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(saved, owner=gemeente)).status_code == 302
    assert actions_of(app, plan_id)[0].owner_organisation_id == world.gemeente.id


@pytest.mark.parametrize(("changes", "message"), [
    ({"start": "2026-05-01", "due": "2026-04-01"}, "De einddatum (01-04-2026) ligt vóór de startdatum (01-05-2026)."),
    ({"status": "vervallen"}, "Geef een reden waarom de actie vervalt."),
    ({"owner": "STRANGER"}, "hoort niet bij deze organisatie en kan geen eigenaar zijn."),
    ({"owner": "deelnemer:999999"}, "neemt geen deel aan deze organisatie en kan geen eigenaar zijn."),
    ({"criterion": "Z9"}, "Criterium Z9 bestaat niet in vragenlijst mini versie 1."),
    ({"text": "  "}, "De tekst mag niet leeg zijn."),
    ({"due": "31-12-2026"}, "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31."),
    ({"status": "open", "evidence": "https://example.nl/besluit"}, "Bewijs hoort alleen bij een actie die gereed is."),
])
def test_bad_input_gets_a_dutch_message_and_nothing_is_saved(client, app, world, changes, message, factory):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    if changes.get("owner") == "STRANGER":
        changes = {**changes, "owner": f"persoon:{world.users['stranger'].id}"}
    login(client, world.users["coordinator"])
    response = client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first, **changes))
    assert response.status_code == 200
    assert message in html(response)
    assert "Er is iets niet goed ingevuld. Er is nog niets opgeslagen." in html(response)
    assert actions_of(app, plan_id)[0].version == first.version
    assert actions_of(app, plan_id)[0].text == first.text


def test_vervallen_with_a_reason_and_reopening_keeps_the_reason_in_a_note(client, app, world, factory):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    assert client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(
        first, status="vervallen", reason="Het bestuur koos een andere aanpak.")).status_code == 302
    dropped = actions_of(app, plan_id)[0]
    assert (dropped.status, dropped.reason) == ("vervallen", "Het bestuur koos een andere aanpak.")
    assert client.post(f"/plannen/{plan_id}/acties/{first.id}",
                       data=action_form(dropped, status="open")).status_code == 302
    reopened = actions_of(app, plan_id)[0]
    assert (reopened.status, reopened.reason) == ("open", "")
    with app.app_context():
        note = db.session.scalar(db.select(PlanNoteRecord))
        assert "de reden was: Het bestuur koos een andere aanpak." in note.text


def test_a_stale_edit_is_refused(client, app, world, factory):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    assert client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first, status="bezig")).status_code == 302
    stale = client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first, text="Oude stand."))
    assert "Iemand anders heeft deze actie gewijzigd" in html(stale)
    assert actions_of(app, plan_id)[0].text == "Doe iets aan A1."


def test_progress_notes_keep_who_when_and_what(client, app, world, factory):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    url = f"/plannen/{plan_id}/acties/{first.id}/voortgang"
    assert client.post(url, data={"note": "Offerte gevraagd <b>vet</b>."}).status_code == 302
    empty = client.post(url, data={"note": "   "})
    assert "De notitie mag niet leeg zijn." in html(empty)
    page = html(client.get(f"/plannen/{plan_id}/acties/{first.id}"))
    assert "petra@rivierland.nl" in page and "Offerte gevraagd &lt;b&gt;vet&lt;/b&gt;." in page
    with app.app_context():
        notes = list(db.session.scalars(db.select(PlanNoteRecord)))
        assert [(n.author, n.text) for n in notes] == [("petra@rivierland.nl", "Offerte gevraagd <b>vet</b>.")]
        entry = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "plan_note"))
        assert (entry.user_id, entry.subject, entry.new) == (world.users["coordinator"].id, f"plan {plan_id} actie 1",
                                                             "Offerte gevraagd <b>vet</b>.")


def test_own_actions_are_linked_to_a_criterion_or_general(client, app, world, factory):
    plan_id = make_plan(factory, world, keys=[])
    login(client, world.users["coordinator"])
    assert client.get(f"/plannen/{plan_id}/acties/nieuw").status_code == 200
    data = {"text": "Maak afspraken over de mandaten.", "criterion": "", "owner": "bestuur", "status": "open",
            "start": "", "due": "", "reason": "", "evidence": ""}
    assert client.post(f"/plannen/{plan_id}/acties/nieuw", data=data).status_code == 302
    assert client.post(f"/plannen/{plan_id}/acties/nieuw", data={**data, "criterion": "B1"}).status_code == 302
    assert [(a.number, a.criterion, a.origin, a.owner_kind) for a in actions_of(app, plan_id)] == [
        ("1", None, "eigen", "bestuur"), ("2", "B1", "eigen", "bestuur")]


def test_who_may_read_and_who_may_change_a_plan(app, factory, world):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    for role, read, write in (("coordinator", 200, 302), ("invuller", 200, 403), ("lezer", 200, 403),
                              ("gemeente", 200, 403), ("stranger", 404, 404), ("consultant", 404, 404)):
        client = app.test_client()
        login(client, world.users[role])
        page = client.get(f"/plannen/{plan_id}")
        assert page.status_code == read, role
        assert client.get(f"/plannen/{plan_id}/acties/{first.id}").status_code == read, role
        assert client.post(f"/plannen/{plan_id}/acties/{first.id}/voortgang",
                           data={"note": f"door {role}"}).status_code == write, role
        if read == 200 and write == 403:
            assert "Actie wijzigen" not in html(client.get(f"/plannen/{plan_id}/acties/{first.id}")), role
    with app.app_context():
        denied = [e.subject for e in db.session.scalars(db.select(AuditLog).where(AuditLog.action == "access_denied"))]
        assert f"plan van aanpak {plan_id}" in denied


def test_a_consultancy_with_a_grant_on_the_source_assessment_reads_the_plan(app, factory, world):
    plan_id = make_plan(factory, world)
    with app.app_context():
        db.session.add(ConsultantGrant(assessment_id=world.signed.id, organisation_id=world.bureau.id))
        db.session.commit()
    client = app.test_client()
    login(client, world.users["consultant"])
    assert client.get(f"/plannen/{plan_id}").status_code == 200
    assert client.get("/plannen/importeren").status_code == 403
    first = actions_of(app, plan_id)[0]
    assert client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first)).status_code == 403


def test_the_plan_list_shows_the_plans_a_user_may_see(app, factory, world):
    make_plan(factory, world)
    for role, sees in (("gemeente", True), ("lezer", True), ("stranger", False)):
        client = app.test_client()
        login(client, world.users[role])
        assert ("OD Rivierland" in html(client.get("/plannen"))) is sees, role


def test_an_unknown_action_or_an_action_of_another_plan_is_not_found(client, app, factory, world):
    plan_id = make_plan(factory, world)
    login(client, world.users["coordinator"])
    assert client.get(f"/plannen/{plan_id}/acties/999999").status_code == 404
    assert client.get("/plannen/999999").status_code == 404


def test_overdue_and_counts_on_the_plan_page(client, app, factory, world):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first, due=yesterday, status="bezig"))
    page = html(client.get(f"/plannen/{plan_id}"))
    assert "3 open, waarvan 1 te laat" in page and "te laat" in page


def test_an_owner_who_left_the_organisation_is_not_dropped_silently(client, app, factory, world):
    plan_id = make_plan(factory, world)
    first = actions_of(app, plan_id)[0]
    login(client, world.users["coordinator"])
    owner = f"persoon:{world.users['invuller'].id}"
    client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(first, owner=owner))
    with app.app_context():
        from vthscan.models import Membership
        db.session.execute(db.delete(Membership).where(Membership.user_id == world.users["invuller"].id))
        db.session.commit()
    page = html(client.get(f"/plannen/{plan_id}/acties/{first.id}"))
    assert f'<option selected value="{owner}">ahmed@rivierland.nl</option>' in page
    saved = actions_of(app, plan_id)[0]
    response = client.post(f"/plannen/{plan_id}/acties/{first.id}", data=action_form(saved, owner=owner, status="bezig"))
    assert "ahmed@rivierland.nl hoort niet bij deze organisatie en kan geen eigenaar zijn." in html(response)
    assert actions_of(app, plan_id)[0].owner_user_id == world.users["invuller"].id
