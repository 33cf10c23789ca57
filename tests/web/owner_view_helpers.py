"""A world for the owners' own view: an omgevingsdienst whose mini questionnaire has a pillar R (pillar A
renamed: criteria A1 and A2, scored for the OD) besides pillar G (G1, not asked of an OD), two
municipalities that own it, another OD with a municipality of its own, a consultancy and a beheerder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vthscan.extensions import db
from vthscan.models import Assessment, Organisation, User
from vthscan.services import owner_views

from .conftest import DATA, Factory, make_app


def owners_questionnaires(tmp_path) -> Path:
    """A questionnaire folder with the mini questionnaire whose pillar A is called R."""
    folder = tmp_path / "owner-questionnaires"
    folder.mkdir()
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    (folder / "mini.yaml").write_text(text.replace('  - id: A\n    title: "Pijler A"', '  - id: R\n    title: "Pijler R"'),
                                      encoding="utf-8")
    return folder


def owners_app(tmp_path, **config):
    return make_app(tmp_path, owners_questionnaires(tmp_path), **config)


@dataclass
class OwnerWorld:
    od: object
    noord: object           # Gemeente Noord, owner of the OD
    zuid: object            # Gemeente Zuid, owner of the OD
    other_gemeente: object  # owner of another OD
    draft: object           # the OD's concept, fully answered: A1 and A2 Voldoet
    signed: object          # the OD's signed-off assessment of 2025
    users: dict


def build_owner_world(factory: Factory) -> OwnerWorld:
    od = factory.org("OD Eigen", "omgevingsdienst")
    noord = factory.org("Gemeente Noord", "gemeente", participant_of=od)
    zuid = factory.org("Gemeente Zuid", "gemeente", participant_of=od)
    other_od = factory.org("OD Ander", "omgevingsdienst")
    other_gemeente = factory.org("Gemeente Ver", "gemeente", participant_of=other_od)
    bureau = factory.org("Bureau Advies", "adviesbureau")
    users = {
        "coordinator": factory.user(od, "coordinator", email="coordinator@od.nl"),
        "invuller": factory.user(od, "invuller", email="invuller@od.nl"),
        "lezer": factory.user(od, "lezer", email="lezer@od.nl"),
        "noord": factory.user(noord, "invuller", email="invuller@noord.nl"),
        "noord_lezer": factory.user(noord, "lezer", email="lezer@noord.nl"),
        "zuid": factory.user(zuid, "coordinator", email="coordinator@zuid.nl"),
        "stranger": factory.user(other_gemeente, "coordinator", email="coordinator@ver.nl"),
        "other_od": factory.user(other_od, "coordinator", email="coordinator@ander.nl"),
        "consultant": factory.user(bureau, "invuller", email="adviseur@bureau.nl"),
        "beheerder": factory.user(factory.org("Landelijk beheer", "provincie"), "beheerder", email="beheer@land.nl"),
    }
    signed = factory.signed_off(od, "2025", users["coordinator"], submitter=users["invuller"])
    draft = factory.complete(factory.assessment(od, "2026", users["coordinator"]), users["invuller"])
    with factory.app.app_context():
        from vthscan.services import consultants
        consultants.grant_consultant(db.session.get(User, users["coordinator"].id),
                                     db.session.get(Assessment, draft.id), bureau.id)
    return OwnerWorld(od, noord, zuid, other_gemeente, factory.get(Assessment, draft.id), signed, users)


def open_round(app, user, assessment) -> None:
    with app.app_context():
        owner_views.open_round(db.session.get(User, user.id), db.session.get(Assessment, assessment.id))


def give_views(app, user, assessment, organisation, views: dict[str, tuple[str | None, str]]) -> int:
    with app.app_context():
        page = owner_views.owner_page(db.session.get(User, user.id), assessment.id, organisation.id, answering=True)
        return owner_views.save_views(db.session.get(User, user.id), page, views)


def organisation(app, organisation_id):
    with app.app_context():
        return db.session.get(Organisation, organisation_id).name
