"""The plan van aanpak: one organisation's improvement actions, tracked from finding to done.

Plain values only. The organisation, the assessment the plan was made from, people and participating
organisations are references (the app's ids, or e-mail addresses and names in a file); who may own
an action is given by the caller. The checks return every problem in Dutch and change nothing;
the changes return a new action and raise PlanError when they would break a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from .answers import Answer, answer_problem
from .limits import ACTION_TEXT, EVIDENCE, LONG_TEXT, REFERENCE, TextRule, text_problem
from .questionnaire import Questionnaire
from .scoring import NOT_SCORED, score_question
from .strict_json import shown_key

# The status of an action; open and bezig are unfinished.
OPEN, IN_PROGRESS, DONE, CANCELLED = "open", "bezig", "gereed", "vervallen"
STATUSES = (OPEN, IN_PROGRESS, DONE, CANCELLED)
UNFINISHED = (OPEN, IN_PROGRESS)

# Where an action comes from: suggested by the questionnaire (adopted from a result), or the
# organisation's own.
SUGGESTED, OWN = "vragenlijst", "eigen"
ORIGINS = (SUGGESTED, OWN)

# Who owns an action: a person of the organisation, one of two parties, or a participating
# organisation (a municipality or province that takes part in the omgevingsdienst).
PERSON, SERVICE, BOARD, PARTICIPANT = "persoon", "omgevingsdienst", "bestuur", "deelnemer"
OWNER_KINDS = (PERSON, SERVICE, BOARD, PARTICIPANT)
PARTIES = (SERVICE, BOARD)


@dataclass(frozen=True)
class Owner:
    kind: str
    ref: str | None = None  # the person or the participating organisation; None for a party


@dataclass(frozen=True)
class ProgressNote:
    author: str  # a person's reference
    written_at: datetime
    text: str


@dataclass(frozen=True)
class PlanAction:
    id: str
    text: str
    criterion: str | None                 # None: "algemeen", about no one criterion
    origin: str = OWN
    suggestion: str | None = None         # the key of the questionnaire's action it was adopted from
    owner: Owner | None = None
    start: date | None = None
    due: date | None = None
    status: str = OPEN
    reason: str = ""                      # why it was dropped (vervallen)
    evidence: str = ""                    # that it is done (gereed): a link or a reference
    notes: tuple[ProgressNote, ...] = ()
    # The answers the action brings about once done (question id -> value), for the what-if
    # projection. The questionnaire's actions name no questions, so this is set by hand.
    improves: dict[str, Any] = field(default_factory=dict)

    @property
    def is_unfinished(self) -> bool:
        return self.status in UNFINISHED

    def is_overdue(self, today: date) -> bool:
        """Unfinished while its due date has passed."""
        return self.is_unfinished and self.due is not None and self.due < today


@dataclass(frozen=True)
class Plan:
    organisation: str
    questionnaire_id: str
    questionnaire_version: str
    assessment: str | None  # the signed-off assessment it was made from; None for an imported plan
    actions: tuple[PlanAction, ...] = ()

    def action(self, action_id: str) -> PlanAction | None:
        return next((a for a in self.actions if a.id == action_id), None)


@dataclass(frozen=True)
class OwnerChoices:
    """Who may own an action of one organisation's plan: its people and its participants."""

    people: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Problem:
    """One reason a plan or action is refused: where (a field, such as `due` or `notes[0].text`) and
    what, in Dutch. A form shows the message at its field; a file names the place."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class PlanError(Exception):
    """A plan, an action or a change to it was refused; `problems` lists every reason (in Dutch)."""

    def __init__(self, problems: list[Problem] | list[str]):
        self.problems = [str(problem) for problem in problems]
        super().__init__("\n".join(self.problems))


def day_text(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def plan_problems(plan: Plan, questionnaire: Questionnaire, choices: OwnerChoices) -> list[Problem]:
    """Every reason why `plan` does not fit `questionnaire` and the allowed owners; empty when fine."""
    problems = []
    if plan.questionnaire_id != questionnaire.id:
        problems.append(Problem("questionnaire", f"het plan hoort bij vragenlijst {plan.questionnaire_id}, "
                                                 f"niet bij {questionnaire.id}"))
    seen = set()
    for index, action in enumerate(plan.actions):
        where = f"actions[{index}]"
        if action.id in seen:
            problems.append(Problem(f"{where}.id", f"nummer {action.id} staat al bij een andere actie"))
        seen.add(action.id)
        problems += [Problem(f"{where}.{p.where}", p.message)
                     for p in action_problems(action, questionnaire, choices)]
    return problems


def action_problems(action: PlanAction, questionnaire: Questionnaire, choices: OwnerChoices) -> list[Problem]:
    """Every reason why `action` is not acceptable in a plan of `questionnaire`; empty when fine."""
    problems = _required_text("id", "het nummer", action.id, REFERENCE)
    problems += _required_text("text", "de tekst", action.text, ACTION_TEXT)
    problems += _criterion_problems(action, questionnaire)
    if action.origin not in ORIGINS:
        problems.append(Problem("origin", f"onbekende herkomst {action.origin!r}; kies uit {', '.join(ORIGINS)}"))
    if action.owner is not None:
        problems += owner_problems(action.owner, choices)
    if action.start is not None and action.due is not None and action.due < action.start:
        problems.append(Problem("due", f"de einddatum ({day_text(action.due)}) ligt vóór de startdatum "
                                       f"({day_text(action.start)})"))
    problems += status_problems(action.status, action.reason, action.evidence)
    for index, note in enumerate(action.notes):
        problems += [Problem(f"notes[{index}].{p.where}", p.message) for p in note_problems(note)]
    problems += improvement_problems(action.improves, questionnaire)
    return problems


def _criterion_problems(action: PlanAction, questionnaire: Questionnaire) -> list[Problem]:
    known = {criterion.id for _, criterion in questionnaire.criteria}
    if action.criterion is not None and action.criterion not in known:
        return [Problem("criterion", f"criterium {action.criterion} bestaat niet in vragenlijst "
                                     f"{questionnaire.id} versie {questionnaire.version}")]
    if action.origin == SUGGESTED and action.criterion is None:
        return [Problem("criterion", "een actie uit de vragenlijst hoort bij een criterium")]
    return []


def owner_problems(owner: Owner, choices: OwnerChoices) -> list[Problem]:
    """Why `owner` may not own an action of this organisation's plan; empty when they may."""
    if owner.kind not in OWNER_KINDS:
        return [Problem("owner", f"onbekend soort eigenaar {owner.kind!r}; kies uit {', '.join(OWNER_KINDS)}")]
    if owner.kind in PARTIES:
        return [] if owner.ref is None else [Problem("owner", f"bij eigenaar '{owner.kind}' hoort geen naam")]
    if not owner.ref:
        return [Problem("owner", f"geef aan welke {owner.kind} de eigenaar is")]
    if owner.kind == PERSON and owner.ref not in choices.people:
        return [Problem("owner", f"{owner.ref} hoort niet bij deze organisatie en kan geen eigenaar zijn")]
    if owner.kind == PARTICIPANT and owner.ref not in choices.participants:
        return [Problem("owner", f"{owner.ref} neemt geen deel aan deze organisatie en kan geen eigenaar zijn")]
    return []


