"""`vthscan assessment import|export|migrate`: an assessment in the web app's database as an answers file,
or carried over to another version of its questionnaire."""

from __future__ import annotations

import json

import click

from .common import ASSESSMENT_ID, read_answer_set, service_failures, web_app, write_file


@click.group("assessment")
def assessment_group() -> None:
    """Beoordelingen inlezen en uitvoeren als antwoordenbestand, of overzetten naar een andere versie."""


@assessment_group.command("import")
@click.argument("answers_file", metavar="ANTWOORDEN.json", type=click.Path(dir_okay=False))
@click.option("--org", "org_name", required=True, help="Naam van de organisatie die de beoordeling krijgt.")
@click.option("--name", default="", help="Naam van de beoordeling.")
@click.pass_context
def assessment_import_command(ctx, answers_file: str, org_name: str, name: str) -> None:
    """Lees een antwoordenbestand in als nieuwe beoordeling (concept); toont het nummer."""
    from ..services import accounts, assessments

    answer_set = read_answer_set(answers_file)
    with web_app(ctx).app_context():
        with service_failures():
            assessment = assessments.import_answer_set(None, accounts.organisation_by_name(org_name), answer_set,
                                                       name)
        click.echo(assessment.id)


@assessment_group.command("export")
@click.argument("assessment_id", type=ASSESSMENT_ID)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def assessment_export_command(ctx, assessment_id: int, output: str) -> None:
    """Schrijf een beoordeling als antwoordenbestand (vthscan.answers/1)."""
    from ..services import assessments

    with web_app(ctx).app_context(), service_failures():
        data = assessments.export_assessment(None, assessments.get_assessment_by_id(assessment_id))
    write_file(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    click.echo(f"Antwoordenbestand geschreven: {output} ({len(data['answers'])} antwoorden)", err=True)


@assessment_group.command("migrate")
@click.argument("assessment_id", type=ASSESSMENT_ID)
@click.option("--to", "version", required=True, metavar="VERSIE", help="De versie van de vragenlijst, bijvoorbeeld 1.1.")
@click.pass_context
def assessment_migrate_command(ctx, assessment_id: int, version: str) -> None:
    """Maak een nieuwe beoordeling (concept) op een andere versie van de vragenlijst, met de antwoorden die
    passen; de beoordeling zelf blijft zoals hij is. Toont wat niet kon worden overgenomen, en waarom."""
    from ..services import assessments, carry_over

    with web_app(ctx).app_context(), service_failures():
        source = assessments.get_assessment_by_id(assessment_id)
        new, result = carry_over.migrate_assessment(None, source, version)
        click.echo(f"Beoordeling {new.id} gemaakt: {new.name} (concept, versie {version}).")
        click.echo(f"{len(result.answers)} antwoorden overgenomen uit beoordeling {assessment_id}; ze zijn "
                   f"gemarkeerd tot iemand ze bevestigt of wijzigt.")
        if result.not_carried:
            click.echo(f"{len(result.not_carried)} antwoorden niet overgenomen:")
            for item in result.not_carried:
                click.echo(f"  {item.question_id}: {item.reason}")
        else:
            click.echo("Alle antwoorden zijn overgenomen.")
