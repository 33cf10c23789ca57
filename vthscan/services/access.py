"""Who may do what: every "may this user do X to Y" is answered here, and nothing else decides.

Assessments (`access_for`, and as SQL `visible_clause` for lists and comparisons):
- a member of the organisation sees its assessments; coordinators and beheerders manage them;
- an adviesbureau sees the assessments shared with it (ConsultantGrant) and may fill them in;
- a municipality or province sees the signed-off assessments of the omgevingsdiensten it takes part in;
- for comparing signed-off assessments, a beheerder sees every organisation's (`comparable_clause`).
Organisations: coordinators and beheerders start assessments in organisations that fill them in, and
manage the members of theirs; the beheer pages are for beheerders only.
Plans van aanpak (`plan_access_for`, and as SQL `visible_plans_clause`):
- the organisation's coordinators and beheerders make and change its plan; its other members read it;
- a municipality or province reads the plans of the omgevingsdiensten it takes part in;
- an adviesbureau with a grant on the assessment the plan was made from reads the plan (it helped
  make that assessment); it changes nothing.

Refusals are errors: NotVisible (404: the user may not know it exists) and Forbidden (403). Everything
here only reads; a refusal worth auditing carries its subject in NotVisible (see errors.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import and_, or_, select

from ..domain.wording import ASSESSED_KINDS, CONCEPT, IN_REVIEW, SIGNED_OFF
from ..extensions import db
from ..models import (
    Assessment,
    ConsultantGrant,
    Membership,
    Organisation,
    Participation,
    PlanRecord,
    User,
)
from .errors import Forbidden, NotVisible

MANAGING_ROLES = ("beheerder", "coordinator")
EDITING_ROLES = ("beheerder", "coordinator", "invuller")


# --- assessments --------------------------------------------------------------------------------------

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
    editable = assessment.status == CONCEPT and assessment.archived_at is None
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


def get_assessment(user: User, assessment_id: int, needs: str | None = None) -> tuple[Assessment, Access]:
    """The assessment and what the user may do with it.

    NotVisible when they may not see it (audited when it exists); Forbidden when they may see it but
    lack `needs`, one of Access's flags ("can_edit_answers", "can_submit", "can_review", "can_manage").
    """
    assessment = db.session.get(Assessment, assessment_id)
    access = access_for(user, assessment) if assessment is not None else None
    if access is None:
        raise NotVisible(f"beoordeling {assessment_id}" if assessment is not None else "")
    if needs is not None:
        require(access, needs)
    return assessment, access


def require(access: Access, needs: str) -> None:
    """Forbidden unless `access` has the flag `needs` (e.g. "can_edit_answers")."""
    if not getattr(access, needs):
        raise Forbidden()


def visible_clause(user: User):
    """SQL condition on Assessment: the assessments `user` may see (the same as `access_for`)."""
    org_ids = [m.organisation_id for m in user.memberships]
    participated = select(Participation.omgevingsdienst_id).where(Participation.participant_id.in_(org_ids))
    granted = select(ConsultantGrant.assessment_id).where(ConsultantGrant.organisation_id.in_(org_ids))
    return or_(Assessment.organisation_id.in_(org_ids), Assessment.id.in_(granted),
               and_(Assessment.status == SIGNED_OFF, Assessment.organisation_id.in_(participated)))


def comparable_clause(user: User):
    """SQL condition on Assessment: the signed-off assessments `user` may compare (a beheerder: all)."""
    if may_administer(user):
        return Assessment.status == SIGNED_OFF
    return and_(Assessment.status == SIGNED_OFF, visible_clause(user))


def visible_assessments(user: User, archived: bool = False) -> list[tuple[Assessment, Access]]:
    """Every assessment the user may see, with what they may do with it; by organisation and period.
    Archived ones only with `archived`."""
    query = select(Assessment).where(visible_clause(user))
    if not archived:
        query = query.where(Assessment.archived_at.is_(None))
    visible = [(a, access_for(user, a)) for a in db.session.scalars(query)]
    return sorted(((a, acc) for a, acc in visible if acc is not None),
                  key=lambda item: (item[0].organisation.name, item[0].period, item[0].id))


# --- plans van aanpak -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanAccess:
    """What one user may do with one plan van aanpak."""

    relation: str  # "lid", "deelnemer", "adviseur"
    can_edit: bool = False


def plan_access_for(user: User, plan: PlanRecord) -> PlanAccess | None:
    """What `user` may do with `plan`; None means they may not even know it exists."""
    for membership in user.memberships:
        if membership.organisation_id == plan.organisation_id:
            return PlanAccess("lid", can_edit=membership.role in MANAGING_ROLES)
    member_of = [m.organisation_id for m in user.memberships]
    if db.session.scalar(select(Participation.id).where(
            Participation.omgevingsdienst_id == plan.organisation_id,
            Participation.participant_id.in_(member_of))) is not None:
        return PlanAccess("deelnemer")
    if plan.assessment_id is not None and db.session.scalar(select(ConsultantGrant.id).where(
            ConsultantGrant.assessment_id == plan.assessment_id,
            ConsultantGrant.organisation_id.in_(member_of))) is not None:
        return PlanAccess("adviseur")
    return None


def get_plan(user: User, plan_id: int, edit: bool = False) -> tuple[PlanRecord, PlanAccess]:
    """The plan and what the user may do with it: NotVisible (audited when it exists) when they may not
    see it; Forbidden when `edit` is asked and they may only read it."""
    plan = db.session.get(PlanRecord, plan_id)
    access = plan_access_for(user, plan) if plan is not None else None
    if access is None:
        raise NotVisible(f"plan van aanpak {plan_id}" if plan is not None else "")
    if edit and not access.can_edit:
        raise Forbidden()
    return plan, access


def visible_plans_clause(user: User):
    """SQL condition on PlanRecord: the plans `user` may see (the same as `plan_access_for`)."""
    org_ids = [m.organisation_id for m in user.memberships]
    participated = select(Participation.omgevingsdienst_id).where(Participation.participant_id.in_(org_ids))
    granted = select(ConsultantGrant.assessment_id).where(ConsultantGrant.organisation_id.in_(org_ids))
    return or_(PlanRecord.organisation_id.in_(org_ids), PlanRecord.organisation_id.in_(participated),
               PlanRecord.assessment_id.in_(granted))


def may_make_plan(user: User, assessment: Assessment) -> bool:
    """A plan is made from a signed-off assessment, by a coordinator or beheerder of its organisation."""
    return assessment.status == SIGNED_OFF and any(
        m.organisation_id == assessment.organisation_id and m.role in MANAGING_ROLES for m in user.memberships)


def require_make_plan(user: User, assessment: Assessment) -> None:
    if not may_make_plan(user, assessment):
        raise Forbidden()


def plan_organisations(user: User) -> list[Organisation]:
    """The organisations whose plans this user makes, changes and imports."""
    return [m.organisation for m in _memberships(user, MANAGING_ROLES) if m.organisation.kind in ASSESSED_KINDS]


def require_plan_organisations(user: User) -> list[Organisation]:
    """The organisations whose plans this user changes; Forbidden when there are none."""
    organisations = plan_organisations(user)
    if not organisations:
        raise Forbidden()
    return organisations


def plan_organisation(user: User, organisation_id: int) -> Organisation:
    """One of `plan_organisations`; Forbidden for any other organisation."""
    organisation = next((o for o in plan_organisations(user) if o.id == organisation_id), None)
    if organisation is None:
        raise Forbidden()
    return organisation


# --- organisations ------------------------------------------------------------------------------------

def _memberships(user: User, roles: Iterable[str]) -> list[Membership]:
    return [m for m in user.memberships if m.role in roles]


def organisations_to_start_in(user: User) -> list[Organisation]:
    """Organisations in which this user may start and import assessments (may be none)."""
    return [m.organisation for m in _memberships(user, MANAGING_ROLES) if m.organisation.kind in ASSESSED_KINDS]


def may_start(user: User) -> bool:
    return bool(organisations_to_start_in(user))


def require_start(user: User) -> list[Organisation]:
    """The organisations this user may start assessments in; Forbidden when there are none."""
    organisations = organisations_to_start_in(user)
    if not organisations:
        raise Forbidden()
    return organisations


def organisation_to_start_in(user: User, organisation_id: int) -> Organisation:
    organisation = next((o for o in organisations_to_start_in(user) if o.id == organisation_id), None)
    if organisation is None:
        raise Forbidden()
    return organisation


def coordinated_organisations(user: User) -> list[Organisation]:
    """Organisations whose members this user manages."""
    return [m.organisation for m in _memberships(user, MANAGING_ROLES)]


def coordinated_organisation(user: User, organisation_id: int) -> Organisation:
    """The organisation, if this user manages its members; NotVisible otherwise."""
    organisation = next((o for o in coordinated_organisations(user) if o.id == organisation_id), None)
    if organisation is None:
        raise NotVisible()
    return organisation


def may_manage_members(user: User) -> bool:
    return bool(coordinated_organisations(user))


def first_coordinated_organisation(user: User) -> Organisation:
    organisations = coordinated_organisations(user)
    if not organisations:
        raise NotVisible()
    return organisations[0]


def membership_in(organisation: Organisation, membership_id: int) -> Membership:
    """A membership of this organisation; NotVisible for one of another organisation or none."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotVisible()
    return membership


