"""Print how long comparing and benchmarking take at national scale (medians); not part of the test run.

Generates 400 signed-off assessments of the default questionnaire (questionnaires/vthscan-standaard.yaml)
in a temporary SQLite database with bulk inserts: 29 omgevingsdiensten and 342 municipalities in 2026,
12 provinces and 17 omgevingsdiensten in 2025. Then measures, with the Flask test client logged in as a
beheerder, the comparison page of the 29 omgevingsdiensten, and the peer benchmark of a group of 342
municipalities (one municipality among 341 others). Goal: each well under 0.5 s on a 2-core machine.

    python benchmarks/bench_compare.py [--runs N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_ms(action, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), max(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from sqlalchemy import event, insert, select

    from vthscan.app import create_app
    from vthscan.extensions import db
    from vthscan.models import Answer, Assessment, Organisation, utcnow
    from vthscan.services import accounts, questionnaires
    from vthscan.services.benchmark import peer_benchmark_for

    rng = random.Random(options.seed)
    folder = Path(tempfile.mkdtemp(prefix="vthscan-bench-"))
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
                      "QUESTIONNAIRES_DIR": str(ROOT / "questionnaires"),
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}, instance_path=str(folder / "instance"))
    plan = ([("omgevingsdienst", "2026")] * 29 + [("gemeente", "2026")] * 342 + [("provincie", "2025")] * 12
            + [("omgevingsdienst", "2025")] * 17)

    start = time.perf_counter()
    with app.app_context():
        questionnaire = questionnaires.catalog().get("vthscan-standaard")
        definition = questionnaires.pin_definition(questionnaire)
        admin_org = accounts.create_organisation("Landelijk beheer", "omgevingsdienst")
        accounts.create_user("beheer@example.nl", "bench-password-123", admin_org, "beheerder")
        db.session.commit()
        names = [f"{kind.capitalize()} {number:03d} ({period})" for number, (kind, period) in enumerate(plan)]
        db.session.execute(insert(Organisation), [{"name": name, "kind": kind}
                                                  for name, (kind, _period) in zip(names, plan, strict=True)])
        org_ids = dict(db.session.execute(select(Organisation.name, Organisation.id)).all())
        signed = utcnow()
        db.session.execute(insert(Assessment), [
            {"organisation_id": org_ids[name], "definition_id": definition.id, "period": period,
             "name": f"Beoordeling {period}", "status": "vastgesteld", "signed_off_at": signed}
            for name, (_kind, period) in zip(names, plan, strict=True)])
        rows = db.session.execute(select(Assessment.id, Organisation.kind, Organisation.name)
                                  .join(Organisation, Organisation.id == Assessment.organisation_id)).all()
        answers = []
        for assessment_id, kind, _name in rows:
            for pillar in questionnaire.pillars_for(kind):
                for criterion in pillar.criteria:
                    for question in criterion.questions:
                        answers.append({"assessment_id": assessment_id, "question_id": question.id,
                                        "value": question.sample_value(rng, strength=0.6), "na": False, "unknown": False,
                                        "comment": "", "evidence": ""})
        db.session.execute(insert(Answer), answers)
        db.session.commit()
        od_ids = [a for a, kind, name in rows if kind == "omgevingsdienst" and "(2026)" in name]
        municipality = next(a for a, kind, _name in rows if kind == "gemeente")
    print(f"Generated {len(rows)} signed-off assessments with {len(answers)} answers in "
          f"{time.perf_counter() - start:.1f} s (score summaries left empty, as for rows made before "
          f"summaries were stored).")

    queries = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(1))

    client = app.test_client()
    client.post("/inloggen", data={"email": "beheer@example.nl", "password": "bench-password-123"})
    url = "/vergelijken?" + "&".join(f"a={i}" for i in od_ids)

    def page(full: bool):
        response = client.get(url + ("&alles=1" if full else ""))
        assert response.status_code == 200, response.status_code

    def benchmark():
        with app.app_context():
            result = peer_benchmark_for(db.session.get(Assessment, municipality))
            assert result is not None and result.peers == 341, result

    page(True)  # warm-up: definition cache, templates
    queries.clear()
    page(True)
    page_queries = len(queries)
    for label, full in (("comparison page, 29 ODs, pillars only", False),
                        ("comparison page, 29 ODs, all criteria open", True)):
        median, worst = median_ms(lambda full=full: page(full), options.runs)
        print(f"{label:48s} median {median:6.0f} ms  (max {worst:.0f} ms)")
    print(f"{'':48s} {page_queries} SQL queries per request")

    first = time.perf_counter()
    benchmark()
    print(f"{'benchmark of 342 municipalities, first call':48s} {(time.perf_counter() - first) * 1000:6.0f} ms"
          f"  (fills in 342 missing score summaries once)")
    queries.clear()
    benchmark()
    benchmark_queries = len(queries)
    median, worst = median_ms(benchmark, options.runs)
    print(f"{'benchmark of 342 municipalities':48s} median {median:6.0f} ms  (max {worst:.0f} ms)")
    print(f"{'':48s} {benchmark_queries} SQL queries per call")


if __name__ == "__main__":
    main()
