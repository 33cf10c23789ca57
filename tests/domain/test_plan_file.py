"""The plan file `vthscan.plan/1`: export, import, and every refusal in Dutch with its place."""

import json
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vthscan.domain.loader import load_questionnaire
from vthscan.domain.plan import (
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
)
from vthscan.domain.plan_file import PLAN_FORMAT, import_plan, parse_plan_file, plan_to_data, plan_to_json

from .conftest import MINI_PATH

README = Path(__file__).resolve().parents[2] / "README.md"

MINI = load_questionnaire(MINI_PATH)
CHOICES = OwnerChoices(people=frozenset({"petra@od-noord.nl"}), participants=frozenset({"Gemeente Noordstad"}))
PLAN = Plan("OD Noord", "mini", "1", "Nulmeting 2026", actions=(
    PlanAction(id="1", text="Doe iets aan A1.", criterion="A1", origin=SUGGESTED, suggestion="A1#1",
               owner=Owner(PERSON, "petra@od-noord.nl"), start=date(2026, 4, 1), due=date(2026, 12, 31),
               status=IN_PROGRESS,
               notes=(ProgressNote("petra@od-noord.nl", datetime(2026, 5, 1, 9, 30), "Gestart.\nEerste overleg."),),
               improves={"a1_ja": True, "a1_schaal": 4}),
    PlanAction(id="2", text="Afspraken met de gemeente.", criterion=None, owner=Owner(PARTICIPANT, "Gemeente Noordstad"),
               status=DONE, evidence="Brief 2026-118"),
    PlanAction(id="3", text="Vervalt.", criterion="B1", owner=Owner(SERVICE), status=CANCELLED, reason="Niet nodig."),
))


def import_text(text, organisation="OD Noord", questionnaire=MINI, choices=CHOICES):
    return import_plan(text, organisation, questionnaire, choices, source="plan.json")


def refusal(data, **kwargs) -> list[str]:
    with pytest.raises(PlanError) as refused:
        import_text(json.dumps(data) if not isinstance(data, str) else data, **kwargs)
    return refused.value.problems


def test_export_writes_the_documented_format():
    data = plan_to_data(PLAN)
    assert data["format"] == PLAN_FORMAT == "vthscan.plan/1"
    assert data["organisation"] == "OD Noord" and data["assessment"] == "Nulmeting 2026"
    assert data["questionnaire"] == {"id": "mini", "version": "1"}
    assert data["actions"][0] == {
        "id": "1", "text": "Doe iets aan A1.", "criterion": "A1", "origin": "vragenlijst", "suggestion": "A1#1",
        "owner": {"kind": "persoon", "ref": "petra@od-noord.nl"}, "start": "2026-04-01", "due": "2026-12-31",
        "status": "bezig", "reason": "", "evidence": "",
        "notes": [{"author": "petra@od-noord.nl", "at": "2026-05-01T09:30:00Z", "text": "Gestart.\nEerste overleg."}],
        "improves": {"a1_ja": True, "a1_schaal": 4}}
    assert data["actions"][2]["owner"] == {"kind": "omgevingsdienst", "ref": None}


def test_import_gives_back_the_exported_plan():
    assert import_text(plan_to_json(PLAN)) == PLAN


def test_an_imported_plan_takes_the_version_of_the_questionnaire_it_is_brought_into():
    data = plan_to_data(PLAN) | {"questionnaire": {"id": "mini", "version": "0.9"}}
    assert import_text(json.dumps(data)).questionnaire_version == "1"


def test_a_short_file_gets_the_defaults():
    plan = import_text(json.dumps({"format": PLAN_FORMAT, "organisation": "OD Noord",
                                   "questionnaire": {"id": "mini", "version": "1"},
                                   "actions": [{"id": "a", "text": "Iets."}]}))
    assert plan.assessment is None
    assert plan.actions == (PlanAction(id="a", text="Iets.", criterion=None),)


def test_a_plan_of_another_organisation_is_refused():
    assert refusal(plan_to_data(PLAN), organisation="OD Zuid") == [
        "plan.json: organisation: dit is het plan van OD Noord; het hoort niet bij OD Zuid"]


def test_an_unknown_criterion_or_another_questionnaire_is_refused():
    data = plan_to_data(PLAN)
    data["actions"][1]["criterion"] = "Z9"
    assert refusal(data) == ["plan.json: actions[1].criterion: criterium Z9 bestaat niet in vragenlijst mini versie 1"]
    other = plan_to_data(replace(PLAN, questionnaire_id="vthscan-standaard", actions=()))
    assert refusal(other) == ["plan.json: questionnaire: het plan hoort bij vragenlijst vthscan-standaard, niet bij mini"]


def test_every_broken_rule_is_listed_with_its_place():
    data = plan_to_data(PLAN)
    data["actions"][0].update(owner={"kind": "persoon", "ref": "iemand@elders.nl"}, due="2026-03-01")
    data["actions"][2]["reason"] = ""
    data["actions"][1]["improves"] = {"zz": 1}
    assert refusal(data, organisation="OD Zuid") == [
        "plan.json: organisation: dit is het plan van OD Noord; het hoort niet bij OD Zuid",
        "plan.json: actions[0].owner: iemand@elders.nl hoort niet bij deze organisatie en kan geen eigenaar zijn",
        "plan.json: actions[0].due: de einddatum (01-03-2026) ligt vóór de startdatum (01-04-2026)",
        "plan.json: actions[1].improves.zz: deze vraag bestaat niet in vragenlijst mini versie 1",
        "plan.json: actions[2].reason: geef een reden waarom de actie vervalt",
    ]


