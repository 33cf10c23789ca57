"""The loader accepts good files and refuses bad ones with every problem, each located."""

import pytest

from vthscan.domain.loader import LoadError, load_profile_text, load_questionnaire_text


def refuse(text: str) -> list:
    with pytest.raises(LoadError) as caught:
        load_questionnaire_text(text, "test.yaml")
    return caught.value.problems


def line_of(text: str, fragment: str) -> int:
    """1-based line where `fragment` first starts (it may span lines)."""
    return text[: text.index(fragment)].count("\n") + 1


def test_mini_loads_with_its_structure(mini):
    assert mini.id == "mini" and mini.version == "1"
    assert [p.id for p in mini.pillars] == ["A", "B", "G"]
    assert len(mini.questions) == 8
    assert mini.graded_levels == ["voldoet", "aandachtspunt"]
    assert mini.questions["a1_schaal"][2].scale == "volwassenheid"
    assert [p.id for p in mini.pillars_for("gemeente")] == ["B", "G"]


def test_json_definition_round_trips_with_same_fingerprint(mini):
    import json

    again = load_questionnaire_text(json.dumps(mini.to_data()), "copy.json")
    assert again == mini
    assert again.fingerprint == mini.fingerprint


def test_fingerprint_changes_with_content(mini_text, mini):
    changed = load_questionnaire_text(mini_text.replace("Doe iets aan A1.", "Doe iets anders."))
    assert changed.fingerprint != mini.fingerprint


# (description, replace this, with that, expected line fragment or None, path, message fragment)
BROKEN = [
    ("invalid YAML", "pillars:\n", "pillars:\n  - id: [\n", None, "", "geen geldige YAML"),
    ("unknown key", "    weight: 2\n", "    weight: 2\n    colour: red\n", "colour: red",
     "pillars[A].colour", "onbekende sleutel"),
    ("duplicate id", "id: a1_schaal", "id: a1_ja", "id: a1_ja, text: \"Ja of nee?\"",
     "pillars[A].criteria[A1].questions[a1_ja].id", "komt 2 keer voor"),
    ("missing text", 'text: "Hoe ver?", ', "", "a1_schaal",
     "pillars[A].criteria[A1].questions[a1_schaal].text", "ontbreekt"),
    ("empty help", 'text: "Hoe ver?", help: "Hulp."', 'text: "Hoe ver?", help: "  "', "a1_schaal",
     "questions[a1_schaal].help", "mag niet leeg zijn"),
    ("unknown scale", "scale: volwassenheid", "scale: rijpheid", "scale: rijpheid",
     "questions[a1_schaal].scale", "schaal 'rijpheid' bestaat niet"),
    ("thresholds out of order", "thresholds: {voldoet: 75, aandachtspunt: 50}",
     "thresholds: {voldoet: 50, aandachtspunt: 75}", "thresholds: {voldoet: 50",
     "thresholds", "moet hoger zijn dan die van 'aandachtspunt'"),
    ("threshold above 100", "thresholds: {voldoet: 80}", "thresholds: {voldoet: 120}", "voldoet: 120",
     "pillars[A].criteria[A2].thresholds.voldoet", "hoogstens 100"),
    ("threshold for the last level", "thresholds: {voldoet: 80}", "thresholds: {tekort: 10}", "tekort: 10",
     "pillars[A].criteria[A2].thresholds.tekort", "onbekend niveau"),
    ("choice without options", """            options:
              - {id: goed, label: "Goed", score: 100}
              - {id: matig, label: "Matig", score: 40}
""", "            options: []\n", "options: []", "questions[a2_keuze].options", "mag niet leeg zijn"),
    ("norm not above zero", "norm: 2}", "norm: 0}", "norm: 0}", "questions[a2_norm].scoring.norm",
     "groter dan 0"),
    ("negative weight", "scale: volwassenheid, weight: 3", "scale: volwassenheid, weight: -1", "weight: -1",
     "questions[a1_schaal].weight", "minstens 0"),
    ("unknown question type", "type: yes_no, weight: 1}", "type: ja_nee, weight: 1}", "ja_nee",
     "questions[a1_ja].type", "onbekend type 'ja_nee'"),
    ("unknown number rule", "rule: norm, norm: 2", "rule: ratio, norm: 2", "rule: ratio",
     "questions[a2_norm].scoring.rule", "onbekend type 'ratio'"),
    ("duplicate YAML key", "    weight: 2\n", "    weight: 2\n    weight: 3\n", "weight: 3",
     "pillars[A].weight", "twee keer"),
    ("python object tag", 'title: "Pijler A"', "title: !!python/object/apply:os.getcwd []", "os.getcwd",
     "", "geen geldige YAML"),
    ("undeclared source", "sources: [S1]", "sources: [S9]", "sources: [S9]",
     "pillars[A].criteria[A1].sources[0]", "bron 'S9'"),
    ("scale with wrong values", '{0: "Niet", 1: "Ad hoc"', '{0: "Niet", 7: "Ad hoc"', "labels:",
     "scales.volwassenheid.labels", "0, 1, 2, 3 en 4"),
    ("linear rule without slope", "zero_at: 100, full_at: 20", "zero_at: 20, full_at: 20", "zero_at: 20",
     "questions[b1_lineair].scoring.full_at", "moeten verschillen"),
    ("number min above max", "min: 0, max: 50", "min: 60, max: 50", "min: 60",
     "questions[a2_norm].min", "groter dan max"),
    ("respondent kind unknown", "respondents: [omgevingsdienst]", "respondents: [waterschap]", "waterschap",
     "pillars[A].respondents[0]", "onbekende waarde 'waterschap'"),
    ("criterion with only text questions", "          - {id: g1_ja, text: \"Ja of nee?\", help: \"Hulp.\", type: yes_no}",
     "          - {id: g1_ja, text: \"Ja of nee?\", help: \"Hulp.\", type: text}", "questions:\n          - {id: g1_ja",
     "pillars[G].criteria[G1].questions", "geen vraag die meetelt"),
    ("wrong schema", "schema: vthscan.questionnaire/1", "schema: vthscan.questionnaire/9",
     "schema:", "schema", "moet 'vthscan.questionnaire/1' zijn"),
]


