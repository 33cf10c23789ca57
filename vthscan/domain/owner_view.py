"""The owners' own view of an omgevingsdienst (a two-sided assessment): per criterion of the pillars R
and G, the level each participating municipality or province gives the service it owns, on the
questionnaire's own scale, next to the level the omgevingsdienst's own answers reach.

Pure functions over plain data. The summary only reads the omgevingsdienst's levels: an owner's view
never changes a score, a level or a plan. Names are the owners' (organisations'); who may read them
is decided by the caller, which gives a reader without that right the summary from `without_names`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .limits import EXPLANATION, text_problem
from .questionnaire import Criterion, Questionnaire

# The pillars whose criteria the owners give their view of: robustness (R) and commissioning and
# ownership (G) are where the owners carry responsibility for their service. Ids of the standard
# questionnaire; a questionnaire without these pillars has no owners' view.
OWNER_VIEW_PILLARS = ("R", "G")


@dataclass(frozen=True)
class OwnerView:
    """One owner's view of one criterion."""

    owner: str                  # the participating organisation, by name
    criterion: str
    level: str | None           # a level id of the questionnaire; None: "geen oordeel"
    explanation: str = ""


@dataclass(frozen=True)
class OwnerLevel:
    """A level an owner gave, and how far it lies from the omgevingsdienst's own level."""

    owner: str                  # "" when names are not shown
    level: str
    distance: int | None        # levels between the two; None when the omgevingsdienst has no level


@dataclass(frozen=True)
class CriterionSummary:
    criterion: str
    title: str
    pillar: str
    od_level: str | None        # the omgevingsdienst's own level; None: it has none (not scored, not asked)
    owners: tuple[OwnerLevel, ...]   # every owner that gave a level, best level first, then by name
    agree: int                  # owners whose level is the omgevingsdienst's
    highest: str | None         # the best level an owner gave (the spread runs from lowest to highest)
    lowest: str | None
    largest_distance: int | None     # the largest number of levels between an owner's and the OD's
    differs_most: tuple[str, ...]    # the owners at that distance, when it is one level or more
    differs_most_count: int     # how many owners are at that distance (also when names are not shown)
    views: tuple[OwnerView, ...]     # every view with its explanation ("geen oordeel" too), by owner

    @property
    def given(self) -> int:
        return len(self.owners)

    @property
    def is_talking_point(self) -> bool:
        """A point for the review meeting: an owner's level differs from the OD's by a level or more."""
        return self.largest_distance is not None and self.largest_distance >= 1


@dataclass(frozen=True)
class OwnerViewSummary:
    criteria: tuple[CriterionSummary, ...]
    asked: int                  # the participating organisations asked for their view
    answered: int               # how many of them gave a level for at least one criterion
    names_shown: bool

    @property
    def talking_points(self) -> tuple[CriterionSummary, ...]:
        return tuple(c for c in self.criteria if c.is_talking_point)


def owner_view_criteria(questionnaire: Questionnaire) -> list[tuple[str, Criterion]]:
    """(pillar id, criterion) of every criterion owners give their view of, in questionnaire order.

    The whole questionnaire, not one kind's view of it: pillar G is for municipalities and provinces,
    so an omgevingsdienst has no level of its own there, and its owners still give theirs.
    """
    return [(pillar.id, criterion) for pillar in questionnaire.pillars if pillar.id in OWNER_VIEW_PILLARS
            for criterion in pillar.criteria]


def view_problems(questionnaire: Questionnaire, criterion_id: str, level: str | None,
                  explanation: str) -> dict[str, str]:
    """What is wrong with a view, per part ("criterion", "level", "explanation"), in Dutch; {} when fine.

    The explanation is optional, with or without a level.
    """
    problems = {}
    if criterion_id not in {criterion.id for _pillar, criterion in owner_view_criteria(questionnaire)}:
        problems["criterion"] = f"Criterium {criterion_id} hoort niet bij het oordeel van de eigenaren."
    if level is not None and level not in questionnaire.level_by_id:
        problems["level"] = "Kies een van de niveaus, of Geen oordeel."
    text = text_problem(explanation, EXPLANATION)
    if text:
        problems["explanation"] = f"De toelichting {text}."
    return problems


def summarize(questionnaire: Questionnaire, od_levels: Mapping[str, str | None], views: Iterable[OwnerView],
              asked: int) -> OwnerViewSummary:
    """Per owner-view criterion: the OD's level, the owners' levels, how many agree, the spread, who
    differs most and whether it is a talking point. `od_levels` maps criterion id to the OD's level
    (a criterion missing from it has none); views of other criteria or with an unknown level are left out."""
    by_criterion: dict[str, list[OwnerView]] = {}
    for view in views:
        if view.level is None or view.level in questionnaire.level_by_id:
            by_criterion.setdefault(view.criterion, []).append(view)
    criteria = tuple(_criterion_summary(questionnaire, pillar_id, criterion, od_levels.get(criterion.id),
                                        sorted(by_criterion.get(criterion.id, []), key=lambda v: v.owner))
                     for pillar_id, criterion in owner_view_criteria(questionnaire))
    answered = {level.owner for c in criteria for level in c.owners}
    return OwnerViewSummary(criteria, asked=max(asked, len(answered)), answered=len(answered), names_shown=True)


def _criterion_summary(questionnaire: Questionnaire, pillar_id: str, criterion: Criterion, od_level: str | None,
                       views: list[OwnerView]) -> CriterionSummary:
    rank = questionnaire.level_rank
    if od_level is not None and od_level not in questionnaire.level_by_id:
        od_level = None
    owners = sorted((OwnerLevel(view.owner, view.level, None if od_level is None
                                else abs(rank(view.level) - rank(od_level)))
                     for view in views if view.level is not None),
                    key=lambda owner: (rank(owner.level), owner.owner))
    distances = [owner.distance for owner in owners if owner.distance is not None]
    largest = max(distances) if distances else None
    at_largest = [owner.owner for owner in owners if owner.distance == largest] if largest is not None else []
    return CriterionSummary(
        criterion=criterion.id, title=criterion.title, pillar=pillar_id, od_level=od_level, owners=tuple(owners),
        agree=distances.count(0), highest=owners[0].level if owners else None,
        lowest=owners[-1].level if owners else None, largest_distance=largest,
        differs_most=tuple(at_largest) if largest else (), differs_most_count=len(at_largest) if largest else 0,
        views=tuple(views))


def without_names(summary: OwnerViewSummary) -> OwnerViewSummary:
    """The summary for a reader who may not know which owner gave which view: counts, spread and
    distances stay; names and explanations (which could tell who wrote them) go."""
    return replace(summary, names_shown=False, criteria=tuple(
        replace(criterion, owners=tuple(replace(owner, owner="") for owner in criterion.owners),
                differs_most=(), views=())
        for criterion in summary.criteria))
