"""What the gap report shows, as data: frozen dataclasses of ready-to-print Dutch text (plus the raw
numbers the charts need). `data.py` builds them; the PDF layout (`gap_pdf.py`), the results page and
the charts only read them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PillarRow:
    """One line of the summary's pillar table."""

    id: str
    title: str
    weight: str
    score: str
    level: str
    level_rank: int | None   # 0 = best level; None = not assessed
    gap: str
    note: str                # e.g. "begrensd door knock-out A1"


@dataclass(frozen=True)
class KnockoutRow:
    criterion: str
    title: str
    pillar: str
    score: str
    level: str
    needed: str              # "75" (the best level's minimum)


@dataclass(frozen=True)
class ActionRow:
    number: int
    criterion: str
    criterion_title: str
    pillar: str
    text: str
    priority: str
    effort: str
    term: str
    knockout: bool
    effect: str              # "van Tekort naar Voldoet als het tekort van 23,5 punten is weggewerkt"


@dataclass(frozen=True)
class Summary:
    verdict: str             # the overall verdict as one or two sentences
    level: str
    level_rank: int | None
    score: str
    completeness: str
    provisional: str         # empty when final
    pillars: tuple[PillarRow, ...]
    knockouts: tuple[KnockoutRow, ...]
    top_actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class Note:
    """A comment or N/A reason given with one question."""

    question: str
    question_text: str
    kind: str                # "Toelichting" or "Niet van toepassing"
    text: str


@dataclass(frozen=True)
class CriterionRow:
    id: str
    title: str
    weight: str
    knockout: bool
    fails_knockout: bool
    score: str
    level: str
    level_rank: int | None
    gap: str
    thresholds: str          # "Voldoet vanaf 80; Aandachtspunt vanaf 50"
    counts: str              # "3 vragen beantwoord, 1 niet van toepassing"
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class PillarSection:
    id: str
    title: str
    description: str
    score: str
    level: str
    level_rank: int | None
    gap: str
    explanation: str         # how the pillar's score and level came about, in a sentence or two
    criteria: tuple[CriterionRow, ...]


@dataclass(frozen=True)
class AppendixQuestion:
    id: str
    text: str
    type: str
    answer: str              # readable: option label, scale label, "ja"/"nee", number + unit
    status: str              # beantwoord, niet van toepassing, weet niet, niet beantwoord, niet gescoord
    score: str
    weight: str
    rule: str                # how a number's score follows from it; empty for other types
    comment: str
    evidence: str
    na_reason: str


@dataclass(frozen=True)
class AppendixCriterion:
    id: str
    title: str
    pillar: str
    score: str
    questions: tuple[AppendixQuestion, ...]


@dataclass(frozen=True)
class MethodSection:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ThresholdsTable:
    levels: tuple[str, ...]                               # the graded levels' labels
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]   # (scope id, title, minimum per level)


@dataclass(frozen=True)
class ChartData:
    """Raw numbers for the charts; tuples only, so a chart can be cached by exactly what it shows."""

    level_labels: tuple[str, ...]                    # all levels, best first
    level_colors: tuple[str, ...]
    # per pillar and per criterion: (id, label, score or None, level rank or None, minimum per graded
    # level); the rank is the level as reported, after knock-out capping
    pillars: tuple[tuple[str, str, float | None, int | None, tuple[float, ...]], ...]
    criteria: tuple[tuple[str, str, float | None, int | None, tuple[float, ...]], ...]


@dataclass(frozen=True)
class ReportData:
    title: str
    organisation: str
    organisation_kind: str
    assessment_name: str
    period: str
    status: str
    status_label: str
    is_draft: bool
    generated_on: str        # "12 maart 2026"
    generated_on_iso: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_title: str
    questionnaire_fingerprint: str
    profile_name: str
    fingerprint: str         # sha256 over questionnaire fingerprint + canonical answers
    summary: Summary
    charts: ChartData
    pillars: tuple[PillarSection, ...]
    actions: tuple[ActionRow, ...]
    appendix: tuple[AppendixCriterion, ...]
    method: tuple[MethodSection, ...]
    thresholds: ThresholdsTable
    review_trail: str = ""   # who submitted and who signed off, and when; "" when not known
