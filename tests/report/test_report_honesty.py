"""What the report's verdicts rest on, who signed it off, its sources and a plan people can act on."""

from __future__ import annotations

import pytest

from vthscan.domain.answers import Answer, AnswerSet
from vthscan.domain.loader import load_questionnaire_text
from vthscan.domain.scoring import score

from .conftest import DATA, MINI_ANSWERS, REPORT_DATE, pdf_pages, pdf_text


@pytest.fixture(scope="module")
def marked(mini_text_two_knockouts):
    """The mini questionnaire with bases, a placeholder norm, sources with addresses and action owners."""
    text = (mini_text_two_knockouts
            .replace('  S1: "Testbron"\n', '  S1: {title: "Testbron", url: "https://example.nl/bron"}\n'
                                           '  S2: "Tweede bron — https://example.nl/tweede"\n  S3: "Ongebruikt"\n')
            .replace('        knockout: true\n        sources: [S1]\n',
                     '        knockout: true\n        basis: reconstructie\n        sources: [S1, S2]\n')
            .replace('        thresholds: {voldoet: 80}\n',
                     '        thresholds: {voldoet: 80}\n        basis: ontwerp\n'
                     '        placeholder_norm: "De norm van 2 fte is een vuistregel."\n        sources: [S2]\n')
            .replace('term: "0-3 maanden"}', 'term: "0-3 maanden", owner: bestuur}')
            .replace('term: "6 maanden"}', 'term: "6 maanden", owner: gemeenten-en-provincie}'))
    return load_questionnaire_text(text)


def build(questionnaire, answers=None, **fields):
    from vthscan.report.data import build_report_data

    answers = {**MINI_ANSWERS, **(answers or {})}
    answer_set = AnswerSet("mini", "1", "Omgevingsdienst Test", "omgevingsdienst", "2026", answers)
    return build_report_data(questionnaire, answer_set, score(questionnaire, answers, "omgevingsdienst"),
                             generated_on=REPORT_DATE, **fields)


def test_a_capped_verdict_says_it_rests_on_a_reconstruction(marked):
    data = build(marked)
    assert data.summary.reliance == ("Let op: dit oordeel rust op criteria die niet vaststaan: A1 is een "
                                     "reconstructie die nog niet is gecontroleerd tegen de officiële tekst.")
    pillar_a = data.pillars[0]
    assert pillar_a.reliance == data.summary.reliance
    assert data.summary.pillars[0].reliance == "rust op reconstructie A1"


def test_a_verdict_on_the_score_names_every_unverified_criterion_and_placeholder_norm(marked):
    data = build(marked, {"a1_ja": Answer(value=True), "a1_schaal": Answer(value=4)})    # A1 100: no cap
    assert data.summary.reliance == (
        "Let op: dit oordeel rust mede op criteria die niet vaststaan: A1 is een reconstructie die nog niet "
        "is gecontroleerd tegen de officiële tekst, A2 is een ontwerpkeuze van vthscan, geen officiële norm en "
        "A2 meet met een voorlopige norm (een vuistregel, niet de officiële).")
    assert data.summary.pillars[0].reliance == "rust mede op reconstructie A1; ontwerpkeuze A2; voorlopige norm A2"
    assert data.summary.pillars[1].reliance == ""          # B1 says nothing about its basis


def test_a_verified_questionnaire_adds_no_sentence(mini):
    data = build(mini)
    assert data.summary.reliance == "" and all(p.reliance == "" for p in data.summary.pillars)


def test_the_pdf_prints_reliance_basis_placeholder_and_sources(marked):
    from vthscan.report.gap_pdf import build_pdf

    data = build(marked)
    text = pdf_text(build_pdf(data))
    assert "Daarom is het oordeel Tekort. " in text and "Let op: dit oordeel rust op criteria die niet vaststaan" in text
    for phrase in ("Basis", "reconstructie", "ontwerpkeuze", "voorlopige norm", "bron S1, S2",
                   "Voorlopige norm bij A2: De norm van 2 fte is een vuistregel.",
                   "Bijlage E. Bronnen", "S1 Testbron https://example.nl/bron A1",
                   "S2 Tweede bron https://example.nl/tweede A1, A2"):
        assert phrase in text, phrase
    assert "Ongebruikt" not in text                         # cited by no criterion
    assert [(s.key, s.url, s.cited_by) for s in data.sources] == [
        ("S1", "https://example.nl/bron", ("A1",)), ("S2", "https://example.nl/tweede", ("A1", "A2"))]


