"""Plans van aanpak: reading them, mapping the database's rows to the domain's plan, and the plan page.

The rules (statuses, owners, dates, texts) are the domain's (domain/plan.py). The database keeps an
owner as a user, a participating organisation or a party; the domain names people by e-mail address
and organisations by name (`OwnerDirectory` maps between the two). Everything here only reads; the
changes are in plan_edits.py, the files in plan_files.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.answers import Answer, AnswersError, answer_text
from ..domain.plan import PARTICIPANT, PARTIES, PERSON, Owner, OwnerChoices, Plan, PlanAction, ProgressNote
from ..domain.plan_tracking import PlanCounts, Suggestion, count_actions, suggestions
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import Result, score
from ..domain.wording import GENERAL_CRITERION_LABEL, SIGNED_OFF, owner_kind_label
from ..extensions import db
from ..models import (
    Assessment,
    Membership,
    Organisation,
    Participation,
    PlanActionRecord,
    PlanRecord,
    QuestionnaireDefinition,
    User,
)
from .access import visible_plans_clause
from .answers import answers_of
from .errors import ServiceError
from .questionnaires import questionnaire_for, questionnaire_of

# The value of the owner choice in a form: "" (nobody yet), a party, or one of these with an id.
PERSON_CHOICE, PARTICIPANT_CHOICE = f"{PERSON}:", f"{PARTICIPANT}:"


def plan_questionnaire(plan: PlanRecord) -> Questionnaire:
    return questionnaire_of(plan.definition)


def plan_of(organisation: Organisation, questionnaire_id: str) -> PlanRecord | None:
    """The organisation's plan for this questionnaire (an organisation has at most one per questionnaire)."""
    return db.session.scalar(select(PlanRecord).where(PlanRecord.organisation_id == organisation.id,
                                                      PlanRecord.questionnaire_id == questionnaire_id))


def plan_named(organisation: Organisation, questionnaire_id: str | None = None) -> PlanRecord:
    """The organisation's plan (for the questionnaire, when it has more than one); ServiceError when
    there is none or the choice is unclear."""
    found = [plan for plan in db.session.scalars(select(PlanRecord).where(PlanRecord.organisation_id == organisation.id)
                                                 .order_by(PlanRecord.questionnaire_id))
             if questionnaire_id in (None, plan.questionnaire_id)]
    if not found:
        raise ServiceError(f"{organisation.name} heeft geen plan van aanpak"
                           + (f" voor vragenlijst {questionnaire_id}." if questionnaire_id else "."))
    if len(found) > 1:
        raise ServiceError(f"{organisation.name} heeft meer dan één plan van aanpak; kies de vragenlijst met "
                           f"--questionnaire ({', '.join(plan.questionnaire_id for plan in found)}).")
    return found[0]


def visible_plans(user) -> list[PlanRecord]:
    """Every plan the user may see, by organisation name."""
    return list(db.session.scalars(select(PlanRecord).join(Organisation, Organisation.id == PlanRecord.organisation_id)
                                   .where(visible_plans_clause(user))
                                   .order_by(Organisation.name, PlanRecord.questionnaire_id)))


def signed_off_assessments(organisation: Organisation, questionnaire_id: str) -> list[Assessment]:
    """The organisation's signed-off assessments of this questionnaire, newest period first."""
    return list(db.session.scalars(
        select(Assessment).join(QuestionnaireDefinition, QuestionnaireDefinition.id == Assessment.definition_id)
        .where(Assessment.organisation_id == organisation.id, Assessment.status == SIGNED_OFF,
               QuestionnaireDefinition.questionnaire_id == questionnaire_id)
        .order_by(Assessment.period.desc(), Assessment.signed_off_at.desc(), Assessment.id.desc())))


def result_of(assessment: Assessment) -> Result:
    """The assessment's result with the questionnaire's thresholds; ServiceError when it cannot be scored."""
    try:
        return score(questionnaire_for(assessment), answers_of(assessment), assessment.organisation.kind)
    except AnswersError as error:
        raise ServiceError("De antwoorden van deze beoordeling passen niet bij de vragenlijst: "
                           + "; ".join(error.problems)) from None


@dataclass(frozen=True)
class SuggestionChoice:
    """The suggested actions of a signed-off assessment, to adopt into a plan."""

    suggestions: list[Suggestion]
    titles: dict[str, str]          # criterion id -> title
    held: set[str]                  # the keys the plan already holds


