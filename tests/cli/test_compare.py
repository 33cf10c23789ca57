"""`vthscan compare` and the spreadsheet exports behind it."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from vthscan.commands import main

DATA = Path(__file__).resolve().parent.parent / "data"


def write_answers(folder: Path, name: str, answers: dict, version="1", kind="omgevingsdienst", period="2026"):
    path = folder / f"{name}.json"
    path.write_text(json.dumps({
        "format": "vthscan.answers/1", "questionnaire": {"id": "mini", "version": version},
        "organisation": {"name": name, "kind": kind}, "period": period, "answers": answers}), encoding="utf-8")
    return path


@pytest.fixture
def two_ods(tmp_path):
    noord = write_answers(tmp_path, "OD Noord", {
        "a1_ja": {"value": True}, "a1_schaal": {"value": 4}, "a2_keuze": {"value": "goed"}, "a2_norm": {"value": 2},
        "b1_lineair": {"value": 20}, "b1_banden": {"value": 95}})
    zuid = write_answers(tmp_path, "=HYPERLINK(\"x\")", {
        "a1_ja": {"value": False, "comment": "=SOM(A1:A9)"}, "a1_schaal": {"value": 1},
        "a2_keuze": {"value": "matig"}, "a2_norm": {"value": 0.5}, "b1_lineair": {"value": 80},
        "b1_banden": {"value": 20}})
    return noord, zuid


def run(*args, folder=DATA):
    return CliRunner().invoke(main, ["--questionnaires", str(folder), *map(str, args)])


def test_compare_table(two_ods):
    result = run("compare", *two_ods)
    assert result.exit_code == 0, result.output
    assert "OD Noord 2026" in result.output and "Totaaloordeel" in result.output
    assert "Grootste verschillen" in result.output and "A1 Criterium A1: 81,3 punten" in result.output


def test_compare_json(two_ods):
    data = json.loads(run("compare", *two_ods, "--json").output)
    assert [o["name"] for o in data["organisations"]] == ["OD Noord", "=HYPERLINK(\"x\")"]
    a1 = next(r for r in data["rows"] if r["id"] == "A1")
    assert [c["score"] for c in a1["cells"]] == [100, 18.75]
    assert data["common_gaps"][0]["count"] == 1


def test_compare_xlsx_keeps_formulas_as_text(two_ods, tmp_path):
    out = tmp_path / "vergelijking.xlsx"
    result = run("compare", *two_ods, "-o", out)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Vergelijking", "Veelvoorkomende tekorten", "Grootste verschillen", "Toelichting"]
    sheet = workbook["Vergelijking"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Soort", "Id", "Onderdeel", "OD Noord (2026): score", "OD Noord (2026): niveau"]
    assert headers[5] == '=HYPERLINK("x") (2026): score'
    assert sheet.cell(row=1, column=6).data_type == "s"     # a string, not a formula
    a1 = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "A1")
    assert a1[3:7] == (100, "Voldoet", 18.8, "Tekort")   # scores as shown: one decimal, half up


def test_compare_csv_neutralises_formulas(two_ods, tmp_path):
    out = tmp_path / "vergelijking.csv"
    assert run("compare", *two_ods, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][5] == "'=HYPERLINK(\"x\") (2026): score"
    a1 = next(row for row in rows if row[1] == "A1")
    assert a1[3:7] == ["100", "Voldoet", "18,8", "Tekort"]


def test_compare_versions_differ(tmp_path, two_ods):
    folder = tmp_path / "vragenlijsten"
    folder.mkdir()
    mini = (DATA / "mini.yaml").read_text()
    (folder / "mini.yaml").write_text(mini)
    (folder / "mini-2.yaml").write_text(mini.replace('version: "1"', 'version: "2"').replace("id: A2\n", "id: A3\n"))
    later = write_answers(tmp_path, "OD Later", {"a1_ja": {"value": True}}, version="2")
    result = run("compare", two_ods[0], later, "--json", folder=folder)
    data = json.loads(result.output)
    assert data["questionnaire"]["versions"] == ["1", "2"] and data["left_out"] == ["A2", "A3"]
    assert "verschillende versies" in data["version_note"]


def test_compare_bad_input(two_ods, tmp_path):
    assert run("compare").exit_code == 2  # no files: a usage error
    result = run("compare", *two_ods, "-o", tmp_path / "x.docx")
    assert result.exit_code == 1 and "kies .xlsx, .csv of .pdf" in result.output
    broken = tmp_path / "kapot.json"
    broken.write_text("{")
    result = run("compare", two_ods[0], broken)
    assert result.exit_code == 1 and "geen geldige JSON" in result.output


def test_compare_pdf_names_organisations_verdicts_and_profile(two_ods, tmp_path):
    from pypdf import PdfReader

    profile = tmp_path / "p.yaml"
    profile.write_text("schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Mild & <b>zacht</b>\n"
                       "thresholds: {voldoet: 60, aandachtspunt: 30}\n")
    out = tmp_path / "vergelijking.pdf"
    result = run("compare", *two_ods, "-o", out, "--thresholds", profile, "--date", "2026-03-01")
    assert result.exit_code == 0, result.output
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for expected in ("Vergelijking van zelfevaluaties", "OD Noord", '=HYPERLINK("x")', "Totaaloordelen",
                     "Pijlers per organisatie", "Criteria per organisatie", "Criteria die het vaakst onder de norm blijven", "Grootste verschillen",
                     "Mild & <b>zacht</b>", "1 maart 2026", "pagina 1 van"):
        assert expected in text, expected
    again = tmp_path / "opnieuw.pdf"
    run("compare", *two_ods, "-o", again, "--thresholds", profile, "--date", "2026-03-01")
    assert again.read_bytes() == out.read_bytes()