def status_problems(status: str, reason: str, evidence: str) -> list[Problem]:
    """Why an action cannot have this status with this reason and evidence; empty when it can.

    Dropping an action (vervallen) needs a reason; only a dropped action has one, and only a
    finished action (gereed) carries evidence that it is done.
    """
    if status not in STATUSES:
        return [Problem("status", f"onbekende status {status!r}; kies uit {', '.join(STATUSES)}")]
    problems = []
    if status == CANCELLED and not reason.strip():
        problems.append(Problem("reason", "geef een reden waarom de actie vervalt"))
    elif status != CANCELLED and reason.strip():
        problems.append(Problem("reason", "alleen een vervallen actie heeft een reden"))
    elif reason and (problem := text_problem(reason, LONG_TEXT)):
        problems.append(Problem("reason", f"de reden {problem}"))
    if evidence.strip() and status != DONE:
        problems.append(Problem("evidence", "bewijs hoort alleen bij een actie die gereed is"))
    elif evidence and (problem := text_problem(evidence, EVIDENCE)):
        problems.append(Problem("evidence", f"het bewijs {problem}"))
    return problems


def note_problems(note: ProgressNote) -> list[Problem]:
    return (_required_text("author", "de schrijver", note.author, REFERENCE)
            + _required_text("text", "de notitie", note.text, LONG_TEXT))


def improvement_problems(improves: dict[str, Any], questionnaire: Questionnaire) -> list[Problem]:
    """Why the answers an action would bring about do not fit the questionnaire; empty when they do."""
    problems = []
    for question_id, value in improves.items():
        where = f"improves.{shown_key(question_id)}"
        found = questionnaire.questions.get(question_id)
        if found is None:
            problems.append(Problem(where, f"deze vraag bestaat niet in vragenlijst {questionnaire.id} "
                                           f"versie {questionnaire.version}"))
        elif value is None:
            problems.append(Problem(where, "geef het antwoord dat de vraag krijgt als de actie gereed is"))
        elif problem := answer_problem(questionnaire, found[2], Answer(value=value)):
            problems.append(Problem(where, problem))
        elif score_question(found[2], Answer(value=value)).status == NOT_SCORED:
            problems.append(Problem(where, "deze vraag telt niet mee in de score"))
    return problems


def _required_text(where: str, name: str, text: str, rule: TextRule) -> list[Problem]:
    if not text.strip():
        return [Problem(where, f"{name} mag niet leeg zijn")]
    problem = text_problem(text, rule)
    return [Problem(where, f"{name} {problem}")] if problem else []


def change_status(action: PlanAction, status: str, reason: str = "", evidence: str = "") -> PlanAction:
    """The action with a new status, and the reason (vervallen) or evidence (gereed) that goes with it.

    Reopening a dropped or finished action takes its reason or evidence away: the caller keeps the
    history (a progress note, the audit log).
    """
    problems = status_problems(status, reason, evidence)
    if problems:
        raise PlanError(problems)
    return replace(action, status=status, reason=reason.strip(), evidence=evidence.strip())


def add_note(action: PlanAction, author: str, written_at: datetime, text: str) -> PlanAction:
    """The action with one more progress note at the end."""
    note = ProgressNote(author=author, written_at=written_at, text=text.strip())
    problems = note_problems(note)
    if problems:
        raise PlanError(problems)
    return replace(action, notes=(*action.notes, note))
