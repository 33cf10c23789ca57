"""A world for the plan van aanpak tests: an omgevingsdienst with a signed-off assessment that falls
short (so the questionnaire suggests actions), its people, a participating municipality, a stranger and
a consultancy."""

from __future__ import annotations

from dataclasses import dataclass

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, PlanActionRecord, PlanRecord, User
from vthscan.services import plan_edits

from .conftest import Factory

# A1 and A2 below the best level: suggestions A1#1, A2#1, A2#2; B1 at it.
WEAK = {"a1_ja": False, "a1_schaal": 2, "a2_keuze": "matig", "a2_norm": 1, "a2_tekst": "Tekst", "b1_lineair": 60,
        "b1_banden": 95}
# A year later: A1 reaches its threshold, A2 does not.
BETTER = {**WEAK, "a1_ja": True, "a1_schaal": 4}


@dataclass
class PlanWorld:
    od: object
    gemeente: object
    bureau: object
    signed: object
    users: dict


def signed_off_with(factory: Factory, org, period: str, values: dict, coordinator, submitter):
    assessment = factory.assessment(org, period, coordinator)
    factory.answer(assessment, submitter, {qid: Answer(value=value) for qid, value in values.items()})
    factory.transition(assessment, submitter, "submit_for_review")
    return factory.transition(assessment, coordinator, "sign_off")


def build_plan_world(factory: Factory) -> PlanWorld:
    od = factory.org("OD Rivierland", "omgevingsdienst")
    gemeente = factory.org("Gemeente Bruggen", "gemeente", participant_of=od)
    bureau = factory.org("Bureau Advies", "adviesbureau")
    stranger_org = factory.org("OD Elders", "omgevingsdienst")
    users = {"coordinator": factory.user(od, "coordinator", "petra@rivierland.nl"),
             "invuller": factory.user(od, "invuller", "ahmed@rivierland.nl"),
             "lezer": factory.user(od, "lezer", "lotte@rivierland.nl"),
             "gemeente": factory.user(gemeente, "coordinator", "daan@bruggen.nl"),
             "stranger": factory.user(stranger_org, "coordinator", "vreemd@elders.nl"),
             "consultant": factory.user(bureau, "invuller", "anna@bureau.nl")}
    signed = signed_off_with(factory, od, "2025", WEAK, users["coordinator"], users["invuller"])
    return PlanWorld(od, gemeente, bureau, signed, users)


def make_plan(factory: Factory, world: PlanWorld, keys=None) -> PlanRecord:
    """The OD's plan made by its coordinator from the signed-off assessment (all suggestions by default)."""
    with factory.app.app_context():
        plan = plan_edits.create_plan(db.session.get(User, world.users["coordinator"].id),
                                      db.session.get(Assessment, world.signed.id),
                                      keys if keys is not None else ["A1#1", "A2#1", "A2#2"])
        db.session.refresh(plan)
        return plan.id


def actions_of(app, plan_id: int) -> list[PlanActionRecord]:
    with app.app_context():
        rows = list(db.session.scalars(db.select(PlanActionRecord).where(PlanActionRecord.plan_id == plan_id)
                                       .order_by(PlanActionRecord.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def action_form(record, **changes) -> dict:
    """A posted action form with the action as it is, and `changes`."""
    data = {"version": str(record.version), "text": record.text, "criterion": record.criterion or "",
            "owner": "", "start": "", "due": "", "status": record.status, "reason": record.reason,
            "evidence": record.evidence}
    data.update(changes)
    return data


def plan_count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(PlanRecord))
