"""One organisation's signed-off assessments over the periods: the trend page and its chart.

Built on comparison.py (who may compare what, reading many assessments at once). Everything here only
reads; an organisation the user may not compare answers 404 (NotVisible).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.catalog import version_key
from ..domain.comparison import Trend, trend
from ..domain.questionnaire import Questionnaire
from ..extensions import db
from ..models import Assessment, User
from .comparison import Candidate, candidates, profile_choice, to_compared
from .errors import NotVisible
from .profiles import ProfileOption


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
    latest_assessment: Assessment  # the latest period's, for its peer benchmark


def trend_for(user: User, organisation_id: int, questionnaire_id: str | None = None,
              profile_name: str | None = None) -> TrendView:
    """One organisation's signed-off assessments over the periods; NotVisible when the user sees none."""
    rows = candidates(user, organisation_id=organisation_id)
    if not rows:
        raise NotVisible()
    questionnaire_ids = sorted({r.questionnaire_id for r in rows})
    if questionnaire_id is None:
        questionnaire_id = max(rows, key=lambda r: (r.period, r.signed_off_at or datetime.min)).questionnaire_id
    rows = [r for r in rows if r.questionnaire_id == questionnaire_id]
    if not rows:
        raise NotVisible()
    per_period: dict[str, Candidate] = {}
    for row in sorted(rows, key=lambda r: (r.signed_off_at or datetime.min, r.id)):
        per_period[row.period] = row  # the last signed off of a period counts (after a reopen)
    chosen_rows = [per_period[p] for p in sorted(per_period)]
    assessments = to_compared(chosen_rows, label_period=True)
    newest = max(assessments, key=lambda a: version_key(a.questionnaire.version)).questionnaire
    profile, options = profile_choice(newest, profile_name)
    result = trend(assessments, profile)
    return TrendView(chosen_rows[0].organisation, organisation_id, newest, questionnaire_ids, result, options,
                     chosen_rows, chosen_rows[-1], db.session.get(Assessment, chosen_rows[-1].id))


def trend_series(view: TrendView) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[float | None, ...]], ...]]:
    """The chart's data: periods and (name, values) per line, overall first."""
    series = [("Totaal", tuple(view.trend.overall))]
    series += [(_short(f"{pid} {title}"), tuple(values)) for pid, title, values in view.trend.pillars]
    return tuple(view.trend.periods), tuple(series)


def _short(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
