"""Compare scored assessments: side by side, over the periods, and against a peer group.

Pure functions over questionnaires and answers. Assessments answered against different versions of one
questionnaire are compared on the criteria that all versions share (same id): each is scored again on
a questionnaire cut down to those criteria, so pillar and overall scores are comparable too.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .answers import Answer
from .questionnaire import Questionnaire, ThresholdProfile
from .scoring import CriterionResult, PlannedAction, Result, score

MIN_PEERS = 5  # a peer benchmark is shown only with at least this many other organisations


class ComparisonError(ValueError):
    """The assessments cannot be compared; the message says why, in Dutch."""


@dataclass(frozen=True)
class Assessment:
    """One assessment to compare: whose, which period, and its answers."""

    label: str
    kind: str
    period: str
    questionnaire: Questionnaire
    answers: dict[str, Answer]
    status: str = ""      # as a reader says it ("vastgesteld op 12-03-2026"); "" when not known (a file)


@dataclass(frozen=True)
class Cell:
    score: float | None
    level: str | None


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    is_pillar: bool
    pillar: str
    cells: list[Cell]  # one per column, in column order; None score where it does not apply

    @property
    def spread(self) -> float | None:
        scores = [c.score for c in self.cells if c.score is not None]
        return max(scores) - min(scores) if len(scores) >= 2 else None


@dataclass(frozen=True)
class CommonGap:
    criterion: str
    title: str
    count: int              # how many of the compared assessments are below the best level
    labels: list[str]
    mean_gap: float


@dataclass(frozen=True)
class Difference:
    criterion: str
    title: str
    spread: float
    highest: str
    lowest: str


@dataclass(frozen=True)
class Comparison:
    questionnaire_id: str
    versions: list[str]
    version_note: str | None   # set when versions differ: what is compared and what is left out
    profile_name: str | None
    levels: list[tuple[str, str]]  # (id, label), best first
    columns: list[Assessment]
    results: list[Result]
    rows: list[Row]            # pillars, each followed by its criteria
    common_gaps: list[CommonGap]
    largest_differences: list[Difference]
    left_out: list[str]        # criterion ids not in every version


def restrict(questionnaire: Questionnaire, criterion_ids: set[str]) -> Questionnaire:
    """The questionnaire with only the given criteria (and the pillars that keep any)."""
    pillars = []
    for pillar in questionnaire.pillars:
        criteria = [c for c in pillar.criteria if c.id in criterion_ids]
        if criteria:
            pillars.append(pillar.model_copy(update={"criteria": criteria}))
    return questionnaire.with_pillars(pillars)


def _profile_for(profile: ThresholdProfile | None, questionnaire: Questionnaire) -> ThresholdProfile | None:
    """The profile without entries for pillars or criteria the (cut-down) questionnaire lacks."""
    if profile is None:
        return None
    pillar_ids = {p.id for p in questionnaire.pillars}
    criterion_ids = {c.id for _, c in questionnaire.criteria}
    return profile.model_copy(update={
        "pillars": {k: v for k, v in profile.pillars.items() if k in pillar_ids},
        "criteria": {k: v for k, v in profile.criteria.items() if k in criterion_ids},
    })


def score_shared(assessments: list[Assessment], profile: ThresholdProfile | None = None):
    """Score every assessment on the criteria all their questionnaire versions share.

    Returns (results, questionnaires actually used, left-out criterion ids).
    """
    if not assessments:
        raise ComparisonError("kies minstens één beoordeling om te vergelijken")
    ids = {a.questionnaire.id for a in assessments}
    if len(ids) > 1:
        raise ComparisonError("alleen beoordelingen met dezelfde vragenlijst zijn te vergelijken "
                              f"(nu: {', '.join(sorted(ids))})")
    if profile is not None and profile.questionnaire not in ids:
        raise ComparisonError(f"normprofiel '{profile.name}' hoort bij {profile.questionnaire}, "
                              f"niet bij {next(iter(ids))}")
    per_version = {a.questionnaire.version: a.questionnaire for a in assessments}
    criterion_sets = [{c.id for _, c in q.criteria} for q in per_version.values()]
    shared = set.intersection(*criterion_sets)
    left_out = sorted(set.union(*criterion_sets) - shared)

    results, used = [], []
    for assessment in assessments:
        questionnaire = assessment.questionnaire
        answers = assessment.answers
        if left_out:
            questionnaire = restrict(questionnaire, shared)
            answers = {qid: a for qid, a in answers.items() if qid in questionnaire.questions}
        results.append(score(questionnaire, answers, assessment.kind, _profile_for(profile, questionnaire)))
        used.append(questionnaire)
    return results, used, left_out


def compare(assessments: list[Assessment], profile: ThresholdProfile | None = None,
            most: int = 10) -> Comparison:
    """Side by side: a row per pillar and criterion, a column per assessment."""
    results, used, left_out = score_shared(assessments, profile)
    versions = sorted({a.questionnaire.version for a in assessments})
    reference = used[0]
    note = None
    if len(versions) > 1:
        note = (f"De beoordelingen gebruiken verschillende versies van {reference.id} "
                f"({', '.join(versions)}). Alleen de criteria die in alle versies voorkomen, "
                f"zijn vergeleken" + (f"; weggelaten: {', '.join(left_out)}." if left_out else "."))

    # Rows follow the reference questionnaire; a pillar missing for one kind of organisation stays empty.
    by_column = [{p.id: p for p in r.pillars} for r in results]
    criteria_by_column = [{c.id: c for c in r.criteria} for r in results]
    rows = []
    for pillar in reference.pillars:
        rows.append(Row(pillar.id, pillar.title, True, pillar.id, [
            Cell(col[pillar.id].score, col[pillar.id].level) if pillar.id in col else Cell(None, None)
            for col in by_column]))
        for criterion in pillar.criteria:
            rows.append(Row(criterion.id, criterion.title, False, pillar.id, [
                Cell(col[criterion.id].score, col[criterion.id].level) if criterion.id in col
                else Cell(None, None) for col in criteria_by_column]))

    titles = {c.id: c.title for _, c in reference.criteria}
    return Comparison(
        questionnaire_id=reference.id,
        versions=versions,
        version_note=note,
        profile_name=profile.name if profile else None,
        levels=[(level.id, level.label) for level in reference.levels],
        columns=list(assessments),
        results=results,
        rows=rows,
        common_gaps=_common_gaps(assessments, criteria_by_column, titles)[:most],
        largest_differences=_largest_differences(assessments, rows)[:most],
        left_out=left_out,
    )


def _common_gaps(assessments, criteria_by_column, titles) -> list[CommonGap]:
    gaps: dict[str, list[tuple[str, float]]] = {}
    for assessment, column in zip(assessments, criteria_by_column, strict=True):
        for criterion in column.values():
            if criterion.gap is not None:
                gaps.setdefault(criterion.id, []).append((assessment.label, criterion.gap))
    found = [CommonGap(cid, titles[cid], len(items), [label for label, _ in items],
                       statistics.fmean(gap for _, gap in items)) for cid, items in gaps.items()]
    return sorted(found, key=lambda g: (-g.count, -g.mean_gap, g.criterion))


def _largest_differences(assessments, rows: list[Row]) -> list[Difference]:
    found = []
    for row in rows:
        if row.is_pillar or row.spread is None:
            continue
        scored = [(cell.score, a.label) for cell, a in zip(row.cells, assessments, strict=True) if cell.score is not None]
        high, low = max(scored), min(scored)
        found.append(Difference(row.id, row.title, row.spread, high[1], low[1]))
    return sorted(found, key=lambda d: (-d.spread, d.criterion))


# --- trends ------------------------------------------------------------------------------------------

BETTER, SAME, WORSE = "beter", "gelijk", "slechter"


@dataclass(frozen=True)
class CriterionChange:
    criterion: str
    title: str
    before: float | None
    after: float | None
    change: str | None  # beter / gelijk / slechter; None when either period has no score

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class Trend:
    periods: list[str]
    overall: list[float | None]              # per period
    pillars: list[tuple[str, str, list[float | None]]]  # (id, title, score per period)
    changes: list[CriterionChange]           # between the last two periods
    actions_done: list[PlannedAction]        # in the previous plan, no longer needed now
    version_note: str | None


def trend(assessments: list[Assessment], profile: ThresholdProfile | None = None,
          tolerance: float = 0.5) -> Trend:
    """One organisation over its periods (oldest first); changes smaller than `tolerance` count as equal."""
    ordered = sorted(assessments, key=lambda a: a.period)
    comparison = compare(ordered, profile)
    results = comparison.results
    pillars = [(row.id, row.title, [cell.score for cell in row.cells]) for row in comparison.rows if row.is_pillar]
    changes, done = [], []
    if len(results) >= 2:
        before, after = results[-2], results[-1]
        before_criteria = {c.id: c for c in before.criteria}
        after_criteria = {c.id: c for c in after.criteria}
        for row in comparison.rows:
            if row.is_pillar:
                continue
            old, new = before_criteria.get(row.id), after_criteria.get(row.id)
            changes.append(_change(row, old, new, tolerance))
        done = [action for action in before.actions
                if action.criterion in after_criteria and after_criteria[action.criterion].score is not None
                and after_criteria[action.criterion].gap is None]
    return Trend(
        periods=[a.period for a in ordered],
        overall=[r.score for r in results],
        pillars=pillars,
        changes=changes,
        actions_done=done,
        version_note=comparison.version_note,
    )


def _change(row: Row, old: CriterionResult | None, new: CriterionResult | None, tolerance: float):
    before = old.score if old else None
    after = new.score if new else None
    if before is None or after is None:
        change = None
    elif after - before >= tolerance:
        change = BETTER
    elif before - after >= tolerance:
        change = WORSE
    else:
        change = SAME
    return CriterionChange(row.id, row.title, before, after, change)


# --- peer benchmark ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spread:
    count: int
    minimum: float
    first_quartile: float
    median: float
    third_quartile: float
    maximum: float

    def position(self, value: float) -> str:
        """Where `value` sits, in plain Dutch."""
        if value < self.first_quartile:
            return "bij het laagste kwart"
        if value > self.third_quartile:
            return "bij het hoogste kwart"
        return "in de middelste helft"


def spread(values: list[float]) -> Spread:
    ordered = sorted(values)
    if len(ordered) == 1:
        q1 = q3 = med = ordered[0]
    else:
        q1, med, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Spread(len(ordered), ordered[0], q1, med, q3, ordered[-1])


@dataclass(frozen=True)
class Summary:
    """The scores a benchmark needs from one assessment; small enough to store with a signed-off one."""

    score: float | None
    pillars: dict[str, float | None]


def summary_of(result: Result) -> Summary:
    return Summary(result.score, {p.id: p.score for p in result.pillars})


@dataclass(frozen=True)
class Benchmark:
    """Where one organisation stands among its peers; never names them."""

    peers: int
    overall: Spread
    own_overall: float | None
    pillars: list[tuple[str, Spread, float | None]]  # (pillar id, spread of the peers, own score)


def peer_benchmark(own: Summary, peers: list[Summary], minimum: int = MIN_PEERS) -> Benchmark | None:
    """The spread of the peers' scores next to the own ones; None with fewer than `minimum` peers.

    `peers` are the *other* organisations of the same kind, questionnaire and period (signed off).
    """
    peers = [p for p in peers if p.score is not None]
    if len(peers) < minimum:
        return None
    pillar_spreads = []
    for pillar_id, own_score in own.pillars.items():
        values = [p.pillars[pillar_id] for p in peers if p.pillars.get(pillar_id) is not None]
        if len(values) >= minimum:
            pillar_spreads.append((pillar_id, spread(values), own_score))
    return Benchmark(len(peers), spread([p.score for p in peers]), own.score, pillar_spreads)
