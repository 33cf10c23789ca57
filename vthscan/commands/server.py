"""`vthscan init|run|demo|db upgrade`: set up, fill and start the web app.

Flask and SQLAlchemy are imported inside the commands, so `vthscan score` and friends stay fast.
"""

from __future__ import annotations

import click

from .common import Failure, service_failures, web_app


@click.command("init")
@click.pass_context
def init_command(ctx: click.Context) -> None:
    """Maak de map instance/ met een geheime sleutel en een lege database."""
    app = web_app(ctx)
    click.echo(f"Klaar: database {app.config['SQLALCHEMY_DATABASE_URI']}, instellingen in "
               f"{app.instance_path}/config.py")


@click.command("demo")
@click.option("--reset", is_flag=True, help="Gooi de hele database leeg en bouw de demo opnieuw op.")
@click.pass_context
def demo_command(ctx: click.Context, reset: bool) -> None:
    """Maak de demo-opzet: organisaties, gebruikers en beoordelingen in verschillende stadia."""
    from .. import demo

    app = web_app(ctx)
    with app.app_context():
        if not reset and not demo.database_is_empty():
            raise Failure("de database is niet leeg; gebruik --reset om alles te wissen en de demo opnieuw "
                          "op te bouwen")
        with service_failures():
            demo.create_demo(reset=reset)
    click.echo(demo.login_help())


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Poort.")
@click.pass_context
def run_command(ctx: click.Context, host: str, port: int) -> None:
    """Start de webapp (met de demo-opzet als de database nog leeg is)."""
    from werkzeug.serving import run_simple

    from .. import demo
    from ..services import questionnaires

    app = web_app(ctx)
    with app.app_context():
        if demo.database_is_empty():
            with service_failures():
                demo.create_demo()
            click.echo("Lege database: de demo-opzet is aangemaakt.")
            click.echo(demo.login_help())
        else:
            click.echo("Log in met uw eigen account (of maak de demo opnieuw met: vthscan demo --reset).")
        for problem in questionnaires.changed_definitions():
            click.echo(f"Let op: {problem}", err=True)
    click.echo(f"vthscan draait op http://{host}:{port}/  (stoppen: Ctrl+C)")
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)


@click.group("db")
def db_group() -> None:
    """De database bijwerken."""


@db_group.command("upgrade")
@click.pass_context
def db_upgrade_command(ctx) -> None:
    """Breng de database naar de nieuwste versie van het datamodel (migraties)."""
    app = web_app(ctx)  # creating the app applies the migrations (DATABASE_SETUP = "migrate")
    with app.app_context():
        from alembic.migration import MigrationContext

        from ..extensions import db

        with db.engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
    click.echo(f"Database bijgewerkt tot migratie {revision}.")
