"""The questionnaire keys the report relies on: an action's owner, a criterion's placeholder norm and a
source's address."""

import pytest

from vthscan.domain.loader import LoadError, load_questionnaire_text


def refuse(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load_questionnaire_text(text, "test.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_an_action_is_the_omgevingsdienst_s_unless_it_names_its_owner(mini_text, mini):
    assert [action.acting_owner for _, criterion in mini.criteria for action in criterion.actions] == \
        ["omgevingsdienst"] * 5
    text = mini_text.replace('term: "0-3 maanden"}', 'term: "0-3 maanden", owner: bestuur}').replace(
        'term: "6 maanden"}', 'term: "6 maanden", owner: gemeenten-en-provincie}')
    owned = load_questionnaire_text(text)
    owners = {action.text: action.acting_owner for _, criterion in owned.criteria for action in criterion.actions}
    assert owners["Doe iets aan A1."] == "bestuur"
    assert owners["Verbeter A2 stap 1."] == "gemeenten-en-provincie"
    assert owners["Verbeter A2 stap 2."] == "omgevingsdienst"


def test_an_unknown_owner_is_refused_with_its_place(mini_text):
    problems = refuse(mini_text.replace('term: "0-3 maanden"}', 'term: "0-3 maanden", owner: minister}'))
    assert len(problems) == 1
    assert "pillars[A].criteria[A1].actions[0].owner" in problems[0] and "onbekende waarde 'minister'" in problems[0]


def test_files_without_the_new_keys_keep_their_fingerprint(mini):
    data = mini.to_data()
    assert all("owner" not in action for pillar in data["pillars"] for criterion in pillar["criteria"]
               for action in criterion.get("actions", []))
    assert all("placeholder_norm" not in criterion for pillar in data["pillars"] for criterion in pillar["criteria"])


def test_a_placeholder_norm_is_one_sentence_on_the_criterion(mini_text):
    text = mini_text.replace('        thresholds: {voldoet: 80}\n',
                             '        thresholds: {voldoet: 80}\n        placeholder_norm: "2 fte is een vuistregel."\n')
    marked = load_questionnaire_text(text)
    criteria = {criterion.id: criterion for _, criterion in marked.criteria}
    assert criteria["A2"].placeholder_norm == "2 fte is een vuistregel." and criteria["A1"].placeholder_norm is None
    assert refuse(text.replace('"2 fte is een vuistregel."', '""'))


def test_a_source_has_a_title_and_an_optional_address(mini_text):
    text = mini_text.replace('  S1: "Testbron"\n', '  S1: "Testbron"\n'
                             '  S2: {title: "Tweede bron", url: "https://example.nl/bron?a=1"}\n'
                             '  S3: "Kamerstuk 1 — https://example.nl/kamerstuk"\n'
                             '  S4: {title: "Zonder adres"}\n')
    questionnaire = load_questionnaire_text(text)
    assert (questionnaire.source("S1").title, questionnaire.source("S1").url) == ("Testbron", None)
    assert (questionnaire.source("S2").title, questionnaire.source("S2").url) == ("Tweede bron", "https://example.nl/bron?a=1")
    assert (questionnaire.source("S3").title, questionnaire.source("S3").url) == ("Kamerstuk 1", "https://example.nl/kamerstuk")
    assert questionnaire.source("S4").url is None


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.nl/x", "file:///etc/passwd",
                                     "https://example.nl/a b", "example.nl"])
def test_a_source_address_is_http_or_https(mini_text, address):
    problems = refuse(mini_text.replace('  S1: "Testbron"\n', f'  S1: {{title: "Testbron", url: "{address}"}}\n'))
    assert problems == ["test.yaml:8: sources.S1.url: moet een webadres zijn dat begint met http:// of https:// "
                        "(zonder spaties)"]


def test_a_source_that_is_neither_text_nor_a_block_is_refused_at_its_key(mini_text):
    assert refuse(mini_text.replace('  S1: "Testbron"', '  S1: ""')) == ["test.yaml:8: sources.S1: mag niet leeg zijn"]
    assert refuse(mini_text.replace('  S1: "Testbron"', '  S1: {titel: x}')) == [
        "test.yaml:8: sources.S1.title: ontbreekt", "test.yaml:8: sources.S1.titel: onbekende sleutel"]
