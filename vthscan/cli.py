"""The `vthscan` command. Commands call the domain (and later the services), never views.

Heavy libraries (Flask, reportlab, matplotlib) are imported only inside the commands that use them,
so the questionnaire and scoring commands start fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .domain.answers import ANSWERS_FORMAT, AnswersError, AnswerSet, parse_answers_file
from .domain.catalog import Catalog, is_profile_text, load_catalog, profile_questionnaire_id
from .domain.loader import LoadError, Problem, load_profile, load_questionnaire_text, read_text
from .domain.questionnaire import (
    ORGANISATION_KINDS,
    Questionnaire,
    ThresholdProfile,
)
from .domain.scoring import Result, score
from .domain.thresholds import effective_thresholds
from .domain.wording import format_percentage, format_score

PACKAGE_QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"


class Failure(click.ClickException):
    """Bad input: a clear Dutch message on standard error and exit code 1, never a traceback."""

    def show(self, file=None) -> None:
        click.echo(f"Fout: {self.message}", err=True)


def questionnaires_dir(option: str | None) -> Path:
    """--questionnaires, else $VTHSCAN_QUESTIONNAIRES, else ./questionnaires, else the shipped folder."""
    if option:
        return Path(option)
    if os.environ.get("VTHSCAN_QUESTIONNAIRES"):
        return Path(os.environ["VTHSCAN_QUESTIONNAIRES"])
    if Path("questionnaires").is_dir():
        return Path("questionnaires")
    return PACKAGE_QUESTIONNAIRES


def open_catalog(ctx: click.Context) -> Catalog:
    directory = questionnaires_dir(ctx.obj.get("questionnaires"))
    try:
        return load_catalog(directory)
    except LoadError as error:
        raise Failure(f"de vragenlijsten in {directory} kloppen niet:\n{error}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--questionnaires", "questionnaires", metavar="MAP",
              help="Map met vragenlijsten en normprofielen (standaard: ./questionnaires).")
@click.pass_context
def main(ctx: click.Context, questionnaires: str | None) -> None:
    """vthscan: zelfevaluatie voor vergunningverlening, toezicht en handhaving (VTH)."""
    ctx.ensure_object(dict)
    ctx.obj["questionnaires"] = questionnaires


# --- questionnaires ---------------------------------------------------------------------------------

@main.group("questionnaire")
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
        return
    failures = []
    loaded: dict[str, Questionnaire] = {}
    profile_paths = []
    for name in files:
        path = Path(name)
        try:
            text = read_text(path)
            if is_profile_text(text):
                profile_paths.append(path)
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
    if failures:
        raise Failure("niet in orde:\n" + "\n".join(failures))


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
    click.echo(_table(rows))
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
    questionnaire = _get_questionnaire(catalog, questionnaire_id, version)
    profile = _get_profile(catalog, questionnaire, profile_ref)
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
                   f"voor: {', '.join(pillar['respondents'])}; {_thresholds_text(questionnaire, pillar['thresholds'])})")
        for criterion in pillar["criteria"]:
            ko = "  KNOCK-OUT" if criterion["knockout"] else ""
            click.echo(f"  {criterion['id']}  {criterion['title']}  ({len(criterion['questions'])} vragen; "
                       f"{_thresholds_text(questionnaire, criterion['thresholds'])}){ko}")


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


def _get_questionnaire(catalog: Catalog, questionnaire_id: str, version: str | None) -> Questionnaire:
    questionnaire = catalog.get(questionnaire_id, version)
    if questionnaire is None:
        known = ", ".join(f"{qid} {v}" for qid, v in sorted(catalog.questionnaires)) or "geen"
        wanted = f"{questionnaire_id} versie {version}" if version else questionnaire_id
        raise Failure(f"vragenlijst {wanted} niet gevonden (beschikbaar: {known})")
    return questionnaire


def _get_profile(catalog: Catalog, questionnaire: Questionnaire, ref: str | None) -> ThresholdProfile | None:
    """A profile from a file path, or by name from the questionnaire folder."""
    if ref is None:
        return None
    if Path(ref).is_file():
        try:
            return load_profile(ref, questionnaire)
        except LoadError as error:
            raise Failure(f"normprofiel niet bruikbaar:\n{error}") from None
    profile = catalog.profiles.get((questionnaire.id, ref))
    if profile is None:
        names = ", ".join(p.name for p in catalog.profiles_for(questionnaire.id)) or "geen"
        raise Failure(f"normprofiel '{ref}' niet gevonden: geen bestand met die naam, en geen profiel "
                      f"met die naam voor {questionnaire.id} (beschikbaar: {names})")
    return profile


# --- answers and scoring ---------------------------------------------------------------------------

def read_answer_set(path: str) -> AnswerSet:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Failure(f"kan {path} niet lezen ({getattr(error, 'strerror', None) or error})") from None
    try:
        return parse_answers_file(text, path)
    except AnswersError as error:
        raise Failure(f"antwoordenbestand niet in orde:\n{error}") from None


@main.command("score")
@click.argument("answers_file", metavar="ANTWOORDEN.json", type=click.Path(dir_okay=False))
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map.")
@click.option("--json", "as_json", is_flag=True, help="Uitkomst als JSON (scores niet afgerond).")
@click.pass_context
def score_command(ctx, answers_file: str, profile_ref: str | None, as_json: bool) -> None:
    """Bereken scores, niveaus en verbeteracties voor een antwoordenbestand."""
    answer_set, questionnaire, _, result = score_answers_file(ctx, answers_file, profile_ref)
    if as_json:
        click.echo(json.dumps(result_to_data(questionnaire, answer_set, result), ensure_ascii=False, indent=2))
    else:
        click.echo(result_table(questionnaire, answer_set, result))


def score_answers_file(ctx, answers_file: str, profile_ref: str | None):
    """Read, check and score an answers file: (answer set, questionnaire, profile, result)."""
    answer_set = read_answer_set(answers_file)
    catalog = open_catalog(ctx)
    questionnaire = _get_questionnaire(catalog, answer_set.questionnaire_id, answer_set.questionnaire_version)
    profile = _get_profile(catalog, questionnaire, profile_ref)
    try:
        result = score(questionnaire, answer_set.answers, answer_set.organisation_kind, profile)
    except AnswersError as error:
        raise Failure(f"{answers_file} past niet bij {questionnaire.id} versie {questionnaire.version}:\n"
                      f"{error}") from None
    return answer_set, questionnaire, profile, result


def result_to_data(questionnaire: Questionnaire, answer_set: AnswerSet, result: Result) -> dict:
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version,
                          "fingerprint": questionnaire.fingerprint},
        "organisation": {"name": answer_set.organisation_name, "kind": answer_set.organisation_kind},
        "period": answer_set.period,
        "profile": result.profile_name,
        "completeness": result.completeness,
        "overall": {"score": result.score, "level": result.level, "capped_by": result.capped_by},
        "pillars": [{"id": p.id, "score": p.score, "level": p.level, "capped_by": p.capped_by}
                    for p in result.pillars],
        "criteria": [{"id": c.id, "pillar": c.pillar, "score": c.score, "level": c.level, "gap": c.gap,
                      "knockout": c.knockout} for c in result.criteria],
        "actions": [{"criterion": a.criterion, "text": a.action.text, "priority": a.action.priority,
                     "effort": a.action.effort, "term": a.action.term} for a in result.actions],
    }


def result_table(questionnaire: Questionnaire, answer_set: AnswerSet, result: Result) -> str:
    """The result as a readable Dutch text table."""
    def label(level: str | None) -> str:
        return questionnaire.level_by_id[level].label if level else "niet beoordeeld"

    best = questionnaire.levels[0].label
    titles = {p.id: p.title for p in questionnaire.pillars} | {c.id: c.title for _, c in questionnaire.criteria}
    lines = [
        f"{answer_set.organisation_name} ({answer_set.organisation_kind}), periode {answer_set.period}",
        f"Vragenlijst: {questionnaire.title} ({questionnaire.id} versie {questionnaire.version})",
        f"Normprofiel: {result.profile_name or 'de drempels van de vragenlijst'}",
        f"Volledigheid: {format_percentage(result.completeness)} "
        f"({result.answered} van {result.total} vragen beantwoord of niet van toepassing)",
        "",
        f"Totaaloordeel: {label(result.level)} (score {format_score(result.score)})"
        + (f", begrensd door knock-out {', '.join(result.capped_by)}" if result.capped_by else ""),
        "",
    ]
    rows = [("", "onderdeel", "score", "niveau", f"tekort tot '{best}'")]
    for pillar in result.pillars:
        capped = f" (knock-out {', '.join(pillar.capped_by)})" if pillar.capped_by else ""
        rows.append((pillar.id, _short(titles[pillar.id], 48), format_score(pillar.score),
                     label(pillar.level) + capped, format_score(pillar.gap) if pillar.gap else "-"))
        for criterion in pillar.criteria:
            ko = " [KO]" if criterion.knockout else ""
            rows.append(("  " + criterion.id, "  " + _short(titles[criterion.id], 46) + ko,
                         format_score(criterion.score), label(criterion.level),
                         format_score(criterion.gap) if criterion.gap else "-"))
    lines.append(_table(rows))
    lines += ["", "Verbeteracties (belangrijkste eerst):" if result.actions else "Geen verbeteracties nodig."]
    for number, planned in enumerate(result.actions, start=1):
        ko = ", knock-out" if planned.knockout else ""
        action = planned.action
        lines.append(f"{number:>3}. [{planned.criterion}{ko}] {action.text} (prioriteit {action.priority}, "
                     f"inspanning {action.effort}, termijn {action.term})")
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)


@main.group("answers")
def answers_group() -> None:
    """Antwoordenbestanden maken."""


@answers_group.command("template")
@click.argument("questionnaire_id")
@click.option("--version", help="Versie (standaard: de nieuwste).")
@click.option("--kind", type=click.Choice(ORGANISATION_KINDS), default="omgevingsdienst", show_default=True,
              help="Soort organisatie: bepaalt welke pijlers erin staan.")
@click.option("--name", "organisation_name", default="", help="Naam van de organisatie.")
@click.option("--period", default="", help="Periode, bijvoorbeeld 2026.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def template_command(ctx, questionnaire_id, version, kind, organisation_name, period, output) -> None:
    """Maak een leeg antwoordenbestand om in te vullen."""
    questionnaire = _get_questionnaire(open_catalog(ctx), questionnaire_id, version)
    data = {
        "format": ANSWERS_FORMAT,
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "organisation": {"name": organisation_name or "Naam van de organisatie", "kind": kind},
        "period": period or "2026",
        "answers": {
            question.id: {"value": None, "na": False, "na_reason": None, "unknown": False,
                          "comment": "", "evidence": ""}
            for pillar in questionnaire.pillars_for(kind)
            for criterion in pillar.criteria
            for question in criterion.questions
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output:
        write_file(output, text)
        click.echo(f"Antwoordenbestand geschreven: {output} ({len(data['answers'])} vragen)", err=True)
    else:
        sys.stdout.write(text)


def write_file(path: str, content: str | bytes, private: bool = False) -> None:
    """Write a command's output file; a failure is a clear message, not a traceback.

    A private file (a backup of the whole database) is readable by its owner only, also when it
    existed before with a wider mode.
    """
    try:
        if private:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, 0o600)
            with open(descriptor, "wb") as file:
                file.write(content.encode("utf-8") if isinstance(content, str) else content)
        elif isinstance(content, bytes):
            Path(path).write_bytes(content)
        else:
            Path(path).write_text(content, encoding="utf-8")
    except OSError as error:
        raise Failure(f"kan {path} niet schrijven ({error.strerror})") from None


from . import compare_cli  # noqa: E402,F401  registers the compare command
from . import report_cli  # noqa: E402,F401  registers the report command
from . import web_cli  # noqa: E402,F401  registers the web commands