def suggestion_choice(assessment: Assessment, plan: PlanRecord | None) -> SuggestionChoice:
    questionnaire = questionnaire_for(assessment)
    held = {action.suggestion for action in plan.actions if action.suggestion} if plan is not None else set()
    return SuggestionChoice(suggestions(result_of(assessment)),
                            {criterion.id: criterion.title for _p, criterion in questionnaire.criteria}, held)


def load_actions(plan: PlanRecord) -> list[PlanActionRecord]:
    """The plan's actions with their owners and notes, in a fixed number of queries (however many)."""
    return list(db.session.scalars(
        select(PlanActionRecord).where(PlanActionRecord.plan_id == plan.id)
        .options(selectinload(PlanActionRecord.notes), selectinload(PlanActionRecord.owner_user),
                 selectinload(PlanActionRecord.owner_organisation))
        .order_by(PlanActionRecord.id)))


def action_in(plan: PlanRecord, action_id: int) -> PlanActionRecord | None:
    """The action with this id if it belongs to `plan`."""
    action = db.session.get(PlanActionRecord, action_id)
    return action if action is not None and action.plan_id == plan.id else None


# --- owners --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OwnerOption:
    value: str   # what the form posts
    label: str


class OwnerDirectory:
    """Who may own an action of one organisation's plan: its people and its participants, both as
    the domain names them (e-mail addresses, organisation names) and as the database keeps them."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.people = list(db.session.scalars(
            select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == organisation.id).order_by(User.email)))
        self.participants = list(db.session.scalars(
            select(Organisation).join(Participation, Participation.participant_id == Organisation.id)
            .where(Participation.omgevingsdienst_id == organisation.id).order_by(Organisation.name)))
        self.people_by_email = {user.email: user for user in self.people}
        self.participants_by_name = {org.name: org for org in self.participants}

    @property
    def choices(self) -> OwnerChoices:
        return OwnerChoices(people=frozenset(self.people_by_email), participants=frozenset(self.participants_by_name))

    def options(self, current: PlanActionRecord | None = None) -> list[OwnerOption]:
        """The owner choices of a form: the people, the parties, the participants. An action's owner who
        no longer belongs there stays a choice, so that saving the action says so instead of silently
        leaving it without an owner."""
        options = [OwnerOption(f"{PERSON_CHOICE}{user.id}", f"{user.name} ({user.email})" if user.name else user.email)
                   for user in self.people]
        options += [OwnerOption(party, owner_kind_label(party)) for party in PARTIES]
        options += [OwnerOption(f"{PARTICIPANT_CHOICE}{org.id}", org.name) for org in self.participants]
        held = self.choice_for(current) if current is not None else ""
        if held and held not in {option.value for option in options}:
            options.append(OwnerOption(held, owner_text(current)))
        return options

    def owner_from_choice(self, value: str, current: PlanActionRecord | None = None) -> Owner | None:
        """The domain's owner for a posted choice; one that names nobody of this organisation becomes an
        owner the domain refuses, with its message (naming the action's `current` owner who left, and
        nobody else who is not of the organisation)."""
        if not value:
            return None
        kind, _sep, ref = value.partition(":")
        held = owner_of(current) if current is not None and value == self.choice_for(current) else None
        if kind == PERSON:
            user = next((u for u in self.people if str(u.id) == ref), None)
            return Owner(PERSON, user.email if user else held.ref if held else f"persoon {ref[:40]}")
        if kind == PARTICIPANT:
            org = next((o for o in self.participants if str(o.id) == ref), None)
            return Owner(PARTICIPANT, org.name if org else held.ref if held else f"organisatie {ref[:40]}")
        return Owner(value[:40])

    def choice_for(self, action: PlanActionRecord) -> str:
        """The form's value for an action's owner."""
        if action.owner_kind == PERSON and action.owner_user_id is not None:
            return f"{PERSON_CHOICE}{action.owner_user_id}"
        if action.owner_kind == PARTICIPANT and action.owner_organisation_id is not None:
            return f"{PARTICIPANT_CHOICE}{action.owner_organisation_id}"
        return action.owner_kind if action.owner_kind in PARTIES else ""


def owner_of(action: PlanActionRecord) -> Owner | None:
    """The action's owner as the domain names it; None when nobody is (or the person or organisation is gone)."""
    if action.owner_kind == PERSON:
        return Owner(PERSON, action.owner_user.email) if action.owner_user is not None else None
    if action.owner_kind == PARTICIPANT:
        return Owner(PARTICIPANT, action.owner_organisation.name) if action.owner_organisation is not None else None
    return Owner(action.owner_kind) if action.owner_kind else None


