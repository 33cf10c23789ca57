"""`for:` on pillars, criteria and questions: inherited downwards, only narrowed, and what is not for an
organisation's kind is absent from its view, its score, its completeness, its report and its exports."""

import json

import pytest

from vthscan.domain.answers import Answer, AnswerSet, check_answers
from vthscan.domain.loader import LoadError, load_questionnaire_text
from vthscan.domain.scoring import NOT_APPLICABLE, score
from vthscan.report.data import build_report_data
from vthscan.report.exports import assessment_sheets

# Pillar O is for every kind; its criterion O2 only for omgevingsdiensten, and within O1 one question
# only for omgevingsdiensten. Pillar G is for municipalities and provinces, one question for provinces.
TEXT = """\
schema: vthscan.questionnaire/1
id: soorten
version: "1"
title: "Vragen per soort organisatie"
levels:
  - {id: voldoet, label: "Voldoet", color: "#2e7d32"}
  - {id: tekort, label: "Tekort", color: "#c62828"}
thresholds: {voldoet: 75}
pillars:
  - id: O
    title: "Voor iedereen"
    for: [omgevingsdienst, gemeente, provincie]
    criteria:
      - id: O1
        title: "Gedeeld criterium"
        questions:
          - {id: o1_iedereen, text: "Voor iedereen?", help: "Hulp.", type: yes_no}
          - {id: o1_dienst, text: "Alleen de dienst?", help: "Hulp.", type: yes_no, for: [omgevingsdienst]}
      - id: O2
        title: "Alleen de dienst"
        for: [omgevingsdienst]
        questions:
          - {id: o2_dienst, text: "Ook de dienst?", help: "Hulp.", type: yes_no}
  - id: G
    title: "Eigenaren"
    for: [gemeente, provincie]
    criteria:
      - id: G1
        title: "Eigenaarschap"
        questions:
          - {id: g1_beide, text: "Gemeente of provincie?", help: "Hulp.", type: yes_no}
          - {id: g1_provincie, text: "Alleen de provincie?", help: "Hulp.", type: yes_no, for: [provincie]}
"""


@pytest.fixture(scope="module")
def kinds_questionnaire():
    return load_questionnaire_text(TEXT, "soorten.yaml")


def test_for_is_inherited_downwards(kinds_questionnaire):
    kinds = kinds_questionnaire.kinds
    assert kinds["O1"] == ("omgevingsdienst", "gemeente", "provincie")
    assert kinds["o1_iedereen"] == kinds["O1"]
    assert kinds["o1_dienst"] == kinds["O2"] == kinds["o2_dienst"] == ("omgevingsdienst",)
    assert kinds["g1_beide"] == ("gemeente", "provincie") and kinds["g1_provincie"] == ("provincie",)


def test_a_municipality_sees_only_what_is_for_municipalities(kinds_questionnaire):
    view = kinds_questionnaire.for_kind("gemeente")
    assert [p.id for p in view.pillars] == ["O", "G"]
    assert [c.id for _, c in view.criteria] == ["O1", "G1"]
    assert list(view.questions) == ["o1_iedereen", "g1_beide"]
    assert [p.id for p in kinds_questionnaire.pillars_for("gemeente")] == ["O", "G"]
    assert list(kinds_questionnaire.for_kind("provincie").questions) == ["o1_iedereen", "g1_beide", "g1_provincie"]
    assert list(kinds_questionnaire.for_kind("omgevingsdienst").questions) == ["o1_iedereen", "o1_dienst",
                                                                               "o2_dienst"]
    assert kinds_questionnaire.for_kind(None) is kinds_questionnaire
    assert len(kinds_questionnaire.questions) == 5  # the whole definition is untouched


