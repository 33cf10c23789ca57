"""`vthscan report`: the gap report, as PDF or as Word document (`--format docx`), from an answers file
(no database needed), or from an assessment in the web app's database (`--assessment ID`).

reportlab, python-docx and matplotlib (and for --assessment Flask and SQLAlchemy) are imported inside
the command, and only the writer of the chosen format, so the other commands start fast. The charts
are drawn in a second process meanwhile, which also prepares what the layout loads first
(`report/aside.py`).
"""

from __future__ import annotations

from datetime import date

import click

from ..domain.answers import AnswersError
from ..domain.loader import LoadError
from ..domain.wording import CONCEPT, SIGNED_OFF
from .common import ASSESSMENT_ID, Failure, keep_charts, score_answers_file, service_failures, web_app, write_file

REPORT_STATUSES = (CONCEPT, SIGNED_OFF)   # an answers file's report is a concept or signed off
REPORT_FORMATS = ("pdf", "docx")


@click.command("report")
@click.argument("answers_file", metavar="[ANTWOORDEN.json]", required=False, type=click.Path(dir_okay=False))
@click.option("--assessment", "assessment_id", type=ASSESSMENT_ID, metavar="ID",
              help="Maak het rapport van beoordeling ID uit de database van de webapp (in plaats van een "
                   "antwoordenbestand).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="RAPPORT.pdf",
              help="Schrijf het rapport naar dit bestand (.pdf, of .docx met --format docx).")
@click.option("--format", "file_format", default="pdf", metavar="|".join(REPORT_FORMATS),
              help="pdf (standaard) of docx: een Word-document om te bewerken, met koppen, tabellen met "
                   "kopregels en grafieken met een beschrijving.")
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map (met --assessment "
                   "ook een profiel uit de webapp).")
@click.option("--status", metavar="|".join(REPORT_STATUSES),
              help="Een concept krijgt op elke pagina het watermerk CONCEPT (standaard: concept; met "
                   "--assessment de status van de beoordeling).")
@click.option("--date", "report_date", metavar="JJJJ-MM-DD", help="Datum op het rapport (standaard: vandaag).")
@click.option("--name", "assessment_name", metavar="NAAM",
              help="Naam van de beoordeling (standaard: Zelfevaluatie <periode>).")
@click.pass_context
def report_command(ctx, answers_file: str | None, assessment_id: int | None, output: str, file_format: str,
                   profile_ref: str | None, status: str | None, report_date: str | None,
                   assessment_name: str | None) -> None:
    """Maak het rapport (PDF of Word) met scores, grafieken en verbeterplan voor een antwoordenbestand
    of een beoordeling (--assessment ID)."""
    if (answers_file is None) == (assessment_id is None):
        raise Failure("geef een antwoordenbestand of --assessment ID, niet allebei en niet geen van beide; "
                      "bijvoorbeeld: vthscan report antwoorden.json -o rapport.pdf of "
                      "vthscan report --assessment 12 -o rapport.pdf")
    if assessment_id is not None and status is not None:
        raise Failure("--status kan niet samen met --assessment: het rapport krijgt de status van de beoordeling")
    _check_format(file_format, output)
    status = status or CONCEPT
    if status not in REPORT_STATUSES:
        raise Failure(f"onbekende status '{status}'; kies uit {', '.join(REPORT_STATUSES)}")
    try:
        generated_on = date.fromisoformat(report_date) if report_date else date.today()
    except ValueError:
        raise Failure(f"datum '{report_date}' klopt niet; schrijf hem als JJJJ-MM-DD, bijvoorbeeld "
                      f"2026-03-31") from None
    # A second process prepares what the layout loads first, imports matplotlib and draws the charts
    # while this one does the rest (report/aside.py).
    from ..report import aside

    ctx.with_resource(aside.started())
    # the sections "Stand van het plan van aanpak" and "Oordeel van de eigenaren", for an assessment whose
    # organisation has a plan, and whose owners were asked for their view
    plan = owners = None
    if assessment_id is not None:
        data, plan, owners = _assessment_report(ctx, assessment_id, profile_ref, generated_on, assessment_name)
    else:
        data = _answers_report(ctx, answers_file, profile_ref, status, generated_on, assessment_name)

    aside.draw(data.charts)     # while this process imports the writer and lays out the pages
    if file_format == "docx":
        from ..report.docx import build_docx as build
    else:
        from ..report.gap_pdf import build_pdf as build

    content = build(data, plan, owners)
    write_file(output, content)
    click.echo(f"Rapport geschreven: {output} ({len(content) // 1024} kB, {data.summary.level}, "
               f"score {data.summary.score}, normprofiel: {data.profile_name})", err=True)


def _check_format(file_format: str, output: str) -> None:
    """A known format, and a file name that does not say another one (a PDF in a .docx file)."""
    if file_format not in REPORT_FORMATS:
        raise Failure(f"onbekend formaat '{file_format}'; kies pdf of docx")
    is_docx_name = output.lower().endswith(".docx")
    if file_format == "docx" and not is_docx_name:
        raise Failure(f"een Word-rapport krijgt een naam die eindigt op .docx, niet '{output}'; bijvoorbeeld: "
                      f"-o rapport.docx")
    if file_format == "pdf" and is_docx_name:
        raise Failure(f"'{output}' is de naam van een Word-bestand; geef --format docx voor een Word-rapport, "
                      f"of een naam die eindigt op .pdf")


def _answers_report(ctx, answers_file: str, profile_ref: str | None, status: str, generated_on: date,
                    assessment_name: str | None):
    answer_set, questionnaire, _profile, result = score_answers_file(ctx, answers_file, profile_ref)
    keep_charts(ctx)

    from ..report.data import build_report_data

    return build_report_data(questionnaire, answer_set, result, status=status, generated_on=generated_on,
                             assessment_name=assessment_name)


def _assessment_report(ctx, assessment_id: int, profile_ref: str | None, generated_on: date,
                       assessment_name: str | None):
    from ..services.assessments import get_assessment_by_id
    from ..services.owner_views import section_for
    from ..services.plan_files import plan_section_for
    from ..services.profiles import resolve_profile_ref
    from ..services.questionnaires import questionnaire_for
    from ..services.results import report_data

    app = web_app(ctx, pages=False)
    keep_charts(ctx, app.instance_path)
    with app.app_context(), service_failures():
        try:
            assessment = get_assessment_by_id(assessment_id)
            profile = resolve_profile_ref(questionnaire_for(assessment), profile_ref)
            data = report_data(assessment, profile, generated_on, assessment_name)
            # without the owners' names: who reads a report from the command line is not known
            return data, plan_section_for(assessment, generated_on), section_for(None, assessment, data)
        except AnswersError as error:
            raise Failure(f"de antwoorden van beoordeling {assessment_id} passen niet bij de vragenlijst:\n"
                          f"{error}") from None
        except LoadError as error:  # the questionnaire folder, read for a profile named by --thresholds
            raise Failure(f"de vragenlijsten kloppen niet:\n{error}") from None
