"""What a user may type: text limits and characters, numbers, and answers files that try to break the parser."""

from __future__ import annotations

import json

import pytest

from vthscan.domain.answers import Answer, AnswersError, check_answer_texts, check_answers, parse_answers_file
from vthscan.domain.limits import EVIDENCE, LONG_TEXT, NAME, text_problem
from vthscan.domain.numbers import NotANumber, NumberTooLarge, parse_number

# --- text ---------------------------------------------------------------------------------------------

def test_limits_are_the_agreed_ones():
    assert (LONG_TEXT.max_length, EVIDENCE.max_length, NAME.max_length) == (4000, 1000, 200)


@pytest.mark.parametrize("rule, text", [
    (LONG_TEXT, "x" * 4000), (LONG_TEXT, "regel 1\nregel 2\r\n\tingesprongen"), (EVIDENCE, "y" * 1000),
    (NAME, "Omgevingsdienst Noord-Holland Zuid"), (NAME, "n" * 200), (LONG_TEXT, "ë € ≥ 漢字 🙂"),
])
def test_allowed_text(rule, text):
    assert text_problem(text, rule) is None


@pytest.mark.parametrize("rule, text, message", [
    (LONG_TEXT, "x" * 4001, "mag hoogstens 4.000 tekens hebben (nu 4.001)"),
    (EVIDENCE, "y" * 1001, "mag hoogstens 1.000 tekens hebben (nu 1.001)"),
    (NAME, "n" * 201, "mag hoogstens 200 tekens hebben (nu 201)"),
    (LONG_TEXT, "nul\x00byte", "bevat een onzichtbaar stuurteken (U+0000) op plaats 4; haal het weg"),
    (LONG_TEXT, "bel\x07", "bevat een onzichtbaar stuurteken (U+0007) op plaats 4; haal het weg"),
    (LONG_TEXT, "c1\x85", "bevat een onzichtbaar stuurteken (U+0085) op plaats 3; haal het weg"),
    (LONG_TEXT, "half \ud800 teken", "bevat een onzichtbaar stuurteken (U+D800) op plaats 6; haal het weg"),
    (NAME, "twee\nregels", "bevat een regeleinde op plaats 5; haal het weg"),
    (NAME, "met\ttab", "bevat een tab op plaats 4; haal het weg"),
])
def test_refused_text(rule, text, message):
    assert text_problem(text, rule) == message


# --- numbers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("12", 12), ("-3", -3), ("2,5", 2.5), ("2.5", 2.5), ("0,75", 0.75), ("-0,5", -0.5),
    ("100", 100), ("999999999999999", 999999999999999),
])
def test_numbers_with_ascii_digits_and_a_dutch_or_english_decimal_sign(text, value):
    assert parse_number(text) == value and type(parse_number(text)) is type(value)


@pytest.mark.parametrize("text", [
    "٧٥", "७५", "１２", "1_0", "²", "1e3", "inf", "nan", "Infinity", "0x10", "+5", "1,5,0", "1.", ",5", "1 0",
    "--1", "", " ", "1,5e2", "½",
])
def test_anything_else_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_number(text)


def test_numbers_with_too_many_digits_are_too_large():
    with pytest.raises(NumberTooLarge):
        parse_number("1" * 16)
    with pytest.raises(NumberTooLarge):
        parse_number("9" * 309 + ",5")


# --- answers files ----------------------------------------------------------------------------------

def answers_file(**changes) -> dict:
    data = {"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"},
            "organisation": {"name": "OD Test", "kind": "omgevingsdienst"}, "period": "2026",
            "answers": {"a1_ja": {"value": True, "comment": "goed"}, "a2_norm": {"value": 1.5}}}
    data.update(changes)
    return data


def refused(text: str) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        parse_answers_file(text, "a.json")
    return caught.value.problems


def test_duplicate_keys_are_refused():
    text = ('{"format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": "1"}, '
            '"organisation": {"name": "A", "kind": "omgevingsdienst"}, "period": "2026", '
            '"answers": {"a1_ja": {"value": true}, "a1_ja": {"value": false}}}')
    assert refused(text) == ["a.json: sleutel 'a1_ja' staat twee keer in hetzelfde blok"]


