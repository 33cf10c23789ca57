"""Organisations, their participations, user accounts and memberships, and the members a coordinator
manages. Who may do these things is decided in access.py.

Write services (`write`) audit and commit; on an error nothing of theirs is kept. Reads never commit.
"""

from __future__ import annotations

from sqlalchemy import select

from ..domain.limits import EMAIL, NAME
from ..domain.wording import ORGANISATION_KINDS, PARTICIPANT_KINDS, ROLES
from ..extensions import db
from ..models import Membership, Organisation, Participation, User
from .access import member_change_refusal, membership_in
from .audit import audit, refusal
from .auth import end_sessions, hash_password, password_problem
from .errors import AddressTaken, InvalidInput, NotVisible, ServiceError, check_text
from .transaction import write

MEMBER_ROLES = ("coordinator", "invuller", "lezer")  # a coordinator cannot make someone beheerder
ACCOUNT_NOT_CREATED = ("Het account is niet aangemaakt. Bestaat er al een account met dit e-mailadres, vraag "
                       "dan de beheerder om het aan uw organisatie toe te voegen.")


# --- organisations ------------------------------------------------------------------------------------

def organisation_by_name(name: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        raise ServiceError(f"Organisatie '{name}' bestaat niet.")
    return organisation


def get_organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotVisible()
    return organisation


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


@write
def create_organisation(name: str, kind: str, participant_of: str | None = None,
                        by: User | None = None) -> Organisation:
    """A new organisation, taking part in the omgevingsdienst named `participant_of` if given."""
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
        _participate(organisation_by_name(participant_of), organisation)
    audit(by, "organisation_created", subject=organisation.name)
    return organisation


def _participate(omgevingsdienst: Organisation, participant: Organisation) -> Participation:
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


@write
def add_participation(omgevingsdienst: Organisation, participant: Organisation,
                      by: User | None = None) -> Participation:
    participation = _participate(omgevingsdienst, participant)
    audit(by, "participation_added", subject=f"{participant.name} -> {omgevingsdienst.name}")
    return participation


@write
def remove_participation(participation_id: int, by: User | None = None) -> None:
    participation = db.session.get(Participation, participation_id)
    if participation is None:
        raise NotVisible()
    db.session.delete(participation)
    audit(by, "participation_removed", subject=str(participation_id))


def get_participation(participation_id: int) -> Participation:
    participation = db.session.get(Participation, participation_id)
    if participation is None:
        raise NotVisible()
    return participation


def all_participations() -> list[Participation]:
    return list(db.session.scalars(select(Participation).order_by(Participation.id)))


# --- users and memberships --------------------------------------------------------------------------------

def _new_user(email: str, password: str, organisation: Organisation, role: str, name: str) -> User:
    """A new account with a role in the organisation (added to the caller's transaction).

    Whether the address is taken is checked last, after everything that does not depend on it:
    `add_member` relies on that to answer a coordinator the same for every address.
    """
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise InvalidInput("email", f"'{email}' is geen geldig e-mailadres.")
    name = (name or "").strip()
    check_text("Het e-mailadres", email, EMAIL, field="email")
    check_text("De naam", name, NAME, field="name")
    problem = password_problem(password, email)
    if problem:
        raise InvalidInput("password", problem)
    if db.session.scalar(select(User).where(User.email == email)) is not None:
        raise AddressTaken(f"Er is al een gebruiker met e-mailadres {email}.")
    user = User(email=email, name=name, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    _set_membership(user, organisation, role)
    return user


@write
def create_user(email: str, password: str, organisation: Organisation, role: str, name: str = "",
                by: User | None = None) -> User:
    """A new account with a role in the organisation (the beheerder's form and the command line)."""
    user = _new_user(email, password, organisation, role, name)
    audit(by, "user_created", subject=user.email)
    return user


def _set_membership(user: User, organisation: Organisation, role: str) -> Membership:
    if role not in ROLES:
        raise InvalidInput("role", f"Onbekende rol '{role}'; kies uit {', '.join(ROLES)}.")
    membership = db.session.scalar(select(Membership).where(
        Membership.user_id == user.id, Membership.organisation_id == organisation.id))
    if membership is None:
        membership = Membership(user=user, organisation=organisation, role=role)
        db.session.add(membership)
    membership.role = role
    db.session.flush()
    return membership


@write
def set_membership(user: User, organisation: Organisation, role: str, by: User | None = None) -> Membership:
    """Give an existing account a role in an organisation (the beheerder's)."""
    membership = _set_membership(user, organisation, role)
    audit(by, "membership_set", subject=f"{user.email} {organisation.name} {role}")
    return membership


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotVisible()
    return user


@write
def set_user_active(user: User, active: bool, by: User) -> None:
    user.is_active = active
    if not active:
        end_sessions(user)
    audit(by, "user_activated" if active else "user_deactivated", subject=user.email)


# --- members, managed by a coordinator -------------------------------------------------------------------

@write
def add_member(by: User, organisation: Organisation, email: str, role: str, password: str,
               name: str = "") -> Membership:
    """Create a new account with this password and a role in the organisation (a coordinator's form).

    An existing account is never attached here: someone else may know its password, and would then
    see this organisation's data. Attaching an existing account is the beheerder's (`set_membership`).
    For a taken address the coordinator gets a refusal that does not say the account exists, after
    the same checks and the same work (one password hash) as a new account; it is audited.
    """
    if role not in MEMBER_ROLES:
        raise InvalidInput("role", f"Kies een rol uit {', '.join(MEMBER_ROLES)}.")
    try:
        user = _new_user(email, password, organisation, role, name)
    except AddressTaken:
        hash_password(password)  # the work that creating the account would have done
        address = email.strip().lower()
        user = db.session.scalar(select(User).where(User.email == address))
        if any(m.organisation_id == organisation.id for m in user.memberships):
            raise InvalidInput("email", f"{address} is al lid van deze organisatie. Wijzig de rol in de lijst "
                                        f"hierboven.") from None
        refusal(by, "account_not_created", subject=f"{address} {organisation.name}")
        raise InvalidInput("email", ACCOUNT_NOT_CREATED) from None
    audit(by, "user_created", subject=user.email)
    audit(by, "member_set", subject=f"{user.email} {organisation.name} {role}")
    return next(m for m in user.memberships if m.organisation_id == organisation.id)


@write
def change_member_role(by: User, organisation: Organisation, membership_id: int, role: str) -> Membership:
    """Give a member of the organisation another role (not beheerder, not one's own)."""
    membership = membership_in(organisation, membership_id)
    if role not in MEMBER_ROLES:
        raise ServiceError(f"Kies een rol uit {', '.join(MEMBER_ROLES)}.")
    refused = member_change_refusal(by, membership, removing=False)
    if refused:
        raise ServiceError(refused)
    membership.role = role
    audit(by, "member_set", subject=f"{membership.user.email} {organisation.name} {role}")
    return membership


@write
def remove_member(by: User, organisation: Organisation, membership_id: int) -> None:
    membership = membership_in(organisation, membership_id)
    refused = member_change_refusal(by, membership, removing=True)
    if refused:
        raise ServiceError(refused)
    audit(by, "member_removed", subject=f"{membership.user.email} {organisation.name}")
    db.session.delete(membership)


def members(organisation: Organisation) -> list[Membership]:
    return sorted(organisation.memberships, key=lambda m: m.user.email)