def test_a_question_not_for_the_kind_is_absent_from_score_and_completeness(kinds_questionnaire):
    result = score(kinds_questionnaire, {"o1_iedereen": Answer(value=True)}, "gemeente")
    assert [p.id for p in result.pillars] == ["O", "G"]
    [o1] = result.pillars[0].criteria
    assert [q.id for q in o1.questions] == ["o1_iedereen"]          # absent, not 'niet van toepassing'
    assert all(q.status != NOT_APPLICABLE for c in result.criteria for q in c.questions)
    assert o1.score == 100
    assert (result.completeness.done, result.completeness.total) == (1, 2)   # o1_iedereen and g1_beide


def test_an_answer_to_a_question_not_for_the_kind_is_refused(kinds_questionnaire):
    problems = check_answers(kinds_questionnaire, "gemeente", {"o1_dienst": Answer(value=True),
                                                               "g1_provincie": Answer(value=False)})
    assert problems == ["o1_dienst: deze vraag is niet voor een gemeente (alleen voor: omgevingsdienst)",
                        "g1_provincie: deze vraag is niet voor een gemeente (alleen voor: provincie)"]
    assert check_answers(kinds_questionnaire, "provincie", {"g1_provincie": Answer(value=False)}) == []


def test_report_and_exports_show_only_the_kinds_questions(kinds_questionnaire):
    answers = {"o1_iedereen": Answer(value=True), "g1_beide": Answer(value=False)}
    result = score(kinds_questionnaire, answers, "gemeente")
    from datetime import date
    report = build_report_data(kinds_questionnaire, answers, result, generated_on=date(2026, 3, 1))
    assert [q.id for c in report.appendix for q in c.questions] == ["o1_iedereen", "g1_beide"]
    assert report.questionnaire_fingerprint == kinds_questionnaire.fingerprint
    answer_set = AnswerSet("soorten", "1", "Gemeente Dijkstad", "gemeente", "2026", answers)
    [answers_sheet, scores_sheet, _plan] = assessment_sheets(kinds_questionnaire, answer_set, result)
    assert [row[2] for row in answers_sheet.rows] == ["o1_iedereen", "g1_beide"]
    assert [row[1] for row in scores_sheet.rows if row[0] == "criterium"] == ["O1", "G1"]


def test_a_stored_definition_keeps_its_for_lists(kinds_questionnaire):
    again = load_questionnaire_text(json.dumps(kinds_questionnaire.to_data()), "opgeslagen.json")
    assert again.kinds == kinds_questionnaire.kinds
    assert again.fingerprint == kinds_questionnaire.fingerprint


def test_respondents_is_the_older_name_of_a_pillars_for(kinds_questionnaire):
    older = load_questionnaire_text(TEXT.replace("    for: [gemeente, provincie]", "    respondents: [gemeente, provincie]"))
    assert older.kinds == kinds_questionnaire.kinds
    assert older.fingerprint == kinds_questionnaire.fingerprint  # the same definition


