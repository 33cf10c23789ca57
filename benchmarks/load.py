"""Load test: the app under gunicorn on 127.0.0.1, simulated users logging in, saving answers to their
own assessment and to one shared assessment, opening pages and downloading files; then a check of the
database that every acknowledged save is there and that no update on the shared assessment was lost.
Not part of the test run.

    python benchmarks/load.py [--seconds 60] [--users 50] [--workers 2] [--think 1.0]

SQLite in a temporary instance folder, or the PostgreSQL database of $VTHSCAN_DATABASE_URL (its tables
are created when missing; the run's organisations and users get a unique suffix). Only 127.0.0.1 is
contacted. Goal (2 cores): no errors, p95 of page requests under 300 ms, every acknowledged save present.
A 409 on the shared assessment is an expected answer (a stale save refused), not an error.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES = ROOT / "questionnaires"
PASSWORD = "belasting test wachtzin"
TIMEOUT = 60  # seconds per request


# --- the simulated browser ---------------------------------------------------------------------------------

class Browser:
    """One user's HTTP client: its own cookie, a new connection per request (gunicorn's sync workers
    close it anyway)."""

    def __init__(self, port: int):
        self.port, self.cookie = port, ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self.cookie = value.split(";", 1)[0]
            return response.status, response.getheader("Location") or "", data
        finally:
            connection.close()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    if match is None:
        raise RuntimeError("no csrf token on the page")
    return match.group(1)


def version_on(html: str) -> str:
    match = re.search(r'name="version" type="hidden" value="(\d+)"', html) or \
        re.search(r'type="hidden" name="version" value="(\d+)"', html) or \
        re.search(r'id="version" name="version" type="hidden" value="(\d+)"', html)
    if match is None:
        match = re.search(r'name="version"[^>]*value="(\d+)"', html)
    if match is None:
        raise RuntimeError("no version on the page")
    return match.group(1)


# --- measurements ------------------------------------------------------------------------------------------

@dataclass
class Save:
    assessment_id: int
    loaded_version: int
    values: dict[str, object]  # question id -> the value posted, as the database stores it
    token: str  # unique comment, to find the save back in the database
    status: int


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    saves: list[Save] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.timings.setdefault(kind, []).append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


@dataclass
class Plan:
    """What a simulated user works on: its assessment, the shared one, and which questions to set."""

    email: str
    own_id: int
    shared_id: int
    pillars: dict[str, list[tuple[str, list[tuple[str, object]]]]]  # pillar id -> [(question id, [(posted, value)])]


def timed(results: Results, kind: str, browser: Browser, method: str, path: str, form=None, ok=(200,)):
    start = time.perf_counter()
    try:
        status, location, body = browser.request(method, path, form)
    except (OSError, http.client.HTTPException) as error:
        results.error(f"{kind} {method} {path}: {error!r}")
        return None
    results.record(kind, time.perf_counter() - start)
    if status not in ok:
        results.error(f"{kind} {method} {path}: HTTP {status}")
        return None
    return status, location, body


def simulate(port: int, plan: Plan, deadline: float, think: float, results: Results, counter,
             pdf_weight: float, ramp: float) -> None:
    browser = Browser(port)
    rng = random.Random(plan.email)
    time.sleep(rng.uniform(0, ramp))  # users arrive over the first seconds, not all in the same instant
    got = timed(results, "page", browser, "GET", "/inloggen")
    if got is None:
        return
    form = {"csrf_token": csrf_token(got[2].decode()), "email": plan.email, "password": PASSWORD}
    if timed(results, "login", browser, "POST", "/inloggen", form, ok=(302,)) is None:
        return
    while time.monotonic() < deadline:
        action = rng.choices(["page", "save_own", "save_shared", "export", "pdf"], [40, 25, 25, 8, pdf_weight])[0]
        if action == "page":
            path = rng.choice(["/", f"/beoordelingen/{plan.own_id}",
                               f"/beoordelingen/{plan.shared_id}/pijler/{rng.choice(list(plan.pillars))}"])
            timed(results, "page", browser, "GET", path)
        elif action in ("save_own", "save_shared"):
            assessment_id = plan.own_id if action == "save_own" else plan.shared_id
            pillar = rng.choice(list(plan.pillars))
            page = timed(results, "page", browser, "GET", f"/beoordelingen/{assessment_id}/pijler/{pillar}")
            if page is None:
                continue
            html = page[2].decode()
            if think:
                time.sleep(rng.uniform(0, think))  # filling in the form
            chosen = {qid: rng.choice(allowed) for qid, allowed in plan.pillars[pillar]}
            token = f"t{next(counter)}"
            loaded = int(version_on(html))
            form = {"csrf_token": csrf_token(html), "version": str(loaded), "go": "overview"}
            for qid, (posted, _value) in chosen.items():
                form[f"q_{qid}"] = posted
            first = plan.pillars[pillar][0][0]
            form[f"q_{first}_comment"] = token
            ok = (302, 409) if assessment_id == plan.shared_id else (302,)
            got = timed(results, "save", browser, "POST", f"/beoordelingen/{assessment_id}/pijler/{pillar}", form, ok)
            if got is not None:
                with results.lock:
                    values = {qid: value for qid, (_posted, value) in chosen.items()}
                    results.saves.append(Save(assessment_id, loaded, values, token, got[0]))
                    results.refused += got[0] == 409
        elif action == "export":
            timed(results, "download", browser, "GET", f"/beoordelingen/{plan.own_id}/export")
        else:
            timed(results, "pdf", browser, "GET", f"/beoordelingen/{plan.own_id}/rapport.pdf")
        if think:
            time.sleep(rng.uniform(0, 2 * think))


# --- set-up, server and check ------------------------------------------------------------------------------

def make_world(instance: Path, users: int, run: str) -> tuple[list[Plan], str]:
    os.environ["VTHSCAN_INSTANCE"] = str(instance)
    os.environ["VTHSCAN_QUESTIONNAIRES"] = str(QUESTIONNAIRES)
    sys.path.insert(0, str(ROOT))
    from vthscan.app import create_app
    from vthscan.extensions import db
    from vthscan.services import accounts, assessments, questionnaires
    from vthscan.web.answer_form import TYPES

    app = create_app()
    with app.app_context():
        questionnaire = questionnaires.catalog().get("vthscan-standaard")
        shared_org = accounts.create_organisation(f"Gedeelde OD {run}", "omgevingsdienst")
        shared = assessments.start_assessment(None, shared_org, questionnaire, "2026", "Gedeeld")
        pillars = {}
        for pillar in questionnaire.pillars_for("omgevingsdienst"):
            chosen = []
            for criterion in pillar.criteria:
                for question in criterion.questions:
                    rng = random.Random(question.id)
                    values = [question.sample_value(rng, strength) for strength in (0.2, 0.5, 0.8)]
                    field = TYPES[question.type]
                    chosen.append((question.id, [(field.to_form(value), value) for value in values]))
            pillars[pillar.id] = chosen[:6]
        plans = []
        for number in range(users):
            org = accounts.create_organisation(f"OD {number} {run}", "omgevingsdienst")
            email = f"gebruiker{number}.{run}@belasting.example"
            user = accounts.create_user(email, PASSWORD, org, "coordinator")
            accounts.set_membership(user, shared_org, "invuller")
            own = assessments.start_assessment(user, org, questionnaire, "2026", f"Eigen {number}")
            plans.append(Plan(email, own.id, shared.id, pillars))
        db.session.commit()
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        for engine in db.engines.values():
            engine.dispose()
    return plans, url


def check(url: str, plans: list[Plan], results: Results) -> list[str]:
    """Every acknowledged save present; on the shared assessment no lost update."""
    from sqlalchemy import create_engine, text

    problems = []
    engine = create_engine(url)
    acknowledged = [s for s in results.saves if s.status == 302]
    with engine.connect() as connection:
        audit: dict[str, set[int]] = {}  # comment token -> assessments it was saved to
        rows = connection.execute(text("SELECT assessment_id, new FROM audit_log WHERE action = 'answer'")).all()
        for assessment_id, new in rows:
            for token in re.findall(r"toelichting: (t\d+)", new or ""):
                audit.setdefault(token, set()).add(assessment_id)
        tokens_acknowledged = {s.token for s in acknowledged}
        for save in acknowledged:
            if save.assessment_id not in audit.get(save.token, set()):
                problems.append(f"acknowledged save {save.token} on {save.assessment_id} is not in the database")
        for save in results.saves:
            if save.status == 409 and save.token in audit:
                problems.append(f"refused save {save.token} was applied anyway")
        for token in audit:
            if token not in tokens_acknowledged and token not in {s.token for s in results.saves}:
                problems.append(f"unknown save {token} in the database")

        for assessment_id in sorted({p.own_id for p in plans} | {plans[0].shared_id}):
            saves = sorted((s for s in acknowledged if s.assessment_id == assessment_id), key=lambda s: s.loaded_version)
            version = connection.execute(text("SELECT version FROM assessment WHERE id = :id"),
                                         {"id": assessment_id}).scalar_one()
            loaded = [s.loaded_version for s in saves]
            if len(set(loaded)) != len(loaded):
                problems.append(f"assessment {assessment_id}: two acknowledged saves from the same version "
                                f"(a lost update)")
            if version != 1 + len(saves):
                problems.append(f"assessment {assessment_id}: version {version}, expected {1 + len(saves)}")
            stored = dict(connection.execute(text(
                "SELECT question_id, value FROM answer WHERE assessment_id = :id"), {"id": assessment_id}).all())
            expected = {}
            for save in saves:  # later saves supersede earlier ones
                expected.update(save.values)
            for qid, value in expected.items():
                got = stored.get(qid)
                if isinstance(got, str) and got != value:  # through text(), SQLite gives the JSON text
                    with contextlib.suppress(json.JSONDecodeError):
                        got = json.loads(got)
                if got != value:
                    problems.append(f"assessment {assessment_id} {qid}: {got!r} in the database, "
                                    f"{value!r} from the last acknowledged save")
    engine.dispose()
    return problems


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(instance: Path, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = dict(os.environ, VTHSCAN_INSTANCE=str(instance), VTHSCAN_QUESTIONNAIRES=str(QUESTIONNAIRES))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
         "--bind", f"127.0.0.1:{port}",
         "--chdir", str(ROOT), "--timeout", "120", "--log-level", "warning", "wsgi:app"],
        env=env, stdout=subprocess.DEVNULL, stderr=open(instance / "gunicorn.log", "w"), start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if Browser(port).request("GET", "/inloggen")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start; see " + str(instance / "gunicorn.log"))


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] * 1000 if values else 0.0
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a user's requests in seconds (0: as fast as possible)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker (more than 1: gthread workers)")
    parser.add_argument("--pdf", type=float, default=2,
                        help="share of actions that download the PDF report, in percent (0: none)")
    parser.add_argument("--ramp", type=float, default=10,
                        help="users log in at random moments within this many seconds (0: all at once)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary instance folder")
    args = parser.parse_args()
    args.users = max(1, min(args.users, 200))
    args.seconds = max(1.0, min(args.seconds, 3600))
    args.ramp = max(0.0, min(args.ramp, args.seconds))

    folder = Path(tempfile.mkdtemp(prefix="vthscan-load-"))
    instance = folder / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(f"SECRET_KEY = {secrets.token_hex(32)!r}\n", encoding="utf-8")
    run = secrets.token_hex(3)
    server = None
    try:
        started = time.perf_counter()
        plans, url = make_world(instance, args.users, run)
        database = url.split("://")[0]
        print(f"set-up: {args.users} users and assessments in {time.perf_counter() - started:.1f} s on {database}")
        port = free_port()
        server = start_server(instance, port, args.workers, args.threads)
        results = Results()
        counter = itertools.count(1)  # unique comment per save (next() on it is atomic in CPython)
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=simulate, args=(port, plan, deadline, args.think, results, counter, args.pdf, args.ramp),
                                    daemon=True) for plan in plans]
        begin = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + TIMEOUT + 5)
        elapsed = time.perf_counter() - begin
        stuck = sum(thread.is_alive() for thread in threads)

        total = sum(len(v) for v in results.timings.values())
        print(f"{args.users} users, {args.workers} gunicorn workers x {args.threads} threads, "
              f"think time {args.think} s, ramp-up {args.ramp} s, PDF share {args.pdf} %, "
              f"{elapsed:.1f} s: {total} requests, {total / elapsed:.1f} requests/s")
        print(f"{'kind':<10}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        for kind in ("page", "login", "save", "download", "pdf"):
            values = results.timings.get(kind, [])
            if values:
                p50, p95, p99 = percentiles(values)
                print(f"{kind:<10}{len(values):>7}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}")
        acknowledged = sum(s.status == 302 for s in results.saves)
        print(f"saves: {acknowledged} acknowledged, {results.refused} refused as stale (409, expected on the "
              f"shared assessment)")
        print(f"errors: {len(results.errors)}" + (f" (threads still running: {stuck})" if stuck else ""))
        for error in results.errors[:10]:
            print("  " + error)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    problems = check(url, plans, results)
    print("database check: " + ("every acknowledged save present, no lost update on the shared assessment"
                                if not problems else f"{len(problems)} problems"))
    for problem in problems[:20]:
        print("  " + problem)
    if args.keep:
        print(f"instance folder kept: {instance}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if results.errors or problems or stuck else 0


if __name__ == "__main__":
    sys.exit(main())
