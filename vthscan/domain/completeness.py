"""How far an assessment is filled in: the one definition that the overview, the results page, the
report, the exports and the command line all use.

Every question that applies to the organisation counts, scored or not (a text question must be
answered before the assessment can be submitted, like any other). A question is
- answered: it has an answer, "weet niet" included (which scores 0);
- not applicable (N/A): ticked "niet van toepassing", with a reason;
- open: neither.
The percentage and the fraction are made from the same two numbers (answered + N/A, of all), and
the percentage is rounded down, so it never says 100 % while a question is still open.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .answers import Answer


@dataclass(frozen=True)
class Completeness:
    answered: int = 0          # an answer given, "weet niet" included
    unknown: int = 0           # of the answered: "weet niet" (counts as 0)
    not_applicable: int = 0
    open: int = 0

    @property
    def total(self) -> int:
        return self.answered + self.not_applicable + self.open

    @property
    def done(self) -> int:
        """Answered or not applicable: what needs nothing more."""
        return self.answered + self.not_applicable

    @property
    def is_complete(self) -> bool:
        return self.open == 0

    @property
    def fraction(self) -> float | None:
        """done / total; None when there are no questions."""
        return self.done / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded down: 199 of 200 is 99, never 100."""
        return None if not self.total else math.floor(self.done * 100 / self.total)

    def __add__(self, other: Completeness) -> Completeness:
        return Completeness(self.answered + other.answered, self.unknown + other.unknown,
                            self.not_applicable + other.not_applicable, self.open + other.open)


def count_answers(question_ids: Iterable[str], answers: Mapping[str, Answer]) -> Completeness:
    """The completeness of these questions (ids) given the answers."""
    answered = unknown = not_applicable = still_open = 0
    for question_id in question_ids:
        answer = answers.get(question_id)
        if answer is None or answer.is_open:
            still_open += 1
        elif answer.na:
            not_applicable += 1
        else:
            answered += 1
            unknown += answer.unknown
    return Completeness(answered, unknown, not_applicable, still_open)


def percentage_text(completeness: Completeness) -> str:
    """'45 %'; 'niet te bepalen' without questions."""
    percent = completeness.percent
    return "niet te bepalen" if percent is None else f"{percent} %"


def fraction_text(completeness: Completeness) -> str:
    """'5 van 12'."""
    return f"{completeness.done} van {completeness.total}"


def completeness_text(completeness: Completeness) -> str:
    """The completeness in one sentence, e.g. '100 % beantwoord (12 van 12 vragen), waarvan 7 weet niet
    (telt als 0)' or '90 % beantwoord of niet van toepassing (45 van 50 vragen): 40 beantwoord, 5 niet van
    toepassing; 5 nog open'."""
    c = completeness
    questions = "vraag" if c.total == 1 else "vragen"
    unknown = f", waarvan {c.unknown} weet niet (telt als 0)" if c.unknown else ""
    if c.not_applicable:
        text = (f"{percentage_text(c)} beantwoord of niet van toepassing ({fraction_text(c)} {questions}): "
                f"{c.answered} beantwoord{unknown}, {c.not_applicable} niet van toepassing")
    else:
        text = f"{percentage_text(c)} beantwoord ({fraction_text(c)} {questions}){unknown}"
    if c.open:
        text += f"; {c.open} nog open"
    return text
