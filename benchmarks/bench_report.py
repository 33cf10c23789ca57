"""Time the PDF gap report for a fully answered default questionnaire (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_report.py [--runs 7] [--questionnaire questionnaires/vthscan-standaard.yaml]
                                                [--whole-process-only] [--against OTHER/bin/vthscan]

Prints median (min-max) timings for scoring, report data, charts, layout and total: with charts drawn
(new scores in a running app: the empty chart templates of the questionnaire are already there),
with charts drawn from scratch (templates too: the first report of a questionnaire layout), warm
(charts from the in-process cache), the same report with a comment of 4,000 characters (the longest
allowed) on every question, and the first report in a fresh process.
Goals (2-core machine): warm with charts drawn < 1.0 s, with charts cached < 0.5 s, every comment at
its longest (charts drawn) < 2.0 s, first report after start < 2.5 s.

Then `vthscan report` as a whole process, as a user runs it (median and min-max of 7 runs): with
`--assessment ID` against a SQLite database prepared in a temporary instance folder (the example
answers questionnaires/voorbeeld-antwoorden-od.json imported as an assessment), and with that answers
file; each with a cold chart cache (emptied before the run), with only the chart templates cached
(new scores) and with a warm cache (the same report again), the three taking turns. Goal: under 1.5 s.
With `--against PATH/bin/vthscan` another installed version runs turn by turn with this one, on a
copy of the same database (and the same questionnaire folder): its figures and the ratio of the
two, run by run, which holds on a machine whose speed drifts.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

KIND = "omgevingsdienst"


def generated_answers(questionnaire, kind: str = KIND) -> dict:
    """Every question answered with a varied, valid value; some comments and evidence (deterministic)."""
    from vthscan.domain.answers import Answer

    rng = random.Random(7)
    answers = {}
    for index, (question_id, (pillar, _, question)) in enumerate(questionnaire.questions.items()):
        if not pillar.applies_to(kind):
            continue
        answers[question_id] = Answer(
            value=question.sample_value(rng, strength=0.6),
            comment=f"Toelichting bij {question_id}: zo doen wij het nu, en dit willen we verbeteren." if index % 4 == 0 else "",
            evidence=f"Document {index}, versie 2026" if index % 5 == 0 else "",
        )
    return answers


def longest_comments(questionnaire, answers: dict) -> dict:
    """The same answers, each with a comment of the longest length allowed (4,000 characters)."""
    from dataclasses import replace

    from vthscan.domain.limits import LONG_TEXT_MAX

    words = ("toezicht handhaving vergunningverlening omgevingsdienst kwaliteitscriteria capaciteit "
             "planning rapportage bodem lucht geluid externe veiligheid").split()
    longest = {}
    for index, (question_id, answer) in enumerate(answers.items()):
        text = " ".join(words[(index + step * 7) % len(words)] for step in range(LONG_TEXT_MAX))
        longest[question_id] = replace(answer, comment=f"Toelichting bij {question_id}: {text}"[:LONG_TEXT_MAX])
    return longest


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def one_report(questionnaire, answers, clear_charts: bool, clear_templates: bool = False) -> dict[str, float]:
    from vthscan.domain.answers import AnswerSet
    from vthscan.domain.scoring import score
    from vthscan.report import charts
    from vthscan.report.data import build_report_data
    from vthscan.report.gap_pdf import build_pdf

    if clear_charts:
        charts.cache_clear(templates=clear_templates)
    answer_set = AnswerSet(questionnaire.id, questionnaire.version, "Omgevingsdienst Benchmark", KIND, "2026",
                           answers)
    t_score, result = timed(score, questionnaire, answers, KIND, None)
    t_data, data = timed(lambda: build_report_data(questionnaire, answer_set, result,
                                                   generated_on=date(2026, 3, 31)))
    # Charts alone (drawn when the cache was cleared, else cache hits), then the layout with the
    # charts in the cache, so "layout" never includes drawing.
    t_charts, _ = timed(lambda: (charts.radar_chart(data.charts), charts.criteria_chart(data.charts)))
    t_layout, pdf = timed(build_pdf, data)
    return {"scoring": t_score, "data": t_data, "charts": t_charts, "layout": t_layout,
            "total": t_score + t_data + t_charts + t_layout, "pages": pdf.count(b"/Type /Page\n"),
            "size": len(pdf)}


FRESH = """
import sys, time
from datetime import date
sys.path.insert(0, {repo!r}); sys.path.insert(0, {bench!r})
from bench_report import generated_answers, KIND
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.answers import AnswerSet
from vthscan.domain.scoring import score
questionnaire = load_questionnaire({path!r})
answers = generated_answers(questionnaire)
start = time.perf_counter()
from vthscan.report.data import build_report_data
from vthscan.report.gap_pdf import build_pdf
result = score(questionnaire, answers, KIND)
data = build_report_data(questionnaire, AnswerSet(questionnaire.id, questionnaire.version, "X", KIND, "2026", answers),
                         result, generated_on=date(2026, 3, 31))