@pytest.mark.parametrize("name, old, new, line_fragment, path, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_refused_with_a_located_message(mini_text, name, old, new, line_fragment, path, message):
    assert old in mini_text, "the test's fragment must exist in mini.yaml"
    text = mini_text.replace(old, new, 1)
    problems = refuse(text)
    matching = [p for p in problems if message in p.message and p.path.endswith(path)]
    assert matching, f"expected {path!r}: {message!r}, got:\n" + "\n".join(map(str, problems))
    problem = matching[0]
    assert problem.file == "test.yaml"
    if line_fragment is not None:
        assert problem.line == line_of(text, line_fragment)
    else:
        assert problem.line is not None


def test_all_problems_in_a_file_are_reported_at_once(mini_text):
    text = (mini_text.replace("scale: volwassenheid, weight: 3", "scale: rijpheid, weight: -3")
            .replace("norm: 2}", "norm: 0}")
            .replace("id: B1", "id: A1"))
    messages = [str(p) for p in refuse(text)]
    assert any("rijpheid" in m for m in messages)
    assert any("minstens 0" in m for m in messages)
    assert any("groter dan 0" in m for m in messages)
    assert sum("komt 2 keer voor" in m for m in messages) == 2
    assert all(m.startswith("test.yaml:") for m in messages)


def test_error_string_names_file_line_and_path(mini_text):
    text = mini_text.replace("type: yes_no, weight: 1}", "type: ja_nee, weight: 1}")
    with pytest.raises(LoadError) as caught:
        load_questionnaire_text(text, "questionnaires/x.yaml")
    line = line_of(text, "ja_nee")
    assert f"questionnaires/x.yaml:{line}: pillars[A].criteria[A1].questions[a1_ja].type:" in str(caught.value)


def test_not_a_mapping_is_refused():
    assert "blok met sleutels" in refuse("- just\n- a list\n")[0].message


PROFILE = """schema: vthscan.thresholds/1
questionnaire: mini
name: Streng
description: Strenger dan standaard
thresholds: {voldoet: 80, aandachtspunt: 60}
pillars: {B: {voldoet: 85}}
criteria: {A2: {aandachtspunt: 70}}
"""


def test_profile_loads(mini):
    profile = load_profile_text(PROFILE, mini, "p.yaml")
    assert profile.name == "Streng"
    assert profile.criteria == {"A2": {"aandachtspunt": 70.0}}


@pytest.mark.parametrize("old, new, path, message", [
    ("questionnaire: mini", "questionnaire: andere", "questionnaire", "hoort bij vragenlijst 'andere'"),
    ("criteria: {A2:", "criteria: {Z9:", "criteria.Z9", "criterium 'Z9' bestaat niet"),
    ("pillars: {B:", "pillars: {Q:", "pillars.Q", "pijler 'Q' bestaat niet"),
    ("{aandachtspunt: 70}", "{aandachtspunt: 90}", "criteria.A2", "moet hoger zijn"),
    ("{voldoet: 85}", "{aandachtspunt: 85}", "pillars.B", "moet hoger zijn"),
    ("voldoet: 80, aandachtspunt: 60", "voldoet: 80, aandachtspunt: 160", "thresholds.aandachtspunt",
     "hoogstens 100"),
    ("{voldoet: 85}", "{excellent: 95}", "pillars.B.excellent", "onbekend niveau"),
    ("name: Streng\n", "", "name", "ontbreekt"),
])
def test_bad_profile_is_refused_saying_where(mini, old, new, path, message):
    text = PROFILE.replace(old, new)
    with pytest.raises(LoadError) as caught:
        load_profile_text(text, mini, "p.yaml")
    problems = caught.value.problems
    assert any(p.path == path and message in p.message for p in problems), "\n".join(map(str, problems))


BILLION_LAUGHS = """schema: vthscan.questionnaire/1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.parametrize("load", [
    lambda text, mini: load_questionnaire_text(text, "lol.yaml"),
    lambda text, mini: load_profile_text(text.replace("questionnaire/1", "thresholds/1"), mini, "lol.yaml"),
], ids=["questionnaire", "profile"])
def test_billion_laughs_is_refused_quickly_with_a_located_message(mini, load):
    # About 600 bytes that stand for 387 million strings: refused after a few hundred alias uses,
    # before anything walks the expanded document.
    assert len(BILLION_LAUGHS) < 700
    with pytest.raises(LoadError) as caught:
        load(BILLION_LAUGHS, mini)
    [problem] = caught.value.problems
    assert problem.file == "lol.yaml" and problem.line in range(3, 11)
    assert "te veel verwijzingen" in problem.message and "200" in problem.message


def test_a_few_aliases_are_still_fine(mini_text):
    text = mini_text.replace('    respondents: [omgevingsdienst]\n', '    respondents: &alleen_od [omgevingsdienst]\n', 1)
    text = text.replace("    weight: 1\n    thresholds: {voldoet: 70", "    weight: 1\n    respondents: *alleen_od\n"
                        "    thresholds: {voldoet: 70", 1)
    questionnaire = load_questionnaire_text(text)
    assert questionnaire.pillars[1].for_kinds == ["omgevingsdienst"]


def test_a_reference_to_its_own_block_is_refused():
    with pytest.raises(LoadError) as caught:
        load_questionnaire_text("schema: vthscan.questionnaire/1\nlevels: &rond [1, *rond]\n", "rond.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (2, "levels[1]")
    assert "verwijst naar het blok waar ze zelf in staat" in problem.message


@pytest.mark.parametrize("key", ['"²"', '"٣"'])
def test_a_scale_key_in_another_script_is_refused_with_a_located_message(mini_text, key):
    problems = refuse(mini_text.replace('{0: "Niet",', "{" + key + ': "Niet",', 1))
    assert [p.path for p in problems][0].startswith("scales.volwassenheid.labels")


def test_versions_with_digits_of_other_scripts_sort_as_text():
    from vthscan.domain.catalog import version_key

    assert sorted(["1.10", "1.²", "1.9"], key=version_key) == ["1.9", "1.10", "1.²"]