def test_deeply_nested_json_is_refused():
    depth = 100_000
    text = json.dumps(answers_file())[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    assert refused(text) == ["a.json: het bestand is te diep genest (blokken in blokken in blokken...)"]


@pytest.mark.parametrize("number", ["1" + "0" * 400, "1" + "0" * 5000, "1e400", "-1e400", "NaN", "Infinity",
                                    "-Infinity"])
def test_huge_and_non_finite_numbers_are_refused(number):
    text = json.dumps(answers_file()).replace('"value": 1.5', f'"value": {number}')
    [problem] = refused(text)
    assert problem.startswith("a.json: ") and "geen bruikbaar getal" in problem


def test_a_large_number_within_json_limits_is_refused_against_the_questionnaire(mini):
    answers = {"a2_norm": Answer(value=10 ** 30), "b1_lineair": Answer(value=-10 ** 30)}
    assert check_answers(mini, "omgevingsdienst", answers) == [
        "a2_norm: het getal is te groot", "b1_lineair: het getal is te groot"]


def test_missing_required_fields_are_named():
    data = answers_file()
    del data["organisation"]["name"]
    del data["period"]
    assert refused(json.dumps(data)) == ["a.json: organisation.name: ontbreekt", "a.json: period: ontbreekt"]


def test_the_file_must_be_an_object_with_an_object_of_answers():
    assert refused(json.dumps(answers_file(answers=[1, 2]))) == [
        "a.json: answers: moet een blok met sleutels zijn"]


@pytest.mark.parametrize("where, change, message", [
    ("period", {"period": "20\x0026"}, "a.json: period: bevat een onzichtbaar stuurteken (U+0000) op plaats 3"),
    ("period", {"period": "2" * 41}, "a.json: period: mag hoogstens 40 tekens hebben (nu 41)"),
    ("name", {"organisation": {"name": "n" * 201, "kind": "omgevingsdienst"}},
     "a.json: organisation.name: mag hoogstens 200 tekens hebben (nu 201)"),
    ("questionnaire", {"questionnaire": {"id": "mi\x00ni", "version": "1"}},
     "a.json: questionnaire.id: bevat een onzichtbaar stuurteken (U+0000) op plaats 3"),
    ("question id", {"answers": {"a1\x00": {"value": True}}},
     "a.json: answers.'a1\\x00': bevat een onzichtbaar stuurteken (U+0000) op plaats 3"),
])
def test_envelope_texts_follow_the_rules(where, change, message):
    [problem] = refused(json.dumps(answers_file(**change)))
    assert problem.startswith(message)


@pytest.mark.parametrize("answer, message", [
    (Answer(value=True, comment="x" * 4001), "a1_ja: de toelichting mag hoogstens 4.000 tekens hebben (nu 4.001)"),
    (Answer(value=True, comment="a\x00b"), "a1_ja: de toelichting bevat een onzichtbaar stuurteken (U+0000) op plaats 2"),
    (Answer(value=True, evidence="e" * 1001), "a1_ja: de onderbouwing mag hoogstens 1.000 tekens hebben (nu 1.001)"),
    (Answer(na=True, na_reason="r" * 4001),
     "a2_keuze: de reden voor niet van toepassing mag hoogstens 4.000 tekens hebben (nu 4.001)"),
    (Answer(value="t" * 4001), "a2_tekst: het antwoord mag hoogstens 4.000 tekens hebben (nu 4.001)"),
    (Answer(value="regel\x00"), "a2_tekst: het antwoord bevat een onzichtbaar stuurteken (U+0000) op plaats 6"),
])
def test_answer_texts_follow_the_rules(mini, answer, message):
    question = message.split(":")[0]
    [problem] = check_answer_texts(mini, {question: answer})
    assert problem.startswith(message)
    assert check_answers(mini, "omgevingsdienst", {question: answer}) == []   # its value is fine


def test_answer_texts_at_the_limit_with_line_breaks_are_fine(mini):
    text = ("regel\r\n\t" * 500)[:4000]
    answers = {"a1_ja": Answer(value=True, comment=text, evidence="e\n" * 500),
               "a2_keuze": Answer(na=True, na_reason=text), "a2_tekst": Answer(value=text)}
    assert check_answer_texts(mini, answers) == []


def test_answers_stored_before_the_limits_still_score(mini):
    from vthscan.domain.scoring import score

    answers = {"a1_ja": Answer(value=True, comment="c" * 10_000), "a2_tekst": Answer(value="t" * 10_000)}
    assert score(mini, answers, "omgevingsdienst").completeness.answered == 2   # the text question counts too


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    assert text_problem("a\r\n" * 2000, LONG_TEXT) is None          # 4,000 as typed, 6,000 as sent
    assert text_problem("a\r\n" * 2000 + "b", LONG_TEXT) == "mag hoogstens 4.000 tekens hebben (nu 4.001)"