pdf = build_pdf(data)
print(time.perf_counter() - start)
"""


def fresh_process(path: Path) -> tuple[float, float]:
    """(wall time of the whole process, time of imports + first report inside it)."""
    code = FRESH.format(repo=str(REPO), bench=str(Path(__file__).resolve().parent), path=str(path))
    start = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, float(output.strip().splitlines()[-1])


EXAMPLE = REPO / "questionnaires" / "voorbeeld-antwoorden-od.json"
WHOLE_PROCESS_RUNS = 7
CHART_CACHE = "chart-cache"     # in the instance folder


def prepared_instance(folder: Path) -> tuple[dict[str, str], str]:
    """A new instance folder whose SQLite database holds the example answers as an assessment:
    (the environment that points `vthscan` at it, the assessment's id)."""
    environment = {name: value for name, value in os.environ.items() if name != "VTHSCAN_DATABASE_URL"}
    environment.update(VTHSCAN_INSTANCE=str(folder), VTHSCAN_QUESTIONNAIRES=str(REPO / "questionnaires"))

    def vthscan(*args: str) -> str:
        return subprocess.run([vthscan_command(), *args], env=environment, check=True, capture_output=True,
                              text=True).stdout

    vthscan("org", "create", "--name", "Omgevingsdienst Benchmark", "--kind", "omgevingsdienst")
    return environment, vthscan("assessment", "import", str(EXAMPLE), "--org", "Omgevingsdienst Benchmark").strip()


def vthscan_command() -> str:
    """The `vthscan` script of this Python's environment."""
    return shutil.which("vthscan", path=str(Path(sys.executable).parent)) or "vthscan"


CACHE_STATES = ("cold", "templates", "warm")


@dataclass(frozen=True)
class Program:
    """A `vthscan` program to time and the environment it runs in (its own instance folder)."""
    label: str
    command: str
    environment: dict[str, str]

    def report(self, args: list[str]) -> None:
        run = subprocess.run([self.command, "report", *args], env=self.environment, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{self.command} report {' '.join(args)} failed (exit {run.returncode}):\n{run.stderr}")

    def set_cache(self, cache: str) -> None:
        """The chart cache as the state says: emptied ("cold"), only the templates ("templates"), or
        as the last report left it ("warm")."""
        folder = Path(self.environment["VTHSCAN_INSTANCE"]) / CHART_CACHE
        if cache == "cold":
            shutil.rmtree(folder, ignore_errors=True)
        elif cache == "templates":
            for path in folder.glob("chart-*"):
                path.unlink()


def whole_process_runs(programs: list[Program], args: list[str]) -> dict[tuple[str, str], list[float]]:
    """Wall times of `vthscan report ARGS` per program and state of the chart cache (`CACHE_STATES`).
    The states and the programs take turns, run after run, so that a machine whose speed drifts
    affects each alike."""
    for program in programs:
        program.report(args)    # fills the cache, warms the disk
    times: dict[tuple[str, str], list[float]] = {(p.label, cache): [] for p in programs for cache in CACHE_STATES}
    for _ in range(WHOLE_PROCESS_RUNS):
        for cache in CACHE_STATES:
            for program in programs:
                program.set_cache(cache)
                start = time.perf_counter()
                program.report(args)
                times[program.label, cache].append(time.perf_counter() - start)
    return times


def whole_process_figures(against: str | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="vthscan-bench-") as folder:
        environment, assessment_id = prepared_instance(Path(folder) / "instance")
        programs = [Program("this version", vthscan_command(), environment)]
        if against:     # on a copy of the same database, made before either runs a report
            shutil.copytree(environment["VTHSCAN_INSTANCE"], Path(folder) / "other")
            programs.append(Program(against, against, {**environment, "VTHSCAN_INSTANCE": str(Path(folder) / "other")}))
        output = str(Path(folder) / "rapport.pdf")
        print(f"\nvthscan report as a whole process (median of {WHOLE_PROCESS_RUNS} runs (min-max); goal < 1.5 s)")
        for label, args in ((f"--assessment {assessment_id} (SQLite)", ["--assessment", assessment_id]),
                            (f"answers file {EXAMPLE.name}", [str(EXAMPLE)])):
            times = whole_process_runs(programs, [*args, "-o", output, "--date", "2026-03-31"])
            for cache in CACHE_STATES:
                mine = times[programs[0].label, cache]
                print(f"  {label:<42} {cache + ' cache':<16} {summary(mine)}")
                if against:
                    theirs = times[against, cache]
                    ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
                    print(f"  {'':<42} {'':<16} {summary(theirs)}  {against}")
                    print(f"  {'':<42} {'':<16} ratio run by run {statistics.median(ratios):.2f} "
                          f"({min(ratios):.2f}-{max(ratios):.2f})")


def summary(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms  ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--questionnaire", type=Path, default=REPO / "questionnaires" / "vthscan-standaard.yaml")
    parser.add_argument("--whole-process-only", action="store_true",
                        help="Only the whole-process figures of `vthscan report`.")
    parser.add_argument("--against", metavar="VTHSCAN",
                        help="Also time this other `vthscan` program (another version, installed in its own "
                             "environment) in the whole-process figures, turn by turn with this one, on a copy "
                             "of the same database, and print the ratio of the two run by run.")
    args = parser.parse_args()
    if args.whole_process_only:
        whole_process_figures(args.against)
        return

    from vthscan.domain.loader import load_questionnaire

    questionnaire = load_questionnaire(args.questionnaire)
    answers = generated_answers(questionnaire)
    print(f"{questionnaire.id} {questionnaire.version}: {len(answers)} answers for an {KIND}; "
          f"medians of {args.runs} runs (min-max)")

    fresh = [fresh_process(args.questionnaire) for _ in range(3)]
    one_report(questionnaire, answers, clear_charts=True)          # imports and fonts, not measured
    long_answers = longest_comments(questionnaire, answers)
    for label, clear, templates, given in (("cold: charts drawn", True, False, answers),
                                           ("cold: charts drawn from scratch (templates too)", True, True, answers),
                                           ("warm: charts cached", False, False, answers),
                                           (f"every comment 4,000 characters ({len(long_answers)}): charts drawn",
                                            True, False, long_answers)):
        runs = [one_report(questionnaire, given, clear, templates) for _ in range(args.runs)]
        print(f"\n{label}  ({runs[0]['pages']} pages, {runs[0]['size'] // 1024} kB)")
        for phase in ("scoring", "data", "charts", "layout", "total"):
            print(f"  {phase:<8} {summary([run[phase] for run in runs])}")
    print("\nfirst report in a fresh process (3 runs)")
    print(f"  imports + report   {summary([inside for _, inside in fresh])}")
    print(f"  whole process      {summary([wall for wall, _ in fresh])}  (interpreter, domain, loading the "
          f"questionnaire included)")
    whole_process_figures(args.against)


if __name__ == "__main__":
    main()
