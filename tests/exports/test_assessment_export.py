"""Export of one assessment: answers, comments, scores, levels and action plan, with Dutch headings."""

import csv
import io
from pathlib import Path

import openpyxl

from vthscan.domain.answers import Answer, AnswerSet
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.scoring import score
from vthscan.report.exports import assessment_sheets, csv_safe, to_csv, to_xlsx

MINI = load_questionnaire(Path(__file__).resolve().parent.parent / "data" / "mini.yaml")


def answer_set() -> AnswerSet:
    answers = {
        "a1_ja": Answer(value=False, comment="@gevaarlijk", evidence="-1+1"),
        "a1_schaal": Answer(value=3),
        "a2_keuze": Answer(na=True, na_reason="+ geen taak"),
        "a2_norm": Answer(value=1.5),
        "a2_tekst": Answer(value="=2+5"),
        "b1_banden": Answer(unknown=True),
    }
    return AnswerSet("mini", "1", "OD Test", "omgevingsdienst", "2026", answers)


def sheets():
    given = answer_set()
    return assessment_sheets(MINI, given, score(MINI, given.answers, given.organisation_kind))


def test_sheets_hold_answers_scores_and_plan():
    answers, scores, plan = sheets()
    assert answers.headers[:5] == ["Pijler", "Criterium", "Vraag-id", "Vraag", "Antwoord"]
    rows = {row[2]: row for row in answers.rows}
    assert set(rows) == {"a1_ja", "a1_schaal", "a2_keuze", "a2_norm", "a2_tekst", "b1_lineair", "b1_banden"}
    assert rows["a1_schaal"][4] == "3 - Toegepast" and rows["a1_schaal"][8] == 75
    assert rows["a2_keuze"][4] == "niet van toepassing" and rows["a2_keuze"][5] == "+ geen taak"
    assert rows["a2_norm"][4] == "1,5 fte"
    assert rows["b1_banden"][4] == "weet niet" and rows["b1_banden"][8] == 0
    assert rows["b1_lineair"][4] == "niet beantwoord" and rows["b1_lineair"][8] is None
    assert scores.rows[0][:2] == ["totaal", ""]
    a1 = next(row for row in scores.rows if row[1] == "A1")
    # the score as shown (one decimal, half up) and the gap from that shown score: 75 - 56,3
    assert a1[3] == 56.3 and a1[4] == "Aandachtspunt" and a1[5] == 18.7 and a1[6] == "ja"
    # A1 is a knock-out (first); then B1 (gap 70 × 1 × 1) before A2 (gap 5 × 3 × 2)
    assert [row[1] for row in plan.rows] == ["A1", "B1", "A2", "A2"]
    assert plan.rows[0][7] == "ja" and plan.rows[1][7] == "nee"


def test_xlsx_stores_user_text_as_text():
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(sheets())))
    assert workbook.sheetnames == ["Antwoorden", "Scores", "Verbeterplan"]
    sheet = workbook["Antwoorden"]
    cells = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    text_answer = cells["a2_tekst"][4]
    assert text_answer.value == "=2+5" and text_answer.data_type == "s"
    assert cells["a1_ja"][6].value == "@gevaarlijk" and cells["a1_ja"][6].data_type == "s"
    assert cells["a1_ja"][7].value == "-1+1" and cells["a1_ja"][7].data_type == "s"


def test_csv_prefixes_formula_like_text_and_keeps_numbers():
    text = to_csv(sheets()[0])
    assert text.startswith("\ufeff")
    rows = {row[2]: row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")}
    assert rows["a2_tekst"][4] == "'=2+5"
    assert rows["a1_ja"][6] == "'@gevaarlijk" and rows["a1_ja"][7] == "'-1+1"
    assert rows["a2_keuze"][5] == "'+ geen taak"
    assert rows["a2_norm"][8] == "75"


def test_csv_safe_cells():
    assert csv_safe(None) == "" and csv_safe(-3) == "-3" and csv_safe(12.5) == "12,5"
    assert csv_safe("\tx") == "'\tx" and csv_safe("gewoon") == "gewoon"
