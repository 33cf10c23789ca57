"""Everything the gap report shows, computed and worded in Dutch (B1), without any layout.

`build_report_data` turns a questionnaire, the answers and a scoring `Result` into the frozen
dataclasses of `model.py`: ready-to-print text (plus the raw numbers the charts need). The PDF layout
in `gap_pdf.py` only places these texts; it computes nothing. No clock, no I/O: the report date is
passed in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date

from ..domain.answers import Answer, AnswerSet, answer_text
from ..domain.completeness import completeness_text
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import (
    ANSWERED,
    NOT_APPLICABLE,
    NOT_SCORED,
    OPEN,
    UNKNOWN,
    CriterionResult,
    Result,
)
from ..domain.wording import (
    BASIS_LABELS,
    CONCEPT,
    DEFAULT_PROFILE_LABEL,
    SIGNED_OFF,
    dutch_date,
    format_gap,
    format_number,
    format_score,
    status_label,
)
from .grounds import cap_clause, reliance, reliance_note, rests_on
from .method import method_sections
from .model import (
    ActionRow,
    AppendixCriterion,
    AppendixQuestion,
    ChartData,
    CriterionRow,
    KnockoutRow,
    Note,
    PillarRow,
    PillarSection,
    ReportData,
    SourceRow,
    Summary,
    ThresholdsTable,
)
from .plan_rows import action_rows, top_actions


def build_report_data(questionnaire: Questionnaire, answers: AnswerSet | Mapping[str, Answer],
                      result: Result, *, status: str = CONCEPT, organisation: str | None = None,
                      assessment_name: str | None = None, period: str | None = None,
                      generated_on: date, profile_name: str | None = None, submitted: str = "",
                      signed_off: str = "") -> ReportData:
    """Collect and word everything the report shows.

    `answers` is an AnswerSet (organisation and period default to its own) or a mapping of question
    id to Answer, as the web app holds them. `profile_name` defaults to the result's profile.
    `submitted` and `signed_off` say who took those steps and when, as far as known.
    """
    if isinstance(answers, AnswerSet):
        organisation = organisation or answers.organisation_name
        period = period or answers.period
        answer_map: Mapping[str, Answer] = answers.answers
    else:
        answer_map = answers
    organisation = organisation or "Onbekende organisatie"
    period = period or "onbekend"
    definition = questionnaire  # the whole definition, which the fingerprints trace
    questionnaire = questionnaire.for_kind(result.kind)  # only what was asked of this organisation
    assessment_name = assessment_name or f"Zelfevaluatie {period}"
    words = _Words(questionnaire)
    profile = profile_name or result.profile_name or DEFAULT_PROFILE_LABEL
    is_draft = status != SIGNED_OFF
    actions = tuple(action_rows(questionnaire, result, words.titles, words.level, generated_on))
    return ReportData(
        title=f"Rapport {questionnaire.title}",
        organisation=organisation,
        organisation_kind=result.kind or "",
        assessment_name=assessment_name,
        period=period,
        status=status,
        status_label=status_label(status).capitalize(),   # 'Ter review' on the cover
        is_draft=is_draft,
        generated_on=dutch_date(generated_on),
        generated_on_iso=generated_on.isoformat(),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_title=questionnaire.title,
        questionnaire_fingerprint=definition.fingerprint,
        profile_name=profile,
        fingerprint=report_fingerprint(definition, answer_map),
        summary=_summary(questionnaire, result, actions, words, organisation, is_draft),
        charts=_chart_data(questionnaire, result, words),
        pillars=tuple(_pillar_sections(questionnaire, result, answer_map, words)),
        actions=actions,
        appendix=tuple(_appendix(questionnaire, result, answer_map)),
        method=method_sections(questionnaire),
        thresholds=_thresholds_table(questionnaire, result, words),
        sources=_sources(questionnaire, result),
        submitted=submitted,
        signed_off=signed_off,
    )


def report_fingerprint(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> str:
    """sha256 of the questionnaire's fingerprint and the answers as canonical JSON.

    Recompute it from the stored data to prove which questionnaire and answers a printed report shows.
    """
    canonical = json.dumps(
        {question_id: {"value": a.value, "na": a.na, "na_reason": a.na_reason, "unknown": a.unknown,
                       "comment": a.comment, "evidence": a.evidence}
         for question_id, a in answers.items()},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(f"{questionnaire.fingerprint}\n{canonical}".encode()).hexdigest()


class _Words:
    """Level labels and recurring phrases for one questionnaire."""

    def __init__(self, questionnaire: Questionnaire):
        self.questionnaire = questionnaire
        self.best = questionnaire.levels[0].label
        self.titles = ({p.id: p.title for p in questionnaire.pillars}
                       | {c.id: c.title for _, c in questionnaire.criteria})

    def level(self, level_id: str | None) -> str:
        return self.questionnaire.level_by_id[level_id].label if level_id else "niet beoordeeld"

    def rank(self, level_id: str | None) -> int | None:
        return self.questionnaire.level_rank(level_id) if level_id else None

    def gap(self, score: float | None, thresholds: dict[str, float]) -> str:
        """The gap to the best level, derived from the score as shown (wording.format_gap)."""
        return format_gap(score, thresholds[self.questionnaire.best_level])

    def thresholds(self, thresholds: dict[str, float]) -> str:
        return "; ".join(f"{self.level(level)} vanaf {format_number(value)}"
                         for level, value in thresholds.items())


def _summary(questionnaire: Questionnaire, result: Result, actions: tuple[ActionRow, ...], words: _Words,
             organisation: str, is_draft: bool) -> Summary:
    failing = [c for c in result.criteria if c.fails_knockout]
    knockouts = tuple(
        KnockoutRow(criterion=c.id, title=words.titles[c.id], pillar=c.pillar, score=format_score(c.score),
                    level=words.level(c.level), needed=format_number(c.thresholds[questionnaire.best_level]))
        for c in failing
    )
    pillars = tuple(
        PillarRow(id=p.id, title=words.titles[p.id], weight=format_number(p.weight),
                  score=format_score(p.score), level=words.level(p.level), level_rank=words.rank(p.level),
                  gap=words.gap(p.score, p.thresholds),
                  note=f"begrensd op {words.level(p.level)} door knock-out {', '.join(p.capped_by)}"
                  if p.capped_by else "",
                  reliance=_pillar_reliance(questionnaire, p, short=True))
        for p in result.pillars
    )
    return Summary(
        verdict=_verdict(questionnaire, result, words, organisation),
        reliance=(reliance(questionnaire, rests_on(result.criteria, result.capped_by), bool(result.capped_by))
                  if result.score is not None else ""),
        level=words.level(result.level),
        level_rank=words.rank(result.level),
        score=format_score(result.score),
        completeness=completeness_text(result.completeness),
        provisional=("Dit is een concept. De uitkomsten zijn voorlopig: ze kunnen nog veranderen als "
                     "antwoorden worden aangevuld of gewijzigd.") if is_draft else "",
        pillars=pillars,
        knockouts=knockouts,
        top_actions=top_actions(list(actions)),
    )


def _pillar_reliance(questionnaire: Questionnaire, pillar, short: bool = False) -> str:
    if pillar.score is None:
        return ""
    wording = reliance_note if short else reliance
    return wording(questionnaire, rests_on(pillar.criteria, pillar.capped_by), bool(pillar.capped_by))


def _verdict(questionnaire: Questionnaire, result: Result, words: _Words, organisation: str) -> str:
    if result.score is None:
        return (f"Er is nog te weinig beantwoord om een oordeel over {organisation} te geven. "
                f"Beantwoord eerst de open vragen.")
    sentences = [f"Het totaaloordeel voor {organisation} is: {words.level(result.level)}.",
                 f"De totaalscore is {format_score(result.score)} van de 100 punten."]
    best_min = result.thresholds[questionnaire.best_level]
    if result.capped_by:
        caps = cap_clause(result.criteria, result.capped_by, words.level, words.titles)
        sentences.append(
            f"Op de score alleen zou het oordeel {words.level(result.score_level)} zijn. Maar {caps}; een "
            f"knock-out-criterium laat het oordeel niet hoger uitkomen dan zijn eigen niveau. Daarom is het "
            f"oordeel {words.level(result.level)}.")
    elif result.level == questionnaire.best_level:
        sentences.append(f"Voor {words.best} is minstens {format_number(best_min)} nodig; dat is gehaald.")
    else:
        sentences.append(f"Voor {words.best} is minstens {format_number(best_min)} nodig: er ontbreken nog "
                         f"{format_gap(result.score, best_min)} punten.")
    weak = [p for p in result.pillars if p.level is not None and p.level != questionnaire.best_level]
    if weak:
        verb = "haalt" if len(weak) == 1 else "halen"
        sentences.append(f"{len(weak)} van de {len(result.pillars)} pijlers {verb} {words.best} niet: " + ", ".join(
            f"{p.id} ({words.level(p.level)})" for p in weak) + ".")
    elif result.pillars:
        sentences.append(f"Alle pijlers halen {words.best}.")
    return " ".join(sentences)


def _chart_data(questionnaire: Questionnaire, result: Result, words: _Words) -> ChartData:
    graded = questionnaire.graded_levels
    return ChartData(
        level_labels=tuple(level.label for level in questionnaire.levels),
        level_colors=tuple(level.color for level in questionnaire.levels),
        pillars=tuple((p.id, words.titles[p.id], p.score, words.rank(p.level),
                       tuple(p.thresholds[g] for g in graded), p.id, False)
                      for p in result.pillars),
        criteria=tuple((c.id, words.titles[c.id], c.score, words.rank(c.level),
                        tuple(c.thresholds[g] for g in graded), c.pillar, c.knockout) for c in result.criteria),
    )


def _pillar_sections(questionnaire: Questionnaire, result: Result, answers: Mapping[str, Answer],
                     words: _Words):
    definitions = {p.id: p for p in questionnaire.pillars}
    for pillar in result.pillars:
        definition = definitions[pillar.id]
        criteria = tuple(_criterion_row(questionnaire, c, answers, words) for c in pillar.criteria)
        yield PillarSection(
            id=pillar.id, title=definition.title, description=definition.description,
            score=format_score(pillar.score), level=words.level(pillar.level),
            level_rank=words.rank(pillar.level), gap=words.gap(pillar.score, pillar.thresholds),
            explanation=_pillar_explanation(questionnaire, pillar, words), criteria=criteria,
            reliance=_pillar_reliance(questionnaire, pillar),
        )


def _pillar_explanation(questionnaire: Questionnaire, pillar, words: _Words) -> str:
    if pillar.score is None:
        return "Deze pijler is niet beoordeeld: geen van de vragen is beantwoord."
    scored = [c for c in pillar.criteria if c.score is not None]
    parts = [f"De score {format_score(pillar.score)} is het gewogen gemiddelde van de scores van "
             f"{len(scored)} {'criterium' if len(scored) == 1 else 'criteria'} (gewichten in de tabel). "
             f"Drempels van deze pijler: {words.thresholds(pillar.thresholds)}."]
    if pillar.capped_by:
        caps = cap_clause(pillar.criteria, pillar.capped_by, words.level)
        parts.append(f"Op de score alleen zou het niveau {words.level(pillar.score_level)} zijn; maar {caps}, "
                     f"dus het niveau is {words.level(pillar.level)}.")
    return " ".join(parts)


def _criterion_row(questionnaire: Questionnaire, result: CriterionResult, answers: Mapping[str, Answer],
                   words: _Words) -> CriterionRow:
    definition = questionnaire.questions[result.questions[0].id][1]
    questions = {q.id: q for q in definition.questions}
    counts = {}
    for q in result.questions:
        if q.status != NOT_SCORED:
            counts[q.status] = counts.get(q.status, 0) + 1
    count_text = ", ".join(f"{n} {status}" for status, n in
                           ((s, counts.get(s, 0)) for s in (ANSWERED, NOT_APPLICABLE, UNKNOWN, OPEN)) if n)
    notes = []
    for q in result.questions:
        answer = answers.get(q.id)
        if answer is None:
            continue
        text = questions[q.id].text
        if answer.na and answer.na_reason:
            notes.append(Note(q.id, text, "Niet van toepassing", answer.na_reason))
        if answer.comment:
            notes.append(Note(q.id, text, "Toelichting", answer.comment))
    return CriterionRow(
        id=result.id, title=words.titles[result.id], weight=format_number(result.weight),
        knockout=result.knockout, fails_knockout=result.fails_knockout, score=format_score(result.score),
        level=words.level(result.level), level_rank=words.rank(result.level),
        gap=words.gap(result.score, result.thresholds), thresholds=words.thresholds(result.thresholds),
        counts=f"Vragen: {count_text}." if count_text else "", notes=tuple(notes),
        basis=BASIS_LABELS.get(definition.basis or "", ""), placeholder_norm=definition.placeholder_norm or "",
        sources=tuple(definition.sources),
    )


def _appendix(questionnaire: Questionnaire, result: Result, answers: Mapping[str, Answer]):
    for criterion in result.criteria:
        definition = questionnaire.questions[criterion.questions[0].id][1]
        rows = []
        for question, scored in zip(definition.questions, criterion.questions, strict=True):
            answer = answers.get(question.id)
            rows.append(AppendixQuestion(
                id=question.id, text=question.text, type=question.label,
                answer=answer_text(questionnaire, question, answer), status=scored.status,
                score=format_score(scored.score) if scored.score is not None else "-",
                weight=format_number(scored.weight),
                rule=question.rule_text(),
                comment=answer.comment if answer else "", evidence=answer.evidence if answer else "",
                na_reason=(answer.na_reason or "") if answer and answer.na else "",
            ))
        yield AppendixCriterion(id=criterion.id, title=definition.title, pillar=criterion.pillar,
                                score=format_score(criterion.score), questions=tuple(rows))


def _thresholds_table(questionnaire: Questionnaire, result: Result, words: _Words) -> ThresholdsTable:
    graded = questionnaire.graded_levels
    rows = [("Totaal", "Totaaloordeel", tuple(format_number(result.thresholds[g]) for g in graded))]
    for pillar in result.pillars:
        rows.append((pillar.id, words.titles[pillar.id],
                     tuple(format_number(pillar.thresholds[g]) for g in graded)))
        for criterion in pillar.criteria:
            rows.append((criterion.id, words.titles[criterion.id],
                         tuple(format_number(criterion.thresholds[g]) for g in graded)))
    return ThresholdsTable(levels=tuple(words.level(g) for g in graded), rows=tuple(rows))


def _sources(questionnaire: Questionnaire, result: Result) -> tuple[SourceRow, ...]:
    """Every source the report's criteria cite, in the order of the questionnaire's list."""
    cited: dict[str, list[str]] = {}
    for criterion in result.criteria:
        for key in questionnaire.questions[criterion.questions[0].id][1].sources:
            cited.setdefault(key, []).append(criterion.id)
    rows = []
    for key in questionnaire.sources:
        if key in cited:
            source = questionnaire.source(key)
            rows.append(SourceRow(key, source.title, source.url or "", tuple(cited[key])))
    return tuple(rows)
