"""Compare, trends, peer benchmark and spreadsheet/PDF exports: database <-> domain/comparison glue.

Who may compare what (signed-off assessments only):
- a member sees its own organisation's assessments;
- a municipality or province sees those of the omgevingsdiensten it takes part in;
- an adviesbureau sees the assessments shared with it (ConsultantGrant);
- a beheerder sees every organisation's.
An id outside that set answers 404, as on the assessment pages.

Answers of many assessments are read with one Core query of the needed columns (no ORM objects per
answer); a benchmark reads the score summaries stored at sign-off, not the answers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import and_, or_, select, update
from werkzeug.exceptions import NotFound

from ..domain.answers import Answer as DomainAnswer
from ..domain.answers import AnswersError
from ..domain.catalog import version_key
from ..domain.comparison import Assessment as Compared
from ..domain.comparison import (
    Benchmark,
    Comparison,
    ComparisonError,
    Summary,
    Trend,
    compare,
    peer_benchmark,
    summary_of,
    trend,
)
from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.scoring import score
from ..domain.wording import SIGNED_OFF, format_score
from ..extensions import db
from ..models import (
    Answer,
    Assessment,
    ConsultantGrant,
    Organisation,
    Participation,
    QuestionnaireDefinition,
    User,
)
from ..report.exports import assessment_sheets, comparison_sheets, to_csv, to_xlsx
from .profiles import ProfileOption, choose_profile
from . import answer_set_of, audit, catalog, get_assessment, questionnaire_for, summary_data  # noqa: F401  catalog is used by the compare views

MAX_COLUMNS = 60  # more organisations side by side help nobody and only cost time


@dataclass(frozen=True)
class Candidate:
    """A signed-off assessment the user may compare (plain columns, no ORM object)."""

    id: int
    organisation_id: int
    organisation: str
    kind: str
    period: str
    questionnaire_id: str
    version: str
    fingerprint: str
    definition_id: int
    signed_off_at: datetime | None

    @property
    def label(self) -> str:
        return f"{self.organisation} ({self.period})"


# --- who may see what -----------------------------------------------------------------------------------

def _visible_clause(user: User):
    """SQL condition on Assessment for the signed-off assessments `user` may compare."""
    if user.is_admin:
        return Assessment.status == SIGNED_OFF
    org_ids = [m.organisation_id for m in user.memberships]
    participated = select(Participation.omgevingsdienst_id).where(Participation.participant_id.in_(org_ids))
    granted = select(ConsultantGrant.assessment_id).where(ConsultantGrant.organisation_id.in_(org_ids))
    return and_(Assessment.status == SIGNED_OFF, or_(
        Assessment.organisation_id.in_(org_ids), Assessment.organisation_id.in_(participated),
        Assessment.id.in_(granted)))


def _candidate_query():
    return (select(Assessment.id, Assessment.organisation_id, Organisation.name, Organisation.kind,
                   Assessment.period, QuestionnaireDefinition.questionnaire_id, QuestionnaireDefinition.version,
                   QuestionnaireDefinition.fingerprint, QuestionnaireDefinition.id, Assessment.signed_off_at)
            .join(Organisation, Organisation.id == Assessment.organisation_id)
            .join(QuestionnaireDefinition, QuestionnaireDefinition.id == Assessment.definition_id))


def candidates(user: User, questionnaire_id: str | None = None, period: str | None = None,
               organisation_id: int | None = None, ids: list[int] | None = None) -> list[Candidate]:
    """The signed-off assessments `user` may compare, optionally narrowed; by organisation and period."""
    query = _candidate_query().where(_visible_clause(user))
    if questionnaire_id:
        query = query.where(QuestionnaireDefinition.questionnaire_id == questionnaire_id)
    if period:
        query = query.where(Assessment.period == period)
    if organisation_id is not None:
        query = query.where(Assessment.organisation_id == organisation_id)
    if ids is not None:
        query = query.where(Assessment.id.in_(ids))
    rows = db.session.execute(query.order_by(Organisation.name, Assessment.period, Assessment.id))
    return [Candidate(*row) for row in rows]


def chosen(user: User, ids: list[int]) -> list[Candidate]:
    """The assessments with these ids, in the given order; 404 when any is not the user's to see."""
    ids = list(dict.fromkeys(ids))
    found = {c.id: c for c in candidates(user, ids=ids)} if ids else {}
    missing = [i for i in ids if i not in found]
    if missing:
        audit(user, "access_denied", subject=f"vergelijking beoordeling {', '.join(map(str, missing))}"[:200])
        db.session.commit()
        raise NotFound()
    return [found[i] for i in ids]


# --- loading many assessments at once ---------------------------------------------------------------------

