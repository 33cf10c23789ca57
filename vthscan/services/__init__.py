"""The only glue between the database and the domain: every rule about who may see and do what, and
every write, lives here. Views and CLI commands call these functions; they never query models for
assessments themselves.

Messages in exceptions are Dutch (they are shown to users as they are).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from flask import current_app, has_request_context, request
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound
from werkzeug.security import check_password_hash, generate_password_hash

from ..domain.answers import Answer as DomainAnswer
from ..domain.answers import (
    AnswersError,
    AnswerSet,
    answer_problem,
    answer_text_problems,
    check_answer_texts,
    check_answers,
)
from ..domain.catalog import Catalog
from ..domain.comparison import Summary, summary_of
from ..domain.limits import EMAIL, LONG_TEXT, NAME, PERIOD, TextRule, text_problem
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import Result, score
from ..domain.wording import (
    ASSESSED_KINDS,
    CONCEPT,
    IN_REVIEW,
    ORGANISATION_KINDS,
    PARTICIPANT_KINDS,
    ROLES,
    SIGNED_OFF,
    STATUS_LABELS,
    timestamp,
)
from ..extensions import db
from ..models import (
    Answer,
    Assessment,
    AuditLog,
    ConsultantGrant,
    Membership,
    Organisation,
    Participation,
    QuestionnaireDefinition,
    User,
    utcnow,
)
from .security import LOGIN_FAILED, LOGIN_LOCKED, login_locked_until

MANAGING_ROLES = ("beheerder", "coordinator")
EDITING_ROLES = ("beheerder", "coordinator", "invuller")


class ServiceError(Exception):
    """A request that cannot be carried out; the message is Dutch and meant for the user."""


class Conflict(ServiceError):
    """The request collides with a change someone else made just before (HTTP 409)."""


class WrongPassword(ServiceError):
    """The current password given at a password change is wrong."""


class StaleSave(ServiceError):
    """The assessment changed after the form was loaded; `changes` lists the answer changes since then
    to the questions of the page that was saved (nothing else of the audit log)."""

    def __init__(self, assessment: Assessment, changes: list[AuditLog] | None = None):
        super().__init__("Iemand anders heeft deze beoordeling intussen gewijzigd.")
        self.assessment = assessment
        self.changes = changes or []


# --- questionnaires -------------------------------------------------------------------------------

def catalog() -> Catalog:
    return current_app.extensions["vthscan"]["catalog"]


def available_questionnaires() -> list[Questionnaire]:
    return [q for _, q in sorted(catalog().questionnaires.items())]


def pin_definition(questionnaire: Questionnaire) -> QuestionnaireDefinition:
    """The stored definition of this questionnaire version; store it the first time it is used.

    A file whose content changed while its version number did not is refused.
    """
    stored = db.session.scalar(select(QuestionnaireDefinition).where(
        QuestionnaireDefinition.questionnaire_id == questionnaire.id,
        QuestionnaireDefinition.version == questionnaire.version))
    if stored is not None:
        if stored.fingerprint != questionnaire.fingerprint:
            raise ServiceError(
                f"Het bestand van vragenlijst {questionnaire.id} versie {questionnaire.version} is "
                f"veranderd, maar het versienummer niet. Beoordelingen met deze versie gebruiken de "
                f"opgeslagen versie; geef het gewijzigde bestand een nieuw versienummer.")
        return stored
    stored = QuestionnaireDefinition(questionnaire_id=questionnaire.id, version=questionnaire.version,
                                     fingerprint=questionnaire.fingerprint, title=questionnaire.title,
                                     data=questionnaire.to_data())
    db.session.add(stored)
    db.session.flush()
    return stored


def changed_definitions() -> list[str]:
    """Questionnaire files whose content differs from the stored definition of the same version."""
    problems = []
    for (questionnaire_id, version), questionnaire in sorted(catalog().questionnaires.items()):
        stored = db.session.scalar(select(QuestionnaireDefinition).where(
            QuestionnaireDefinition.questionnaire_id == questionnaire_id, QuestionnaireDefinition.version == version))
        if stored is not None and stored.fingerprint != questionnaire.fingerprint:
            problems.append(f"{catalog().files[(questionnaire_id, version)]}: {questionnaire_id} versie {version} "
                            f"is veranderd sinds hij voor het eerst werd gebruikt, maar het versienummer niet; "
                            f"nieuwe beoordelingen met deze versie worden geweigerd. Geef het bestand een nieuw "
                            f"versienummer.")
    return problems


def questionnaire_for(assessment: Assessment) -> Questionnaire:
    """The definition the assessment was answered against, read from the database (cached)."""
    definition = assessment.definition
    cache = current_app.extensions["vthscan"]["definitions"]
    if definition.fingerprint not in cache:
        cache[definition.fingerprint] = Questionnaire.model_validate(definition.data)
    return cache[definition.fingerprint]


# --- organisations and users ------------------------------------------------------------------------

def organisation_by_name(name: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        raise ServiceError(f"Organisatie '{name}' bestaat niet.")
    return organisation


def check_text(what: str, text: str, rule: TextRule) -> None:
    """Refuse a typed text that breaks its rule (length, control characters), naming it: 'De naam ...'."""
    problem = text_problem(text, rule)
    if problem:
        raise ServiceError(f"{what} {problem}.")


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def create_organisation(name: str, kind: str, participant_of: str | None = None) -> Organisation:
    name = name.strip()
    if not name:
        raise ServiceError("Geef de organisatie een naam.")
    check_text("De naam van de organisatie", name, NAME)
    if kind not in ORGANISATION_KINDS:
        raise ServiceError(f"Onbekende soort organisatie '{kind}'; kies uit {', '.join(ORGANISATION_KINDS)}.")
    if db.session.scalar(select(Organisation).where(Organisation.name == name)) is not None:
        raise ServiceError(f"Er is al een organisatie '{name}'.")
    organisation = Organisation(name=name, kind=kind)
    db.session.add(organisation)
    db.session.flush()
    if participant_of:
        add_participation(organisation_by_name(participant_of), organisation)
    return organisation


def add_participation(omgevingsdienst: Organisation, participant: Organisation) -> Participation:
    if omgevingsdienst.kind != "omgevingsdienst":
        raise ServiceError(f"'{omgevingsdienst.name}' is geen omgevingsdienst.")
    if participant.kind not in PARTICIPANT_KINDS:
        raise ServiceError(f"Alleen een gemeente of provincie kan deelnemer zijn; "
                           f"'{participant.name}' is een {participant.kind}.")
    existing = db.session.scalar(select(Participation).where(
        Participation.omgevingsdienst_id == omgevingsdienst.id, Participation.participant_id == participant.id))
    if existing is not None:
        return existing
    participation = Participation(omgevingsdienst=omgevingsdienst, participant=participant)
    db.session.add(participation)
    db.session.flush()
    return participation


def remove_participation(participation_id: int) -> None:
    participation = db.session.get(Participation, participation_id)
    if participation is None:
        raise NotFound()
    db.session.delete(participation)


def all_participations() -> list[Participation]:
    return list(db.session.scalars(select(Participation).order_by(Participation.id)))


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def password_problem(password: str, email: str = "") -> str | None:
    """Length (PASSWORD_MIN_LENGTH to 128, no composition rules) and the offline list of common passwords."""
    from .passwords import MAX_LENGTH, common_password

    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return f"Het wachtwoord moet minstens {minimum} tekens hebben."
    if len(password) > MAX_LENGTH:
        return f"Het wachtwoord mag hoogstens {MAX_LENGTH} tekens hebben."
    if common_password(password, email):
        return ("Dit wachtwoord is te makkelijk te raden: het staat op de lijst van veelgebruikte wachtwoorden "
                "of lijkt op uw e-mailadres. Kies bijvoorbeeld een zin van een paar woorden.")
    return None


class AddressTaken(ServiceError):
    """There is already an account with this e-mail address."""


def create_user(email: str, password: str, organisation: Organisation, role: str, name: str = "") -> User:
    """A new account with a role in the organisation.

    Whether the address is taken is checked last, after everything that does not depend on it:
    `add_member` relies on that to answer a coordinator the same for every address.
    """
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise ServiceError(f"'{email}' is geen geldig e-mailadres.")
    name = (name or "").strip()
    check_text("Het e-mailadres", email, EMAIL)
    check_text("De naam", name, NAME)
    problem = password_problem(password, email)
    if problem:
        raise ServiceError(problem)
    if db.session.scalar(select(User).where(User.email == email)) is not None:
        raise AddressTaken(f"Er is al een gebruiker met e-mailadres {email}.")
    user = User(email=email, name=name, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    set_membership(user, organisation, role)
    return user


def set_membership(user: User, organisation: Organisation, role: str) -> Membership:
    if role not in ROLES:
        raise ServiceError(f"Onbekende rol '{role}'; kies uit {', '.join(ROLES)}.")
    membership = db.session.scalar(select(Membership).where(
        Membership.user_id == user.id, Membership.organisation_id == organisation.id))
    if membership is None:
        membership = Membership(user=user, organisation=organisation, role=role)
        db.session.add(membership)
    membership.role = role
    db.session.flush()
    return membership


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


class LoginLocked(ServiceError):
    """Too many failed logins for this e-mail address; `seconds_left` says when to try again."""

    def __init__(self, until: datetime):
        super().__init__("Te veel mislukte pogingen voor dit e-mailadres.")
        self.seconds_left = max(1, math.ceil((until - utcnow()).total_seconds()))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail address and password, or None; LoginLocked when the address
    is locked (security.login_locked_until), also by this attempt.

    Every attempt does the same work whatever the reason it fails (wrong password, no such account, a
    blocked account, a locked address): one lookup, one check of a password hash of the configured
    method (the one made at start for the app when there is no usable account) and the same audit
    entries. Neither the answer nor its time tells whether an account exists.
    """
    address = email.strip().lower()
    subject = _audit_subject(address)
    locked_until = login_locked_until(subject)
    user = db.session.scalar(select(User).where(User.email == address))
    usable = user is not None and user.is_active and locked_until is None
    stored_hash = user.password_hash if usable else current_app.extensions["vthscan"]["dummy_password_hash"]
    if check_password_hash(stored_hash, password) and usable:  # the check runs in every case
        return user
    if locked_until is not None:
        audit(None, LOGIN_LOCKED, subject=subject)
        raise LoginLocked(locked_until)
    audit(None, LOGIN_FAILED, subject=subject)
    locked_until = login_locked_until(subject)
    if locked_until is not None:
        audit(None, "account_locked", subject=subject)
        raise LoginLocked(locked_until)
    return None


