"""The shipped default questionnaire, example answers and profile load and score."""

from pathlib import Path

from vthscan.domain.answers import check_answers, parse_answers_file
from vthscan.domain.catalog import load_catalog
from vthscan.domain.scoring import score

QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"


def test_shipped_folder_loads_with_its_profile():
    catalog = load_catalog(QUESTIONNAIRES)
    questionnaire = catalog.get("vthscan-standaard")
    assert questionnaire is not None
    assert [p.id for p in questionnaire.pillars] == ["R", "P1", "P2", "P3", "P4", "P5", "P6", "G"]
    assert len(questionnaire.criteria) >= 25 and 80 <= len(questionnaire.questions) <= 100
    assert all(criterion.actions for _, criterion in questionnaire.criteria)
    assert all(c.knockout for p, c in questionnaire.criteria if p.id == "R")
    assert questionnaire.pillars[-1].for_kinds == ["gemeente", "provincie"]
    assert "geen officieel instrument" in questionnaire.description.lower()
    assert [p.name for p in catalog.profiles_for("vthscan-standaard")] == ["Streng"]


def test_example_answers_fit_and_score():
    catalog = load_catalog(QUESTIONNAIRES)
    answer_set = parse_answers_file((QUESTIONNAIRES / "voorbeeld-antwoorden-od.json").read_text("utf-8"))
    questionnaire = catalog.get(answer_set.questionnaire_id, answer_set.questionnaire_version)
    assert check_answers(questionnaire, answer_set.organisation_kind, answer_set.answers) == []
    result = score(questionnaire, answer_set.answers, answer_set.organisation_kind)
    assert "G" not in [p.id for p in result.pillars]
    assert 0 < result.completeness.fraction < 1
    assert result.actions and result.actions[0].knockout
    strict = score(questionnaire, answer_set.answers, answer_set.organisation_kind,
                   catalog.profiles[("vthscan-standaard", "Streng")])
    assert strict.score == result.score and len(strict.actions) >= len(result.actions)


# Assessments keep the definition they were answered against, matched by fingerprint: 1.0 never changes.
FINGERPRINT_1_0 = "34eb5d53959b83ae8595530d5100bfbc7dafa899c7efcc2e480db470c54d7e54"
PERCENTAGES_1_1 = {"r1_pct_deelnemers_volledig", "r2_pct_deskundigheid_aangetoond", "p1_begrotingsafwijking",
                   "p1_vacaturegraad", "p1_verloop", "p1_inhuur", "p2_pct_tijdige_vervolgstap",
                   "p2_pct_dwangsom_tijdig", "p3_pct_volledig_geregistreerd", "p4_opleidingsbudget",
                   "p6_pct_hercontrole_tijdig"}


def test_version_1_0_stays_loadable_and_unchanged():
    catalog = load_catalog(QUESTIONNAIRES)
    assert catalog.get("vthscan-standaard", "1.0").fingerprint == FINGERPRINT_1_0


def test_version_1_1_is_the_newest_and_asks_percentages_as_percentages():
    catalog = load_catalog(QUESTIONNAIRES)
    new = catalog.get("vthscan-standaard", "1.1")
    assert catalog.get("vthscan-standaard") is new
    types = {qid: question.type for qid, (_, _, question) in new.questions.items()}
    assert {qid for qid, kind in types.items() if kind == "percentage"} == PERCENTAGES_1_1
    # more than 100 % of the programme can be carried out: that one stays a number
    assert [qid for qid, (_, _, q) in new.questions.items()
            if q.type == "number" and q.unit.startswith("%")] == ["p6_pct_programma_gerealiseerd"]
