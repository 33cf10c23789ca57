"""The content of questionnaire vthscan-standaard 1.1: the corrections to 1.0 and the questions per kind."""

from pathlib import Path

import pytest

from vthscan.domain.catalog import load_catalog
from vthscan.domain.completeness import Completeness
from vthscan.domain.scoring import score

QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"
FILE_1_1 = QUESTIONNAIRES / "vthscan-standaard-1.1.yaml"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(QUESTIONNAIRES)


@pytest.fixture(scope="module")
def new(catalog):
    return catalog.get("vthscan-standaard", "1.1")


@pytest.mark.parametrize("path", [FILE_1_1, FILE_1_1.with_name("vthscan-standaard.yaml")])
def test_the_file_speaks_to_its_users_only(path):
    """Also in its comments (1.0's were cleaned without changing its content: its fingerprint stays)."""
    text = path.read_text(encoding="utf-8")
    for outside in ("shared/", "vth-domain", "default-questionnaire-draft", "(concept:", "in het concept"):
        assert outside not in text


def test_every_criterion_cites_a_source_or_is_a_design_choice(new):
    assert [c.id for _, c in new.criteria if not c.sources and c.basis != "ontwerp"] == []
    assert all(source in new.sources for _, c in new.criteria for source in c.sources)


def test_the_papers_named_are_sources_with_their_address(new):
    assert "22343-401" in new.sources["S4"] and "https://www.tweedekamer.nl/" in new.sources["S4"]
    assert "22343-433" in new.sources["S5"] and "https://" in new.sources["S5"]
    assert "2025, 5488" in new.sources["S6"] and "https://zoek.officielebekendmakingen.nl/stcrt-2025-5488.html" in new.sources["S6"]
    assert "22343-360" in new.sources["S1"] and "https://" in new.sources["S1"]
    assert "visitatieprogramma" in new.sources["S57"] and "nog niet vastgelegd" in new.sources["S57"]


def test_pillar_r_says_what_is_official(new):
    pillar = next(p for p in new.pillars if p.id == "R")
    text = " ".join(pillar.description.split())
    for fact in ("zes robuustheidscriteria", "ondergrens", "toetsingskader", "oktober 2023",
                 "Alleen het oordeel van de minister is officieel", "1 april 2026", "22343-433"):
        assert fact in text
    assert all(c.basis == "reconstructie" and c.knockout for c in pillar.criteria)


AREAS = ["Toezicht en handhaven milieu", "Behandelen juridische aspecten handhavingszaken",
         "Behandelen juridische aspecten vergunningverlening", "Bodem en bouwstoffen", "Geluid", "Lucht",
         "Externe veiligheid", "Sloop en asbest", "Energiebesparing en duurzaamheid"]


def test_r2_asks_the_number_of_qualified_persons_per_expertise_area(new):
    criterion = new.questions["r2_kc_versie"][1]
    counted = [q for q in criterion.questions if q.id.startswith("r2_aantal_")]
    texts = " ".join(" ".join(q.text.split()) for q in counted)
    assert all(f"'{area}'" in texts for area in AREAS)
    assert all(q.type == "number" and q.unit == "personen" and q.scoring.norm == 2 for q in counted)
    assert all("plaatshouder" in q.help for q in counted)
    assert not [q for q in criterion.questions if q.id.startswith("r2_fte_")]


def test_kwaliteitscriteria_2_3_and_3_0_both_meet_the_criteria(new):
    question = new.questions["r2_kc_versie"][2]
    assert question.score("kc_2_3") == question.score("kc_3_0") == 100


def test_r3_marks_the_ranking_of_financing_models_as_a_design_choice(new):
    criterion = new.questions["r3_financieringsmodel"][1]
    assert "ontwerpkeuze" in criterion.description and "ontwerp" in criterion.description
    assert "Ontwerpkeuze" in new.questions["r3_financieringsmodel"][2].help


def test_p3_names_cim_vth_and_p6_the_visitation_and_the_national_picture(new):
    assert "CIM VTH" in new.questions["p3_landelijke_definities"][2].text
    monitoring = new.questions["p6_landelijke_monitoring"][2]
    assert "Staat van de omgevingsdiensten" in " ".join(monitoring.text.split())
    assert "om de twee jaar" not in monitoring.help
    assert new.questions["p6_visitatie_odnl"][1].id == new.questions["p6_visitatie_opvolging"][1].id == "P6.3"
    assert "S57" in new.questions["p6_visitatie_odnl"][1].sources


def test_two_questions_are_for_every_kind_the_rest_of_their_pillars_only_for_services(new):
    every = ("omgevingsdienst", "gemeente", "provincie")
    assert new.kinds["p2_lhso_vastgesteld"] == new.kinds["p5_rolbewustzijn_bestuur"] == every
    municipality = new.for_kind("gemeente")
    assert [p.id for p in municipality.pillars] == ["P2", "P5", "G"]
    assert [q for q in municipality.questions if not q.startswith("g")] == ["p2_lhso_vastgesteld",
                                                                             "p5_rolbewustzijn_bestuur"]
    assert new.for_kind("provincie").questions.keys() == municipality.questions.keys()
    service = new.for_kind("omgevingsdienst")
    assert "G" not in [p.id for p in service.pillars] and len(service.questions) == len(new.questions) - 12


def test_a_municipality_is_scored_on_its_own_questions(new):
    from vthscan.domain.answers import Answer

    result = score(new, {"p2_lhso_vastgesteld": Answer(value="alle")}, "gemeente")
    assert [p.id for p in result.pillars] == ["P2", "P5", "G"]
    assert result.pillars[0].score == 100 and result.completeness.total == 14   # 13 scored, 1 text question


def test_version_1_0_still_scores_as_before(catalog):
    """The example assessment (answered against 1.0) scores exactly as it did before 1.1 and `for:` existed."""
    from vthscan.domain.answers import parse_answers_file

    answer_set = parse_answers_file((QUESTIONNAIRES / "voorbeeld-antwoorden-od.json").read_text("utf-8"))
    old = catalog.get("vthscan-standaard", "1.0")
    assert answer_set.questionnaire_version == "1.0"
    result = score(old, answer_set.answers, answer_set.organisation_kind)
    assert (result.score, result.level) == (67.91438819117391, "tekort")
    assert result.completeness == Completeness(answered=76, unknown=2, not_applicable=2, open=3)
    assert [(p.id, p.score) for p in result.pillars][:3] == [("R", 70.14285714285714), ("P1", 67.09615384615385),
                                                               ("P2", 69.33333333333333)]
    assert [p.id for p in old.pillars_for("gemeente")] == ["G"]