def end_sessions(user: User) -> None:
    """Make every session cookie of this user invalid (logout, password change, deactivation)."""
    user.session_version += 1


def change_password(user: User, old: str, new: str) -> None:
    if not check_password_hash(user.password_hash, old):
        raise WrongPassword("Het huidige wachtwoord klopt niet.")
    problem = password_problem(new, user.email)
    if problem:
        raise ServiceError(problem)
    user.password_hash = hash_password(new)
    end_sessions(user)
    audit(user, "password_changed")


def set_user_active(user: User, active: bool, by: User) -> None:
    user.is_active = active
    if not active:
        end_sessions(user)
    audit(by, "user_activated" if active else "user_deactivated", subject=user.email)


def memberships(user: User, roles: Iterable[str] | None = None) -> list[Membership]:
    return [m for m in user.memberships if roles is None or m.role in roles]


def managed_organisations(user: User) -> list[Organisation]:
    """Organisations in which this user may start and import assessments."""
    return [m.organisation for m in memberships(user, MANAGING_ROLES)
            if m.organisation.kind in ASSESSED_KINDS]


def coordinated_organisations(user: User) -> list[Organisation]:
    """Organisations whose members this user manages."""
    return [m.organisation for m in memberships(user, MANAGING_ROLES)]


def coordinated_organisation(user: User, organisation_id: int) -> Organisation:
    organisation = next((o for o in coordinated_organisations(user) if o.id == organisation_id), None)
    if organisation is None:
        raise NotFound()
    return organisation


