"""Spreadsheet exports (xlsx and CSV) of one assessment or a comparison, with Dutch column headings.

Tables are built once as plain data (`Sheet`) and then written in either format. Scores and gaps are
the numbers a reader sees elsewhere (one decimal, half up; a gap is the threshold minus that shown
score: domain/wording.py). User texts that
start with `=`, `+`, `-` or `@` stay text: XlsxWriter writes every string as a string cell (formula
conversion off), and CSV cells get a leading apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..domain.answers import AnswerSet, answer_text
from ..domain.comparison import Comparison
from ..domain.completeness import completeness_text
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import Result
from ..domain.wording import format_number, shown_gap, shown_score

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    name: str                    # at most 31 characters (an Excel limit)
    headers: list[str]
    rows: list[list[object]]     # str, int, float or None
    widths: list[int] | None = None


def _level(questionnaire: Questionnaire, level: str | None) -> str:
    return questionnaire.level_by_id[level].label if level else "niet beoordeeld"


def assessment_sheets(questionnaire: Questionnaire, answer_set: AnswerSet, result: Result) -> list[Sheet]:
    """Answers, scores and the action plan of one assessment."""
    answers = answer_set.answers
    scores_by_question = {q.id: q for c in result.criteria for q in c.questions}
    answer_rows = []
    for pillar in questionnaire.pillars_for(answer_set.organisation_kind):
        for criterion in pillar.criteria:
            for question in criterion.questions:
                answer = answers.get(question.id)
                scored = scores_by_question.get(question.id)
                answer_rows.append([
                    pillar.id, criterion.id, question.id, question.text,
                    answer_text(questionnaire, question, answer),
                    (answer.na_reason or "") if answer and answer.na else "",
                    answer.comment if answer else "", answer.evidence if answer else "",
                    shown_score(scored.score) if scored else None, question.weight if question.is_scored else None,
                ])
    score_rows = []
    titles = {p.id: p.title for p in questionnaire.pillars} | {c.id: c.title for _, c in questionnaire.criteria}
    best = questionnaire.levels[0].label
    best_id = questionnaire.best_level
    score_rows.append(["totaal", "", questionnaire.title, shown_score(result.score),
                       _level(questionnaire, result.level), shown_gap(result.score, result.thresholds[best_id]),
                       "", ", ".join(result.capped_by)])
    for pillar in result.pillars:
        score_rows.append(["pijler", pillar.id, titles[pillar.id], shown_score(pillar.score),
                           _level(questionnaire, pillar.level), shown_gap(pillar.score, pillar.thresholds[best_id]),
                           "", ", ".join(pillar.capped_by)])
        for criterion in pillar.criteria:
            score_rows.append(["criterium", criterion.id, titles[criterion.id], shown_score(criterion.score),
                               _level(questionnaire, criterion.level),
                               shown_gap(criterion.score, criterion.thresholds[best_id]),
                               "ja" if criterion.knockout else "nee", ""])
    score_rows.append(["volledigheid", "", completeness_text(result.completeness), None, "", None, "", ""])
    criteria = {c.id: c for c in result.criteria}
    action_rows = [
        [number, planned.criterion, titles[planned.criterion], planned.action.text, planned.action.priority,
         planned.action.effort, planned.action.term, "ja" if planned.knockout else "nee",
         shown_gap(criteria[planned.criterion].score, criteria[planned.criterion].thresholds[best_id])]
        for number, planned in enumerate(result.actions, start=1)
    ]
    return [
        Sheet("Antwoorden", ["Pijler", "Criterium", "Vraag-id", "Vraag", "Antwoord", "Reden niet van toepassing",
                             "Opmerking", "Bewijs", "Vraagscore", "Gewicht"],
              answer_rows, [8, 10, 24, 60, 28, 30, 40, 30, 11, 9]),
        Sheet("Scores", ["Soort", "Id", "Onderdeel", "Score", "Niveau", f"Tekort tot '{best}'", "Knock-out",
                         "Begrensd door knock-out"], score_rows, [10, 8, 50, 9, 16, 16, 10, 20]),
        Sheet("Verbeterplan", ["Nr", "Criterium", "Onderdeel", "Actie", "Prioriteit", "Inspanning", "Termijn",
                               "Knock-out", "Tekort"], action_rows, [5, 10, 40, 70, 11, 11, 16, 10, 9]),
    ]


def comparison_sheets(comparison: Comparison, questionnaire: Questionnaire) -> list[Sheet]:
    """The heat map (score and level per organisation), the common gaps and the largest differences."""
    labels = [f"{a.label} ({a.period})" for a in comparison.columns]
    heat_headers = ["Soort", "Id", "Onderdeel"]
    for label in labels:
        heat_headers += [f"{label}: score", f"{label}: niveau"]
    overall = ["totaal", "", "Totaaloordeel"]
    for result in comparison.results:
        overall += [shown_score(result.score), _level(questionnaire, result.level)]
    heat_rows = [overall]
    for row in comparison.rows:
        cells = ["pijler" if row.is_pillar else "criterium", row.id, row.title]
        for cell in row.cells:
            cells += [shown_score(cell.score), _level(questionnaire, cell.level) if cell.score is not None else "n.v.t."]
        heat_rows.append(cells)
    gaps = [[g.criterion, g.title, g.count, shown_score(g.mean_gap), ", ".join(g.labels)] for g in comparison.common_gaps]
    differences = [[d.criterion, d.title, shown_score(d.spread), d.highest, d.lowest] for d in comparison.largest_differences]
    notes = [["Vragenlijst", f"{comparison.questionnaire_id} versie {', '.join(comparison.versions)}"],
             ["Normprofiel", comparison.profile_name or "drempels van de vragenlijst"]]
    if comparison.version_note:
        notes.append(["Let op", comparison.version_note])
    return [
        Sheet("Vergelijking", heat_headers, heat_rows, [10, 8, 50] + [14, 16] * len(labels)),
        Sheet("Veelvoorkomende tekorten", ["Criterium", "Onderdeel", "Aantal onder de norm", "Gemiddeld tekort",
                                           "Organisaties"], gaps, [10, 50, 20, 16, 60]),
        Sheet("Grootste verschillen", ["Criterium", "Onderdeel", "Verschil in punten", "Hoogste", "Laagste"],
              differences, [10, 50, 18, 30, 30]),
        Sheet("Toelichting", ["Onderwerp", "Waarde"], notes, [16, 100]),
    ]


def to_xlsx(sheets: list[Sheet]) -> bytes:
    import xlsxwriter  # only where an export is made

    buffer = io.BytesIO()
    # strings_to_formulas off: a text such as "=SOM(A1)" is stored as text, never run as a formula.
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "text_wrap": True, "valign": "top"})
    number = workbook.add_format({"num_format": "0.0", "valign": "top"})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name[:31])
        for column, width in enumerate(sheet.widths or []):
            worksheet.set_column(column, column, width)
        for column, title in enumerate(sheet.headers):
            worksheet.write_string(0, column, title, header)
        for row_number, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row):
                if value is None:
                    worksheet.write_blank(row_number, column, None)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    worksheet.write_number(row_number, column, value, number)
                else:
                    worksheet.write_string(row_number, column, str(value), text)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.headers) - 1)
    workbook.close()
    return buffer.getvalue()


def csv_safe(value: object) -> str:
    """A cell as CSV text that no spreadsheet will run as a formula."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)  # with a decimal comma, as Dutch spreadsheets read it
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a number, not user text: a minus sign is fine
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(sheet: Sheet) -> str:
    """One sheet as CSV with ';' between cells, as Dutch Excel expects; UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_safe(title) for title in sheet.headers])
    for row in sheet.rows:
        writer.writerow([csv_safe(value) for value in row])
    return "\ufeff" + buffer.getvalue()
