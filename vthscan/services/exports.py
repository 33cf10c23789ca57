"""Downloads of comparisons (xlsx, CSV, PDF) and of one assessment (xlsx, CSV).

Every download is a write service (`write`): it is audited and committed. What may be downloaded is
what the page shows: comparison.py's rules for comparisons, access.py's for an assessment (404, as
NotVisible, otherwise).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..domain.answers import AnswersError
from ..domain.scoring import score
from ..models import User
from ..report.exports import assessment_sheets, comparison_sheets, to_csv, to_xlsx
from .access import get_assessment
from .assessments import answer_set_of
from .audit import audit
from .comparison import compare_chosen, profile_choice
from .errors import NotVisible
from .questionnaires import questionnaire_for
from .transaction import write


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    mimetype: str


MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
ASSESSMENT_PARTS = {"antwoorden": 0, "scores": 1, "verbeterplan": 2}


def safe_name(text: str, limit: int = 40) -> str:
    """Only a-z, 0-9 and hyphens: safe in a Content-Disposition header on every system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-") or "x"


@write
def export_comparison(user: User, ids: list[int], profile_name: str | None, kind: str,
                      today: date | None = None) -> Download:
    """The comparison as xlsx, CSV (the heat map) or PDF; NotVisible like the page."""
    view = compare_chosen(user, ids, profile_name)
    if view.comparison is None:
        raise NotVisible()
    periods = sorted({c.period for c in view.columns})
    name = f"vthscan-vergelijking-{safe_name(view.questionnaire.id)}-{safe_name('-'.join(periods))}.{kind}"
    if kind == "pdf":
        from ..report.comparison_pdf import build_comparison_pdf  # reportlab: only when a PDF is asked for

        content = build_comparison_pdf(view.comparison, view.questionnaire, today, author=user.name or user.email)
    elif kind == "xlsx":
        content = to_xlsx(comparison_sheets(view.comparison, view.questionnaire))
    else:
        content = to_csv(comparison_sheets(view.comparison, view.questionnaire)[0]).encode("utf-8")
    audit(user, "comparison_exported", subject=f"{kind}: beoordelingen {', '.join(str(c.id) for c in view.columns)}")
    return Download(content, name, MIMETYPES[kind])


@write
def export_assessment_sheet(user: User, assessment_id: int, kind: str, part: str = "antwoorden",
                            profile_name: str | None = None) -> Download:
    """One assessment (answers, comments, scores, levels, action plan) as xlsx or one CSV part; NotVisible
    (404) like its pages (drafts only for the own organisation and consultants it was shared with)."""
    if part not in ASSESSMENT_PARTS:
        raise NotVisible()
    assessment, _access = get_assessment(user, assessment_id)
    questionnaire = questionnaire_for(assessment)
    answer_set = answer_set_of(assessment)
    try:
        result = score(questionnaire, answer_set.answers, assessment.organisation.kind,
                       profile_choice(questionnaire, profile_name)[0])
    except AnswersError:
        raise NotVisible() from None
    sheets = assessment_sheets(questionnaire, answer_set, result)
    base = (f"vthscan-beoordeling-{assessment.id}-{safe_name(assessment.organisation.name)}-"
            f"{safe_name(assessment.period)}")
    if kind == "xlsx":
        download = Download(to_xlsx(sheets), f"{base}.xlsx", MIMETYPES["xlsx"])
    else:
        download = Download(to_csv(sheets[ASSESSMENT_PARTS[part]]).encode("utf-8"), f"{base}-{part}.csv",
                            MIMETYPES["csv"])
    audit(user, "exported", assessment, subject=f"{kind} {part if kind == 'csv' else ''}".strip())
    return download
