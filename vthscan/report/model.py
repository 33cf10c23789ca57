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
    note: str                # e.g. "begrensd op Tekort door knock-out A1"
    reliance: str = ""       # "rust op reconstructie R2 en R6" when it rests on unverified criteria


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
    # what the pillar's and the total's level would be if the criterion reached the best level's
    # threshold, all else equal; the same for every action of one criterion
    effect: str
    owner: str               # "omgevingsdienst", "bestuur" or "gemeenten en provincie"
    period: str              # the term as dates from the report date ("12-06-2026 – 12-09-2026"); "" if none
    first_of_criterion: bool   # the first action of its criterion (the plan prints the effect there)


@dataclass(frozen=True)
class Summary:
    verdict: str             # the overall verdict as one or two sentences
    reliance: str            # "Let op: dit oordeel rust op ..." when it rests on unverified criteria; "" if not
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
    basis: str = ""          # geverifieerd, reconstructie, ontwerpkeuze; "" when the questionnaire does not say
    placeholder_norm: str = ""   # which norm is a placeholder, as the questionnaire says it
    sources: tuple[str, ...] = ()   # the keys of the sources it cites


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
    reliance: str = ""       # "Let op: dit oordeel rust op ..." when it rests on unverified criteria


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
    # level, pillar id, knock-out); the rank is the level as reported, after knock-out capping
    pillars: tuple[tuple[str, str, float | None, int | None, tuple[float, ...], str, bool], ...]
    criteria: tuple[tuple[str, str, float | None, int | None, tuple[float, ...], str, bool], ...]


@dataclass(frozen=True)
class SourceRow:
    """A source the report's criteria cite."""

    key: str
    title: str
    url: str                 # http(s) address; "" when the questionnaire gives none
    cited_by: tuple[str, ...]   # criterion ids


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
    sources: tuple[SourceRow, ...] = ()
    submitted: str = ""      # who offered it for review and when ("Naam (e-mail) op 12-03-2026 14:05 UTC")
    signed_off: str = ""     # who signed it off and when; "" when not (or not known)
