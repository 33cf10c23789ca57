"""The report's data: every number and sentence follows from answers, questionnaire and thresholds."""

from __future__ import annotations

from dataclasses import replace

from vthscan.domain.answers import Answer, answer_text
from vthscan.domain.wording import dutch_date
from vthscan.report.data import report_fingerprint

from .conftest import MINI_ANSWERS, REPORT_DATE


def build_data(mini, answers=None, profile=None, **fields):
    from vthscan.domain.answers import AnswerSet
    from vthscan.domain.scoring import score
    from vthscan.report.data import build_report_data

    answers = {**MINI_ANSWERS, **(answers or {})}
    answer_set = AnswerSet("mini", "1", "Omgevingsdienst Test", "omgevingsdienst", "2026", answers)
    result = score(mini, answers, "omgevingsdienst", profile)
    return build_report_data(mini, answer_set, result, generated_on=REPORT_DATE, **fields)


def test_summary_states_verdict_score_and_knockout(mini):
    data = build_data(mini)
    summary = data.summary
    assert summary.level == "Tekort" and summary.score == "60"
    assert "Het totaaloordeel voor Omgevingsdienst Test is: Tekort." in summary.verdict
    assert "zou het oordeel Aandachtspunt zijn" in summary.verdict and "A1" in summary.verdict
    assert [(p.id, p.score, p.level, p.gap) for p in summary.pillars] == [
        ("A", "52,5", "Tekort", "22,5"), ("B", "75", "Voldoet", "geen")]
    assert summary.pillars[0].note == "begrensd op Tekort door knock-out A1"
    assert [(k.criterion, k.score, k.needed, k.level) for k in summary.knockouts] == [("A1", "37,5", "75", "Tekort")]
    assert summary.completeness == ("100 % beantwoord of niet van toepassing (7 van 7 vragen): 6 beantwoord, "
                                    "1 niet van toepassing")
    assert ("Maar het knock-out-criterium A1 (Criterium A1) haalt alleen Tekort; een knock-out-criterium laat "
            "het oordeel niet hoger uitkomen dan zijn eigen niveau. Daarom is het oordeel Tekort.") in summary.verdict
    assert "1 van de 2 pijlers haalt Voldoet niet: A (Tekort)." in summary.verdict


def test_verdict_names_several_knockouts_in_plural(mini_text_two_knockouts):
    from vthscan.domain.loader import load_questionnaire_text

    two = load_questionnaire_text(mini_text_two_knockouts)
    # A1 62,5 and B1 50 (both Aandachtspunt) under an overall score that alone would reach Voldoet
    answers = {"a1_ja": Answer(value=True), "a1_schaal": Answer(value=2), "a2_keuze": Answer(value="goed"),
               "a2_norm": Answer(value=2), "b1_lineair": Answer(value=60)}
    verdict = build_data(two, answers=answers).summary.verdict
    assert "de knock-out-criteria A1 (Criterium A1) en B1 (Criterium B1) halen alleen Aandachtspunt;" in verdict


def test_actions_follow_the_engine_with_their_computed_effect(mini):
    data = build_data(mini)
    assert [(a.number, a.criterion, a.text) for a in data.actions] == [
        (1, "A1", "Doe iets aan A1."), (2, "A2", "Verbeter A2 stap 1."), (3, "A2", "Verbeter A2 stap 2.")]
    assert data.actions[0].effect == (
        "Haalt A1 de drempel van Voldoet (75; nu 37,5), dan gaat pijler A van Tekort naar Aandachtspunt "
        "(score 61,9) en gaat het totaal van Tekort naar Aandachtspunt (score 66,3).")
    assert data.actions[1].effect == data.actions[2].effect == (
        "Haalt A2 de drempel van Voldoet (80; nu 57,5), dan blijft pijler A Tekort (score 69,4; de knock-out "
        "A1 begrenst het nog) en blijft het totaal Tekort (score 71,3; de knock-out A1 begrenst het nog).")
    assert [a.first_of_criterion for a in data.actions] == [True, True, False]
    assert [a.owner for a in data.actions] == ["omgevingsdienst"] * 3
    assert [(a.term, a.period) for a in data.actions] == [
        ("0-3 maanden", "12-03-2026 – 12-06-2026"), ("6 maanden", "12-03-2026 – 12-09-2026"),
        ("1 jaar", "12-03-2026 – 12-03-2027")]
    assert data.summary.top_actions == data.actions[:5]


