"""The `vthscan` program and the garbage collector: the program runs with fewer collections
(`PROGRAM_GC_THRESHOLDS`) and skips the last one at exit, and what it wrote is complete; `main` run
in another process (as here) leaves that process's collector alone."""

import atexit
import gc
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner

from vthscan import commands
from vthscan.commands import PROGRAM_GC_THRESHOLDS, main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
EXAMPLE = ROOT / "questionnaires" / "voorbeeld-antwoorden-od.json"


def test_main_leaves_the_callers_collector_alone():
    before = gc.get_threshold()
    assert CliRunner().invoke(main, ["--questionnaires", str(DATA), "questionnaire", "list"]).exit_code == 0
    assert gc.get_threshold() == before


def test_the_console_script_is_the_program_with_fewer_collections_and_none_at_exit(monkeypatch):
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["vthscan"] == "vthscan.commands:run"
    thresholds, registered, ran = [], [], []
    monkeypatch.setattr(gc, "set_threshold", lambda *values: thresholds.append(values))
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(commands, "main", lambda: ran.append(True))
    commands.run()
    assert thresholds == [PROGRAM_GC_THRESHOLDS] and registered == [gc.freeze] and ran == [True]


def test_the_program_writes_the_same_report_as_main_in_process(tmp_path, monkeypatch):
    """Nothing the command writes is lost because the last collection is skipped."""
    environment = {**os.environ, "VTHSCAN_INSTANCE": str(tmp_path)}
    program = shutil.which("vthscan", path=str(Path(sys.executable).parent))
    by_program = tmp_path / "programma.pdf"
    subprocess.run([program, "report", str(EXAMPLE), "-o", str(by_program), "--date", "2026-03-31"],
                   env=environment, check=True, capture_output=True)
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(tmp_path))
    in_process = tmp_path / "in-proces.pdf"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", str(in_process), "--date", "2026-03-31"])
    assert result.exit_code == 0, result.output
    assert by_program.read_bytes() == in_process.read_bytes()
