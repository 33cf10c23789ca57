"""`vthscan export-all` and `vthscan import-all`: the whole database as one JSON archive."""

from __future__ import annotations

import json

import click

from .common import Failure, read_text_file, web_app, write_file


@click.command("export-all")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def export_all_command(ctx, output: str) -> None:
    """Maak een back-up van de hele database als één JSON-bestand."""
    from ..services.backup import export_all

    with web_app(ctx).app_context():
        archive = export_all()
    write_file(output, json.dumps(archive, ensure_ascii=False) + "\n", private=True)
    rows = sum(len(rows) for rows in archive["tables"].values())
    click.echo(f"Back-up geschreven: {output} ({len(archive['tables'])} tabellen, {rows} rijen)", err=True)


@click.command("import-all")
@click.argument("archive_file", metavar="BACKUP.json", type=click.Path(dir_okay=False))
@click.pass_context
def import_all_command(ctx, archive_file: str) -> None:
    """Zet een back-up (van export-all) terug in een lege database."""
    from ..domain.strict_json import JSONRefused, read_json
    from ..services.backup import BackupError, import_all

    text = read_text_file(archive_file)
    try:
        archive = read_json(text)
    except JSONRefused as error:
        raise Failure(f"{archive_file}: {error}") from None
    with web_app(ctx).app_context():
        try:
            counts = import_all(archive)
        except BackupError as error:
            raise Failure(str(error)) from None
    click.echo(f"Back-up teruggezet: {sum(counts.values())} rijen in {len(counts)} tabellen", err=True)