def test_profile_changes_levels_not_scores(mini, strict_profile):
    default, strict = build_data(mini), build_data(mini, profile=strict_profile)
    assert default.profile_name == "Standaard (de drempels van de vragenlijst)"
    assert strict.profile_name == "Streng voor de test"
    assert [p.score for p in strict.summary.pillars] == [p.score for p in default.summary.pillars]
    assert strict.summary.pillars[1].level == "Aandachtspunt"     # B: 75 < 90
    assert ("Totaal", "Totaaloordeel", ("90", "60")) in strict.thresholds.rows


def test_appendix_words_every_answer(mini):
    data = build_data(mini, {"a2_keuze": Answer(value="goed"), "b1_lineair": Answer(unknown=True)})
    rows = {q.id: q for c in data.appendix for q in c.questions}
    assert rows["a1_ja"].answer == "nee" and rows["a1_ja"].comment == "Nog geen besluit genomen."
    assert rows["a1_schaal"].answer == "2 - Vastgelegd" and rows["a1_schaal"].score == "50"
    assert rows["a1_schaal"].weight == "3" and rows["a1_schaal"].evidence == "Jaarverslag 2025, p. 4"
    assert rows["a2_keuze"].answer == "Goed"
    assert rows["a2_norm"].answer == "1,5 fte" and rows["a2_norm"].rule == "score = 100 × waarde / 2, hoogstens 100"
    assert rows["a2_tekst"].answer == "Een open antwoord." and rows["a2_tekst"].status == "niet gescoord"
    assert rows["b1_lineair"].answer == "weet niet" and rows["b1_lineair"].score == "0"
    assert rows["b1_banden"].na_reason == "Wij hebben geen meldingen."
    assert [c.id for c in data.appendix] == ["A1", "A2", "B1"]


def test_open_question_and_nothing_answered(mini):
    question = mini.questions["a1_ja"][2]
    assert answer_text(mini, question, None) == "niet beantwoord"
    data = build_data(mini, {qid: Answer() for qid in MINI_ANSWERS})
    assert data.summary.level == "niet beoordeeld" and "te weinig beantwoord" in data.summary.verdict
    assert data.actions == ()


def test_notes_carry_comments_and_na_reasons(mini):
    data = build_data(mini)
    b1 = data.pillars[1].criteria[0]
    assert [(n.question, n.kind, n.text) for n in b1.notes] == [
        ("b1_banden", "Niet van toepassing", "Wij hebben geen meldingen.")]
    assert b1.counts == "Vragen: 1 beantwoord, 1 niet van toepassing."


def test_fingerprint_traces_questionnaire_and_answers(mini):
    first = build_data(mini)
    assert first.fingerprint == report_fingerprint(mini, MINI_ANSWERS) and len(first.fingerprint) == 64
    changed = build_data(mini, {"a1_ja": replace(MINI_ANSWERS["a1_ja"], comment="Anders.")})
    assert changed.fingerprint != first.fingerprint
    assert build_data(mini, status="vastgesteld").fingerprint == first.fingerprint


def test_status_and_date(mini):
    assert build_data(mini).is_draft
    final = build_data(mini, status="vastgesteld")
    assert not final.is_draft and final.status_label == "Vastgesteld" and final.summary.provisional == ""
    assert dutch_date(REPORT_DATE) == "12 maart 2026" and final.generated_on == "12 maart 2026"


def test_method_explains_each_rule(mini):
    text = " ".join(p for section in build_data(mini).method for p in section.paragraphs)
    for phrase in ("ja is 100", "elke stap is 25 punten", "Weet niet", "Niet van toepassing",
                   "gewogen gemiddelde", "knock-out", "Het tekort", "Eerst komen de acties van knock-outcriteria"):
        assert phrase in text
