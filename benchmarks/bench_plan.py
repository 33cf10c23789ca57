"""Print how long the plan van aanpak pages take, and how many SQL queries they make; not part of the test run.

Generates 29 omgevingsdiensten with a signed-off assessment of the default questionnaire
(questionnaires/vthscan-standaard.yaml) and a plan van aanpak of 200 actions each (owners of every kind,
a progress note per action, a tenth overdue) in a temporary SQLite database with bulk inserts. Then
measures with the Flask test client: the plan page of one OD (200 actions) as its coordinator, that
coordinator's start page (the overdue actions), and the comparison page of the 29 ODs with the plan row
as a beheerder. Goal: each under 150 ms on a 2-core machine. Then every plan gets 200 more actions and
the query counts are taken again: they must not grow with the number of actions.

    python benchmarks/bench_plan.py [--runs N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWNER_KINDS = ("persoon", "omgevingsdienst", "bestuur", "deelnemer", None)
STATUSES = ("open", "bezig", "gereed", "vervallen")


def median_ms(action, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), max(timings)


def add_actions(db, rng, plans: list[tuple[int, int, int, int]], questionnaire, first: int, count: int) -> None:
    """`count` actions per plan (plan id, coordinator id, participant id, organisation id), numbered from
    `first`, each with one progress note, in two bulk inserts."""
    from sqlalchemy import insert, select

    from vthscan.models import PlanActionRecord, PlanNoteRecord, utcnow

    criteria = [criterion.id for _pillar, criterion in questionnaire.criteria]
    today = date.today()
    rows = []
    for plan_id, user_id, participant_id, _org in plans:
        for number in range(first, first + count):
            kind = OWNER_KINDS[number % len(OWNER_KINDS)]
            status = STATUSES[number % len(STATUSES)]
            overdue = number % 10 == 0
            rows.append({
                "plan_id": plan_id, "number": str(number), "text": f"Verbeteractie {number}: " + "tekst " * 12,
                "criterion": rng.choice(criteria), "origin": "eigen", "owner_kind": kind,
                "owner_user_id": user_id if kind == "persoon" else None,
                "owner_organisation_id": participant_id if kind == "deelnemer" else None,
                "start": today - timedelta(days=200), "status": "bezig" if overdue else status,
                "due": today - timedelta(days=3) if overdue else today + timedelta(days=number),
                "reason": "Andere aanpak gekozen." if status == "vervallen" and not overdue else "",
                "evidence": "Besluit AB" if status == "gereed" and not overdue else "", "improves": {}, "version": 1,
                "created_at": utcnow(), "updated_at": utcnow()})
    db.session.execute(insert(PlanActionRecord), rows)
    ids = db.session.execute(select(PlanActionRecord.id).where(PlanActionRecord.number.in_(
        [str(n) for n in range(first, first + count)]))).scalars().all()
    db.session.execute(insert(PlanNoteRecord), [
        {"action_id": action_id, "author": "coordinator@od-00.nl", "written_at": utcnow(), "text": "Voortgang besproken."}
        for action_id in ids])
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from sqlalchemy import event, insert, select

    from vthscan.app import create_app
    from vthscan.extensions import db
    from vthscan.models import Answer, Assessment, PlanRecord, User, utcnow
    from vthscan.services import accounts, questionnaires

    rng = random.Random(options.seed)
    folder = Path(tempfile.mkdtemp(prefix="vthscan-bench-"))
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
                      "QUESTIONNAIRES_DIR": str(ROOT / "questionnaires"),
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}, instance_path=str(folder / "instance"))
    start = time.perf_counter()
    with app.app_context():
        questionnaire = questionnaires.catalog().get("vthscan-standaard")
        definition = questionnaires.pin_definition(questionnaire)
        admin_org = accounts.create_organisation("Landelijk beheer", "provincie")
        accounts.create_user("beheer@example.nl", "bench-password-123", admin_org, "beheerder")
        plans, assessment_ids = [], []
        for number in range(29):
            od = accounts.create_organisation(f"Omgevingsdienst {number:02d}", "omgevingsdienst")
            participant = accounts.create_organisation(f"Gemeente {number:02d}", "gemeente", od.name)
            user = accounts.create_user(f"coordinator@od-{number:02d}.nl", "bench-password-123", od, "coordinator")
            assessment = Assessment(organisation=od, definition=definition, period="2026", name="Beoordeling 2026",
                                    status="vastgesteld", signed_off_at=utcnow())
            db.session.add(assessment)
            db.session.flush()
            plan = PlanRecord(organisation=od, questionnaire_id=questionnaire.id, definition=definition,
                              assessment=assessment)
            db.session.add(plan)
            db.session.flush()
            plans.append((plan.id, user.id, participant.id, od.id))
            assessment_ids.append(assessment.id)
        db.session.commit()
        db.session.execute(insert(Answer), [
            {"assessment_id": assessment_id, "question_id": question.id,
             "value": question.sample_value(rng, strength=0.6), "na": False, "unknown": False, "comment": "",
             "evidence": ""}
            for assessment_id in assessment_ids for pillar in questionnaire.pillars_for("omgevingsdienst")
            for criterion in pillar.criteria for question in criterion.questions])
        add_actions(db, rng, plans, questionnaire, 1, 200)
        first_plan = plans[0][0]
        assert db.session.scalar(select(User.id).where(User.email == "coordinator@od-00.nl")) == plans[0][1]
    print(f"Generated 29 ODs, each with a signed-off assessment and a plan of 200 actions (and a note each), "
          f"in {time.perf_counter() - start:.1f} s.")

    queries = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(1))
    coordinator, admin = app.test_client(), app.test_client()
    coordinator.post("/inloggen", data={"email": "coordinator@od-00.nl", "password": "bench-password-123"})
    admin.post("/inloggen", data={"email": "beheer@example.nl", "password": "bench-password-123"})
    compare_url = "/vergelijken?" + "&".join(f"a={i}" for i in assessment_ids)
    pages = [("plan page, 200 actions (coordinator)", coordinator, f"/plannen/{first_plan}"),
             ("start page with overdue actions (coordinator)", coordinator, "/"),
             ("comparison, 29 ODs with the plan row (beheerder)", admin, compare_url)]

    def get(client, url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def query_counts() -> list[int]:
        counts = []
        for _label, client, url in pages:
            get(client, url)  # warm-up: definition cache, templates
            queries.clear()
            get(client, url)
            counts.append(len(queries))
        return counts

    with_200 = query_counts()
    for (label, client, url), count in zip(pages, with_200, strict=True):
        median, worst = median_ms(lambda client=client, url=url: get(client, url), options.runs)
        print(f"{label:50s} median {median:6.0f} ms  (max {worst:.0f} ms)  {count} SQL queries")
    overdue = get(coordinator, "/").get_data(as_text=True).count("/acties/")
    print(f"{'':50s} ({overdue} overdue actions listed on the start page)")

    with app.app_context():
        add_actions(db, rng, plans, questionnaire, 201, 200)
    with_400 = query_counts()
    for (label, _client, _url), before, after in zip(pages, with_200, with_400, strict=True):
        print(f"{label:50s} SQL queries with 200 actions per plan: {before}, with 400: {after}")
    if with_200 != with_400:
        raise SystemExit("the number of queries grows with the number of actions")


if __name__ == "__main__":
    main()