MEMBER_ROLES = ("coordinator", "invuller", "lezer")  # a coordinator cannot make someone beheerder
ACCOUNT_NOT_CREATED = ("Het account is niet aangemaakt. Bestaat er al een account met dit e-mailadres, vraag "
                       "dan de beheerder om het aan uw organisatie toe te voegen.")


def add_member(by: User, organisation: Organisation, email: str, role: str, password: str,
               name: str = "") -> Membership:
    """Create a new account with this password and a role in the organisation (a coordinator's form).

    An existing account is never attached here: someone else may know its password, and would then
    see this organisation's data. Attaching an existing account is the beheerder's (`set_membership`).
    For a taken address the coordinator gets a refusal that does not say the account exists, after
    the same checks and the same work (one password hash) as a new account; it is audited.
    """
    if role not in MEMBER_ROLES:
        raise ServiceError(f"Kies een rol uit {', '.join(MEMBER_ROLES)}.")
    try:
        user = create_user(email, password, organisation, role, name)
    except AddressTaken:
        hash_password(password)  # the work that creating the account would have done
        address = email.strip().lower()
        user = db.session.scalar(select(User).where(User.email == address))
        if any(m.organisation_id == organisation.id for m in user.memberships):
            raise ServiceError(f"{address} is al lid van deze organisatie. Wijzig de rol in de lijst "
                               f"hierboven.") from None
        audit(by, "account_not_created", subject=f"{address} {organisation.name}")
        db.session.commit()
        raise ServiceError(ACCOUNT_NOT_CREATED) from None
    audit(by, "user_created", subject=user.email)
    audit(by, "member_set", subject=f"{user.email} {organisation.name} {role}")
    return next(m for m in user.memberships if m.organisation_id == organisation.id)


