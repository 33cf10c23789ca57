"""Changing a plan van aanpak: making it from a signed-off assessment, adopting suggested actions, own
actions, editing an action, progress notes, what an action brings about, closing actions whose
criterion reached its threshold.

Every change is a write service (`write`): checked by the domain's rules (every problem at once, in
Dutch), audited and committed; a refused change keeps nothing. Who may change a plan is decided in
access.py. Suggestions come from the result with the questionnaire's own thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..domain.plan import (
    CANCELLED,
    DONE,
    OWN,
    PARTICIPANT,
    PERSON,
    PlanAction,
    PlanError,
    Problem,
    ProgressNote,
    action_problems,
    improvement_problems,
    note_problems,
    plan_problems,
)
from ..domain.plan_tracking import adopt, closable_actions, next_action_id
from ..domain.wording import SIGNED_OFF, day_text, plan_status_label
from ..extensions import db
from ..models import Assessment, PlanActionRecord, PlanNoteRecord, PlanRecord, User, utcnow
from .audit import audit
from .errors import ActionInvalid, Conflict, ServiceError
from .plans import OwnerDirectory, load_actions, plan_of, plan_questionnaire, result_of, to_action, to_plan
from .questionnaires import questionnaire_for
from .transaction import write


@dataclass(frozen=True)
class ActionInput:
    """An action as typed in the form; `owner` is the form's owner choice (see plans.OwnerDirectory)."""

    text: str
    criterion: str | None
    owner: str
    start: date | None
    due: date | None
    status: str
    reason: str
    evidence: str


def _refused(problems: list[Problem] | list[str]) -> ServiceError:
    return ServiceError("\n".join(str(problem) for problem in problems))


def invalid(problems: list[Problem]) -> ActionInvalid:
    """The domain's problems per form field, as sentences: 'De einddatum ... ligt vóór ...'."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        field = "note" if problem.where.startswith("notes") else problem.where
        first_word = problem.message.split(" ", 1)[0]
        # a sentence starts with a capital, unless it starts with an e-mail address (as typed)
        message = problem.message if "@" in first_word else problem.message[:1].upper() + problem.message[1:]
        errors.setdefault(field, []).append(message if message.endswith(".") else message + ".")
    return ActionInvalid(errors)


def store_action(record: PlanActionRecord, action: PlanAction, directory: OwnerDirectory) -> None:
    """Copy a checked domain action (not its notes) onto its row; the owner's reference becomes a user or
    an organisation of the directory."""
    owner = action.owner
    record.number, record.text, record.criterion = action.id, action.text, action.criterion
    record.origin, record.suggestion = action.origin, action.suggestion
    record.owner_kind = owner.kind if owner else None
    record.owner_user = directory.people_by_email.get(owner.ref) if owner and owner.kind == PERSON else None
    record.owner_organisation = (directory.participants_by_name.get(owner.ref)
                                 if owner and owner.kind == PARTICIPANT else None)
    record.start, record.due, record.status = action.start, action.due, action.status
    record.reason, record.evidence, record.improves = action.reason, action.evidence, dict(action.improves)
    record.updated_at = utcnow()


def describe(action: PlanAction | None) -> str:
    """An action in words, for the audit log."""
    if action is None:
        return ""
    parts = [f"tekst: {action.text}", f"criterium: {action.criterion or 'algemeen'}",
             f"eigenaar: {action.owner.kind + (' ' + action.owner.ref if action.owner.ref else '') if action.owner else '-'}",
             f"start: {day_text(action.start) if action.start else '-'}",
             f"einde: {day_text(action.due) if action.due else '-'}", f"status: {plan_status_label(action.status)}"]
    if action.reason:
        parts.append(f"reden: {action.reason}")
    if action.evidence:
        parts.append(f"bewijs: {action.evidence}")
    return "; ".join(parts)


def _subject(plan: PlanRecord, number: str | None = None) -> str:
    return f"plan {plan.id}" + (f" actie {number}" if number else "")


def add_actions(plan: PlanRecord, actions, directory: OwnerDirectory) -> None:
    for action in actions:
        record = PlanActionRecord(plan=plan, version=1)
        store_action(record, action, directory)
        db.session.add(record)


def _signed_off_of(plan_or_org_id: int, assessment: Assessment) -> None:
    if assessment.status != SIGNED_OFF:
        raise ServiceError("Een plan van aanpak neemt alleen acties over uit een vastgestelde beoordeling.")
    if assessment.organisation_id != plan_or_org_id:
        raise ServiceError("Deze beoordeling is van een andere organisatie.")


# --- making a plan and adopting suggestions ------------------------------------------------------------------

@write
def create_plan(user: User, assessment: Assessment, keys: list[str]) -> PlanRecord:
    """The organisation's plan, made from its signed-off `assessment` with the suggested actions `keys`."""
    _signed_off_of(assessment.organisation_id, assessment)
    if plan_of(assessment.organisation, assessment.questionnaire_id) is not None:
        raise Conflict(f"{assessment.organisation.name} heeft al een plan van aanpak voor deze vragenlijst. "
                       "Neem de voorgestelde acties daarin over.")
    plan = PlanRecord(organisation=assessment.organisation, questionnaire_id=assessment.questionnaire_id,
                      definition=assessment.definition, assessment=assessment)
    db.session.add(plan)
    db.session.flush()
    added = _adopt(user, plan, assessment, keys)
    audit(user, "plan_created", assessment, subject=_subject(plan),
          new=f"gemaakt uit {assessment.name} ({assessment.period}); {added} acties overgenomen")
    return plan


