"""Carrying answers to a new questionnaire version: the migration file, every rule kind, and the
answers that cannot be carried, each listed with its reason."""

import pytest

from vthscan.domain.answers import Answer
from vthscan.domain.catalog import load_catalog
from vthscan.domain.loader import LoadError, load_questionnaire_text
from vthscan.domain.migration import carry_answers
from vthscan.domain.migration_file import load_migration_text

HEAD = """\
schema: vthscan.questionnaire/1
id: migratie
version: "{version}"
title: "Migratietest"
levels:
  - {{id: voldoet, label: "Voldoet", color: "#2e7d32"}}
  - {{id: tekort, label: "Tekort", color: "#c62828"}}
thresholds: {{voldoet: 75}}
pillars:
  - id: A
    title: "Pijler A"
    criteria:
      - id: A1
        title: "Criterium A1"
        questions:
"""


def question(qid: str, kind: str, extra: str = "") -> str:
    types = {
        "yes_no": "type: yes_no",
        "scale": "type: scale, scale: rijp",
        "number": "type: number, unit: fte, min: 0, max: 100, scoring: {rule: norm, norm: 2}",
        "small": "type: number, unit: fte, min: 0, max: 10, scoring: {rule: norm, norm: 2}",
        "choice": "type: choice, options: [{id: goed, label: Goed, score: 100}, {id: matig, label: Matig, "
                  "score: 50}, {id: slecht, label: Slecht, score: 0}]",
        "choice2": "type: choice, options: [{id: goed, label: Goed, score: 100}, {id: matig, label: Matig, "
                   "score: 50}, {id: zwak, label: Zwak, score: 0}]",
        "text": "type: text",
    }
    return f'          - {{id: {qid}, text: "Vraag {qid}?", help: "Hulp.", {types[kind]}{extra}}}\n'


SCALES = 'scales:\n  rijp:\n    labels: {0: "Niet", 1: "Ad hoc", 2: "Vast", 3: "Toegepast", 4: "Geborgd"}\n'

OLD = (HEAD.format(version="1") + "".join(question(*q) for q in [
    ("a_ja", "yes_no"), ("a_keuze", "choice"), ("a_oud", "yes_no"), ("a_twee", "scale"),
    ("a_min1", "number"), ("a_min2", "number"), ("a_sum1", "number"), ("a_sum2", "number"),
    ("a_weg", "yes_no"), ("a_getal", "number"), ("a_dienst", "yes_no"), ("a_tekst", "text"),
]) + SCALES)
NEW = (HEAD.format(version="2") + "".join(question(*q) for q in [
    ("a_ja", "yes_no"), ("a_keuze", "choice2"), ("a_nieuw", "yes_no"), ("a_twee_x", "scale"),
    ("a_twee_y", "scale"), ("a_min", "number"), ("a_sum", "number"), ("a_getal", "small"),
    ("a_dienst", "yes_no", ", for: [omgevingsdienst]"), ("a_tekst", "text"), ("a_erbij", "yes_no"),
]) + SCALES)

MIGRATION = """\
schema: vthscan.migration/1
questionnaire: migratie
from: "1"
to: "2"
rules:
  - {rule: keep, from: a_keuze, options: {slecht: zwak}}
  - {rule: rename, from: a_oud, to: a_nieuw}
  - {rule: split, from: a_twee, to: [a_twee_x, a_twee_y]}
  - {rule: merge, from: [a_min1, a_min2], to: a_min, combine: lowest}
  - {rule: merge, from: [a_sum1, a_sum2], to: a_sum, combine: sum}
  - {rule: drop, from: a_weg, reason: "Deze vraag is vervallen."}
"""


@pytest.fixture(scope="module")
def versions():
    return {"1": load_questionnaire_text(OLD, "v1.yaml"), "2": load_questionnaire_text(NEW, "v2.yaml")}


@pytest.fixture(scope="module")
def migration(versions):
    return load_migration_text(MIGRATION, versions, "m.yaml")


def carry(versions, migration, kind="omgevingsdienst", **answers):
    given = {qid: a if isinstance(a, Answer) else Answer(value=a) for qid, a in answers.items()}
    return carry_answers(versions["1"], versions["2"], kind, given, migration)


def test_a_question_kept_with_the_same_id_carries_its_whole_answer(versions, migration):
    answer = Answer(value=True, comment="Zie het AB-besluit.", evidence="https://example.nl/ab")
    result = carry(versions, migration, a_ja=answer, a_tekst="Vrije tekst")
    assert result.answers == {"a_ja": answer, "a_tekst": Answer(value="Vrije tekst")}
    assert result.origins == {"a_ja": ("a_ja",), "a_tekst": ("a_tekst",)} and result.not_carried == []


def test_keep_maps_options(versions, migration):
    result = carry(versions, migration, a_keuze="slecht")
    assert result.answers["a_keuze"] == Answer(value="zwak")
    assert carry(versions, migration, a_keuze="matig").answers["a_keuze"] == Answer(value="matig")


