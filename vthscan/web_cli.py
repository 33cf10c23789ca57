"""`vthscan` commands for the web app: run, init, demo, org, user, assessment import/export.

Flask and SQLAlchemy are imported inside the commands, so `vthscan score` and friends stay fast.
"""

from __future__ import annotations

import json

import click

from pathlib import Path

from .cli import Failure, main, read_answer_set, write_file


def _app(ctx: click.Context):
    """The app with the questionnaires of the `--questionnaires` option; a broken file is a clear error."""
    from .app import create_app
    from .domain.loader import LoadError

    option = (ctx.find_root().obj or {}).get("questionnaires")
    try:
        app = create_app(questionnaires=option)
    except LoadError as error:
        raise Failure(f"de vragenlijsten kloppen niet; de app start niet:\n{error}") from None
    ctx.call_on_close(lambda: _close_database(app))
    return app


def _close_database(app) -> None:
    """Close the command's database connections when it ends (a PostgreSQL server counts them)."""
    from .extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


def _service_errors():
    from .services.errors import ServiceError
    return ServiceError


@main.command("init")
@click.pass_context
def init_command(ctx: click.Context) -> None:
    """Maak de map instance/ met een geheime sleutel en een lege database."""
    app = _app(ctx)
    click.echo(f"Klaar: database {app.config['SQLALCHEMY_DATABASE_URI']}, instellingen in "
               f"{app.instance_path}/config.py")


@main.command("demo")
@click.option("--reset", is_flag=True, help="Gooi de hele database leeg en bouw de demo opnieuw op.")
@click.pass_context
def demo_command(ctx: click.Context, reset: bool) -> None:
    """Maak de demo-opzet: organisaties, gebruikers en beoordelingen in verschillende stadia."""
    from . import demo

    app = _app(ctx)
    with app.app_context():
        if not reset and not demo.database_is_empty():
            raise Failure("de database is niet leeg; gebruik --reset om alles te wissen en de demo opnieuw "
                          "op te bouwen")
        try:
            demo.create_demo(reset=reset)
        except _service_errors() as error:
            raise Failure(str(error)) from None
    click.echo(demo.login_help())


@main.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Poort.")
@click.pass_context
def run_command(ctx: click.Context, host: str, port: int) -> None:
    """Start de webapp (met de demo-opzet als de database nog leeg is)."""
    from werkzeug.serving import run_simple

    from . import demo
    from .services import questionnaires

    app = _app(ctx)
    with app.app_context():
        if demo.database_is_empty():
            try:
                demo.create_demo()
            except _service_errors() as error:
                raise Failure(str(error)) from None
            click.echo("Lege database: de demo-opzet is aangemaakt.")
            click.echo(demo.login_help())
        else:
            click.echo("Log in met uw eigen account (of maak de demo opnieuw met: vthscan demo --reset).")
        for problem in questionnaires.changed_definitions():
            click.echo(f"Let op: {problem}", err=True)
    click.echo(f"vthscan draait op http://{host}:{port}/  (stoppen: Ctrl+C)")
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)


@main.group("org")
def org_group() -> None:
    """Organisaties beheren."""


@org_group.command("create")
@click.option("--name", required=True, help="Naam van de organisatie.")
@click.option("--kind", required=True,
              type=click.Choice(("omgevingsdienst", "gemeente", "provincie", "adviesbureau")), help="Soort.")
@click.option("--participant-of", "participant_of", metavar="OD_NAAM",
              help="Naam van de omgevingsdienst waarvan deze gemeente of provincie deelnemer is.")
@click.pass_context
def org_create_command(ctx, name: str, kind: str, participant_of: str | None) -> None:
    """Maak een organisatie."""
    from .services import accounts
    from .services.errors import ServiceError

    with _app(ctx).app_context():
        try:
            organisation = accounts.create_organisation(name, kind, participant_of)
        except ServiceError as error:
            raise Failure(str(error)) from None
        click.echo(f"Organisatie aangemaakt: {organisation.name} ({organisation.kind})")


@main.group("user")
def user_group() -> None:
    """Gebruikers beheren."""


@user_group.command("create")
@click.option("--email", required=True, help="E-mailadres (de inlognaam).")
@click.option("--password", prompt="Wachtwoord", hide_input=True, confirmation_prompt="Herhaal het wachtwoord",
              envvar="VTHSCAN_NEW_PASSWORD",
              help="Wachtwoord (minstens 10 tekens, geen veelgebruikt wachtwoord). Zonder deze optie wordt "
                   "erom gevraagd (of $VTHSCAN_NEW_PASSWORD gelezen), zodat het niet in de shell-geschiedenis komt.")
