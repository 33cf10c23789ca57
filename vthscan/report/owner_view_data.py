"""The owners' own view as report data: ready-to-print Dutch text per criterion, and the section's
own words, for the results page and the report's chapter "Oordeel van de eigenaren" (the PDF's
owner_view_section.py, the Word version's docx_sections.py; its place among the chapters is gap_texts').

Built from the domain's summary as the caller hands it over: with names when the reader may know which
owner gave which view, else without (`domain.owner_view.without_names`). Nothing here decides that.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.owner_view import CriterionSummary, OwnerViewSummary
from ..domain.questionnaire import Questionnaire
from ..domain.wording import NO_OD_LEVEL_LABEL, NO_OWNER_VIEW_LABEL, TALKING_POINT_LABEL, TALKING_POINT_SYMBOL

NOT_A_SCORE = ("Het oordeel van de eigenaren verandert de score en de niveaus van de omgevingsdienst niet. "
               "Het staat naast de eigen beoordeling, als voorbereiding op het gesprek.")
TALKING_POINT_RULE = (f"{TALKING_POINT_SYMBOL} {TALKING_POINT_LABEL.capitalize()}: minstens één eigenaar geeft "
                      "een ander niveau dan de omgevingsdienst zelf (één niveau verschil of meer).")
# The report's table and what follows it (the results page has its own headers, translated).
TABLE_HEAD = ("Criterium", "Oordeel OD", "Eigenaren", "Spreiding", "Wijkt het meest af", "Gesprekspunt")
PER_OWNER_HEADING = "De oordelen per eigenaar"
NAMES_HIDDEN = ("Welke eigenaar welk oordeel gaf, staat alleen in het rapport voor de coördinatoren van de "
                "omgevingsdienst en voor de eigenaren zelf.")
NO_EXPLANATION = "geen toelichting"


@dataclass(frozen=True)
class OwnerViewLine:
    """One owner's view with its explanation (only in a section with names)."""

    owner: str
    level: str               # the level's label, or "Geen oordeel"
    explanation: str


@dataclass(frozen=True)
class OwnerViewRow:
    criterion: str           # "R2"
    title: str
    od_level: str            # "Voldoet", or "OD heeft geen oordeel"
    given: str               # "2 van 3 eigenaren"
    agree: str               # "1 van 2", "–" when the OD has no level or nobody gave one
    spread: str              # "Tekort tot Voldoet", "Voldoet", "–"
    differs_most: str        # "Provincie C (2 niveaus)", "1 eigenaar, 2 niveaus", "niemand", "–"
    talking_point: str       # "◆ gesprekspunt", "OD heeft geen oordeel", ""
    is_talking_point: bool
    views: tuple[OwnerViewLine, ...]


@dataclass(frozen=True)
class OwnerViewSection:
    status: str              # "De ronde is open sinds 12-03-2026."
    answered: str            # "2 van 3 eigenaren gaven een oordeel."
    talking_points: str      # "2 gesprekspunten: R2 en R5." or "Geen gesprekspunten."
    names_shown: bool
    rows: tuple[OwnerViewRow, ...]
    note: str = NOT_A_SCORE
    rule: str = TALKING_POINT_RULE


def build_owner_view_section(questionnaire: Questionnaire, summary: OwnerViewSummary, status: str) -> OwnerViewSection:
    """The section for `summary`; `status` says whether the round is open or closed, and since when."""
    points = [c.criterion for c in summary.talking_points]
    return OwnerViewSection(
        status=status,
        answered=f"{summary.answered} van {summary.asked} {_owners(summary.asked)} gaven een oordeel.",
        talking_points=(f"{len(points)} {'gesprekspunt' if len(points) == 1 else 'gesprekspunten'}: "
                        f"{_joined(points)}." if points else "Geen gesprekspunten."),
        names_shown=summary.names_shown,
        rows=tuple(_row(questionnaire, criterion, summary.asked) for criterion in summary.criteria))


def intro(section: OwnerViewSection) -> str:
    """The round's state, how many owners gave a view, and the talking points, in one paragraph."""
    return f"{section.status} {section.answered} {section.talking_points}"


def owners_cell(row: OwnerViewRow) -> tuple[str, str]:
    """The report's "Eigenaren" cell on two lines: how many gave a level, how many of them agree."""
    return f"{row.given} met een niveau", f"eens met de OD: {row.agree}"


def view_texts(row: OwnerViewRow) -> list[tuple[str, str]]:
    """(owner and level, explanation) per view of the criterion, for a section with names."""
    return [(f"{view.owner}: {view.level}", view.explanation or NO_EXPLANATION) for view in row.views]


def _row(questionnaire: Questionnaire, criterion: CriterionSummary, asked: int) -> OwnerViewRow:
    label = _labeller(questionnaire)
    has_od = criterion.od_level is not None
    if criterion.highest is None:
        spread = "–"
    elif criterion.highest == criterion.lowest:
        spread = label(criterion.highest)
    else:
        spread = f"{label(criterion.lowest)} tot {label(criterion.highest)}"
    return OwnerViewRow(
        criterion=criterion.criterion, title=criterion.title,
        od_level=label(criterion.od_level) if has_od else NO_OD_LEVEL_LABEL,
        given=f"{criterion.given} van {asked} {_owners(asked)}",
        agree=f"{criterion.agree} van {criterion.given}" if has_od and criterion.given else "–",
        spread=spread, differs_most=_differs_most(criterion),
        talking_point=(f"{TALKING_POINT_SYMBOL} {TALKING_POINT_LABEL}" if criterion.is_talking_point
                       else NO_OD_LEVEL_LABEL if not has_od and criterion.given else ""),
        is_talking_point=criterion.is_talking_point,
        views=tuple(OwnerViewLine(view.owner, label(view.level) if view.level else NO_OWNER_VIEW_LABEL,
                                  view.explanation) for view in criterion.views))


def _differs_most(criterion: CriterionSummary) -> str:
    if criterion.largest_distance is None:
        return "–"
    if not criterion.is_talking_point:
        return "niemand"
    distance = _levels(criterion.largest_distance)
    if criterion.differs_most:
        return f"{_joined(list(criterion.differs_most))} ({distance})"
    return f"{criterion.differs_most_count} {_owners(criterion.differs_most_count)}, {distance}"


def _labeller(questionnaire: Questionnaire):
    return lambda level_id: questionnaire.level_by_id[level_id].label


def _owners(count: int) -> str:
    return "eigenaar" if count == 1 else "eigenaren"


def _levels(count: int) -> str:
    return "1 niveau" if count == 1 else f"{count} niveaus"


def _joined(items: list[str]) -> str:
    """'R2', 'R2 en R5', 'R1, R2 en R5'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"
