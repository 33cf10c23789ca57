"""Results of one assessment: the results page, its charts and the gap report (PDF or Word).

Everything worded comes from `vthscan.report.data.build_report_data` (the report and the page say the
same); this module adds only what the page needs on top: level symbols, the sums behind each score,
and which knock-out capped what. Charts are drawn by `vthscan.report.charts`, which caches them by the
numbers they show, so the page's PNGs and the PDF are drawn once per distinct content. Everything
here only reads, except `download_report`, a write service (`write`): a downloaded report is audited.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..domain.answers import AnswersError
from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.scoring import Result, score
from ..domain.wording import SIGNED_OFF, format_number, format_score, level_symbol
from ..models import Assessment, User
from ..report.data import build_report_data
from ..report.model import AppendixCriterion, CriterionRow, KnockoutRow, PillarSection, ReportData
from .answers import answers_of
from .audit import audit
from .profiles import ProfileOption, choose_profile
from .questionnaires import questionnaire_for
from .transaction import write
from .workflow import review_steps

PROVISIONAL = "Voorlopige uitkomst: deze beoordeling is nog niet vastgesteld"
REPORT_MIMETYPES = {"pdf": "application/pdf",
                    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
CHARTS = ("pijlers", "criteria")


@dataclass(frozen=True)
class LevelMark:
    """A level as symbol plus text, so it never depends on colour alone."""

    symbol: str
    css: str                      # best, middle, worst, none


def level_mark(rank: int | None, count: int) -> LevelMark:
    if rank is None:
        return LevelMark("–", "none")
    css = "best" if rank == 0 else "worst" if rank == count - 1 else "middle"
    return LevelMark(level_symbol(rank, count), css)


@dataclass(frozen=True)
class CriterionView:
    row: CriterionRow
    mark: LevelMark
    appendix: AppendixCriterion
    calculation: str
    caps: str                     # what this failing knock-out capped: "pijler A en het totaal"


@dataclass(frozen=True)
class PillarView:
    section: PillarSection
    mark: LevelMark
    calculation: str
    criteria: tuple[CriterionView, ...]


@dataclass(frozen=True)
class KnockoutView:
    row: KnockoutRow
    caps: str


@dataclass(frozen=True)
class ResultsView:
    report: ReportData
    result: Result
    mark: LevelMark
    overall_calculation: str
    pillars: tuple[PillarView, ...]
    knockouts: tuple[KnockoutView, ...]
    level_marks: tuple[tuple[str, LevelMark], ...]   # legend: (label, mark) best first


@dataclass(frozen=True)
class ResultsPage:
    profile: ProfileOption
    profiles: list[ProfileOption]
    is_provisional: bool
    view: ResultsView | None      # None when the answers do not fit the questionnaire
    problems: list[str]


def _scored(assessment: Assessment, profile: ThresholdProfile | None):
    questionnaire = questionnaire_for(assessment)
    answers = answers_of(assessment)
    result = score(questionnaire, answers, assessment.organisation.kind, profile)
    return questionnaire, answers, result


def _review(assessment: Assessment) -> dict[str, str]:
    submitted, signed_off = review_steps(assessment)
    return {"submitted": submitted, "signed_off": signed_off}


def report_data(assessment: Assessment, profile: ThresholdProfile | None, generated_on: date,
                assessment_name: str | None = None) -> ReportData:
    """The gap report's data for an assessment; raises AnswersError when the answers do not fit."""
    questionnaire, answers, result = _scored(assessment, profile)
    return build_report_data(questionnaire, answers, result, status=assessment.status,
                             organisation=assessment.organisation.name,
                             assessment_name=assessment_name or assessment.name, period=assessment.period,
                             generated_on=generated_on, **_review(assessment))


def results_page(assessment: Assessment, profile_key: str | None, today: date) -> ResultsPage:
    """Everything the results page shows; NotVisible (404) for a profile key that does not exist."""
    questionnaire = questionnaire_for(assessment)
    option, options = choose_profile(questionnaire, profile_key)
    provisional = assessment.status != SIGNED_OFF
    try:
        questionnaire, answers, result = _scored(assessment, option.profile)
    except AnswersError as error:
        return ResultsPage(option, options, provisional, None, list(error.problems))
    report = build_report_data(questionnaire, answers, result, status=assessment.status,
                               organisation=assessment.organisation.name, assessment_name=assessment.name,
                               period=assessment.period, generated_on=today, **_review(assessment))
    return ResultsPage(option, options, provisional, _view(questionnaire, result, report), [])