@click.option("--org", "org_name", required=True, help="Naam van de organisatie.")
@click.option("--role", required=True, type=click.Choice(("beheerder", "coordinator", "invuller", "lezer")),
              help="Rol in die organisatie.")
@click.option("--name", default="", help="Naam van de gebruiker.")
@click.pass_context
def user_create_command(ctx, email: str, password: str, org_name: str, role: str, name: str) -> None:
    """Maak een gebruiker met een rol in een organisatie."""
    from .services import accounts
    from .services.errors import ServiceError

    with _app(ctx).app_context():
        try:
            user = accounts.create_user(email, password, accounts.organisation_by_name(org_name), role, name)
        except ServiceError as error:
            raise Failure(str(error)) from None
        click.echo(f"Gebruiker aangemaakt: {user.email} ({role} bij {org_name})")


@main.group("assessment")
def assessment_group() -> None:
    """Beoordelingen inlezen en uitvoeren als antwoordenbestand."""


@assessment_group.command("import")
@click.argument("answers_file", metavar="ANTWOORDEN.json", type=click.Path(dir_okay=False))
@click.option("--org", "org_name", required=True, help="Naam van de organisatie die de beoordeling krijgt.")
@click.option("--name", default="", help="Naam van de beoordeling.")
@click.pass_context
def assessment_import_command(ctx, answers_file: str, org_name: str, name: str) -> None:
    """Lees een antwoordenbestand in als nieuwe beoordeling (concept); toont het nummer."""
    from .services import accounts, assessments
    from .services.errors import ServiceError

    answer_set = read_answer_set(answers_file)
    with _app(ctx).app_context():
        try:
            assessment = assessments.import_answer_set(None, accounts.organisation_by_name(org_name), answer_set, name)
        except ServiceError as error:
            raise Failure(str(error)) from None
        click.echo(assessment.id)


@assessment_group.command("export")
@click.argument("assessment_id", type=int)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def assessment_export_command(ctx, assessment_id: int, output: str) -> None:
    """Schrijf een beoordeling als antwoordenbestand (vthscan.answers/1)."""
    from .services import assessments
    from .services.errors import ServiceError

    with _app(ctx).app_context():
        try:
            data = assessments.export_assessment(None, assessments.get_assessment_by_id(assessment_id))
        except ServiceError as error:
            raise Failure(str(error)) from None
    write_file(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    click.echo(f"Antwoordenbestand geschreven: {output} ({len(data['answers'])} antwoorden)", err=True)


@main.command("export-all")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def export_all_command(ctx, output: str) -> None:
    """Maak een back-up van de hele database als één JSON-bestand."""
    from .services.backup import export_all

    with _app(ctx).app_context():
        archive = export_all()
    write_file(output, json.dumps(archive, ensure_ascii=False) + "\n", private=True)
    rows = sum(len(rows) for rows in archive["tables"].values())
    click.echo(f"Back-up geschreven: {output} ({len(archive['tables'])} tabellen, {rows} rijen)", err=True)


@main.command("import-all")
@click.argument("archive_file", metavar="BACKUP.json", type=click.Path(dir_okay=False))
@click.pass_context
def import_all_command(ctx, archive_file: str) -> None:
    """Zet een back-up (van export-all) terug in een lege database."""
    from .domain.strict_json import JSONRefused, read_json
    from .services.backup import BackupError, import_all

    try:
        archive = read_json(Path(archive_file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise Failure(f"kan {archive_file} niet lezen ({getattr(error, 'strerror', None) or error})") from None
    except JSONRefused as error:
        raise Failure(f"{archive_file}: {error}") from None
    with _app(ctx).app_context():
        try:
            counts = import_all(archive)
        except BackupError as error:
            raise Failure(str(error)) from None
    click.echo(f"Back-up teruggezet: {sum(counts.values())} rijen in {len(counts)} tabellen", err=True)


@main.group("db")
def db_group() -> None:
    """De database bijwerken."""


@db_group.command("upgrade")
@click.pass_context
def db_upgrade_command(ctx) -> None:
    """Breng de database naar de nieuwste versie van het datamodel (migraties)."""
    app = _app(ctx)  # creating the app applies the migrations (DATABASE_SETUP = "migrate")
    with app.app_context():
        from alembic.migration import MigrationContext

        from .extensions import db

        with db.engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
    click.echo(f"Database bijgewerkt tot migratie {revision}.")
