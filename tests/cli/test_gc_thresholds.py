"""A command runs with fewer garbage collections (`COMMAND_GC_THRESHOLDS`), and the process's own
thresholds are back when it ends, also when it fails."""

import gc

import click
import pytest
from click.testing import CliRunner

from vthscan import commands
from vthscan.commands import COMMAND_GC_THRESHOLDS, main

from .test_cli import DATA


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
