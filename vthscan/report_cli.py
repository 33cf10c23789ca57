"""`vthscan report`: the PDF gap report from an answers file, without any database.

reportlab and matplotlib are imported inside the command, so the other commands start fast.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .cli import Failure, _get_profile, _get_questionnaire, main, open_catalog, read_answer_set
from .domain.answers import AnswersError
from .domain.scoring import score

STATUSES = ("concept", "vastgesteld")


@main.command("report")
@click.argument("answers_file", metavar="ANTWOORDEN.json", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="RAPPORT.pdf",
              help="Schrijf het rapport naar dit PDF-bestand.")
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map.")
@click.option("--status", default="concept", show_default=True, metavar="|".join(STATUSES),
              help="Een concept krijgt op elke pagina het watermerk CONCEPT.")
@click.option("--date", "report_date", metavar="JJJJ-MM-DD", help="Datum op het rapport (standaard: vandaag).")
@click.option("--name", "assessment_name", metavar="NAAM",
              help="Naam van de beoordeling (standaard: Zelfevaluatie <periode>).")
@click.pass_context
def report_command(ctx, answers_file: str, output: str, profile_ref: str | None, status: str,
                   report_date: str | None, assessment_name: str | None) -> None:
    """Maak het PDF-rapport met scores, grafieken en verbeterplan voor een antwoordenbestand."""
    if status not in STATUSES:
        raise Failure(f"onbekende status '{status}'; kies uit {', '.join(STATUSES)}")
    try:
        generated_on = date.fromisoformat(report_date) if report_date else date.today()
    except ValueError:
        raise Failure(f"datum '{report_date}' klopt niet; schrijf hem als JJJJ-MM-DD, bijvoorbeeld "
                      f"2026-03-31") from None
    answer_set = read_answer_set(answers_file)
    catalog = open_catalog(ctx)
    questionnaire = _get_questionnaire(catalog, answer_set.questionnaire_id, answer_set.questionnaire_version)
    profile = _get_profile(catalog, questionnaire, profile_ref)
    try:
        result = score(questionnaire, answer_set.answers, answer_set.organisation_kind, profile)
    except AnswersError as error:
        raise Failure(f"{answers_file} past niet bij {questionnaire.id} versie {questionnaire.version}:\n"
                      f"{error}") from None

    from .report.data import build_report_data
    from .report.pdf import build_pdf

    data = build_report_data(questionnaire, answer_set, result, status=status, generated_on=generated_on,
                             assessment_name=assessment_name)
    pdf = build_pdf(data)
    try:
        Path(output).write_bytes(pdf)
    except OSError as error:
        raise Failure(f"kan {output} niet schrijven ({error.strerror})") from None
    click.echo(f"Rapport geschreven: {output} ({len(pdf) // 1024} kB, {data.summary.level}, "
               f"score {data.summary.score}, normprofiel: {data.profile_name})", err=True)
