"""`vthscan org create` and `vthscan user create`: organisations and users in the web app's database."""

from __future__ import annotations

import click

from .common import service_failures, web_app


@click.group("org")
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
    from ..services import accounts

    with web_app(ctx).app_context():
        with service_failures():
            organisation = accounts.create_organisation(name, kind, participant_of)
        click.echo(f"Organisatie aangemaakt: {organisation.name} ({organisation.kind})")


@click.group("user")
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
    from ..services import accounts

    with web_app(ctx).app_context():
        with service_failures():
            user = accounts.create_user(email, password, accounts.organisation_by_name(org_name), role, name)
        click.echo(f"Gebruiker aangemaakt: {user.email} ({role} bij {org_name})")