def _questionnaires(rows: list[Candidate]) -> dict[str, Questionnaire]:
    """Definition per fingerprint, from the app-wide cache; missing ones read in one query."""
    cache = current_app.extensions["vthscan"]["definitions"]
    missing = {r.definition_id for r in rows if r.fingerprint not in cache}
    if missing:
        for fingerprint, data in db.session.execute(select(
                QuestionnaireDefinition.fingerprint, QuestionnaireDefinition.data)
                .where(QuestionnaireDefinition.id.in_(missing))):
            cache[fingerprint] = Questionnaire.model_validate(data)
    return {r.fingerprint: cache[r.fingerprint] for r in rows}


def answers_for(assessment_ids: list[int]) -> dict[int, dict[str, DomainAnswer]]:
    """The answers of many assessments in one query of plain columns."""
    found: dict[int, dict[str, DomainAnswer]] = {i: {} for i in assessment_ids}
    if not assessment_ids:
        return found
    rows = db.session.execute(select(
        Answer.assessment_id, Answer.question_id, Answer.value, Answer.na, Answer.na_reason, Answer.unknown,
        Answer.comment, Answer.evidence).where(Answer.assessment_id.in_(assessment_ids)))
    for assessment_id, question_id, value, na, na_reason, unknown, comment, evidence in rows:
        found[assessment_id][question_id] = DomainAnswer(value=value, na=na, na_reason=na_reason,
                                                         unknown=unknown, comment=comment or "",
                                                         evidence=evidence or "")
    return found


def to_compared(rows: list[Candidate], label_period: bool = False) -> list[Compared]:
    questionnaires = _questionnaires(rows)
    answers = answers_for([r.id for r in rows])
    return [Compared(r.label if label_period else r.organisation, r.kind, r.period, questionnaires[r.fingerprint],
                     answers[r.id]) for r in rows]


# --- threshold profiles -------------------------------------------------------------------------------------

def profile_choice(questionnaire: Questionnaire, key: str | None) -> tuple[ThresholdProfile | None, list[ProfileOption]]:
    """The chosen profile (None: the questionnaire's own thresholds) and the options, as on the results
    page: the questionnaire folder's profiles and those made in the web app. 404 for an unknown key."""
    option, options = choose_profile(questionnaire, key)
    return option.profile, options


# --- the comparison page -----------------------------------------------------------------------------------

LEVEL_SYMBOLS = ("✔", "▲", "▲", "✖")  # best, middle ranks, worst: the level is also written out


@dataclass(frozen=True)
class HeatCell:
    score: str             # "62,3" or "-" where the row does not apply
    level: str             # the level's label, "" where the row does not apply
    symbol: str
    rank: str              # CSS class suffix: "0" best ... or "none"


@dataclass(frozen=True)
class HeatRow:
    id: str
    title: str
    cells: list[HeatCell]
    criteria: list[HeatRow] = field(default_factory=list)


@dataclass
class ComparisonView:
    comparison: Comparison | None
    questionnaire: Questionnaire | None       # the newest version among the compared
    columns: list[Candidate]
    overall: list[HeatCell] = field(default_factory=list)
    pillars: list[HeatRow] = field(default_factory=list)
    error: str | None = None
    profiles: list[ProfileOption] = field(default_factory=list)


def _cell(questionnaire: Questionnaire, value: float | None, level: str | None, applies: bool = True) -> HeatCell:
    if not applies:
        return HeatCell("-", "", "", "none")
    ids = [lv.id for lv in questionnaire.levels]
    if level is None or level not in ids:
        return HeatCell(format_score(value), "niet beoordeeld", "–", "none")
    position = ids.index(level)
    last = len(ids) - 1
    symbol = LEVEL_SYMBOLS[0] if position == 0 else LEVEL_SYMBOLS[-1] if position == last else LEVEL_SYMBOLS[1]
    rank = "0" if position == 0 else "3" if position == last else str(min(position, 2))
    return HeatCell(format_score(value), questionnaire.level_by_id[level].label, symbol, rank)


def compare_chosen(user: User, ids: list[int], profile_name: str | None = None) -> ComparisonView:
    """The comparison of the chosen assessments; 404 for an id the user may not see or an unknown profile."""
    rows = chosen(user, ids[:MAX_COLUMNS])
    if not rows:
        return ComparisonView(None, None, [])
    newest = max((r for r in rows), key=lambda r: version_key(r.version))
    assessments = to_compared(rows, label_period=len({r.period for r in rows}) > 1)
    questionnaire = next(a.questionnaire for a, r in zip(assessments, rows) if r is newest)
    qids = {r.questionnaire_id for r in rows}
    if len(qids) > 1:
        return ComparisonView(None, questionnaire, rows, error=(
            "Alleen beoordelingen met dezelfde vragenlijst zijn te vergelijken. Gekozen vragenlijsten: "
            + ", ".join(sorted(qids)) + "."))
    profile, options = profile_choice(questionnaire, profile_name)
    try:
        comparison = compare(assessments, profile)
    except (ComparisonError, AnswersError) as error:
        return ComparisonView(None, questionnaire, rows, error=f"Vergelijken lukt niet: {error}", profiles=options)
    view = _heat_view(comparison, questionnaire, rows)
    view.profiles = options
    return view


