"""Print how long the questionnaire and scoring commands take (medians); not part of the test run.

Goals on a 2-core machine: loading and validating the default questionnaire under 50 ms in process;
`vthscan questionnaire validate` and `vthscan score` each under 0.6 s as a whole process.

    python benchmarks/bench_cli.py [--runs N]
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRE = ROOT / "questionnaires" / "vthscan-standaard.yaml"
EXAMPLE = ROOT / "questionnaires" / "voorbeeld-antwoorden-od.json"


def median_ms(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs

    sys.path.insert(0, str(ROOT))
    from vthscan.domain.answers import parse_answers_file
    from vthscan.domain.loader import load_questionnaire
    from vthscan.domain.scoring import score

    load_ms = median_ms(lambda: load_questionnaire(QUESTIONNAIRE), runs)
    questionnaire = load_questionnaire(QUESTIONNAIRE)
    answer_set = parse_answers_file(EXAMPLE.read_text(encoding="utf-8"))
    score_ms = median_ms(lambda: score(questionnaire, answer_set.answers, answer_set.organisation_kind), runs)

    vthscan = shutil.which("vthscan") or str(Path(sys.executable).parent / "vthscan")
    commands = {
        "vthscan questionnaire validate": [vthscan, "questionnaire", "validate"],
        "vthscan score (voorbeeld)": [vthscan, "score", str(EXAMPLE)],
    }
    print(f"median of {runs} runs on {QUESTIONNAIRE.name} "
          f"({len(questionnaire.questions)} questions)")
    print(f"  load + validate, in process      {load_ms:7.1f} ms   (goal < 50 ms)")
    print(f"  score example answers, in process {score_ms:6.1f} ms")
    for name, command in commands.items():
        def run_once(command=command):
            subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        run_once()  # warm the file cache once
        print(f"  {name:<33}{median_ms(run_once, runs):7.1f} ms   (goal < 600 ms, whole process)")


if __name__ == "__main__":
    main()