def may_change_member(user: User, membership: Membership) -> bool:
    """Whether `user`, managing the members, may change the role of (or remove) this member: not a
    beheerder's membership (that is the beheerder's), and not their own (they would lock themselves out)."""
    return membership.role != "beheerder" and membership.user_id != user.id


def member_change_refusal(user: User, membership: Membership, removing: bool) -> str | None:
    """Why `user` may not change the role of (or remove) this member (see `may_change_member`), or None."""
    if may_change_member(user, membership):
        return None
    if membership.role == "beheerder":
        return ("Een beheerder kan alleen door de beheerder worden verwijderd." if removing
                else "De rol van een beheerder kan alleen de beheerder wijzigen.")
    return "U kunt uzelf niet uit de organisatie verwijderen." if removing else "U kunt uw eigen rol niet wijzigen."


# --- the beheerder -------------------------------------------------------------------------------------

def may_administer(user: User) -> bool:
    """Whether the beheer pages (organisations, users, threshold profiles) are there for this user."""
    return user.is_admin


def require_admin(user: User) -> None:
    """The beheer pages do not exist for anyone but a beheerder: NotVisible."""
    if not may_administer(user):
        raise NotVisible()


def may_block(user: User, account: User) -> bool:
    """A beheerder blocks or unblocks accounts, but never their own (they would lock themselves out)."""
    return may_administer(user) and account.id != user.id
