"""The plan van aanpak: what an action may hold, the status rules, and every refusal in Dutch."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from vthscan.domain.limits import ACTION_TEXT_MAX, EVIDENCE_MAX, LONG_TEXT_MAX
from vthscan.domain.plan import (
    BOARD,
    CANCELLED,
    DONE,
    IN_PROGRESS,
    OPEN,
    PARTICIPANT,
    PERSON,
    SERVICE,
    SUGGESTED,
    Owner,
    OwnerChoices,
    Plan,
    PlanAction,
    PlanError,
    ProgressNote,
    action_problems,
    add_note,
    change_status,
    plan_problems,
)

CHOICES = OwnerChoices(people=frozenset({"petra@od-noord.nl", "joost@od-noord.nl"}),
                       participants=frozenset({"Gemeente Noordstad", "Provincie Noord"}))


def action(**changes) -> PlanAction:
    return replace(PlanAction(id="1", text="Stel een mandaatregister op.", criterion="A1"), **changes)


def problems(mini, **changes) -> dict[str, str]:
    """The problems of an action with these changes, by field."""
    return {p.where: p.message for p in action_problems(action(**changes), mini, CHOICES)}


def test_a_complete_action_has_no_problems(mini):
    complete = action(owner=Owner(PERSON, "petra@od-noord.nl"), start=date(2026, 4, 1), due=date(2026, 12, 31),
                      status=DONE, evidence="Besluit AB 2026-11", origin=SUGGESTED, suggestion="A1#1",
                      notes=(ProgressNote("joost@od-noord.nl", datetime(2026, 5, 1, 9, 30), "Concept klaar."),),
                      improves={"a1_ja": True, "a1_schaal": 4})
    assert action_problems(complete, mini, CHOICES) == []


@pytest.mark.parametrize("owner", [
    Owner(PERSON, "joost@od-noord.nl"), Owner(PARTICIPANT, "Provincie Noord"), Owner(SERVICE), Owner(BOARD),
])
def test_the_organisation_its_people_its_participants_and_the_parties_may_own_an_action(mini, owner):
    assert problems(mini, owner=owner) == {}


@pytest.mark.parametrize("owner, message", [
    (Owner(PERSON, "iemand@elders.nl"), "iemand@elders.nl hoort niet bij deze organisatie en kan geen eigenaar zijn"),
    (Owner(PERSON, "Gemeente Noordstad"), "Gemeente Noordstad hoort niet bij deze organisatie"),
    (Owner(PARTICIPANT, "Gemeente Zuidstad"), "Gemeente Zuidstad neemt geen deel aan deze organisatie"),
    (Owner(PARTICIPANT, "petra@od-noord.nl"), "petra@od-noord.nl neemt geen deel aan deze organisatie"),
    (Owner(PERSON), "geef aan welke persoon de eigenaar is"),
    (Owner(BOARD, "Jan"), "bij eigenaar 'bestuur' hoort geen naam"),
    (Owner("wethouder", "Jan"), "onbekend soort eigenaar 'wethouder'"),
])
def test_an_owner_outside_the_organisation_and_its_participants_is_refused(mini, owner, message):
    assert message in problems(mini, owner=owner)["owner"]


def test_due_before_start_is_refused_and_the_same_day_is_fine(mini):
    assert problems(mini, start=date(2026, 4, 1), due=date(2026, 3, 31)) == {
        "due": "de einddatum (31-03-2026) ligt vóór de startdatum (01-04-2026)"}
    assert problems(mini, start=date(2026, 4, 1), due=date(2026, 4, 1)) == {}
    assert problems(mini, due=date(2020, 1, 1)) == {}  # no start: nothing to compare


def test_vervallen_needs_a_reason(mini):
    assert problems(mini, status=CANCELLED) == {"reason": "geef een reden waarom de actie vervalt"}
    assert problems(mini, status=CANCELLED, reason="   ") == {"reason": "geef een reden waarom de actie vervalt"}
    assert problems(mini, status=CANCELLED, reason="Taak gaat over naar de provincie.") == {}


@pytest.mark.parametrize("status", [OPEN, IN_PROGRESS, DONE])
def test_only_a_dropped_action_has_a_reason(mini, status):
    assert problems(mini, status=status, reason="Waarom?") == {"reason": "alleen een vervallen actie heeft een reden"}


@pytest.mark.parametrize("status", [OPEN, IN_PROGRESS, CANCELLED])
def test_only_a_finished_action_carries_evidence(mini, status):
    found = problems(mini, status=status, evidence="https://intranet/besluit", reason="r" if status == CANCELLED else "")
    assert found == {"evidence": "bewijs hoort alleen bij een actie die gereed is"}


def test_an_unknown_status_or_origin_is_refused(mini):
    assert problems(mini, status="klaar") == {"status": "onbekende status 'klaar'; kies uit open, bezig, gereed, vervallen"}
    assert problems(mini, origin="extern") == {"origin": "onbekende herkomst 'extern'; kies uit vragenlijst, eigen"}


def test_an_unknown_criterion_is_refused_and_no_criterion_means_algemeen(mini):
    assert problems(mini, criterion="Z9") == {"criterion": "criterium Z9 bestaat niet in vragenlijst mini versie 1"}
    assert problems(mini, criterion=None) == {}
    assert problems(mini, criterion=None, origin=SUGGESTED) == {
        "criterion": "een actie uit de vragenlijst hoort bij een criterium"}


def test_texts_follow_the_limits(mini):
    assert problems(mini, text="x" * ACTION_TEXT_MAX) == {}
    assert problems(mini, text="x" * (ACTION_TEXT_MAX + 1)) == {
        "text": "de tekst mag hoogstens 1.000 tekens hebben (nu 1.001)"}
    assert problems(mini, text="  ") == {"text": "de tekst mag niet leeg zijn"}
    assert problems(mini, text="Stap\x00 1") == {"text": "de tekst bevat een onzichtbaar stuurteken (U+0000) op plaats 5; "
                                                         "haal het weg"}
    assert problems(mini, text="Stap 1\nStap 2") == {}
    assert problems(mini, status=CANCELLED, reason="r" * (LONG_TEXT_MAX + 1))["reason"].startswith(
        "de reden mag hoogstens 4.000 tekens")
    assert problems(mini, status=DONE, evidence="e" * (EVIDENCE_MAX + 1))["evidence"].startswith(
        "het bewijs mag hoogstens 1.000 tekens")
    assert problems(mini, id="") == {"id": "het nummer mag niet leeg zijn"}


def test_progress_notes_are_checked_one_by_one(mini):
    notes = (ProgressNote("petra@od-noord.nl", datetime(2026, 5, 1), "Gestart."),
             ProgressNote("", datetime(2026, 5, 2), "x" * (LONG_TEXT_MAX + 1)))
    found = problems(mini, notes=notes)
    assert found["notes[1].author"] == "de schrijver mag niet leeg zijn"
    assert found["notes[1].text"].startswith("de notitie mag hoogstens 4.000 tekens hebben")
    assert "notes[0].text" not in found


def test_what_an_action_improves_must_be_a_valid_answer_to_a_scored_question(mini):
    found = problems(mini, improves={"a1_ja": 3, "zz": True, "a2_tekst": "klaar", "a1_schaal": None,
                                     "a2_keuze": "goed"})
    assert found == {
        "improves.a1_ja": "antwoord met ja (true) of nee (false)",
        "improves.zz": "deze vraag bestaat niet in vragenlijst mini versie 1",
        "improves.a2_tekst": "deze vraag telt niet mee in de score",
        "improves.a1_schaal": "geef het antwoord dat de vraag krijgt als de actie gereed is",
    }


def test_a_plan_names_every_problem_with_its_action(mini):
    plan = Plan("OD Noord", "mini", "1", "7", actions=(
        action(), action(text=""), action(id="2", criterion="Z9", start=date(2026, 2, 1), due=date(2026, 1, 1))))
    assert [str(p) for p in plan_problems(plan, mini, CHOICES)] == [
        "actions[1].id: nummer 1 staat al bij een andere actie",
        "actions[1].text: de tekst mag niet leeg zijn",
        "actions[2].criterion: criterium Z9 bestaat niet in vragenlijst mini versie 1",
        "actions[2].due: de einddatum (01-01-2026) ligt vóór de startdatum (01-02-2026)",
    ]
    other = replace(plan, questionnaire_id="vthscan-standaard", actions=())
    assert [str(p) for p in plan_problems(other, mini, CHOICES)] == [
        "questionnaire: het plan hoort bij vragenlijst vthscan-standaard, niet bij mini"]


def test_changing_the_status_follows_the_rules_and_leaves_the_action_alone():
    started = action(status=IN_PROGRESS)
    with pytest.raises(PlanError) as refused:
        change_status(started, CANCELLED)
    assert refused.value.problems == ["reason: geef een reden waarom de actie vervalt"]
    dropped = change_status(started, CANCELLED, reason="  Niet meer nodig. ")
    assert (dropped.status, dropped.reason) == (CANCELLED, "Niet meer nodig.")
    assert started.status == IN_PROGRESS
    done = change_status(started, DONE, evidence="Verslag AB")
    assert (done.status, done.evidence) == (DONE, "Verslag AB")
    reopened = change_status(dropped, OPEN)
    assert (reopened.status, reopened.reason) == (OPEN, "")
    with pytest.raises(PlanError, match="bewijs hoort alleen bij een actie die gereed is"):
        change_status(started, IN_PROGRESS, evidence="Verslag")


def test_a_progress_note_is_added_at_the_end():
    first = add_note(action(), "petra@od-noord.nl", datetime(2026, 5, 1, 10, 0), "  Offerte gevraagd. ")
    second = add_note(first, "joost@od-noord.nl", datetime(2026, 6, 1, 10, 0), "Opdracht gegeven.")
    assert [n.text for n in second.notes] == ["Offerte gevraagd.", "Opdracht gegeven."]
    assert second.notes[0].author == "petra@od-noord.nl"
    with pytest.raises(PlanError, match="text: de notitie mag niet leeg zijn"):
        add_note(second, "joost@od-noord.nl", datetime(2026, 6, 2), " ")


@pytest.mark.parametrize("status, due, overdue", [
    (OPEN, date(2026, 3, 31), True), (IN_PROGRESS, date(2026, 3, 31), True), (OPEN, date(2026, 4, 1), False),
    (OPEN, None, False), (DONE, date(2026, 1, 1), False), (CANCELLED, date(2026, 1, 1), False),
])
def test_an_unfinished_action_past_its_due_date_is_overdue(status, due, overdue):
    assert action(status=status, due=due).is_overdue(date(2026, 4, 1)) is overdue
