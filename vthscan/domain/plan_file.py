"""The plan file `vthscan.plan/1`: a plan van aanpak as JSON, to export and to bring in a plan kept elsewhere.

References are as the file's reader knows them: the organisation and participating organisations by
name, people by e-mail address. Reading checks the JSON and the shape (`parse_plan_file`); importing
also checks the plan against the organisation and questionnaire it is brought into (`import_plan`).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pydantic import ValidationError

from .file_checks import (
    FileModel,
    IsoMoment,
    OptionalIsoDate,
    QuestionnaireBlock,
    QuestionnaireRef,
    Reference,
    dutch_problems,
    moment_text,
)
from .plan import OPEN, OWN, Owner, OwnerChoices, Plan, PlanAction, PlanError, ProgressNote, plan_problems
from .questionnaire import Questionnaire
from .strict_json import JSONRefused, read_json

PLAN_FORMAT = "vthscan.plan/1"

class _Owner(FileModel):
    kind: str
    ref: Reference | None = None


class _Note(FileModel):
    author: str
    at: IsoMoment
    text: str


# The shape only: the plan's own checks (plan.py) decide statuses, owners, texts and dates.
class _Action(FileModel):
    id: str
    text: str
    criterion: QuestionnaireRef | None = None
    origin: str = OWN
    suggestion: Reference | None = None
    owner: _Owner | None = None
    start: OptionalIsoDate = None
    due: OptionalIsoDate = None
    status: str = OPEN
    reason: str = ""
    evidence: str = ""
    notes: list[_Note] = []
    improves: dict[QuestionnaireRef, Any] = {}


class _PlanFile(FileModel):
    format: str
    organisation: Reference
    questionnaire: QuestionnaireBlock
    assessment: Reference | None = None
    actions: list[_Action] = []


def plan_to_data(plan: Plan) -> dict:
    return {
        "format": PLAN_FORMAT,
        "organisation": plan.organisation,
        "questionnaire": {"id": plan.questionnaire_id, "version": plan.questionnaire_version},
        "assessment": plan.assessment,
        "actions": [_action_to_data(action) for action in plan.actions],
    }


def _action_to_data(action: PlanAction) -> dict:
    return {
        "id": action.id,
        "text": action.text,
        "criterion": action.criterion,
        "origin": action.origin,
        "suggestion": action.suggestion,
        "owner": {"kind": action.owner.kind, "ref": action.owner.ref} if action.owner else None,
        "start": _day(action.start),
        "due": _day(action.due),
        "status": action.status,
        "reason": action.reason,
        "evidence": action.evidence,
        "notes": [{"author": note.author, "at": moment_text(note.written_at), "text": note.text}
                  for note in action.notes],
        "improves": dict(action.improves),
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_data(plan), ensure_ascii=False, indent=2) + "\n"


def parse_plan_file(text: str, source: str = "<plan>") -> Plan:
    """Read a plan file's JSON and shape; raises PlanError with every problem, located, in Dutch."""
    try:
        data = read_json(text)
    except JSONRefused as error:
        raise PlanError([f"{source}: {error}"]) from None
    if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
        raise PlanError([f"{source}: dit is geen plan van aanpak; verwacht \"format\": \"{PLAN_FORMAT}\""])
    try:
        parsed = _PlanFile.model_validate(data)
    except ValidationError as error:
        raise PlanError(dutch_problems(error, source)) from None
    return Plan(
        organisation=parsed.organisation,
        questionnaire_id=parsed.questionnaire.id,
        questionnaire_version=parsed.questionnaire.version,
        assessment=parsed.assessment,
        actions=tuple(_action(record) for record in parsed.actions),
    )


def _action(record: _Action) -> PlanAction:
    return PlanAction(
        id=record.id, text=record.text, criterion=record.criterion, origin=record.origin,
        suggestion=record.suggestion,
        owner=Owner(record.owner.kind, record.owner.ref) if record.owner else None,
        start=record.start, due=record.due, status=record.status, reason=record.reason,
        evidence=record.evidence,
        notes=tuple(ProgressNote(note.author, note.at, note.text) for note in record.notes),
        improves=dict(record.improves),
    )


def import_plan(text: str, organisation: str, questionnaire: Questionnaire, choices: OwnerChoices,
                source: str = "<plan>") -> Plan:
    """The plan in `text`, brought into `organisation`'s plans for `questionnaire`.

    Refused (PlanError, every problem at once) when the file is another organisation's plan or for
    another questionnaire, names a criterion or question the questionnaire does not have, an owner
    outside the organisation and its participants, or breaks any rule for an action. The imported
    plan takes the given questionnaire's version: its criteria are what was checked.
    """
    plan = parse_plan_file(text, source)
    problems = []
    if plan.organisation != organisation:
        problems.append(f"{source}: organisation: dit is het plan van {plan.organisation}; "
                        f"het hoort niet bij {organisation}")
    problems += [f"{source}: {problem}" for problem in plan_problems(plan, questionnaire, choices)]
    if problems:
        raise PlanError(problems)
    return Plan(organisation=organisation, questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version, assessment=plan.assessment, actions=plan.actions)