def _heat_view(comparison: Comparison, questionnaire: Questionnaire, rows: list[Candidate]) -> ComparisonView:
    overall = [_cell(questionnaire, r.score, r.level) for r in comparison.results]
    pillars: list[HeatRow] = []
    for row in comparison.rows:
        applies = [_applies(comparison, index, row.pillar) for index in range(len(row.cells))]
        cells = [_cell(questionnaire, c.score, c.level, ok) for c, ok in zip(row.cells, applies)]
        if not any(applies):
            continue  # e.g. the municipalities' pillar when only omgevingsdiensten are compared
        if row.is_pillar:
            pillars.append(HeatRow(row.id, row.title, cells, []))
        else:
            pillars[-1].criteria.append(HeatRow(row.id, row.title, cells))
    return ComparisonView(comparison, questionnaire, rows, overall, pillars)


def _applies(comparison: Comparison, column: int, pillar_id: str) -> bool:
    return any(p.id == pillar_id for p in comparison.results[column].pillars)


# --- trends ---------------------------------------------------------------------------------------------

@dataclass
class TrendView:
    organisation: str
    organisation_id: int
    questionnaire: Questionnaire
    questionnaire_ids: list[str]
    trend: Trend
    profiles: list[ProfileOption]
    assessments: list[Candidate]  # one per period, oldest first
    latest: Candidate
    benchmark: Benchmark | None   # of the latest period, among its peers


def trend_for(user: User, organisation_id: int, questionnaire_id: str | None = None,
              profile_name: str | None = None) -> TrendView:
    """One organisation's signed-off assessments over the periods; 404 when the user sees none of them."""
    rows = candidates(user, organisation_id=organisation_id)
    if not rows:
        raise NotFound()
    questionnaire_ids = sorted({r.questionnaire_id for r in rows})
    if questionnaire_id is None:
        questionnaire_id = max(rows, key=lambda r: (r.period, r.signed_off_at or datetime.min)).questionnaire_id
    rows = [r for r in rows if r.questionnaire_id == questionnaire_id]
    if not rows:
        raise NotFound()
    per_period: dict[str, Candidate] = {}
    for row in sorted(rows, key=lambda r: (r.signed_off_at or datetime.min, r.id)):
        per_period[row.period] = row  # the last signed off of a period counts (after a reopen)
    chosen_rows = [per_period[p] for p in sorted(per_period)]
    assessments = to_compared(chosen_rows, label_period=True)
    newest = max(assessments, key=lambda a: version_key(a.questionnaire.version)).questionnaire
    profile, options = profile_choice(newest, profile_name)
    result = trend(assessments, profile)
    benchmark = peer_benchmark_for(db.session.get(Assessment, chosen_rows[-1].id))
    return TrendView(chosen_rows[0].organisation, organisation_id, newest, questionnaire_ids, result, options,
                     chosen_rows, chosen_rows[-1], benchmark)


def trend_series(view: TrendView) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[float | None, ...]], ...]]:
    """The chart's data: periods and (name, values) per line, overall first."""
    series = [("Totaal", tuple(view.trend.overall))]
    series += [(_short(f"{pid} {title}"), tuple(values)) for pid, title, values in view.trend.pillars]
    return tuple(view.trend.periods), tuple(series)


