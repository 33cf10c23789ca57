"""`vthscan report`: the PDF from an answers file, without a database; bad input exits 1 in Dutch."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vthscan.commands import main
from vthscan.domain.answers import AnswerSet

from .conftest import DATA, MINI_ANSWERS, REPO, pdf_pages, pdf_text, watermarked

EXAMPLE_ANSWERS = REPO / "questionnaires" / "voorbeeld-antwoorden-od.json"
STANDARD = REPO / "questionnaires" / "vthscan-standaard.yaml"


@pytest.fixture
def invoke():
    def run(*args, folder=DATA):
        return CliRunner().invoke(main, ["--questionnaires", str(folder), *map(str, args)])
    return run


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "antwoorden.json"
    answer_set = AnswerSet("mini", "1", "Omgevingsdienst <Test> & Co", "omgevingsdienst", "2026", MINI_ANSWERS)
    path.write_text(json.dumps(answer_set.to_data(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "streng.yaml"
    path.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Streng voor de test\n"
                    "thresholds: {voldoet: 90, aandachtspunt: 60}\n", encoding="utf-8")
    return path


def test_report_from_answers_file(invoke, answers_file, profile_file, tmp_path):
    output = tmp_path / "rapport.pdf"
    result = invoke("report", answers_file, "-o", output, "--thresholds", profile_file, "--date", "2026-03-31")
    assert result.exit_code == 0, result.output
    assert "Rapport geschreven" in result.stderr
    text = pdf_text(output.read_bytes())
    for phrase in ("Omgevingsdienst <Test> & Co", "Normprofiel Streng voor de test", "31 maart 2026",
                   "Status Concept", "Zelfevaluatie 2026"):
        assert phrase in text, phrase
    assert all(watermarked(output.read_bytes()))


def test_final_status_and_same_bytes(invoke, answers_file, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for output in (first, second):
        result = invoke("report", answers_file, "-o", output, "--status", "vastgesteld", "--date", "2026-03-31",
                        "--name", "Nulmeting")
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    pages = pdf_pages(first.read_bytes())
    assert not any(watermarked(first.read_bytes())) and "Nulmeting" in pages[0]


@pytest.mark.parametrize("args, message", [
    (["report", "ontbreekt.json", "-o", "x.pdf"], "Fout: kan ontbreekt.json niet lezen"),
    (["report", "{answers}", "-o", "x.pdf", "--thresholds", "bestaat-niet"], "normprofiel 'bestaat-niet' niet gevonden"),
    (["report", "{answers}", "-o", "x.pdf", "--thresholds", "{bad_profile}"], "normprofiel niet bruikbaar"),
    (["report", "{answers}", "-o", "x.pdf", "--date", "31-03-2026"], "schrijf hem als JJJJ-MM-DD"),
    (["report", "{answers}", "-o", "x.pdf", "--status", "klaar"], "onbekende status 'klaar'"),
    (["report", "{not_answers}", "-o", "x.pdf"], "antwoordenbestand niet in orde"),
    (["report", "{answers}", "-o", "{folder}/geen-map/x.pdf"], "niet schrijven"),
])
def test_bad_input_exits_1_with_dutch_message(invoke, answers_file, tmp_path, monkeypatch, args, message):
    bad_profile = tmp_path / "kapot.yaml"
    bad_profile.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Kapot\n"
                           "thresholds: {voldoet: 40, aandachtspunt: 60}\n", encoding="utf-8")
    not_answers = tmp_path / "lijst.json"
    not_answers.write_text("[1, 2]", encoding="utf-8")
    values = {"answers": answers_file, "bad_profile": bad_profile, "not_answers": not_answers,
              "folder": tmp_path}
    monkeypatch.chdir(tmp_path)
    result = invoke(*(arg.format(**values) for arg in args))
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_answers_that_do_not_fit_exit_1(invoke, tmp_path):
    path = tmp_path / "antwoorden.json"
    data = AnswerSet("mini", "1", "Test", "omgevingsdienst", "2026", MINI_ANSWERS).to_data()
    data["answers"]["a1_schaal"]["value"] = 9
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("report", path, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1 and "past niet bij mini versie 1" in result.stderr


@pytest.mark.skipif(not (EXAMPLE_ANSWERS.is_file() and STANDARD.is_file()),
                    reason="questionnaires/vthscan-standaard.yaml or voorbeeld-antwoorden-od.json is not there")
def test_full_report_for_the_example_answers(invoke, tmp_path):
    output = tmp_path / "rapport.pdf"
    result = invoke("report", EXAMPLE_ANSWERS, "-o", output, "--date", "2026-03-31", folder=REPO / "questionnaires")
    assert result.exit_code == 0, result.output
    pages = pdf_pages(output.read_bytes())
    text = " ".join(" ".join(pages).split())
    assert len(pages) >= 10 and f"pagina 1 van {len(pages)}" in pages[0]
    assert "vthscan-standaard versie 1.0" in text and "Verbeterplan" in text
    for pillar in ("R", "P1", "P6"):
        assert f"{pillar} " in text
