"""`vthscan plan export|import`: an organisation's plan van aanpak in the web app's database as a plan
file (vthscan.plan/1)."""

from __future__ import annotations

import click

from .common import read_text_file, service_failures, web_app, write_file


@click.group("plan")
def plan_group() -> None:
    """Plannen van aanpak uitvoeren en inlezen als planbestand (vthscan.plan/1)."""


@plan_group.command("export")
@click.option("--org", "org_name", required=True, help="Naam van de organisatie van het plan.")
@click.option("--questionnaire", "questionnaire_id", default=None,
              help="Id van de vragenlijst (alleen nodig als de organisatie meer dan één plan heeft).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def plan_export_command(ctx, org_name: str, questionnaire_id: str | None, output: str) -> None:
    """Schrijf het plan van aanpak van een organisatie als planbestand."""
    from ..services import accounts, plan_files, plans

    with web_app(ctx).app_context(), service_failures():
        plan = plans.plan_named(accounts.organisation_by_name(org_name), questionnaire_id)
        download = plan_files.export_plan_json(None, plan)
        count = len(plan.actions)
    write_file(output, download.content)
    click.echo(f"Planbestand geschreven: {output} ({count} acties)", err=True)


@plan_group.command("import")
@click.argument("plan_file", metavar="PLAN.json", type=click.Path(dir_okay=False))
@click.option("--org", "org_name", required=True, help="Naam van de organisatie die het plan krijgt.")
@click.pass_context
def plan_import_command(ctx, plan_file: str, org_name: str) -> None:
    """Lees een planbestand in als plan van aanpak van een organisatie (die er nog geen heeft)."""
    from ..services import accounts, plan_files

    text = read_text_file(plan_file)
    with web_app(ctx).app_context(), service_failures():
        plan = plan_files.import_plan_file(None, accounts.organisation_by_name(org_name), text, plan_file)
        click.echo(f"Plan van aanpak ingelezen: {len(plan.actions)} acties voor {plan.organisation.name}")