@pytest.mark.parametrize("change, message", [
    ({"due": "31-12-2026"}, "actions[0].due: schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31"),
    ({"due": "2026-02-30"}, "actions[0].due: 2026-02-30 is geen bestaande datum"),
    ({"due": 20261231}, "actions[0].due: schrijf een datum als JJJJ-MM-DD"),
    ({"id": 1}, "actions[0].id: moet tekst zijn"),
    ({"status": True}, "actions[0].status: moet tekst zijn"),
    ({"owner": "petra"}, "actions[0].owner: moet een blok met sleutels zijn"),
    ({"notes": {}}, "actions[0].notes: moet een lijst zijn"),
    ({"notes": [{"author": "petra@od-noord.nl", "at": "gisteren", "text": "x"}]},
     "actions[0].notes[0].at: schrijf een tijdstip als JJJJ-MM-DDTUU:MM:SSZ"),
    ({"eigenaar": "petra"}, "actions[0].eigenaar: onbekende sleutel"),
    ({"criterion": "A" * 81}, "actions[0].criterion: mag hoogstens 80 tekens hebben (nu 81)"),
])
def test_a_wrong_shape_is_refused_with_its_place(change, message):
    data = plan_to_data(PLAN)
    data["actions"][0].update(change)
    problems = refusal(data)
    assert any(problem.startswith(f"plan.json: {message}") for problem in problems), problems


@pytest.mark.parametrize("text, message", [
    ('{"format": "vthscan.plan/1", "format": "x"}', "sleutel 'format' staat twee keer in hetzelfde blok"),
    ("{nee", "geen geldige JSON"),
    ('{"format": "vthscan.answers/1"}', 'dit is geen plan van aanpak; verwacht "format": "vthscan.plan/1"'),
    ("[]", "dit is geen plan van aanpak"),
    ('{"format": "vthscan.plan/1"}', "organisation: ontbreekt"),
    ('{"format": "vthscan.plan/1", "organisation": "OD Noord", "questionnaire": {"id": "mini", "version": "1"},'
     ' "actions": [{"id": "1", "text": "x", "due": NaN}]}', "NaN is geen bruikbaar getal"),
])
def test_a_file_that_is_no_plan_is_refused(text, message):
    assert any(message in problem for problem in refusal(text)), refusal(text)


def test_a_moment_with_an_offset_is_kept_in_utc():
    data = plan_to_data(PLAN)
    data["actions"][0]["notes"][0]["at"] = "2026-05-01T11:30:00+02:00"
    assert import_text(json.dumps(data)).actions[0].notes[0].written_at == datetime(2026, 5, 1, 9, 30)


def test_parsing_alone_does_not_check_the_plan_against_a_questionnaire():
    data = plan_to_data(PLAN)
    data["actions"][0]["criterion"] = "Z9"
    assert parse_plan_file(json.dumps(data)).actions[0].criterion == "Z9"


# Plans of any shape the rules allow survive export and import unchanged.
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30).filter(str.strip)
days = st.dates(date(2000, 1, 1), date(2100, 1, 1))
actions = st.builds(
    lambda number, text, criterion, owner, start, length, status, note_text: PlanAction(
        id=str(number), text=text.strip(), criterion=criterion, owner=owner, start=start,
        due=start + length if start else None, status=status,
        reason="Vervalt." if status == CANCELLED else "", evidence="Bewijs" if status == DONE else "",
        notes=(ProgressNote("petra@od-noord.nl", datetime(2026, 1, 2, 3, 4, 5), note_text),) if note_text else ()),
    st.integers(1, 10 ** 6), texts, st.sampled_from([None, "A1", "A2", "B1", "G1"]),
    st.sampled_from([None, Owner(PERSON, "petra@od-noord.nl"), Owner(SERVICE), Owner("bestuur"),
                     Owner(PARTICIPANT, "Gemeente Noordstad")]),
    st.none() | days, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
    st.sampled_from([OPEN, IN_PROGRESS, DONE, CANCELLED]), st.none() | texts,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(actions, max_size=5, unique_by=lambda action: action.id))
def test_any_valid_plan_survives_export_and_import(planned):
    plan = replace(PLAN, actions=tuple(planned))
    assert import_text(plan_to_json(plan)) == plan


def test_the_example_in_the_readme_imports_into_the_shipped_questionnaire():
    example = next(block for block in re.findall(r"```json\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
                   if PLAN_FORMAT in block)
    standard = load_questionnaire(README.parent / "questionnaires" / "vthscan-standaard.yaml")
    choices = OwnerChoices(people=frozenset({"petra@voorbeeldregio.nl"}),
                           participants=frozenset({"Gemeente Noordstad"}))
    plan = import_plan(example, "Omgevingsdienst Voorbeeldregio", standard, choices)
    assert [(a.criterion, a.status) for a in plan.actions] == [("R6", IN_PROGRESS), (None, OPEN)]
