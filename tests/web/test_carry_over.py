"""Carrying answers to a new questionnaire version: "start from last period" across versions, the
`vthscan assessment migrate` command, and the demo's 2025 assessments carried to 1.1."""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from vthscan.app import create_app
from vthscan.commands import main
from vthscan.demo import create_demo
from vthscan.domain.answers import Answer
from vthscan.domain.scoring import score
from vthscan.extensions import db
from vthscan.models import Assessment, AuditLog, Organisation, User
from vthscan.services import assessments, carry_over, questionnaires
from vthscan.services.answers import answers_of

from .conftest import REAL_QUESTIONNAIRES, Factory, detached, login, make_app
from .conftest import test_database_url as database_url_for

FTE_QUESTIONS = {"r2_fte_vergunningverlening_milieu", "r2_fte_toezicht_milieu", "r2_fte_handhaving_juridisch",
                 "r2_fte_bodem", "r2_fte_geluid", "r2_fte_lucht_geur", "r2_fte_omgevingsveiligheid",
                 "r2_fte_asbest"}


@pytest.fixture
def real_app(tmp_path):
    return make_app(tmp_path, REAL_QUESTIONNAIRES)


@pytest.fixture
def demo_app(real_app):
    with real_app.app_context():
        create_demo()
    return real_app


def given(answers: dict[str, Answer]) -> set[str]:
    return {qid for qid, answer in answers.items() if answer != Answer()}


def test_every_answer_of_the_demos_2025_assessments_is_carried_to_1_1_or_listed(demo_app):
    with demo_app.app_context():
        last_year = list(db.session.scalars(select(Assessment).where(Assessment.period == "2025")))
        assert {a.questionnaire_version for a in last_year} == {"1.0"} and len(last_year) == 4
        for assessment in last_year:
            old_answers = answers_of(assessment)
            summary_before = assessment.score_summary
            new, result = carry_over.migrate_assessment(None, assessment, "1.1")

            carried = {old for origins in result.origins.values() for old in origins}
            listed = {item.question_id for item in result.not_carried}
            assert carried | listed == given(old_answers) and not carried & listed, assessment.name
            # only the fte answers of R2 cannot be carried: 1.1 asks for persons
            assert listed == FTE_QUESTIONS & given(old_answers)
            assert all(item.reason.startswith("Versie 1.1 vraagt per deskundigheidsgebied het aantal")
                       for item in result.not_carried)

            new = db.session.get(Assessment, new.id)
            assert (new.questionnaire_version, new.status, new.period) == ("1.1", "concept", "2025")
            assert {row.question_id: row.is_copied for row in new.answers} == dict.fromkeys(result.answers, True)
            assert answers_of(new) == result.answers
            logged = db.session.scalars(select(AuditLog).where(AuditLog.assessment_id == new.id,
                                                               AuditLog.action == "answer_not_carried"))
            assert sorted(entry.subject for entry in logged) == sorted(listed)

            # the signed-off assessment itself reads and scores as before
            assessment = db.session.get(Assessment, assessment.id)
            assert assessment.status == "vastgesteld" and answers_of(assessment) == old_answers
            again = score(questionnaires.questionnaire_for(assessment), old_answers, assessment.organisation.kind)
            assert {"score": again.score, "pillars": {p.id: p.score for p in again.pillars}} == summary_before


def test_the_demos_2026_draft_lists_what_was_not_carried_from_2025(demo_app):
    client = demo_app.test_client()
    assert login(client, "coordinator.polderland@demo.vthscan.nl", "demo-wachtwoord").status_code == 302
    with demo_app.app_context():
        draft = db.session.scalar(select(Assessment).join(Organisation).where(
            Organisation.name == "Omgevingsdienst Polderland", Assessment.period == "2026"))
        listed = carry_over.not_carried(draft)
        draft_id = draft.id
    assert listed and {item.question_id for item in listed} <= FTE_QUESTIONS
    page = client.get(f"/beoordelingen/{draft_id}").get_data(as_text=True)
    assert "Niet overgenomen uit de vorige beoordeling" in page
    assert all(item.question_id in page for item in listed)
    assert "Versie 1.1 vraagt per deskundigheidsgebied het aantal gekwalificeerde personen" in page
    log = client.get(f"/beoordelingen/{draft_id}/logboek").get_data(as_text=True)
    assert "answer_not_carried" in log and "versie 1.0 → 1.1" in log


def complete_answers(questionnaire, kind: str, seed: int) -> dict[str, Answer]:
    rng = random.Random(seed)
    return {qid: Answer(value=question.sample_value(rng, 0.7))
            for qid, (_, _, question) in questionnaire.for_kind(kind).questions.items()}


def signed_off_on(app, factory: Factory, org, version: str, extra: dict[str, Answer] | None = None):
    coordinator, invuller = factory.user(org, "coordinator"), factory.user(org, "invuller")
    with app.app_context():
        questionnaire = questionnaires.catalog().get("vthscan-standaard", version)
    with app.app_context():
        assessment = detached(assessments.start_assessment(
            db.session.get(User, coordinator.id), db.session.get(Organisation, org.id), questionnaire, "2025",
            "Zelfevaluatie 2025"))
    factory.answer(assessment, invuller, complete_answers(questionnaire, org.kind, 3) | (extra or {}))
    factory.transition(assessment, invuller, "submit_for_review")
    factory.transition(assessment, coordinator, "sign_off")
    return coordinator


