"""The `vthscan` program and the garbage collector: a command runs with fewer collections
(`COMMAND_GC_THRESHOLDS`) and the caller's thresholds are back when it ends, also when it fails; the
program skips the last collection at exit, and what it wrote is complete."""

import atexit
import gc
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vthscan import commands
from vthscan.commands import COMMAND_GC_THRESHOLDS, main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
EXAMPLE = ROOT / "questionnaires" / "voorbeeld-antwoorden-od.json"


@pytest.fixture
def seen(monkeypatch):
    """The thresholds while `vthscan probe` runs (a command added to the table for this test)."""
    thresholds = []

    @click.command("probe")
    def probe():
        thresholds.append(gc.get_threshold())

    monkeypatch.setitem(commands.SUB_COMMANDS, "probe", ("questionnaire", "probe"))
    monkeypatch.setattr("vthscan.commands.questionnaire.probe", probe, raising=False)
    return thresholds


def test_a_command_runs_with_the_command_thresholds_and_restores_them(seen):
    before = gc.get_threshold()
    assert CliRunner().invoke(main, ["probe"]).exit_code == 0
    assert seen == [COMMAND_GC_THRESHOLDS]
    assert gc.get_threshold() == before


def test_the_thresholds_are_restored_after_a_failing_command():
    before = gc.get_threshold()
    result = CliRunner().invoke(main, ["--questionnaires", str(DATA), "score", "bestaat-niet.json"])
    assert result.exit_code != 0
    assert gc.get_threshold() == before


def test_the_console_script_is_the_program_that_skips_the_last_collection(monkeypatch):
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["vthscan"] == "vthscan.commands:run"
    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(commands, "main", lambda: None)
    commands.run()
    assert registered == [gc.freeze]


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
