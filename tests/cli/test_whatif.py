"""`vthscan score ANSWERS.json --what-if CHANGES.json`: the projection on the command line."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vthscan.commands import main

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "questionnaires"

ANSWERS = {"a1_ja": {"value": True}, "a1_schaal": {"value": 2}, "a2_norm": {"value": 1.5},
           "a2_keuze": {"value": None, "na": True, "na_reason": "Niet bij ons"},
           "b1_lineair": {"value": 60}, "b1_banden": {"value": None, "unknown": True}}


@pytest.fixture
def files(tmp_path):
    """Write the answers file and a what-if file (a dict, or text as it is); return both paths."""
    def write(changes, answers=ANSWERS):
        answers_path, changes_path = tmp_path / "antwoorden.json", tmp_path / "wat-als.json"
        answers_path.write_text(json.dumps({
            "format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
            "organisation": {"name": "OD Test", "kind": "omgevingsdienst"}, "period": "2026", "answers": answers,
        }), encoding="utf-8")
        changes_path.write_text(changes if isinstance(changes, str) else json.dumps(changes), encoding="utf-8")
        return answers_path, changes_path
    return write


def run(*args, folder=DATA):
    return CliRunner().invoke(main, ["--questionnaires", str(folder), "score", *map(str, args)])


def whatif(answers, **extra):
    return {"format": "vthscan.whatif/1", "answers": answers, **extra}


def test_the_table_shows_now_and_the_projection_labelled_as_such(files):
    answers_path, changes_path = files(whatif({"a1_schaal": {"value": 4}}))
    result = run(answers_path, "--what-if", changes_path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("PROJECTIE (wat-als)") and "Niets is opgeslagen" in out
    assert "a1_schaal: 2 - Vastgelegd -> 4 - Geborgd" in out
    assert "Totaaloordeel nu:        Aandachtspunt (score 56,3)" in out
    assert "Totaaloordeel projectie: Aandachtspunt (score 62,5)" in out
    a1 = next(line for line in out.splitlines() if line.strip().startswith("A1 "))
    assert "62,5" in a1 and "100" in a1 and "+37,5" in a1 and "[KO]" in a1
    assert "Niveau verandert in de projectie: A (Aandachtspunt -> Voldoet), A1 (Aandachtspunt -> Voldoet)" in out


def test_no_level_change_is_said_plainly(files):
    answers_path, changes_path = files(whatif({"a1_schaal": {"value": 2}}))
    assert "De projectie verandert geen enkel niveau." in run(answers_path, "--what-if", changes_path).output


def test_json_has_current_and_projected_side_by_side(files):
    answers_path, changes_path = files(whatif({"a1_schaal": {"value": 4}, "b1_banden": {"value": 95}},
                                              questionnaire={"id": "mini", "version": "1"}))
    result = run(answers_path, "--what-if", changes_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["label"] == "projectie"
    assert data["changed_answers"]["a1_schaal"] == {"value": 4, "na": False, "na_reason": None, "unknown": False}
    assert data["overall"]["current"] == {"score": 56.25, "level": "aandachtspunt", "capped_by": []}
    assert data["overall"]["projected"]["score"] > 56.25
    a1 = next(c for c in data["criteria"] if c["id"] == "A1")
    assert a1 == {"id": "A1", "pillar": "A", "current": {"score": 62.5, "level": "aandachtspunt"},
                  "projected": {"score": 100.0, "level": "voldoet"}, "score_change": 37.5, "level_changed": True}
    assert "A1" in data["level_changes"] and [p["id"] for p in data["pillars"]] == ["A", "B"]


def test_the_profile_applies_to_both_sides(files, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Mild\n"
                       "thresholds: {voldoet: 55, aandachtspunt: 20}\n")
    answers_path, changes_path = files(whatif({"a1_schaal": {"value": 4}}))
    data = json.loads(run(answers_path, "--what-if", changes_path, "--json", "--thresholds", profile).output)
    assert data["profile"] == "Mild"
    assert data["overall"]["current"]["level"] == data["overall"]["projected"]["level"] == "voldoet"


def test_the_shipped_example(tmp_path):
    result = run(SHIPPED / "voorbeeld-antwoorden-od.json", "--what-if", SHIPPED / "voorbeeld-wat-als-od.json",
                 folder=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "Totaaloordeel projectie: Aandachtspunt" in result.output
    assert "R6 (Tekort -> Voldoet)" in result.output


@pytest.mark.parametrize("changes, messages", [
    (whatif({"a1_ja": {"value": 3}, "zz": {"value": 1}, "a2_tekst": {"value": "x"}, "g1_ja": {"value": True}}),
     ["past niet bij mini versie 1", "doelantwoord a1_ja: antwoord met ja (true) of nee (false)",
      "doelantwoord zz: deze vraag bestaat niet", "doelantwoord a2_tekst: deze vraag telt niet mee in de score",
      "doelantwoord g1_ja: deze vraag is niet voor een omgevingsdienst"]),
    (whatif({"a1_ja": {}}), ["doelantwoord a1_ja: geef een doelantwoord"]),
    (whatif({"a1_ja": {"value": True}}, questionnaire={"id": "vthscan-standaard", "version": "1.0"}),
     ["de wat-als-wijzigingen zijn voor vthscan-standaard versie 1.0, de antwoorden voor mini versie 1"]),
    (whatif({}), ["wat-als-bestand niet in orde", "answers: mag niet leeg zijn"]),
    (whatif({"a1_ja": {"waarde": True}}), ["answers.a1_ja.waarde: onbekende sleutel"]),
    ("{kapot", ["wat-als-bestand niet in orde", "geen geldige JSON"]),
    (ANSWERS, ['dit is geen wat-als-bestand; verwacht "format": "vthscan.whatif/1"']),
])
def test_bad_changes_give_dutch_messages_and_exit_1(files, changes, messages):
    answers_path, changes_path = files(changes)
    for flags in ((), ("--json",)):
        result = run(answers_path, "--what-if", changes_path, *flags)
        assert result.exit_code == 1
        assert result.output.startswith("Fout: ")
        assert "Traceback" not in result.output
        for message in messages:
            assert message in result.output


def test_a_missing_changes_file_is_a_clear_message(files, tmp_path):
    answers_path, _ = files(whatif({"a1_ja": {"value": True}}))
    result = run(answers_path, "--what-if", tmp_path / "bestaat-niet.json")
    assert result.exit_code == 1 and "kan " in result.output and "niet lezen" in result.output


def test_bad_answers_are_refused_before_the_changes_are_read(files):
    answers_path, changes_path = files("{kapot", answers={"a1_ja": {"value": 3}})
    result = run(answers_path, "--what-if", changes_path)
    assert result.exit_code == 1 and "a1_ja: antwoord met ja" in result.output
    assert "wat-als" not in result.output
