"""The `vthscan` command: every command with good and bad input, exit codes and messages."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from vthscan.commands import main

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "questionnaires"


@pytest.fixture
def run():
    """Run `vthscan` on the test questionnaires (or another folder) and return the result."""
    def invoke(*args, folder=DATA):
        return CliRunner().invoke(main, ["--questionnaires", str(folder), *map(str, args)])
    return invoke


@pytest.fixture
def answers_file(tmp_path):
    def write(answers, kind="omgevingsdienst", questionnaire=("mini", "1")):
        path = tmp_path / "antwoorden.json"
        path.write_text(json.dumps({
            "format": "vthscan.answers/1",
            "questionnaire": {"id": questionnaire[0], "version": questionnaire[1]},
            "organisation": {"name": "OD Test", "kind": kind},
            "period": "2026",
            "answers": answers,
        }), encoding="utf-8")
        return path
    return write


GOOD = {"a1_ja": {"value": True}, "a1_schaal": {"value": 2}, "a2_norm": {"value": 1.5},
        "a2_keuze": {"value": None, "na": True, "na_reason": "Niet bij ons"},
        "b1_lineair": {"value": 60}, "b1_banden": {"value": None, "unknown": True, "comment": "Navragen"}}


def test_validate_all_files_in_folder(run):
    result = run("questionnaire", "validate", folder=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "vthscan-standaard versie 1.0" in result.output and "Streng" in result.output


def test_validate_named_files_including_a_profile(run, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: X\nthresholds: {voldoet: 90}\n")
    result = run("questionnaire", "validate", DATA / "mini.yaml", profile)
    assert result.exit_code == 0, result.output
    assert "normprofiel 'X' voor mini" in result.output


def test_validate_reports_every_problem_with_file_and_line(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "mini.yaml").read_text().replace("norm: 2}", "norm: -1}")
                   .replace("type: yes_no, weight: 1}", "type: ja_nee, weight: 1}"))
    result = run("questionnaire", "validate", bad)
    assert result.exit_code == 1
    assert f"{bad}:" in result.output
    assert "questions[a2_norm].scoring.norm" in result.output and "ja_nee" in result.output
    assert "Traceback" not in result.output


def test_validate_broken_folder_fails(run, tmp_path):
    shutil.copy(DATA / "mini.yaml", tmp_path / "mini.yaml")
    (tmp_path / "kapot.yaml").write_text("schema: vthscan.questionnaire/1\nid: [\n")
    result = run("questionnaire", "validate", folder=tmp_path)
    assert result.exit_code == 1 and "kapot.yaml" in result.output and "geen geldige YAML" in result.output


def test_validate_missing_file(run, tmp_path):
    result = run("questionnaire", "validate", tmp_path / "bestaat-niet.yaml")
    assert result.exit_code == 1 and "bestand niet gevonden" in result.output


def test_same_version_in_two_files_is_refused(run, tmp_path):
    shutil.copy(DATA / "mini.yaml", tmp_path / "a.yaml")
    shutil.copy(DATA / "mini.yaml", tmp_path / "b.yaml")
    result = run("questionnaire", "list", folder=tmp_path)
    assert result.exit_code == 1 and "eigen versienummer" in result.output


def test_list(run):
    result = run("questionnaire", "list", folder=SHIPPED)
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith("vthscan-standaard"))
    assert line.split()[1:5] == ["1.0", "8", "27", "93"]


def test_show_json_has_effective_thresholds_with_yaml_keys(run):
    result = run("questionnaire", "show", "mini", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "vthscan.questionnaire/1" and data["thresholds"] == {"voldoet": 75, "aandachtspunt": 50}
    pillars = {p["id"]: p for p in data["pillars"]}
    assert pillars["B"]["thresholds"] == {"voldoet": 70, "aandachtspunt": 40}
    criteria = {c["id"]: c for p in data["pillars"] for c in p["criteria"]}
    assert criteria["A2"]["thresholds"] == {"voldoet": 80, "aandachtspunt": 50}
    assert criteria["B1"]["thresholds"] == {"voldoet": 70, "aandachtspunt": 40}
    assert criteria["A2"]["questions"][1]["scoring"] == {"rule": "norm", "norm": 2.0}


def test_show_with_profile_and_as_text(run, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: X\ncriteria: {B1: {voldoet: 99}}\n")
    data = json.loads(run("questionnaire", "show", "mini", "--json", "--thresholds", profile).output)
    assert data["profile"] == "X"
    assert {c["id"]: c for p in data["pillars"] for c in p["criteria"]}["B1"]["thresholds"]["voldoet"] == 99
    text = run("questionnaire", "show", "mini")
    assert text.exit_code == 0 and "KNOCK-OUT" in text.output and "Voldoet vanaf 80" in text.output


def test_show_unknown_questionnaire(run):
    result = run("questionnaire", "show", "onbekend")
    assert result.exit_code == 1 and "niet gevonden" in result.output and "mini 1" in result.output


def test_score_table(run, answers_file):
    result = run("score", answers_file(GOOD))
    assert result.exit_code == 0, result.output
    assert "OD Test (omgevingsdienst), periode 2026" in result.output
    assert "Totaaloordeel: Aandachtspunt (score 56,3)" in result.output
    assert "Verbeteracties" in result.output and "[A1, knock-out] Doe iets aan A1." in result.output


def test_score_json_has_the_documented_keys(run, answers_file):
    result = run("score", answers_file(GOOD), "--json")
    data = json.loads(result.output)
    assert set(data) >= {"questionnaire", "completeness", "overall", "pillars", "criteria", "actions"}
    assert data["overall"] == {"score": 56.25, "level": "aandachtspunt", "capped_by": []}
    # every question counts, the unanswered text question a2_tekst too: 6 of 7
    assert data["completeness"] == 6 / 7
    assert data["questions"] == {"answered": 5, "unknown": 1, "not_applicable": 1, "open": 1}
    assert data["pillars"][0] == {"id": "A", "score": 71.875, "level": "aandachtspunt", "capped_by": []}
    a2 = next(c for c in data["criteria"] if c["id"] == "A2")
    assert a2 == {"id": "A2", "pillar": "A", "score": 75.0, "level": "aandachtspunt", "gap": 5.0, "knockout": False}
    assert data["actions"][0] == {"criterion": "A1", "text": "Doe iets aan A1.", "priority": "hoog",
                                  "effort": "klein", "term": "0-3 maanden"}


def test_score_with_profile_changes_levels_not_scores(run, answers_file, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Mild\nthresholds: {voldoet: 55, aandachtspunt: 20}\n")
    plain = json.loads(run("score", answers_file(GOOD), "--json").output)
    mild = json.loads(run("score", answers_file(GOOD), "--json", "--thresholds", profile).output)
    assert mild["profile"] == "Mild"
    assert [c["score"] for c in mild["criteria"]] == [c["score"] for c in plain["criteria"]]
    assert mild["overall"]["level"] == "voldoet"


def test_score_shipped_example(run):
    result = run("score", SHIPPED / "voorbeeld-antwoorden-od.json", folder=SHIPPED)
    assert result.exit_code == 0 and "Omgevingsdienst Voorbeeldregio" in result.output


def test_score_refuses_bad_answers_listing_every_problem(run, answers_file):
    bad = {"zz": {"value": 1}, "a1_ja": {"value": 3}, "a1_schaal": {"value": 9}, "a2_norm": {"value": 100},
           "a2_keuze": {"value": None, "na": True}, "b1_banden": {"value": 1, "wat": 2}}
    result = run("score", answers_file(bad))
    assert result.exit_code == 1
    assert "b1_banden.wat: onbekende sleutel" in result.output


def test_score_refuses_values_that_do_not_fit(run, answers_file):
    bad = {"zz": {"value": 1}, "a1_ja": {"value": 3}, "a1_schaal": {"value": 9}, "a2_norm": {"value": 100},
           "a2_keuze": {"value": None, "na": True}}
    result = run("score", answers_file(bad))
    assert result.exit_code == 1
    for fragment in ("zz: deze vraag bestaat niet", "a1_ja: antwoord met ja", "a1_schaal: kies een waarde",
                     "a2_norm: het getal mag hoogstens 50", "a2_keuze: geef een reden"):
        assert fragment in result.output


@pytest.mark.parametrize("content, message", [
    ("{niet json", "geen geldige JSON"),
    ('{"format": "iets anders"}', "geen antwoordenbestand"),
    ('{"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"}, "period": "2026",'
     ' "organisation": {"name": "X", "kind": "waterschap"}, "answers": {}}', "kies uit omgevingsdienst"),
])
def test_score_refuses_malformed_files(run, tmp_path, content, message):
    path = tmp_path / "a.json"
    path.write_text(content)
    result = run("score", path)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_score_unknown_questionnaire_version(run, answers_file):
    result = run("score", answers_file({}, questionnaire=("mini", "7")))
    assert result.exit_code == 1 and "mini versie 7 niet gevonden" in result.output


def test_score_missing_file_and_missing_profile(run, answers_file, tmp_path):
    assert run("score", tmp_path / "geen.json").exit_code == 1
    result = run("score", answers_file(GOOD), "--thresholds", "bestaat-niet")
    assert result.exit_code == 1 and "normprofiel 'bestaat-niet' niet gevonden" in result.output


def test_template_for_a_kind_and_round_trip_through_score(run, tmp_path):
    out = tmp_path / "leeg.json"
    result = run("answers", "template", "mini", "--kind", "gemeente", "-o", out, "--name", "Gemeente X")
    assert result.exit_code == 0
    data = json.loads(out.read_text())
    assert data["organisation"] == {"name": "Gemeente X", "kind": "gemeente"}
    assert sorted(data["answers"]) == ["b1_banden", "b1_lineair", "g1_ja"]
    scored = run("score", out, "--json")
    assert scored.exit_code == 0 and json.loads(scored.output)["completeness"] == 0


def test_template_to_stdout(run):
    result = run("answers", "template", "mini")
    assert json.loads(result.output)["format"] == "vthscan.answers/1"