def change_member_role(by: User, organisation: Organisation, membership_id: int, role: str) -> Membership:
    """Give a member of the organisation another role (not beheerder, not one's own)."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound()
    if role not in MEMBER_ROLES:
        raise ServiceError(f"Kies een rol uit {', '.join(MEMBER_ROLES)}.")
    if membership.role == "beheerder":
        raise ServiceError("De rol van een beheerder kan alleen de beheerder wijzigen.")
    if membership.user_id == by.id:
        raise ServiceError("U kunt uw eigen rol niet wijzigen.")
    membership.role = role
    audit(by, "member_set", subject=f"{membership.user.email} {organisation.name} {role}")
    return membership


def remove_member(by: User, organisation: Organisation, membership_id: int) -> None:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound()
    if membership.role == "beheerder":
        raise ServiceError("Een beheerder kan alleen door de beheerder worden verwijderd.")
    if membership.user_id == by.id:
        raise ServiceError("U kunt uzelf niet uit de organisatie verwijderen.")
    audit(by, "member_removed", subject=f"{membership.user.email} {organisation.name}")
    db.session.delete(membership)


def members(organisation: Organisation) -> list[Membership]:
    return sorted(organisation.memberships, key=lambda m: m.user.email)


# --- access -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Access:
    """What one user may do with one assessment."""

    relation: str  # "lid", "deelnemer", "adviseur"
    role: str
    can_edit_answers: bool = False
    can_submit: bool = False
    can_review: bool = False  # send back; sign off too, unless can_sign_off says otherwise
    can_sign_off: bool = False  # False for the one who submitted it, with four eyes (see `may_sign_off`)
    can_manage: bool = False  # grants, audit log, reopen


def access_for(user: User, assessment: Assessment) -> Access | None:
    """What `user` may do with `assessment`; None means they may not even know it exists."""
    editable = assessment.status == CONCEPT
    for membership in user.memberships:
        if membership.organisation_id == assessment.organisation_id:
            role = membership.role
            managing = role in MANAGING_ROLES
            reviewing = assessment.status == IN_REVIEW and managing
            return Access(relation="lid", role=role,
                          can_edit_answers=editable and role in EDITING_ROLES,
                          can_submit=editable and role in EDITING_ROLES,
                          can_review=reviewing, can_sign_off=reviewing and may_sign_off(user, assessment),
                          can_manage=managing)
    member_of = {m.organisation_id: m.role for m in user.memberships}
    grant = db.session.scalar(select(ConsultantGrant).where(
        ConsultantGrant.assessment_id == assessment.id,
        ConsultantGrant.organisation_id.in_(member_of)))
    if grant is not None:
        role = member_of[grant.organisation_id]
        return Access(relation="adviseur", role=role, can_edit_answers=editable and role in EDITING_ROLES)
    if assessment.status == SIGNED_OFF:
        participates = db.session.scalar(select(Participation).where(
            Participation.omgevingsdienst_id == assessment.organisation_id,
            Participation.participant_id.in_(member_of)))
        if participates is not None:
            return Access(relation="deelnemer", role=member_of[participates.participant_id])
    return None


def may_sign_off(user: User, assessment: Assessment) -> bool:
    """Four eyes: with FOUR_EYES on (the default) the one who submitted it may not sign it off."""
    return not (current_app.config["FOUR_EYES"] and assessment.submitted_by_id == user.id)


def get_assessment(user: User, assessment_id: int) -> tuple[Assessment, Access]:
    """The assessment and what the user may do with it; 404 when they may not see it."""
    assessment = db.session.get(Assessment, assessment_id)
    access = access_for(user, assessment) if assessment is not None else None
    if access is None:
        if assessment is not None:
            audit(user, "access_denied", assessment=None, subject=f"beoordeling {assessment_id}")
            db.session.commit()
        raise NotFound()
    return assessment, access


def visible_assessments(user: User) -> list[tuple[Assessment, Access]]:
    org_ids = [m.organisation_id for m in user.memberships]
    candidates = set(db.session.scalars(select(Assessment).where(Assessment.organisation_id.in_(org_ids))))
    candidates |= set(db.session.scalars(select(Assessment).join(
        ConsultantGrant, ConsultantGrant.assessment_id == Assessment.id).where(
        ConsultantGrant.organisation_id.in_(org_ids))))
    candidates |= set(db.session.scalars(select(Assessment).join(
        Participation, Participation.omgevingsdienst_id == Assessment.organisation_id).where(
        Participation.participant_id.in_(org_ids), Assessment.status == SIGNED_OFF)))
    visible = [(a, access_for(user, a)) for a in candidates]
    return sorted(((a, acc) for a, acc in visible if acc is not None),
                  key=lambda item: (item[0].organisation.name, item[0].period, item[0].id))


# --- audit --------------------------------------------------------------------------------------------

def audit(user: User | None, action: str, assessment: Assessment | None = None, subject: str = "",
          old: str = "", new: str = "") -> None:
    """Add an audit entry (UTC time, who, which organisation/assessment, the client's address)."""
    db.session.add(AuditLog(
        user_id=user.id if user is not None else None,
        organisation_id=assessment.organisation_id if assessment is not None else None,
        assessment_id=assessment.id if assessment is not None else None,
        assessment_version=assessment.version if assessment is not None else None,
        action=action, subject=_audit_subject(subject), old=old, new=new,
        ip=(request.remote_addr or "")[:45] or None if has_request_context() else None))


def _audit_subject(text: str) -> str:
    """The subject as the audit log stores it: it may be typed by anyone (a login name), so without
    line breaks or control characters."""
    return "".join(c if c.isprintable() else " " for c in text)[:200]


def audit_entries(assessment: Assessment) -> list[AuditLog]:
    return list(db.session.scalars(select(AuditLog).where(AuditLog.assessment_id == assessment.id)
                                   .order_by(AuditLog.at.desc(), AuditLog.id.desc())))


ANSWER_ACTIONS = ("answer", "answer_confirmed")


def answer_changes_since(assessment: Assessment, version: int, question_ids: Iterable[str]) -> list[AuditLog]:
    """The changes to these answers after `version`: what a stale save shows. Never other entries of
    the audit log (logins, grants, downloads, other pages), which the one saving may not read."""
    return list(db.session.scalars(select(AuditLog).where(
        AuditLog.assessment_id == assessment.id, AuditLog.assessment_version > version,
        AuditLog.action.in_(ANSWER_ACTIONS), AuditLog.subject.in_(list(question_ids)))
        .order_by(AuditLog.id)))


# --- answers --------------------------------------------------------------------------------------------

def answers_of(assessment: Assessment) -> dict[str, DomainAnswer]:
    return {row.question_id: _to_domain(row) for row in assessment.answers}


def copied_questions(assessment: Assessment) -> set[str]:
    return {row.question_id for row in assessment.answers if row.is_copied}


def _to_domain(row: Answer) -> DomainAnswer:
    return DomainAnswer(value=row.value, na=row.na, na_reason=row.na_reason, unknown=row.unknown,
                        comment=row.comment or "", evidence=row.evidence or "")


def describe_answer(questionnaire: Questionnaire, question_id: str, answer: DomainAnswer | None) -> str:
    """An answer in words, for the audit log and the stale-save page."""
    if answer is None:
        return "(leeg)"
    question = questionnaire.questions[question_id][2]
    if answer.na:
        text = f"niet van toepassing ({answer.na_reason})"
    elif answer.unknown:
        text = "weet niet"
    elif answer.value is None:
        text = "(geen antwoord)"
    else:
        text = question.describe_value(questionnaire, answer.value)
    if answer.comment:
        text += f"; toelichting: {answer.comment}"
    if answer.evidence:
        text += f"; onderbouwing: {answer.evidence}"
    return text


def _bump_version(assessment: Assessment, loaded_version: int, question_ids: Iterable[str] = ()) -> None:
    """Raise the version, but only if nobody else did since `loaded_version` (checked in one UPDATE)."""
    result = db.session.execute(
        update(Assessment).where(Assessment.id == assessment.id, Assessment.version == loaded_version)
        .values(version=loaded_version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        db.session.refresh(assessment)
        raise StaleSave(assessment, answer_changes_since(assessment, loaded_version, question_ids))
    db.session.refresh(assessment)


def save_answers(user: User, assessment: Assessment, loaded_version: int,
                 new_answers: dict[str, DomainAnswer], confirmed: set[str] = frozenset()) -> int:
    """Store the answers of one page; returns how many changed. Refuses a stale save (StaleSave)."""
    if assessment.status != CONCEPT:
        raise ServiceError("Deze beoordeling is niet meer in concept en kan niet worden gewijzigd.")
    if assessment.version != loaded_version:
        raise StaleSave(assessment, answer_changes_since(assessment, loaded_version, new_answers))
    questionnaire = questionnaire_for(assessment)
    problems = (check_answers(questionnaire, assessment.organisation.kind, new_answers)
                + check_answer_texts(questionnaire, new_answers))
    if problems:
        raise ServiceError("; ".join(problems))
    rows = {row.question_id: row for row in assessment.answers}
    changes = []
    for question_id, answer in new_answers.items():
        row = rows.get(question_id)
        old = _to_domain(row) if row is not None else None
        if old == answer or (old is None and answer == DomainAnswer()):
            if row is not None and row.is_copied and question_id in confirmed:
                changes.append((question_id, row, old, answer, True))
            continue
        changes.append((question_id, row, old, answer, False))
    if not changes:
        return 0
    _bump_version(assessment, loaded_version, new_answers)
    now = utcnow()
    for question_id, row, old, answer, only_confirmed in changes:
        if row is None:
            row = Answer(assessment=assessment, question_id=question_id)
            db.session.add(row)
        row.value, row.na, row.na_reason, row.unknown = answer.value, answer.na, answer.na_reason, answer.unknown
        row.comment, row.evidence = answer.comment, answer.evidence
        row.is_copied = False
        row.updated_at, row.updated_by_id = now, user.id
        if only_confirmed:
            audit(user, "answer_confirmed", assessment, subject=question_id,
                  new=describe_answer(questionnaire, question_id, answer))
        else:
            audit(user, "answer", assessment, subject=question_id,
                  old=describe_answer(questionnaire, question_id, old),
                  new=describe_answer(questionnaire, question_id, answer))
    db.session.commit()
    return len(changes)


# --- progress and scores --------------------------------------------------------------------------------

@dataclass
class PillarProgress:
    id: str
    title: str
    answered: int
    total: int
    missing: list[tuple[str, str]]  # (question id, text)
    copied: int
    score: float | None = None
    level: str | None = None


@dataclass
class Overview:
    pillars: list[PillarProgress]
    result: Result | None
    problems: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(p.answered for p in self.pillars)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pillars)

    @property
    def is_complete(self) -> bool:
        return all(not p.missing for p in self.pillars)

    @property
    def copied(self) -> int:
        return sum(p.copied for p in self.pillars)


def overview(assessment: Assessment) -> Overview:
    questionnaire = questionnaire_for(assessment)
    kind = assessment.organisation.kind
    answers = answers_of(assessment)
    copied = copied_questions(assessment)
    try:
        result = score(questionnaire, answers, kind)
        problems = []
    except AnswersError as error:
        result, problems = None, error.problems
    results = {p.id: p for p in result.pillars} if result else {}
    pillars = []
    for pillar in questionnaire.pillars_for(kind):
        questions = [q for c in pillar.criteria for q in c.questions]
        missing = [(q.id, q.text) for q in questions if answers.get(q.id, DomainAnswer()).is_open]
        pillar_result = results.get(pillar.id)
        pillars.append(PillarProgress(
            id=pillar.id, title=pillar.title, answered=len(questions) - len(missing), total=len(questions),
            missing=missing, copied=sum(1 for q in questions if q.id in copied),
            score=pillar_result.score if pillar_result else None,
            level=pillar_result.level if pillar_result else None))
    return Overview(pillars=pillars, result=result, problems=problems)


def score_summary(assessment: Assessment) -> dict | None:
    """The overall and pillar scores a peer benchmark needs (stored at sign-off); None if unscorable."""
    try:
        result = score(questionnaire_for(assessment), answers_of(assessment), assessment.organisation.kind)
    except AnswersError:
        return None
    return summary_data(summary_of(result))


def summary_data(summary: Summary) -> dict:
    return {"score": summary.score, "pillars": dict(summary.pillars)}


# --- starting, importing, exporting ---------------------------------------------------------------------

def start_assessment(user: User | None, organisation: Organisation, questionnaire: Questionnaire,
                     period: str, name: str, copy_previous: bool = False) -> Assessment:
    period, name = (period or "").strip(), (name or "").strip()
    if organisation.kind not in ASSESSED_KINDS:
        raise ServiceError(f"Een {organisation.kind} vult zelf geen beoordeling in.")
    if not period:
        raise ServiceError("Vul een periode in, bijvoorbeeld 2026.")
    check_text("De periode", period, PERIOD)
    check_text("De naam", name, NAME)
    if not questionnaire.pillars_for(organisation.kind):
        raise ServiceError(f"Vragenlijst {questionnaire.title} heeft geen vragen voor een {organisation.kind}.")
    definition = pin_definition(questionnaire)
    assessment = Assessment(organisation=organisation, definition=definition, period=period,
                            name=name or f"{questionnaire.title} {period}")
    db.session.add(assessment)
    db.session.flush()
    audit(user, "created", assessment, new=f"{questionnaire.id} versie {questionnaire.version}, periode {period}")
    if copy_previous:
        previous = previous_signed_off(organisation, questionnaire.id, exclude=assessment)
        if previous is None:
            db.session.rollback()
            raise ServiceError("Er is geen eerdere vastgestelde beoordeling van deze organisatie om "
                               "antwoorden uit over te nemen.")
        copied = _copy_answers(previous, assessment, mark_copied=True)
        audit(user, "copied_from", assessment, subject=f"beoordeling {previous.id}",
              new=f"{copied} antwoorden overgenomen uit {previous.name} ({previous.period})")
    db.session.commit()
    return assessment


def previous_signed_off(organisation: Organisation, questionnaire_id: str,
                        exclude: Assessment | None = None) -> Assessment | None:
    candidates = db.session.scalars(select(Assessment).join(QuestionnaireDefinition).where(
        Assessment.organisation_id == organisation.id, Assessment.status == SIGNED_OFF,
        QuestionnaireDefinition.questionnaire_id == questionnaire_id)
        .order_by(Assessment.signed_off_at.desc(), Assessment.id.desc()))
    return next((a for a in candidates if exclude is None or a.id != exclude.id), None)


def _copy_answers(source: Assessment, target: Assessment, mark_copied: bool) -> int:
    """Copy the answers that still fit the target's questionnaire; returns how many."""
    questionnaire = questionnaire_for(target)
    kind = target.organisation.kind
    count = 0
    for row in source.answers:
        found = questionnaire.questions.get(row.question_id)
        if found is None or not found[0].applies_to(kind):
            continue
        answer = _to_domain(row)
        # an answer that no longer fits, or holds text stored before the limits, is answered anew
        if answer_problem(questionnaire, found[2], answer) is not None or answer_text_problems(found[2], answer):
            continue
        db.session.add(Answer(assessment=target, question_id=row.question_id, value=row.value, na=row.na,
                              na_reason=row.na_reason, unknown=row.unknown, comment=row.comment,
                              evidence=row.evidence, is_copied=mark_copied))
        count += 1
    return count


def answer_set_of(assessment: Assessment) -> AnswerSet:
    return AnswerSet(
        questionnaire_id=assessment.questionnaire_id, questionnaire_version=assessment.questionnaire_version,
        organisation_name=assessment.organisation.name, organisation_kind=assessment.organisation.kind,
        period=assessment.period,
        answers={row.question_id: _to_domain(row) for row in sorted(assessment.answers,
                                                                   key=lambda r: r.question_id)})


def export_assessment(user: User | None, assessment: Assessment) -> dict:
    audit(user, "exported", assessment)
    db.session.commit()
    return answer_set_of(assessment).to_data()


def import_answer_set(user: User | None, organisation: Organisation, answer_set: AnswerSet,
                      name: str = "") -> Assessment:
    """A new concept assessment holding the answers of an answers file."""
    name = (name or "").strip()
    check_text("De periode in het bestand", answer_set.period, PERIOD)
    check_text("De naam", name, NAME)
    if organisation.kind not in ASSESSED_KINDS:
        raise ServiceError(f"Een {organisation.kind} vult zelf geen beoordeling in.")
    questionnaire = catalog().get(answer_set.questionnaire_id, answer_set.questionnaire_version)
    if questionnaire is None:
        stored = db.session.scalar(select(QuestionnaireDefinition).where(
            QuestionnaireDefinition.questionnaire_id == answer_set.questionnaire_id,
            QuestionnaireDefinition.version == answer_set.questionnaire_version))
        if stored is None:
            raise ServiceError(f"Vragenlijst {answer_set.questionnaire_id} versie "
                               f"{answer_set.questionnaire_version} is niet bekend.")
        questionnaire = Questionnaire.model_validate(stored.data)
    if answer_set.organisation_kind != organisation.kind:
        raise ServiceError(f"Het bestand is voor een {answer_set.organisation_kind}, maar "
                           f"{organisation.name} is een {organisation.kind}.")
    problems = (check_answers(questionnaire, organisation.kind, answer_set.answers)
                + check_answer_texts(questionnaire, answer_set.answers))
    if problems:
        raise ServiceError("Het antwoordenbestand past niet bij de vragenlijst:\n" + "\n".join(problems))
    definition = pin_definition(questionnaire)
    assessment = Assessment(organisation=organisation, definition=definition, period=answer_set.period,
                            name=name or f"Import {answer_set.period}")
    db.session.add(assessment)
    db.session.flush()
    for question_id, answer in answer_set.answers.items():
        if answer == DomainAnswer():
            continue
        db.session.add(Answer(assessment=assessment, question_id=question_id, value=answer.value, na=answer.na,
                              na_reason=answer.na_reason, unknown=answer.unknown, comment=answer.comment,
                              evidence=answer.evidence))
    audit(user, "imported", assessment, new=f"{len(answer_set.answers)} antwoorden uit een antwoordenbestand")
    db.session.commit()
    return assessment


def get_assessment_by_id(assessment_id: int) -> Assessment:
    """For the command line, which runs with the rights of the server's owner."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise ServiceError(f"Beoordeling {assessment_id} bestaat niet.")
    return assessment


# --- workflow ---------------------------------------------------------------------------------------------

def _set_status(user: User | None, assessment: Assessment, status: str, loaded_version: int,
                comment: str = "", detail: str = "", **fields) -> None:
    old = assessment.status
    if assessment.version != loaded_version:
        raise StaleSave(assessment)
    _bump_version(assessment, loaded_version)
    assessment.status = status
    for name, value in fields.items():
        setattr(assessment, name, value)
    audit(user, "status", assessment, subject=comment[:200], old=STATUS_LABELS[old],
          new=STATUS_LABELS[status] + (f": {comment}" if comment else "") + (f"; {detail}" if detail else ""))
    db.session.commit()


def person(user: User | None) -> str:
    """Who someone is, for the audit log, the results page and the report: name and e-mail address."""
    if user is None:
        return "onbekend"
    return f"{user.name} ({user.email})" if user.name else user.email


def review_trail(assessment: Assessment) -> str:
    """Who offered the assessment for review and who signed it off, and when ("" for a concept)."""
    steps = []
    if assessment.status != CONCEPT and assessment.submitted_at is not None:
        steps.append(f"ingediend door {person(assessment.submitted_by)} op {timestamp(assessment.submitted_at)}")
    if assessment.status == SIGNED_OFF:
        steps.append(f"vastgesteld door {person(assessment.signed_off_by)} op {timestamp(assessment.signed_off_at)}")
    return "; ".join(steps)


def submit_for_review(user: User, assessment: Assessment, loaded_version: int) -> None:
    if assessment.status != CONCEPT:
        raise ServiceError("Alleen een concept kan ter review worden aangeboden.")
    progress = overview(assessment)
    if not progress.is_complete:
        raise ServiceError(f"Nog niet alle vragen zijn beantwoord ({progress.answered} van {progress.total}).")
    if progress.copied:
        raise ServiceError(f"{progress.copied} overgenomen antwoorden zijn nog niet bevestigd of gewijzigd.")
    _set_status(user, assessment, IN_REVIEW, loaded_version, submitted_by_id=user.id, submitted_at=utcnow())


def send_back(user: User, assessment: Assessment, loaded_version: int, comment: str) -> None:
    if assessment.status != IN_REVIEW:
        raise ServiceError("Alleen een beoordeling die ter review ligt, kan worden teruggestuurd.")
    if not comment.strip():
        raise ServiceError("Schrijf erbij waarom de beoordeling wordt teruggestuurd.")
    check_text("De reden", comment.strip(), LONG_TEXT)
    _set_status(user, assessment, CONCEPT, loaded_version, comment.strip(), review_comment=comment.strip())


def sign_off(user: User, assessment: Assessment, loaded_version: int) -> None:
    if assessment.status != IN_REVIEW:
        raise ServiceError("Alleen een beoordeling die ter review ligt, kan worden vastgesteld.")
    if not may_sign_off(user, assessment):
        raise ServiceError("U heeft deze beoordeling zelf ter review aangeboden. Iemand anders moet hem "
                           "vaststellen: zo kijken er altijd twee mensen naar (vier-ogenprincipe).")
    _set_status(user, assessment, SIGNED_OFF, loaded_version,
                detail=f"ingediend door {person(assessment.submitted_by)}, vastgesteld door {person(user)}",
                signed_off_by_id=user.id, signed_off_at=utcnow(), review_comment="",
                score_summary=score_summary(assessment))


def reopen(user: User | None, assessment: Assessment) -> Assessment:
    """A new concept version with the same answers; the signed-off one stays as it is."""
    if assessment.status != SIGNED_OFF:
        raise ServiceError("Alleen een vastgestelde beoordeling kan worden heropend.")
    newer = newer_version(assessment)
    if newer is not None:
        raise Conflict(f"Deze beoordeling is al heropend als beoordeling {newer.id}.")
    new = Assessment(organisation=assessment.organisation, definition=assessment.definition,
                     period=assessment.period, name=assessment.name, previous=assessment)
    db.session.add(new)
    try:
        db.session.flush()
    except IntegrityError:  # the unique previous_id: someone reopened it at the same moment
        db.session.rollback()
        raise Conflict("Iemand anders heeft deze beoordeling zojuist heropend. De nieuwe versie staat in "
                       "het overzicht.") from None
    _copy_answers(assessment, new, mark_copied=False)
    audit(user, "reopened", assessment, new=f"nieuwe versie: beoordeling {new.id}")
    audit(user, "created", new, new=f"heropend uit beoordeling {assessment.id}")
    db.session.commit()
    return new


def newer_version(assessment: Assessment) -> Assessment | None:
    return db.session.scalar(select(Assessment).where(Assessment.previous_id == assessment.id))


# --- consultants ----------------------------------------------------------------------------------------

def consultancies() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.kind == "adviesbureau")
                                   .order_by(Organisation.name)))


def grants(assessment: Assessment) -> list[ConsultantGrant]:
    return list(db.session.scalars(select(ConsultantGrant).where(ConsultantGrant.assessment_id == assessment.id)))


def grant_consultant(user: User, assessment: Assessment, organisation_id: int) -> ConsultantGrant:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != "adviesbureau":
        raise ServiceError("Kies een adviesbureau.")
    existing = db.session.scalar(select(ConsultantGrant).where(
        ConsultantGrant.assessment_id == assessment.id, ConsultantGrant.organisation_id == organisation.id))
    if existing is not None:
        return existing
    grant = ConsultantGrant(assessment_id=assessment.id, organisation=organisation, granted_by_id=user.id)
    db.session.add(grant)
    audit(user, "grant", assessment, subject=organisation.name, new="toegang gegeven")
    db.session.commit()
    return grant


def withdraw_consultant(user: User, assessment: Assessment, grant_id: int) -> None:
    grant = db.session.get(ConsultantGrant, grant_id)
    if grant is None or grant.assessment_id != assessment.id:
        raise NotFound()
    audit(user, "grant_withdrawn", assessment, subject=grant.organisation.name, old="toegang gegeven",
          new="toegang ingetrokken")
    db.session.delete(grant)
    db.session.commit()