def test_rename_carries_to_the_new_id(versions, migration):
    result = carry(versions, migration, a_oud=Answer(value=False, comment="Nog niet."))
    assert result.answers == {"a_nieuw": Answer(value=False, comment="Nog niet.")}
    assert result.origins == {"a_nieuw": ("a_oud",)}


def test_split_gives_every_new_question_the_answer(versions, migration):
    result = carry(versions, migration, a_twee=3)
    assert result.answers == {"a_twee_x": Answer(value=3), "a_twee_y": Answer(value=3)}


def test_merge_combines_by_its_rule(versions, migration):
    result = carry(versions, migration, a_min1=Answer(value=4, comment="A"), a_min2=Answer(value=1.5, comment="B"),
                   a_sum1=2, a_sum2=3.5)
    assert result.answers["a_min"] == Answer(value=1.5, comment="A\nB")
    assert result.answers["a_sum"] == Answer(value=5.5)
    assert result.origins["a_min"] == ("a_min1", "a_min2")


def test_merge_of_all_unknown_or_all_not_applicable(versions, migration):
    unknown = carry(versions, migration, a_min1=Answer(unknown=True), a_min2=Answer(unknown=True))
    assert unknown.answers == {"a_min": Answer(unknown=True)}
    na = carry(versions, migration, a_sum1=Answer(na=True, na_reason="Geen taak."),
               a_sum2=Answer(na=True, na_reason="Geen taak."))
    assert na.answers == {}   # a_sum does not allow 'niet van toepassing': listed, not lost
    assert [n.question_id for n in na.not_carried] == ["a_sum1", "a_sum2"]
    assert "'niet van toepassing' is bij deze vraag niet toegestaan" in na.not_carried[0].reason


def test_a_merge_with_a_missing_answer_lists_every_answer_given(versions, migration):
    result = carry(versions, migration, a_min1=4)
    assert result.answers == {}
    [listed] = result.not_carried
    assert listed.question_id == "a_min1" and listed.question_text == "Vraag a_min1?"
    assert "samengevoegd met a_min2 tot vraag a_min" in listed.reason


def test_drop_lists_the_answer_with_the_files_reason(versions, migration):
    result = carry(versions, migration, a_weg=True)
    assert result.answers == {}
    assert [str(n) for n in result.not_carried] == ["a_weg: Deze vraag is vervallen."]


def test_an_answer_that_no_longer_fits_is_listed(versions, migration):
    result = carry(versions, migration, a_getal=50)
    assert result.answers == {}
    assert result.not_carried[0].reason.startswith("het antwoord past niet bij vraag a_getal in versie 2: ")


def test_a_question_no_longer_for_the_kind_is_listed(versions, migration):
    result = carry(versions, migration, "gemeente", a_dienst=True, a_ja=True)
    assert list(result.answers) == ["a_ja"]
    assert [str(n) for n in result.not_carried] == ["a_dienst: vraag a_dienst is in versie 2 niet voor een gemeente"]
    assert "a_dienst" in carry(versions, migration, a_dienst=True).answers


def test_every_answer_given_is_carried_or_listed(versions, migration):
    given = dict(a_ja=True, a_keuze="goed", a_oud=True, a_twee=2, a_min1=1, a_sum1=1, a_sum2=2, a_weg=False,
                 a_getal=99, a_dienst=True, a_tekst="x", onbekend=True)
    result = carry(versions, migration, "gemeente", **given)
    carried = {old for origin in result.origins.values() for old in origin}
    listed = {n.question_id for n in result.not_carried}
    assert carried | listed == set(given) and not carried & listed
    assert "onbekend: deze vraag bestaat niet in versie 1" in [str(n) for n in result.not_carried]


def test_without_a_migration_the_same_ids_are_carried_and_the_rest_listed(versions):
    result = carry(versions, None, a_ja=True, a_oud=True, a_keuze="slecht")
    assert result.answers == {"a_ja": Answer(value=True)}
    assert [str(n) for n in result.not_carried] == [
        "a_keuze: het antwoord past niet bij vraag a_keuze in versie 2: onbekende keuze 'slecht'; kies uit goed, "
        "matig, zwak",
        "a_oud: deze vraag staat niet meer in versie 2"]


def test_empty_answers_are_not_carried(versions, migration):
    assert carry(versions, migration, a_ja=Answer()).answers == {}


def test_the_shipped_migration_loads_with_the_catalog():
    from pathlib import Path

    catalog = load_catalog(Path(__file__).resolve().parent.parent.parent / "questionnaires")
    migration = catalog.migration("vthscan-standaard", "1.0", "1.1")
    assert migration is not None
    assert {rule.from_ for rule in migration.rules if rule.rule == "drop"} == {
        qid for qid in catalog.get("vthscan-standaard", "1.0").questions if qid.startswith("r2_fte_")}