@write
def adopt_suggestions(user: User, plan: PlanRecord, assessment: Assessment, keys: list[str]) -> int:
    """Adopt suggested actions of another signed-off assessment of the organisation (a later period);
    returns how many were added. The plan moves to that assessment's questionnaire version when its
    actions fit it."""
    _signed_off_of(plan.organisation_id, assessment)
    if assessment.questionnaire_id != plan.questionnaire_id:
        raise ServiceError("Deze beoordeling hoort bij een andere vragenlijst dan het plan.")
    if assessment.definition_id != plan.definition_id:
        problems = plan_problems(to_plan(plan), questionnaire_for(assessment), OwnerDirectory(plan.organisation).choices)
        if problems:
            raise _refused([f"Het plan past niet bij versie {assessment.questionnaire_version} van de vragenlijst:",
                            *map(str, problems)])
        plan.definition = assessment.definition
    added = _adopt(user, plan, assessment, keys)
    audit(user, "plan_adopted", assessment, subject=_subject(plan), new=f"{added} acties overgenomen")
    return added


def _adopt(user: User, plan: PlanRecord, assessment: Assessment, keys: list[str]) -> int:
    before = to_plan(plan)
    try:
        after = adopt(before, result_of(assessment), keys)
    except PlanError as error:
        raise _refused(error.problems) from None
    added = after.actions[len(before.actions):]
    add_actions(plan, added, OwnerDirectory(plan.organisation))
    plan.updated_at = utcnow()
    return len(added)


# --- one action ------------------------------------------------------------------------------------------------

@write
def save_action(user: User, plan: PlanRecord, record: PlanActionRecord | None, loaded_version: int | None,
                typed: ActionInput) -> PlanActionRecord:
    """Add an own action (`record` None) or change one; ActionInvalid with every problem per field, Conflict
    when someone else changed the action after `loaded_version`."""
    directory = OwnerDirectory(plan.organisation)
    if record is None:
        old = None
        base = PlanAction(id=next_action_id(to_plan(plan)), text="", criterion=None, origin=OWN)
    else:
        if record.version != loaded_version:
            raise Conflict("Iemand anders heeft deze actie gewijzigd nadat u de pagina opende. Bekijk de nieuwe "
                           "stand en probeer het opnieuw.")
        old = base = to_action(record)
    reopened = _taken_away(old, typed)
    action = replace(base, text=typed.text.strip(), criterion=typed.criterion,
                     owner=directory.owner_from_choice(typed.owner, record), start=typed.start, due=typed.due,
                     status=typed.status, reason=typed.reason.strip() if typed.status == CANCELLED else
                     _kept(typed.reason, old.reason if old else ""),
                     evidence=typed.evidence.strip() if typed.status == DONE else
                     _kept(typed.evidence, old.evidence if old else ""))
    problems = action_problems(action, plan_questionnaire(plan), directory.choices)
    if problems:
        raise invalid(problems)
    if record is None:
        record = PlanActionRecord(plan=plan, version=1)
        db.session.add(record)
    else:
        record.version += 1
    store_action(record, action, directory)
    if reopened:
        record.notes.append(PlanNoteRecord(author_id=user.id, author=user.email, written_at=utcnow(),
                                           text=f"Status {plan_status_label(old.status)} -> "
                                                f"{plan_status_label(action.status)}; {reopened}"))
    plan.updated_at = utcnow()
    db.session.flush()
    audit(user, "plan_action_added" if old is None else "plan_action_changed", subject=_subject(plan, action.id),
          old=describe(old), new=describe(action), organisation=plan.organisation)
    return record


