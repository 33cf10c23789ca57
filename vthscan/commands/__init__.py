"""The `vthscan` command: `main` and its sub-commands, one module per subject.

The sub-modules share their helpers through `common` and never import this package or each other.
A sub-command's module is imported only when that command runs (or `--help` lists them all), so
starting `vthscan` costs click alone; each command then imports what it uses. Heavy libraries (Flask,
SQLAlchemy, reportlab, matplotlib) are imported only inside the commands that use them, so
`vthscan questionnaire validate` and `vthscan score` start fast.
"""

from __future__ import annotations

import atexit
import gc
import importlib

import click

# name -> (module in this package, the command in it). Without a database: questionnaire, score,
# answers, compare, report (from an answers file); the others use the web app and its database.
SUB_COMMANDS = {
    "questionnaire": ("questionnaire", "questionnaire_group"),
    "score": ("score", "score_command"),
    "answers": ("score", "answers_group"),
    "compare": ("compare", "compare_command"),
    "report": ("report", "report_command"),
    "init": ("server", "init_command"),
    "run": ("server", "run_command"),
    "demo": ("server", "demo_command"),
    "db": ("server", "db_group"),
    "org": ("accounts", "org_group"),
    "user": ("accounts", "user_group"),
    "assessment": ("assessments", "assessment_group"),
    "plan": ("plans", "plan_group"),
    "export-all": ("backup", "export_all_command"),
    "import-all": ("backup", "import_all_command"),
}


# The program is a short process that makes a few hundred thousand long-lived objects while it imports
# its libraries (pydantic, SQLAlchemy, reportlab); with Python's default thresholds (700, 10, 10) the
# garbage collector walks them all again and again: 0.1-0.3 s of `vthscan report --assessment`. With
# these a command as a rule never collects (`report --assessment` has about 250,000 objects at its
# peak; at 200,000, mypy's choice, it would still collect once, 70-100 ms), while a long one (an
# import of a large backup) still does, every 500,000 new objects; the peak memory is the same.
PROGRAM_GC_THRESHOLDS = (500_000, 30, 30)


class LazyGroup(click.Group):
    """A group that imports a sub-command's module when the command is asked for (click's documented
    pattern for lazily loaded sub-commands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUB_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUB_COMMANDS:
            return None
        module, attribute = SUB_COMMANDS[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--questionnaires", "questionnaires", metavar="MAP",
              help="Map met vragenlijsten en normprofielen (standaard: ./questionnaires).")
@click.pass_context
def main(ctx: click.Context, questionnaires: str | None) -> None:
    """vthscan: zelfevaluatie voor vergunningverlening, toezicht en handhaving (VTH)."""
    ctx.ensure_object(dict)
    ctx.obj["questionnaires"] = questionnaires


def run() -> None:
    """The `vthscan` program (its console script): `main` with fewer garbage collections
    (`PROGRAM_GC_THRESHOLDS`), and a quick exit.

    When a process ends, Python collects garbage once more over every object still alive: for
    `vthscan report --assessment` those of SQLAlchemy, reportlab and pydantic, 0.3-0.5 s for nothing,
    as the operating system takes the memory back anyway. `gc.freeze()` as the last step of the exit
    takes them out of the collector's sight. (Commands close their files and database connections
    before they return.) `main` itself leaves the collector alone, for callers that run it in their
    own process (the tests).
    """
    gc.set_threshold(*PROGRAM_GC_THRESHOLDS)
    atexit.register(gc.freeze)
    main()
