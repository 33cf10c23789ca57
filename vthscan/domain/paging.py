"""A long pillar on pages of whole criteria, and the way to the next open question.

A page holds whole criteria, as many as fit in QUESTIONS_PER_PAGE questions; a criterion with more
questions than that has a page of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answer
from .questionnaire import Criterion, Pillar

QUESTIONS_PER_PAGE = 15


def pillar_pages(pillar: Pillar, limit: int = QUESTIONS_PER_PAGE) -> list[tuple[Criterion, ...]]:
    """The criteria of each page of the pillar, in order."""
    pages: list[list[Criterion]] = []
    count = 0
    for criterion in pillar.criteria:
        size = len(criterion.questions)
        if not pages or count + size > limit:
            pages.append([])
            count = 0
        pages[-1].append(criterion)
        count += size
    return [tuple(page) for page in pages]


@dataclass(frozen=True)
class Place:
    """Where a question is asked: its pillar, the number of its page (from 1) and its id."""

    pillar_id: str
    page: int
    question_id: str


def question_places(pillars: list[Pillar]) -> list[Place]:
    """Every question of these pillars, in the order they are asked."""
    return [Place(pillar.id, number, question.id)
            for pillar in pillars
            for number, criteria in enumerate(pillar_pages(pillar), start=1)
            for criterion in criteria for question in criterion.questions]


def next_open_question(pillars: list[Pillar], answers: dict[str, Answer], pillar_id: str,
                       page: int) -> Place | None:
    """The first open question from this page on (this page's own first), going round to the first
    pillar after the last; None when every question is answered."""
    places = question_places(pillars)
    start = next((i for i, place in enumerate(places) if (place.pillar_id, place.page) == (pillar_id, page)), 0)
    for place in places[start:] + places[:start]:
        if answers.get(place.question_id, Answer()).is_open:
            return place
    return None