def test_start_from_last_period_carries_1_0_answers_to_1_1_and_lists_the_rest(real_app):
    factory = Factory(real_app)
    org = factory.org("Omgevingsdienst Noord")
    coordinator = signed_off_on(real_app, factory, org, "1.0", {
        "r2_fte_bodem": Answer(value=3.5, comment="<b>drie</b> mensen"), "r1_overzicht_taken": Answer(value=True)})
    client = real_app.test_client()
    login(client, coordinator)
    response = client.post("/beoordelingen/nieuw", data={
        "organisation": org.id, "questionnaire": "vthscan-standaard|1.1", "period": "2026", "name": "",
        "copy_previous": "y"})
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    overview = client.get(f"/beoordelingen/{new_id}").get_data(as_text=True)
    assert "Niet overgenomen uit de vorige beoordeling" in overview
    assert "r2_fte_bodem" in overview and "Een aantal fte is niet om te rekenen naar een aantal personen" in overview
    with real_app.app_context():
        new = db.session.get(Assessment, new_id)
        rows = {row.question_id: row for row in new.answers}
        assert rows["r1_overzicht_taken"].is_copied and rows["r1_overzicht_taken"].value is True
        assert not FTE_QUESTIONS & set(rows)
        assert {item.question_id for item in carry_over.not_carried(new)} == FTE_QUESTIONS
    page = client.get(f"/beoordelingen/{new_id}/pijler/R").get_data(as_text=True)
    assert "Overgenomen uit de vorige periode" in page


def test_a_municipality_keeps_its_answers_and_meets_the_two_new_questions(real_app):
    factory = Factory(real_app)
    od = factory.org("Omgevingsdienst Zuid")
    municipality = factory.org("Gemeente Oever", "gemeente", od)
    coordinator = signed_off_on(real_app, factory, municipality, "1.0")
    with real_app.app_context():
        previous = db.session.scalar(select(Assessment).where(Assessment.organisation_id == municipality.id))
        new, result = carry_over.migrate_assessment(db.session.get(User, coordinator.id), previous, "1.1")
        assert result.not_carried == [] and set(result.answers) == given(answers_of(previous))
        new_id = new.id
    client = real_app.test_client()
    login(client, coordinator)
    overview = client.get(f"/beoordelingen/{new_id}").get_data(as_text=True)
    assert "Niet overgenomen" not in overview
    assert "p2_lhso_vastgesteld" in overview and "p5_rolbewustzijn_bestuur" in overview  # still open


@pytest.fixture
def instance(tmp_path, monkeypatch):
    folder = tmp_path / "instance"
    folder.mkdir()
    (folder / "config.py").write_text(
        'SECRET_KEY = "migrate-test"\nPASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"\n'
        f'DATABASE_URL = {database_url_for(folder)!r}\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(folder))
    return folder


@pytest.fixture
def instance_app():
    """The app of the instance folder, as the commands make it; its connections are closed afterwards."""
    made = []

    def make():
        made.append(create_app(questionnaires=str(REAL_QUESTIONNAIRES)))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


def run(*args):
    return CliRunner().invoke(main, ["--questionnaires", str(REAL_QUESTIONNAIRES), *map(str, args)])


def test_the_migrate_command_makes_a_new_assessment_and_says_what_it_could_not_carry(instance, instance_app):
    assert run("demo").exit_code == 0
    app = instance_app()
    with app.app_context():
        polderland = db.session.scalar(select(Assessment).join(Organisation).where(
            Organisation.name == "Omgevingsdienst Polderland", Assessment.period == "2025"))
        source_id, answered = polderland.id, given(answers_of(polderland))
    result = run("assessment", "migrate", source_id, "--to", "1.1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Beoordeling ") and "(concept, versie 1.1)" in lines[0]
    listed = [line.strip().split(":")[0] for line in lines if line.startswith("  ")]
    assert set(listed) == FTE_QUESTIONS & answered
    assert f"{len(answered) - len(listed)} antwoorden overgenomen uit beoordeling {source_id}" in result.output
    assert "Een aantal fte is niet om te rekenen naar een aantal personen" in result.output
    new_id = int(lines[0].split()[1])
    with app.app_context():
        new = db.session.get(Assessment, new_id)
        assert new.questionnaire_version == "1.1" and len(new.answers) == len(answered) - len(listed)
        source = db.session.get(Assessment, source_id)
        assert source.status == "vastgesteld" and source.questionnaire_version == "1.0"
        actions = [e.action for e in db.session.scalars(select(AuditLog).where(AuditLog.assessment_id == new_id))]
        assert actions.count("answer_not_carried") == len(listed) and "copied_from" in actions


@pytest.mark.parametrize("args, message", [
    (("1", "--to", "9.9"), "Fout: Versie 9.9 van vragenlijst vthscan-standaard is niet gevonden (beschikbaar: 1.0, 1.1)."),
    (("1", "--to", "1.0"), "Fout: Beoordeling 1 gebruikt al versie 1.0 van vthscan-standaard."),
    (("999", "--to", "1.1"), "Fout: Beoordeling 999 bestaat niet."),
])
def test_the_migrate_command_refuses_in_dutch(instance, args, message):
    assert run("demo").exit_code == 0
    result = run("assessment", "migrate", *args)
    assert result.exit_code == 1
    assert message in result.output