def refuse(text: str, versions) -> list:
    with pytest.raises(LoadError) as caught:
        load_migration_text(text, versions, "m.yaml")
    return caught.value.problems


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# (description, replace this, with that, line fragment, path, message fragment)
BROKEN = [
    ("unknown old question", "from: a_oud, to", "from: a_ouder, to", "a_ouder", "rules[1].from",
     "vraag 'a_ouder' bestaat niet in versie 1"),
    ("unknown new question", "to: a_nieuw}", "to: a_nieuwer}", "a_nieuwer", "rules[1].to",
     "vraag 'a_nieuwer' bestaat niet in versie 2"),
    ("question in two rules", "  - {rule: drop, from: a_weg,", "  - {rule: drop, from: a_oud,", "rule: drop",
     "rules[5].from", "vraag 'a_oud' staat al in een andere regel (regel 2)"),
    ("two rules fill one question", "to: [a_twee_x, a_twee_y]", "to: [a_twee_x, a_nieuw]", "a_twee_x",
     "rules[2].to[1]", "vraag 'a_nieuw' krijgt al een antwoord uit regel 2"),
    ("a removed question left out", "  - {rule: drop, from: a_weg, reason: \"Deze vraag is vervallen.\"}\n", "",
     "rules:", "rules", "vraag 'a_weg' uit versie 1 bestaat niet in versie 2; zeg met een regel wat ermee gebeurt"),
    ("a kept question also filled by a rule", "to: [a_twee_x, a_twee_y]", "to: [a_twee_x, a_ja]", "rules:",
     "rules", "vraag 'a_ja' blijft in versie 2 bestaan en houdt haar eigen antwoord"),
    ("types that do not fit", "from: a_oud, to: a_nieuw", "from: a_oud, to: a_twee_x", "a_twee_x",
     "rules[1].to", "een antwoord op 'a_oud' (ja/nee) past niet bij 'a_twee_x' (schaal 0-4)"),
    ("options on a question without options", "{rule: rename, from: a_oud, to: a_nieuw}",
     "{rule: rename, from: a_oud, to: a_nieuw, options: {ja: nee}}", "options: {ja: nee}", "rules[1].options",
     "options kan alleen bij keuzevragen"),
    ("an old option that does not exist", "options: {slecht: zwak}", "options: {heel_slecht: zwak}",
     "heel_slecht", "rules[0].options.heel_slecht", "'a_keuze' heeft in versie 1 geen keuze 'heel_slecht'"),
    ("a new option that does not exist", "options: {slecht: zwak}", "options: {slecht: slecht}", "slecht: slecht",
     "rules[0].options.slecht", "'a_keuze' heeft in versie 2 geen keuze 'slecht'"),
    ("a sum of yes and no", "from: [a_sum1, a_sum2]", "from: [a_sum1, a_ja]", "a_sum1, a_ja", "rules[4].from[1]",
     "'sum' voegt alleen vragen van hetzelfde soort samen (number); 'a_ja' is ja/nee"),
    ("merge of one question", "from: [a_min1, a_min2]", "from: [a_min1]", "a_min1", "rules[3].from",
     "mag niet leeg zijn"),
    ("unknown rule", "{rule: keep,", "{rule: copy,", "rule: copy", "rules[0].rule", "onbekend type 'copy'"),
    ("drop without a reason", ", reason: \"Deze vraag is vervallen.\"}", "}", "a_weg", "rules[5].reason",
     "ontbreekt"),
    ("unknown combine", "combine: sum", "combine: average", "average", "rules[4].combine",
     "onbekende waarde 'average'"),
    ("unknown version", 'to: "2"', 'to: "3"', 'to: "3"', "to", "versie 3 van migratie is niet gevonden (wel: 1, 2)"),
    ("same version", 'to: "2"', 'to: "1"', 'to: "1"', "to", "een migratie gaat van de ene versie naar een andere"),
    ("unknown key", "rules:\n", "regels: []\nrules:\n", "regels", "regels", "onbekende sleutel"),
    ("wrong schema", "vthscan.migration/1", "vthscan.migration/2", "schema", "schema",
     "moet 'vthscan.migration/1' zijn"),
]


@pytest.mark.parametrize("name, old, new, line_fragment, path, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_migration_is_refused_with_a_located_message(versions, name, old, new, line_fragment, path,
                                                              message):
    assert old in MIGRATION, "the test's fragment must exist in the migration"
    text = MIGRATION.replace(old, new, 1)
    problems = refuse(text, versions)
    matching = [p for p in problems if message in p.message and p.path == path]
    assert matching, [str(p) for p in problems]
    assert matching[0].file == "m.yaml" and matching[0].line == line_of(text, line_fragment)


def test_a_migration_for_an_unknown_questionnaire_is_refused():
    [problem] = refuse(MIGRATION, {})
    assert str(problem) == "m.yaml:2: questionnaire: vragenlijst 'migratie' is niet gevonden"


def test_the_catalog_refuses_a_broken_migration_with_its_file(tmp_path, versions):
    (tmp_path / "v1.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "v2.yaml").write_text(NEW, encoding="utf-8")
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "migratie-1-2.yaml").write_text(MIGRATION.replace("a_oud, to", "a_x, to"),
                                                                encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    assert {p.file for p in caught.value.problems} == {str(tmp_path / "migrations" / "migratie-1-2.yaml")}
    (tmp_path / "migrations" / "migratie-1-2.yaml").write_text(MIGRATION, encoding="utf-8")
    (tmp_path / "migrations" / "nog-een.yaml").write_text(MIGRATION, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    assert "staat ook in" in str(caught.value)
