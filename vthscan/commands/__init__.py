"""The `vthscan` command: `main` and its sub-commands, one module per subject.

The sub-modules share their helpers through `common` and never import this package or each other.
Heavy libraries (Flask, SQLAlchemy, reportlab, matplotlib) are imported only inside the commands that
use them, so `vthscan questionnaire validate` and `vthscan score` start fast.
"""

from __future__ import annotations

import click

from . import accounts, assessments, backup, compare, plans, questionnaire, report, score, server


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--questionnaires", "questionnaires", metavar="MAP",
              help="Map met vragenlijsten en normprofielen (standaard: ./questionnaires).")
@click.pass_context
def main(ctx: click.Context, questionnaires: str | None) -> None:
    """vthscan: zelfevaluatie voor vergunningverlening, toezicht en handhaving (VTH)."""
    ctx.ensure_object(dict)
    ctx.obj["questionnaires"] = questionnaires


# without a database
main.add_command(questionnaire.questionnaire_group)
main.add_command(score.score_command)
main.add_command(score.answers_group)
main.add_command(compare.compare_command)
main.add_command(report.report_command)
# the web app and its database
main.add_command(server.init_command)
main.add_command(server.run_command)
main.add_command(server.demo_command)
main.add_command(server.db_group)
main.add_command(accounts.org_group)
main.add_command(accounts.user_group)
main.add_command(assessments.assessment_group)
main.add_command(plans.plan_group)
main.add_command(backup.export_all_command)
main.add_command(backup.import_all_command)
