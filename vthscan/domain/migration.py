"""Carry answers from one questionnaire version to another: pure functions, no I/O.

"Start from last period" and `vthscan assessment migrate` both use `carry_answers`. Every answer given
in the old version ends up either carried (to be confirmed by the user) or listed with the reason it
could not be carried; none is lost without a word. Without a migration file only the questions with
the same id in both versions are carried.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .answers import Answer, answer_problem, answer_text_problems
from .migration_file import DropRule, MergeRule, Migration, targets_of
from .questionnaire import Questionnaire


@dataclass(frozen=True)
class NotCarried:
    """An answer of the old version that could not be carried, and why (in Dutch)."""

    question_id: str     # in the old version
    question_text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.question_id}: {self.reason}"


@dataclass(frozen=True)
class CarriedAnswers:
    answers: dict[str, Answer]              # by question id in the new version
    origins: dict[str, tuple[str, ...]]     # new question id -> the old question(s) its answer comes from
    not_carried: list[NotCarried]


def carry_answers(old: Questionnaire, new: Questionnaire, kind: str | None, answers: dict[str, Answer],
                  migration: Migration | None = None) -> CarriedAnswers:
    """The answers to `old` as answers to `new`, for an organisation of `kind`.

    An answer that no longer fits (a rule drops it, its new question is not for this kind, its value or
    its texts break the new question's rules) is listed with the reason instead.
    """
    carried: dict[str, Answer] = {}
    origins: dict[str, tuple[str, ...]] = {}
    refused: list[NotCarried] = []
    given = {qid: answer for qid, answer in answers.items() if answer != Answer()}

    def refuse(old_id: str, reason: str) -> None:
        found = old.questions.get(old_id)
        refused.append(NotCarried(old_id, found[2].text if found else "", reason))

    def place(old_ids: tuple[str, ...], new_id: str, answer: Answer) -> None:
        question = new.questions[new_id][2]
        if not new.is_for(new_id, kind):
            reason = f"vraag {new_id} is in versie {new.version} niet voor een {kind}"
        else:
            problems = [answer_problem(new, question, answer)] + answer_text_problems(question, answer)
            problem = next((p for p in problems if p), None)
            if problem is None:
                carried[new_id], origins[new_id] = answer, old_ids
                return
            reason = f"het antwoord past niet bij vraag {new_id} in versie {new.version}: {problem}"
        for old_id in old_ids:
            refuse(old_id, reason)

    merged: set[int] = set()
    in_order = [qid for qid in old.questions if qid in given] + [qid for qid in given if qid not in old.questions]
    for old_id in in_order:
        answer = given[old_id]
        rule = migration.rule_for(old_id) if migration is not None else None
        if old_id not in old.questions:
            refuse(old_id, f"deze vraag bestaat niet in versie {old.version}")
        elif rule is None:
            if old_id in new.questions:
                place((old_id,), old_id, answer)
            else:
                refuse(old_id, f"deze vraag staat niet meer in versie {new.version}")
        elif isinstance(rule, DropRule):
            refuse(old_id, rule.reason)
        elif isinstance(rule, MergeRule):
            if id(rule) not in merged:
                merged.add(id(rule))
                _merge(rule, given, place, refuse)
        else:  # keep, rename or split
            for new_id in targets_of(rule):
                place((old_id,), new_id, _mapped(answer, rule.options))
    return CarriedAnswers(carried, origins, refused)


def _mapped(answer: Answer, options: dict[str, str]) -> Answer:
    """The answer with its chosen option renamed as the rule says."""
    if isinstance(answer.value, str) and answer.value in options:
        return replace(answer, value=options[answer.value])
    return answer


COMBINE = {"lowest": min, "highest": max, "sum": sum}


def _merge(rule: MergeRule, given: dict[str, Answer], place, refuse) -> None:
    """One answer from several: their values combined, or all 'weet niet', or all not applicable."""
    answers = [given.get(old_id) for old_id in rule.from_]
    sources = tuple(rule.from_)
    if all(a is not None and not a.na and not a.unknown and a.value is not None for a in answers):
        value = COMBINE[rule.combine]([a.value for a in answers])
        place(sources, rule.to, Answer(value=value, comment=_joined(a.comment for a in answers),
                                       evidence=_joined(a.evidence for a in answers)))
    elif all(a is not None and a.unknown for a in answers):
        place(sources, rule.to, Answer(unknown=True, comment=_joined(a.comment for a in answers)))
    elif all(a is not None and a.na for a in answers):
        place(sources, rule.to, Answer(na=True, na_reason=_joined((a.na_reason for a in answers), "; "),
                                       comment=_joined(a.comment for a in answers)))
    else:
        for old_id, answer in zip(rule.from_, answers, strict=True):
            if answer is not None:
                refuse(old_id, f"deze vraag is samengevoegd met {', '.join(q for q in sources if q != old_id)} "
                               f"tot vraag {rule.to}, maar die vragen hebben niet allemaal een antwoord van "
                               f"dezelfde soort (een waarde, allemaal 'weet niet' of allemaal n.v.t.)")


def _joined(texts, separator: str = "\n") -> str:
    """The different non-empty texts, in order, each once."""
    return separator.join(dict.fromkeys(text for text in texts if text))