def _view(questionnaire: Questionnaire, result: Result, report: ReportData) -> ResultsView:
    count = len(questionnaire.levels)
    appendix = {a.id: a for a in report.appendix}
    caps = _caps(result)
    pillars = []
    for section, pillar in zip(report.pillars, result.pillars, strict=True):
        criteria = tuple(
            CriterionView(row, level_mark(row.level_rank, count), appendix[row.id],
                          _calculation([(q.score, q.weight) for q in c.questions], c.score),
                          caps.get(row.id, ""))
            for row, c in zip(section.criteria, pillar.criteria, strict=True))
        pillars.append(PillarView(section, level_mark(section.level_rank, count),
                                  _calculation([(c.score, c.weight) for c in pillar.criteria], pillar.score),
                                  criteria))
    return ResultsView(
        report=report, result=result, mark=level_mark(report.summary.level_rank, count),
        overall_calculation=_calculation([(p.score, p.weight) for p in result.pillars], result.score),
        pillars=tuple(pillars),
        knockouts=tuple(KnockoutView(row, caps.get(row.criterion, "")) for row in report.summary.knockouts),
        level_marks=tuple((level.label, level_mark(rank, count)) for rank, level in enumerate(questionnaire.levels)),
    )


def _caps(result: Result) -> dict[str, str]:
    """Per failing knock-out criterion: the pillars and/or total whose level it lowered."""
    capped: dict[str, list[str]] = {}
    for pillar in result.pillars:
        for criterion in pillar.capped_by:
            capped.setdefault(criterion, []).append(f"pijler {pillar.id}")
    for criterion in result.capped_by:
        capped.setdefault(criterion, []).append("het totaaloordeel")
    return {criterion: " en ".join(parts) for criterion, parts in capped.items()}


def _calculation(pairs: list[tuple[float | None, float]], total: float | None) -> str:
    """The weighted mean written out: '(100 × 1 + 75 × 3) / (1 + 3) = 81,3'."""
    counted = [(value, weight) for value, weight in pairs if value is not None]
    if total is None or not counted:
        return "Niets telt mee, dus niet beoordeeld."
    left = " + ".join(f"{format_score(value)} × {format_number(weight)}" for value, weight in counted)
    right = " + ".join(format_number(weight) for _, weight in counted)
    skipped = len(pairs) - len(counted)
    text = f"({left}) / ({right}) = {format_score(total)}"
    if skipped:
        text += f"; {skipped} niet meegeteld (niet van toepassing, niet beantwoord of niet beoordeeld)"
    return text


def chart_png(assessment: Assessment, profile_key: str | None, which: str, today: date) -> bytes:
    """The radar ("pijlers") or bar chart ("criteria") as PNG; cached by content in report.charts."""
    from ..report.charts import criteria_chart, radar_chart

    questionnaire = questionnaire_for(assessment)
    option, _options = choose_profile(questionnaire, profile_key)
    data = report_data(assessment, option.profile, today).charts
    return (radar_chart(data) if which == "pijlers" else criteria_chart(data)).png


def report_file(assessment: Assessment, profile_key: str | None, today: date,
                file_format: str = "pdf") -> tuple[str, bytes]:
    """(file name, bytes) of the gap report with the chosen profile, as PDF or as Word document
    (`file_format` "docx"); raises AnswersError."""
    from .plan_files import plan_section_for

    if file_format == "docx":
        from ..report.docx import build_docx as build
    else:
        from ..report.gap_pdf import build_pdf as build
    questionnaire = questionnaire_for(assessment)
    option, _options = choose_profile(questionnaire, profile_key)
    data = report_data(assessment, option.profile, today)
    parts = ["rapport", assessment.organisation.name, assessment.period]
    if option.profile is not None:
        parts.append(option.profile.name)
    return f"{safe_filename('-'.join(parts))}.{file_format}", build(data, plan_section_for(assessment, today))


@write
def download_report(user: User, assessment: Assessment, profile_key: str | None,
                    today: date, file_format: str = "pdf") -> tuple[str, bytes]:
    """The gap report as `report_file` makes it, its download audited; raises AnswersError."""
    filename, content = report_file(assessment, profile_key, today, file_format)
    audit(user, "report", assessment, subject=filename)
    return filename, content


def safe_filename(text: str, limit: int = 120) -> str:
    """Letters, digits and dashes only: 'Gemeente Één & Co 2026' -> 'gemeente-een-co-2026'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "rapport"