def _short(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- peer benchmark ------------------------------------------------------------------------------------

def _summary(data: dict | None) -> Summary | None:
    if not data:
        return None
    return Summary(data.get("score"), dict(data.get("pillars") or {}))


def peer_benchmark_for(assessment: Assessment) -> Benchmark | None:
    """Where this assessment stands among the signed-off ones of the same questionnaire id, period and
    kind of organisation; None with fewer than 5 other organisations. Never names them.

    Reads the score summaries stored at sign-off in one query; older rows without one are scored once
    (their answers in one query) and their summary stored.
    """
    own = _summary(assessment.score_summary)
    if own is None:
        try:
            result = score(questionnaire_for(assessment), _own_answers(assessment), assessment.organisation.kind)
        except AnswersError:
            return None
        own = summary_of(result)
        if assessment.status == SIGNED_OFF:
            assessment.score_summary = summary_data(own)
            db.session.commit()
    rows = db.session.execute(
        select(Assessment.id, Assessment.organisation_id, Assessment.score_summary)
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .join(QuestionnaireDefinition, QuestionnaireDefinition.id == Assessment.definition_id)
        .where(Assessment.status == SIGNED_OFF, Assessment.period == assessment.period,
               QuestionnaireDefinition.questionnaire_id == assessment.questionnaire_id,
               Organisation.kind == assessment.organisation.kind,
               Assessment.organisation_id != assessment.organisation_id)
        .order_by(Assessment.signed_off_at, Assessment.id)).all()
    latest: dict[int, tuple[int, dict | None]] = {}
    for assessment_id, organisation_id, data in rows:
        latest[organisation_id] = (assessment_id, data)  # the last signed off per organisation counts
    missing = [assessment_id for assessment_id, data in latest.values() if not data]
    filled = backfill_summaries(missing) if missing else {}
    peers = [_summary(data or filled.get(assessment_id)) for assessment_id, data in latest.values()]
    return peer_benchmark(own, [p for p in peers if p is not None])


def _own_answers(assessment: Assessment) -> dict[str, DomainAnswer]:
    return answers_for([assessment.id])[assessment.id]


def backfill_summaries(assessment_ids: list[int]) -> dict[int, dict]:
    """Score signed-off assessments that have no stored summary yet, store and return the summaries."""
    rows = db.session.execute(_candidate_query().where(Assessment.id.in_(assessment_ids))).all()
    candidates_ = [Candidate(*row) for row in rows]
    filled = {}
    for candidate, compared in zip(candidates_, to_compared(candidates_)):
        try:
            data = summary_data(summary_of(score(compared.questionnaire, compared.answers, compared.kind)))
        except AnswersError:
            continue
        filled[candidate.id] = data
    for assessment_id, data in filled.items():
        db.session.execute(update(Assessment).where(Assessment.id == assessment_id)
                           .values(score_summary=data).execution_options(synchronize_session=False))
    db.session.commit()
    return filled


def benchmark_titles(questionnaire: Questionnaire) -> dict[str, str]:
    """Pillar titles for the benchmark partial."""
    return {p.id: p.title for p in questionnaire.pillars}


# --- exports --------------------------------------------------------------------------------------------

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


def export_comparison(user: User, ids: list[int], profile_name: str | None, kind: str,
                      today: date | None = None) -> Download:
    """The comparison as xlsx, CSV (the heat map) or PDF; 404 like the page."""
    view = compare_chosen(user, ids, profile_name)
    if view.comparison is None:
        raise NotFound()
    periods = sorted({c.period for c in view.columns})
    name = f"vthscan-vergelijking-{safe_name(view.questionnaire.id)}-{safe_name('-'.join(periods))}.{kind}"
    if kind == "pdf":
        from ..report.comparison_pdf import build_comparison_pdf  # reportlab: only when a PDF is asked for

        content = build_comparison_pdf(view.comparison, view.questionnaire, today)
    elif kind == "xlsx":
        content = to_xlsx(comparison_sheets(view.comparison, view.questionnaire))
    else:
        content = to_csv(comparison_sheets(view.comparison, view.questionnaire)[0]).encode("utf-8")
    audit(user, "comparison_exported", subject=f"{kind}: beoordelingen {', '.join(str(c.id) for c in view.columns)}")
    db.session.commit()
    return Download(content, name, MIMETYPES[kind])


def export_assessment_sheet(user: User, assessment_id: int, kind: str, part: str = "antwoorden",
                            profile_name: str | None = None) -> Download:
    """One assessment (answers, comments, scores, levels, action plan) as xlsx or one CSV part; 404 like
    its pages (drafts only for the own organisation and consultants it was shared with)."""
    if part not in ASSESSMENT_PARTS:
        raise NotFound()
    assessment, _access = get_assessment(user, assessment_id)
    questionnaire = questionnaire_for(assessment)
    answer_set = answer_set_of(assessment)
    try:
        result = score(questionnaire, answer_set.answers, assessment.organisation.kind,
                       profile_choice(questionnaire, profile_name)[0])
    except AnswersError:
        raise NotFound() from None
    sheets = assessment_sheets(questionnaire, answer_set, result)
    base = (f"vthscan-beoordeling-{assessment.id}-{safe_name(assessment.organisation.name)}-"
            f"{safe_name(assessment.period)}")
    if kind == "xlsx":
        download = Download(to_xlsx(sheets), f"{base}.xlsx", MIMETYPES["xlsx"])
    else:
        download = Download(to_csv(sheets[ASSESSMENT_PARTS[part]]).encode("utf-8"), f"{base}-{part}.csv",
                            MIMETYPES["csv"])
    audit(user, "exported", assessment, subject=f"{kind} {part if kind == 'csv' else ''}".strip())
    db.session.commit()
    return download