def refuse(text: str) -> list:
    with pytest.raises(LoadError) as caught:
        load_questionnaire_text(text, "soorten.yaml")
    return caught.value.problems


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# (description, replace this, with that, line fragment, path, message fragment)
BROKEN = [
    ("criterion wider than its pillar", "        title: \"Eigenaarschap\"\n",
     "        title: \"Eigenaarschap\"\n        for: [gemeente, omgevingsdienst]\n", "for: [gemeente, omgevingsdienst]",
     "pillars[G].criteria[G1].for[1]",
     "'omgevingsdienst' staat niet in de 'for' van pijler G (gemeente, provincie): een criterium is voor "
     "dezelfde of minder soorten organisaties dan zijn pijler"),
    ("question wider than its criterion", "help: \"Hulp.\", type: yes_no}\n  - id: G",
     "help: \"Hulp.\", type: yes_no, for: [gemeente]}\n  - id: G", "o2_dienst",
     "pillars[O].criteria[O2].questions[o2_dienst].for[0]",
     "'gemeente' staat niet in de 'for' van criterium O2 (omgevingsdienst): een vraag is voor dezelfde of "
     "minder soorten organisaties dan haar criterium"),
    ("question wider than an inherited list", "type: yes_no, for: [provincie]}", "type: yes_no, for: [omgevingsdienst]}",
     "g1_provincie", "pillars[G].criteria[G1].questions[g1_provincie].for[0]",
     "'omgevingsdienst' staat niet in de 'for' van criterium G1 (gemeente, provincie)"),
    ("unknown kind", "for: [provincie]}", "for: [waterschap]}", "g1_provincie",
     "questions[g1_provincie].for[0]", "onbekende waarde 'waterschap'"),
    ("empty list", "for: [provincie]}", "for: []}", "g1_provincie", "questions[g1_provincie].for", "mag niet leeg zijn"),
    ("a kind twice", "    for: [gemeente, provincie]", "    for: [gemeente, provincie, gemeente]",
     "for: [gemeente, provincie, gemeente]", "pillars[G].for[2]", "'gemeente' staat 2 keer in de lijst"),
    ("both names on a pillar", "    for: [gemeente, provincie]", "    for: [gemeente, provincie]\n    respondents: [gemeente]",
     "respondents: [gemeente]", "pillars[G].respondents", "niet allebei"),
    ("respondents on a question", "type: yes_no, for: [provincie]}", "type: yes_no, respondents: [provincie]}",
     "g1_provincie", "questions[g1_provincie].respondents", "onbekende sleutel"),
    ("a kind left without a scored question", "{id: g1_beide, text: \"Gemeente of provincie?\", help: \"Hulp.\", type: yes_no}",
     "{id: g1_beide, text: \"Gemeente of provincie?\", help: \"Hulp.\", type: text}", "questions:\n          - {id: g1_beide",
     "pillars[G].criteria[G1].questions",
     "het criterium is voor een gemeente, maar heeft geen vraag voor een gemeente die meetelt voor de score"),
]


@pytest.mark.parametrize("name, old, new, line_fragment, path, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_for_is_refused_with_a_located_message(name, old, new, line_fragment, path, message):
    assert old in TEXT, "the test's fragment must exist in the text"
    text = TEXT.replace(old, new, 1)
    problems = refuse(text)
    matching = [p for p in problems if message in p.message and p.path.endswith(path)]
    assert matching, [str(p) for p in problems]
    assert matching[0].file == "soorten.yaml"
    assert matching[0].line == line_of(text, line_fragment)


def test_a_pillar_for_a_kind_none_of_its_criteria_is_for_is_refused():
    text = TEXT.replace("        title: \"Gedeeld criterium\"\n",
                        "        title: \"Gedeeld criterium\"\n        for: [omgevingsdienst, provincie]\n")
    problems = refuse(text)
    assert [str(p) for p in problems] == [
        f"soorten.yaml:{line_of(text, 'for: [omgevingsdienst, gemeente, provincie]')}: pillars[O].for: "
        "de pijler is voor een gemeente, maar geen van haar criteria is dat"]


def test_a_comparison_leaves_what_is_not_for_a_kind_empty(kinds_questionnaire):
    from vthscan.domain.comparison import Assessment, compare

    service = Assessment("Omgevingsdienst", "omgevingsdienst", "2026", kinds_questionnaire,
                         {"o1_iedereen": Answer(value=True), "o1_dienst": Answer(value=False),
                          "o2_dienst": Answer(value=True)})
    municipality = Assessment("Gemeente", "gemeente", "2026", kinds_questionnaire,
                              {"o1_iedereen": Answer(value=True), "g1_beide": Answer(value=True)})
    rows = {row.id: [cell.score for cell in row.cells] for row in compare([service, municipality]).rows}
    assert rows["O1"] == [50, 100]      # the municipality's O1 holds only o1_iedereen
    assert rows["O2"] == [100, None]    # absent for a municipality: no score, not a zero
    assert rows["G1"] == [None, 100]