def owner_text(action: PlanActionRecord) -> str:
    """Who owns the action, as a reader sees it (Dutch): a name, 'het bestuur', or ''."""
    if action.owner_kind == PERSON:
        user = action.owner_user
        return (user.name or user.email) if user is not None else ""
    if action.owner_kind == PARTICIPANT:
        return action.owner_organisation.name if action.owner_organisation is not None else ""
    return owner_kind_label(action.owner_kind) if action.owner_kind else ""


# --- the database's rows as the domain's plan ------------------------------------------------------------

def to_action(record: PlanActionRecord) -> PlanAction:
    return PlanAction(
        id=record.number, text=record.text, criterion=record.criterion, origin=record.origin,
        suggestion=record.suggestion, owner=owner_of(record), start=record.start, due=record.due,
        status=record.status, reason=record.reason or "", evidence=record.evidence or "",
        notes=tuple(ProgressNote(note.author, note.written_at, note.text) for note in record.notes),
        improves=dict(record.improves or {}))


def to_plan(plan: PlanRecord, actions: list[PlanActionRecord] | None = None) -> Plan:
    """The plan as the domain's `Plan` (its `assessment` is the name of the assessment it was made from)."""
    records = load_actions(plan) if actions is None else actions
    source = plan.assessment.name if plan.assessment is not None else plan.source_label
    return Plan(organisation=plan.organisation.name, questionnaire_id=plan.questionnaire_id,
                questionnaire_version=plan.definition.version, assessment=source,
                actions=tuple(to_action(record) for record in records))


def criterion_label(questionnaire: Questionnaire, criterion_id: str | None) -> str:
    """'A1 Titel' for a criterion, 'algemeen' for none."""
    if criterion_id is None:
        return GENERAL_CRITERION_LABEL
    found = next((c for _p, c in questionnaire.criteria if c.id == criterion_id), None)
    return f"{criterion_id} {found.title}" if found else criterion_id


# --- the plan page -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionRow:
    record: PlanActionRecord
    action: PlanAction
    criterion: str           # "A1 Titel" or "algemeen"
    owner: str
    is_overdue: bool

    @property
    def last_note(self) -> ProgressNote | None:
        return self.action.notes[-1] if self.action.notes else None


@dataclass(frozen=True)
class PlanPage:
    plan: PlanRecord
    questionnaire: Questionnaire
    rows: list[ActionRow]
    counts: PlanCounts
    newest_assessment: Assessment | None  # the newest signed-off one, to adopt its suggestions from


def plan_page(plan: PlanRecord, today: date) -> PlanPage:
    questionnaire = plan_questionnaire(plan)
    records = load_actions(plan)
    domain = to_plan(plan, records)
    rows = [ActionRow(record, action, criterion_label(questionnaire, action.criterion), owner_text(record),
                      action.is_overdue(today)) for record, action in zip(records, domain.actions, strict=True)]
    newest = signed_off_assessments(plan.organisation, plan.questionnaire_id)
    return PlanPage(plan, questionnaire, rows, count_actions(domain, today), newest[0] if newest else None)


def improvement_lines(plan: PlanRecord, record: PlanActionRecord) -> list[tuple[str, str]]:
    """What the action brings about once done, as (question, answer) in words."""
    questionnaire = plan_questionnaire(plan)
    lines = []
    for question_id, value in (record.improves or {}).items():
        found = questionnaire.questions.get(question_id)
        if found is not None:
            lines.append((found[2].text, answer_text(questionnaire, found[2], Answer(value=value))))
    return lines


def improvement_groups(plan: PlanRecord, record: PlanActionRecord) -> list[tuple[object, list]]:
    """The questions an action can name as what it improves: its criterion's scored questions, or for
    an action about no one criterion those of every criterion of the organisation's pillars."""
    questionnaire = plan_questionnaire(plan)
    groups = []
    for pillar in questionnaire.pillars_for(plan.organisation.kind):
        for criterion in pillar.criteria:
            questions = [q for q in criterion.questions if q.is_scored]
            if questions and record.criterion in (None, criterion.id):
                groups.append((criterion, questions))
    return groups
