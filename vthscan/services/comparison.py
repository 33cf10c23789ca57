"""Compare signed-off assessments side by side: which ones a user may compare, reading many at once,
and the heat map of the comparison page. Trends, the peer benchmark and the downloads build on this
(trends.py, benchmark.py, exports.py).

Who may compare what is access.py's `comparable_clause`: an id outside it answers 404 (NotVisible),
as on the assessment pages. Answers of many assessments are read with one Core query of the needed
columns (no ORM objects per answer). Everything here only reads; a refused id is audited by the
handler of NotVisible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from ..domain.answers import Answer as DomainAnswer
from ..domain.answers import AnswersError
from ..domain.catalog import version_key
from ..domain.comparison import Assessment as Compared
from ..domain.comparison import Comparison, ComparisonError, compare
from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.wording import day_text, format_score, level_symbol
from ..extensions import db
from ..models import Answer, Assessment, Organisation, QuestionnaireDefinition, User
from .access import comparable_clause
from .errors import NotVisible
from .profiles import ProfileOption, choose_profile

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


# --- which assessments ------------------------------------------------------------------------------------

def candidate_query():
    return (select(Assessment.id, Assessment.organisation_id, Organisation.name, Organisation.kind,
                   Assessment.period, QuestionnaireDefinition.questionnaire_id, QuestionnaireDefinition.version,
                   QuestionnaireDefinition.fingerprint, QuestionnaireDefinition.id, Assessment.signed_off_at)
            .join(Organisation, Organisation.id == Assessment.organisation_id)
            .join(QuestionnaireDefinition, QuestionnaireDefinition.id == Assessment.definition_id))


def candidates(user: User, questionnaire_id: str | None = None, period: str | None = None,
               organisation_id: int | None = None, ids: list[int] | None = None) -> list[Candidate]:
    """The signed-off assessments `user` may compare, optionally narrowed; by organisation and period."""
    query = candidate_query().where(comparable_clause(user))
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
    """The assessments with these ids, in the given order; NotVisible (audited) when any is not the
    user's to compare."""
    ids = list(dict.fromkeys(ids))
    found = {c.id: c for c in candidates(user, ids=ids)} if ids else {}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotVisible(f"vergelijking beoordeling {', '.join(map(str, missing))}"[:200])
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
                     answers[r.id], _signed_off(r)) for r in rows]


def _signed_off(row: Candidate) -> str:
    """Every assessment compared is signed off: say when."""
    return f"vastgesteld op {day_text(row.signed_off_at)}" if row.signed_off_at else "vastgesteld"


# --- threshold profiles -------------------------------------------------------------------------------------

def profile_choice(questionnaire: Questionnaire, key: str | None) -> tuple[ThresholdProfile | None, list[ProfileOption]]:
    """The chosen profile (None: the questionnaire's own thresholds) and the options, as on the results
    page: the questionnaire folder's profiles and those made in the web app. NotVisible for an unknown key."""
    option, options = choose_profile(questionnaire, key)
    return option.profile, options


# --- the comparison page -----------------------------------------------------------------------------------


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
    symbol = level_symbol(position, len(ids))
    rank = "0" if position == 0 else "3" if position == last else str(min(position, 2))
    return HeatCell(format_score(value), questionnaire.level_by_id[level].label, symbol, rank)


def compare_chosen(user: User, ids: list[int], profile_name: str | None = None) -> ComparisonView:
    """The comparison of the chosen assessments; NotVisible for an id the user may not compare or an
    unknown profile."""
    rows = chosen(user, ids[:MAX_COLUMNS])
    if not rows:
        return ComparisonView(None, None, [])
    newest = max((r for r in rows), key=lambda r: version_key(r.version))
    assessments = to_compared(rows, label_period=len({r.period for r in rows}) > 1)
    questionnaire = next(a.questionnaire for a, r in zip(assessments, rows, strict=True) if r is newest)
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
        cells = [_cell(questionnaire, c.score, c.level, ok) for c, ok in zip(row.cells, applies, strict=True)]
        if not any(applies):
            continue  # e.g. the municipalities' pillar when only omgevingsdiensten are compared
        if row.is_pillar:
            pillars.append(HeatRow(row.id, row.title, cells, []))
        else:
            pillars[-1].criteria.append(HeatRow(row.id, row.title, cells))
    return ComparisonView(comparison, questionnaire, rows, overall, pillars)


def _applies(comparison: Comparison, column: int, pillar_id: str) -> bool:
    return any(p.id == pillar_id for p in comparison.results[column].pillars)