def _kept(typed: str, old: str) -> str:
    """A reason or evidence left in the form while the status no longer has one is taken away (the domain
    refuses only a newly typed one)."""
    return "" if typed.strip() == old else typed.strip()


def _taken_away(old: PlanAction | None, typed: ActionInput) -> str:
    """What reopening takes away ("de reden was: ..."), kept in a progress note; '' when nothing."""
    if old is None:
        return ""
    if old.status == CANCELLED and typed.status != CANCELLED and old.reason:
        return f"de reden was: {old.reason}"[:4000]
    if old.status == DONE and typed.status != DONE and old.evidence:
        return f"het bewijs was: {old.evidence}"[:4000]
    return ""


@write
def add_progress_note(user: User, plan: PlanRecord, record: PlanActionRecord, text: str) -> PlanNoteRecord:
    """One more progress note (who, when, what); ActionInvalid({'note': ...}) for an empty or too long text."""
    written = ProgressNote(author=user.email, written_at=utcnow(), text=text.strip())
    problems = note_problems(written)
    if problems:
        raise invalid([Problem("note", problem.message) for problem in problems])
    note = PlanNoteRecord(author_id=user.id, author=written.author, written_at=written.written_at, text=written.text)
    record.notes.append(note)
    record.version += 1
    plan.updated_at = record.updated_at = utcnow()
    audit(user, "plan_note", subject=_subject(plan, record.number), new=written.text, organisation=plan.organisation)
    return note


@write
def set_improvements(user: User, plan: PlanRecord, record: PlanActionRecord, improves: dict) -> None:
    """What the action brings about once done (question id -> answer), for the what-if projection;
    ActionInvalid({'improves.<question>': ...}) for answers that do not fit."""
    problems = improvement_problems(improves, plan_questionnaire(plan))
    if problems:
        raise invalid(problems)
    old = dict(record.improves or {})
    record.improves = dict(improves)
    record.version += 1
    plan.updated_at = record.updated_at = utcnow()
    audit(user, "plan_action_changed", subject=_subject(plan, record.number),
          old=f"levert op: {old}", new=f"levert op: {improves}", organisation=plan.organisation)


@write
def close_reached(user: User, plan: PlanRecord, assessment: Assessment, action_ids: list[int]) -> int:
    """Close (gereed) the chosen open actions whose criterion reaches its threshold in `assessment`; the
    evidence names the assessment. Refused when any chosen action is not one of those."""
    if assessment.organisation_id != plan.organisation_id:
        raise ServiceError("Deze beoordeling is van een andere organisatie.")
    records = load_actions(plan)
    closable = {action.id for action in closable_actions(to_plan(plan, records), result_of(assessment))}
    chosen = [record for record in records if record.id in action_ids]
    if not chosen or len(chosen) != len(set(action_ids)) or any(r.number not in closable for r in chosen):
        raise ServiceError("Kies acties die nog open staan en waarvan het criterium de drempel haalt.")
    for record in chosen:
        old = to_action(record)
        record.status, record.reason = DONE, ""
        record.evidence = (f"{assessment.name} ({assessment.period}): criterium {record.criterion} haalt "
                           f"de drempel")[:1000]
        record.version += 1
        record.updated_at = utcnow()
        audit(user, "plan_action_changed", assessment, subject=_subject(plan, record.number),
              old=describe(old), new=describe(to_action(record)))
    plan.updated_at = utcnow()
    return len(chosen)

