"""`vthscan questionnaire validate|list|show`: check and read questionnaires and threshold profiles."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..domain.catalog import is_migration_text, is_profile_text, profile_questionnaire_id
from ..domain.loader import LoadError, Problem, load_profile, load_questionnaire_text, read_text
from ..domain.migration_file import Migration, load_migration_text
from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.thresholds import effective_thresholds
from ..domain.wording import format_score
from .common import Failure, get_profile, get_questionnaire, open_catalog, table


@click.group("questionnaire")
def questionnaire_group() -> None:
    """Vragenlijsten controleren en bekijken."""


@questionnaire_group.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.pass_context
def validate_command(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Controleer vragenlijsten en normprofielen (standaard: alle bestanden in de map)."""
    if not files:
        catalog = open_catalog(ctx)
        for (qid, version), path in sorted(catalog.files.items()):
            click.echo(f"OK  {path}  ({qid} versie {version})")
        for (qid, name) in sorted(catalog.profiles):
            click.echo(f"OK  normprofiel '{name}' voor {qid}")
        for key, path in sorted(catalog.migration_files.items()):
            click.echo(f"OK  {path}  (migratie van {key[0]} versie {key[1]} naar {key[2]})")
        return
    failures = []
    loaded: dict[str, Questionnaire] = {}
    profile_paths, migration_paths = [], []
    for name in files:
        path = Path(name)
        try:
            text = read_text(path)
            if is_profile_text(text):
                profile_paths.append(path)
                continue
            if is_migration_text(text):
                migration_paths.append(path)
                continue
            questionnaire = load_questionnaire_text(text, str(path))
            loaded[questionnaire.id] = questionnaire
            click.echo(f"OK  {path}  ({questionnaire.id} versie {questionnaire.version})")
        except LoadError as error:
            failures.append(str(error))
    for path in profile_paths:
        try:
            profile = _load_profile_for_any(ctx, path, loaded)
            click.echo(f"OK  {path}  (normprofiel '{profile.name}' voor {profile.questionnaire})")
        except LoadError as error:
            failures.append(str(error))
    for path in migration_paths:
        try:
            migration = _load_migration_for_any(ctx, path, loaded)
            click.echo(f"OK  {path}  (migratie van {migration.questionnaire} versie {migration.from_version} "
                       f"naar {migration.to_version})")
        except LoadError as error:
            failures.append(str(error))
    if failures:
        raise Failure("niet in orde:\n" + "\n".join(failures))


def _load_migration_for_any(ctx, path: Path, loaded: dict[str, Questionnaire]) -> Migration:
    """Check a migration against the versions in the questionnaire folder and those given with it."""
    text = read_text(path)
    questionnaire_id = str(profile_questionnaire_id(text))
    versions = open_catalog(ctx).versions_of(questionnaire_id)
    versions |= {q.version: q for q in loaded.values() if q.id == questionnaire_id}
    return load_migration_text(text, versions, str(path))


def _load_profile_for_any(ctx, path: Path, loaded: dict[str, Questionnaire]) -> ThresholdProfile:
    """Check a profile against the questionnaire given with it, else the one in the questionnaire folder."""
    questionnaire_id = profile_questionnaire_id(read_text(path))
    questionnaire = loaded.get(questionnaire_id) or open_catalog(ctx).get(str(questionnaire_id))
    if questionnaire is None:
        raise LoadError([Problem(str(path), None, "questionnaire",
                                 f"vragenlijst '{questionnaire_id}' niet gevonden")])
    return load_profile(path, questionnaire)


@questionnaire_group.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """Toon de beschikbare vragenlijsten en normprofielen."""
    catalog = open_catalog(ctx)
    rows = [("id", "versie", "pijlers", "criteria", "vragen", "titel")]
    for (qid, version), q in sorted(catalog.questionnaires.items()):
        rows.append((qid, version, str(len(q.pillars)), str(len(q.criteria)), str(len(q.questions)), q.title))
    click.echo(table(rows))
    for (qid, name), profile in sorted(catalog.profiles.items()):
        click.echo(f"normprofiel voor {qid}: {name}" + (f" - {profile.description}" if profile.description else ""))


@questionnaire_group.command("show")
@click.argument("questionnaire_id")
@click.option("--version", help="Versie (standaard: de nieuwste).")
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON, met dezelfde sleutels als het YAML-formaat.")
@click.pass_context
def show_command(ctx, questionnaire_id: str, version: str | None, profile_ref: str | None, as_json: bool):
    """Toon een vragenlijst met de drempels die per pijler en criterium gelden."""
    catalog = open_catalog(ctx)
    questionnaire = get_questionnaire(catalog, questionnaire_id, version)
    profile = get_profile(catalog, questionnaire, profile_ref)
    data = questionnaire_with_effective_thresholds(questionnaire, profile)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{questionnaire.title}\n{questionnaire.id} versie {questionnaire.version} · "
               f"vingerafdruk {questionnaire.fingerprint[:12]}")
    click.echo("Niveaus: " + ", ".join(level.label for level in questionnaire.levels))
    click.echo(f"Drempels totaal: {_thresholds_text(questionnaire, data['thresholds'])}")
    for pillar in data["pillars"]:
        click.echo(f"\n{pillar['id']}  {pillar['title']}  (gewicht {format_score(pillar['weight'])}; "
                   f"voor: {', '.join(pillar['for'])}; {_thresholds_text(questionnaire, pillar['thresholds'])})")
        for criterion in pillar["criteria"]:
            ko = "  KNOCK-OUT" if criterion["knockout"] else ""
            narrowed = [q for q in criterion["questions"] if "for" in q]
            kinds = f"voor: {', '.join(criterion['for'])}; " if "for" in criterion else ""
            some = f", waarvan {len(narrowed)} met een eigen 'for'" if narrowed else ""
            click.echo(f"  {criterion['id']}  {criterion['title']}  ({len(criterion['questions'])} vragen{some}; "
                       f"{kinds}{_thresholds_text(questionnaire, criterion['thresholds'])}){ko}")


def questionnaire_with_effective_thresholds(questionnaire: Questionnaire,
                                            profile: ThresholdProfile | None) -> dict:
    """The definition as data, with every pillar's and criterion's `thresholds` as they apply."""
    effective = effective_thresholds(questionnaire, profile)
    data = questionnaire.to_data()
    data["thresholds"] = effective.overall
    data["fingerprint"] = questionnaire.fingerprint
    if profile is not None:
        data["profile"] = profile.name
    for pillar in data["pillars"]:
        pillar["thresholds"] = effective.pillars[pillar["id"]]
        for criterion in pillar["criteria"]:
            criterion["thresholds"] = effective.criteria[criterion["id"]]
    return data


def _thresholds_text(questionnaire: Questionnaire, thresholds: dict) -> str:
    return ", ".join(f"{questionnaire.level_by_id[level].label} vanaf {format_score(value)}"
                     for level, value in thresholds.items())
