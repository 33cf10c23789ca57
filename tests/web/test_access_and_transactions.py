"""The two rules of the services.

Who commits: every write service audits and commits its own change, leaves nothing half-written when
it refuses, and reads never commit. A refused page is audited by the error handler, in a transaction of
its own, not by the read that found out.

Who decides: services/access.py, whose refusals are errors (NotVisible, Forbidden), never HTTP
exceptions; the pages (and their menu) show what it allows.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, Organisation, User
from vthscan.services import access, accounts, assessments, profiles, questionnaires
from vthscan.services.errors import Forbidden, NotVisible, ServiceError

from .conftest import login


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def denials(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditLog.subject).where(AuditLog.action == "access_denied")))


def test_a_write_service_commits_its_change_and_its_audit_entry(app, factory):
    admin = factory.user(factory.org("Beheer"), "beheerder")
    with app.app_context():
        accounts.create_organisation("OD Nieuw", "omgevingsdienst", by=db.session.get(User, admin.id))
        db.session.rollback()  # the caller commits nothing: the service already did
        assert accounts.organisation_by_name("OD Nieuw").kind == "omgevingsdienst"
        assert count(AuditLog, AuditLog.action == "organisation_created", AuditLog.subject == "OD Nieuw",
                     AuditLog.user_id == admin.id) == 1


def test_a_refused_write_leaves_nothing_half_written(app, factory):
    with app.app_context():
        with pytest.raises(ServiceError, match="Organisatie 'Bestaat niet' bestaat niet"):
            accounts.create_organisation("Gemeente Half", "gemeente", participant_of="Bestaat niet")
        db.session.commit()  # even a careless caller's commit finds nothing of it
        assert count(Organisation, Organisation.name == "Gemeente Half") == 0


def test_starting_from_a_previous_assessment_that_does_not_exist_keeps_nothing(app, factory):
    org = factory.org("OD Eerste")
    with app.app_context():
        with pytest.raises(ServiceError, match="geen eerdere vastgestelde beoordeling"):
            assessments.start_assessment(None, db.session.get(Organisation, org.id),
                                         questionnaires.catalog().get("mini"), "2026", "", copy_previous=True)
        db.session.commit()
        assert count(Assessment) == 0
        assert count(AuditLog, AuditLog.action == "created") == 0


def test_a_read_that_refuses_access_commits_nothing(app, factory):
    assessment = factory.assessment(factory.org("OD Eigen"))
    stranger = factory.user(factory.org("OD Vreemd"), "coordinator")
    with app.app_context():
        db.session.add(Organisation(name="Niet bewaard", kind="gemeente"))  # the caller's own, unfinished work
        with pytest.raises(NotVisible) as refused:
            access.get_assessment(db.session.get(User, stranger.id), assessment.id)
        assert refused.value.audit_subject == f"beoordeling {assessment.id}"
        db.session.rollback()
        assert count(Organisation, Organisation.name == "Niet bewaard") == 0
        assert count(AuditLog, AuditLog.action == "access_denied") == 0


def test_a_hidden_assessment_is_a_404_audited_once_by_the_error_handler(app, client, factory):
    assessment = factory.assessment(factory.org("OD Eigen"))
    stranger = factory.user(factory.org("OD Vreemd"), "coordinator")
    login(client, stranger)
    assert client.get(f"/beoordelingen/{assessment.id}").status_code == 404
    assert denials(app) == [f"beoordeling {assessment.id}"]
    assert client.get("/beoordelingen/999999").status_code == 404  # not there at all: nothing to audit
    assert denials(app) == [f"beoordeling {assessment.id}"]


def test_seeing_but_not_doing_is_forbidden(app, factory):
    org = factory.org("OD Eigen")
    assessment = factory.assessment(org)
    reader = factory.user(org, "lezer")
    with app.app_context():
        user = db.session.get(User, reader.id)
        _assessment, rights = access.get_assessment(user, assessment.id)
        assert rights.relation == "lid" and not rights.can_edit_answers
        with pytest.raises(Forbidden):
            access.get_assessment(user, assessment.id, needs="can_edit_answers")


def test_an_unknown_profile_is_not_visible_rather_than_an_http_error(app):
    with app.app_context():
        with pytest.raises(NotVisible):
            profiles.choose_profile(questionnaires.catalog().get("mini"), "db:999")


def test_a_coordinator_may_change_other_members_but_not_a_beheerder_nor_themselves(app, factory):
    org = factory.org("OD Eigen")
    coordinator, reader = factory.user(org, "coordinator"), factory.user(org, "lezer")
    admin = factory.user(org, "beheerder")
    with app.app_context():
        by = db.session.get(User, coordinator.id)
        members = accounts.members(db.session.get(Organisation, org.id))
        allowed = {m.user.email: access.may_change_member(by, m) for m in members}
    assert allowed == {coordinator.email: False, reader.email: True, admin.email: False}


@pytest.mark.parametrize("role, members_link, beheer_links", [
    ("lezer", False, False), ("invuller", False, False), ("coordinator", True, False), ("beheerder", True, True)])
def test_the_menu_shows_what_access_allows(app, client, factory, role, members_link, beheer_links):
    login(client, factory.user(factory.org("OD Eigen"), role))
    html = client.get("/").get_data(as_text=True)
    assert ('href="/organisaties/"' in html) is members_link
    assert all((f'href="{url}"' in html) is beheer_links
               for url in ("/beheer/organisaties", "/beheer/gebruikers", "/beheer/normprofielen"))
