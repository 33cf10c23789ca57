"""What a verdict rests on, in plain Dutch: the knock-out criteria that cap it (and at which level),
and the criteria that are not verified (a reconstruction or a design choice of vthscan) or use a
placeholder norm.

A verdict that a knock-out caps rests on the criteria that cap it: their level decides it. Otherwise
it rests on every criterion that counted in its score.
"""

from __future__ import annotations

from ..domain.questionnaire import Criterion, Questionnaire
from ..domain.scoring import CriterionResult

UNVERIFIED = {"reconstructie": "een reconstructie die nog niet is gecontroleerd tegen de officiële tekst",
              "ontwerp": "een ontwerpkeuze van vthscan, geen officiële norm"}


def join(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def cap_clause(criteria: list[CriterionResult], capped_by: list[str], level_label, titles: dict[str, str] | None = None) -> str:
    """The knock-out criteria that cap a verdict and the level each reaches: 'de knock-out-criteria R2
    en R6 halen alleen Tekort, R5 alleen Aandachtspunt'. `titles` adds each criterion's title."""
    by_id = {c.id: c for c in criteria}
    groups: dict[str, list[str]] = {}
    for criterion_id in capped_by:
        name = f"{criterion_id} ({titles[criterion_id]})" if titles else criterion_id
        groups.setdefault(by_id[criterion_id].level, []).append(name)
    parts = []
    for index, (level, names) in enumerate(groups.items()):
        verb = ("haalt" if len(names) == 1 else "halen") if index == 0 else ""
        parts.append(" ".join(filter(None, [join(names), verb, "alleen", level_label(level)])))
    noun = "het knock-out-criterium" if len(capped_by) == 1 else "de knock-out-criteria"
    return f"{noun} {', '.join(parts)}"


def rests_on(criteria: list[CriterionResult], capped_by: list[str]) -> list[str]:
    """The criteria a verdict rests on: those that cap it, or else all that counted in its score."""
    return list(capped_by) if capped_by else [c.id for c in criteria if c.score is not None]


SHORT = {"reconstructie": "reconstructie", "ontwerp": "ontwerpkeuze"}


def reliance_note(questionnaire: Questionnaire, criterion_ids: list[str], capped: bool) -> str:
    """`reliance` in a few words, for a table: 'rust mede op ontwerpkeuze P1.1 en P1.2'."""
    definitions: dict[str, Criterion] = {c.id: c for _, c in questionnaire.criteria}
    chosen = [definitions[i] for i in criterion_ids]
    parts = [f"{word} {join(ids)}" for basis, word in SHORT.items()
             if (ids := [c.id for c in chosen if c.basis == basis])]
    if placeholders := [c.id for c in chosen if c.placeholder_norm]:
        parts.append(f"voorlopige norm {join(placeholders)}")
    return f"rust {'op' if capped else 'mede op'} {'; '.join(parts)}" if parts else ""


def reliance(questionnaire: Questionnaire, criterion_ids: list[str], capped: bool) -> str:
    """One sentence naming the criteria of `criterion_ids` that are not verified or use a placeholder
    norm, and why; empty when every one is verified (or says nothing about its basis)."""
    definitions: dict[str, Criterion] = {c.id: c for _, c in questionnaire.criteria}
    chosen = [definitions[i] for i in criterion_ids]
    parts = []
    for basis, meaning in UNVERIFIED.items():
        ids = [c.id for c in chosen if c.basis == basis]
        if ids:
            parts.append(f"{join(ids)} {'is' if len(ids) == 1 else 'zijn'} {meaning}")
    placeholders = [c.id for c in chosen if c.placeholder_norm]
    if placeholders:
        verb = "meet" if len(placeholders) == 1 else "meten"
        parts.append(f"{join(placeholders)} {verb} met een voorlopige norm (een vuistregel, niet de officiële)")
    if not parts:
        return ""
    return f"Let op: dit oordeel rust {'op' if capped else 'mede op'} criteria die niet vaststaan: {join(parts)}."