def test_the_knockout_sentence_names_exactly_the_criteria_that_cap_and_their_level(mini_text_two_knockouts):
    """A1 (Tekort) caps the verdict; B1, also a knock-out below Voldoet (Aandachtspunt), does not lower
    it further: the sentence must not say that only A1 misses Voldoet, nor name B1 as capping."""
    two = load_questionnaire_text(mini_text_two_knockouts)
    data = build(two, {"b1_lineair": Answer(value=44), "b1_banden": Answer(value=60)})
    verdict = data.summary.verdict
    assert "Op de score alleen zou het oordeel Aandachtspunt zijn." in verdict
    assert "Maar het knock-out-criterium A1 (Criterium A1) haalt alleen Tekort;" in verdict
    assert "B1" not in verdict.split("Daarom")[0].split("Maar")[1]
    assert "het niveau Voldoet niet" not in verdict
    assert [k.criterion for k in data.summary.knockouts] == ["A1", "B1"]     # the list names both


def test_several_capping_criteria_are_named_per_level():
    from vthscan.domain.scoring import CriterionResult
    from vthscan.report.grounds import cap_clause

    def criterion(criterion_id, level):
        return CriterionResult(criterion_id, "R", 10.0, level, {}, 5.0, 1.0, True, [])

    criteria = [criterion("R2", "tekort"), criterion("R5", "aandachtspunt"), criterion("R6", "tekort")]
    labels = {"tekort": "Tekort", "aandachtspunt": "Aandachtspunt"}.get
    assert cap_clause(criteria, ["R2", "R5", "R6"], labels) == \
        "de knock-out-criteria R2 en R6 halen alleen Tekort, R5 alleen Aandachtspunt"
    assert cap_clause(criteria, ["R5"], labels, {"R5": "Bestuur"}) == \
        "het knock-out-criterium R5 (Bestuur) haalt alleen Aandachtspunt"


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, "Vastgesteld door nog niet vastgesteld"),
    ({"status": "vastgesteld", "signed_off": "Mr. Leeg (leeg@example.nl) op 10-03-2026 09:00 UTC",
      "submitted": "Anna (anna@example.nl) op 09-03-2026 16:00 UTC"},
     "Ingediend voor review door Anna (anna@example.nl) op 09-03-2026 16:00 UTC Vastgesteld door Mr. Leeg "
     "(leeg@example.nl) op 10-03-2026 09:00 UTC"),
    ({"status": "vastgesteld"}, "Vastgesteld door vastgesteld; door wie en wanneer staat niet in de gegevens"),
])
def test_the_cover_names_who_signed_off_and_when(mini, fields, expected):
    from vthscan.report.gap_pdf import build_pdf

    cover = " ".join(pdf_pages(build_pdf(build(mini, **fields)))[0].split())
    assert expected in cover


def test_the_plan_has_owners_dates_and_one_effect_per_criterion(marked):
    from vthscan.report.gap_pdf import build_pdf

    data = build(marked)
    assert [(a.criterion, a.owner, a.period) for a in data.actions] == [
        ("A1", "bestuur", "12-03-2026 – 12-06-2026"),
        ("A2", "gemeenten en provincie", "12-03-2026 – 12-09-2026"),
        ("A2", "omgevingsdienst", "12-03-2026 – 12-03-2027")]
    plan = " ".join(page for page in pdf_pages(build_pdf(data)) if "Verbeterplan" in page and "Effect:" in page)
    plan = " ".join(plan.split())
    for phrase in ("Eigenaar", "Termijn", "bestuur", "gemeenten en provincie", "12-03-2026 – 12-06-2026",
                   "(0-3 maanden)"):
        assert phrase in plan, phrase
    assert plan.count("Haalt A2 de drempel van Voldoet") == 1       # once, though A2 has two actions


def test_top_actions_take_at_most_two_per_criterion():
    mini_text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    many = load_questionnaire_text(mini_text.replace(
        '          - {text: "Doe iets aan A1.", priority: hoog, effort: klein, term: "0-3 maanden"}\n',
        "".join(f'          - {{text: "A1 stap {n}.", priority: hoog, effort: klein, term: "0-3 maanden"}}\n'
                for n in range(1, 5))))
    data = build(many)
    assert [a.criterion for a in data.actions] == ["A1"] * 4 + ["A2", "A2"]
    assert [a.text for a in data.summary.top_actions] == ["A1 stap 1.", "A1 stap 2.", "Verbeter A2 stap 1.",
                                                          "Verbeter A2 stap 2."]
