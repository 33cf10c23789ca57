"""What the `vthscan` commands share: the Dutch failure, the questionnaire folder, reading answers files,
writing output files, text tables and the web app for the commands that use the database.

This module imports only click and the domain: Flask, SQLAlchemy and the services are imported inside
the helpers that need them, so `vthscan questionnaire validate` and `vthscan score` start fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..domain.answers import AnswersError, AnswerSet, parse_answers_file
from ..domain.catalog import Catalog, load_catalog
from ..domain.limits import MAX_ID
from ..domain.loader import LoadError, load_profile
from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.scoring import Result, score

PACKAGE_QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"


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


def questionnaires_option(ctx: click.Context) -> str | None:
    """The `--questionnaires` option given to `vthscan` itself, before the sub-command."""
    return (ctx.find_root().obj or {}).get("questionnaires")


def open_catalog(ctx: click.Context) -> Catalog:
    directory = questionnaires_dir(questionnaires_option(ctx))
    try:
        return load_catalog(directory)
    except LoadError as error:
        raise Failure(f"de vragenlijsten in {directory} kloppen niet:\n{error}") from None


def get_questionnaire(catalog: Catalog, questionnaire_id: str, version: str | None) -> Questionnaire:
    questionnaire = catalog.get(questionnaire_id, version)
    if questionnaire is None:
        known = ", ".join(f"{qid} {v}" for qid, v in sorted(catalog.questionnaires)) or "geen"
        wanted = f"{questionnaire_id} versie {version}" if version else questionnaire_id
        raise Failure(f"vragenlijst {wanted} niet gevonden (beschikbaar: {known})")
    return questionnaire


def get_profile(catalog: Catalog, questionnaire: Questionnaire, ref: str | None) -> ThresholdProfile | None:
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


def read_text_file(path: str) -> str:
    """A UTF-8 file given on the command line; a missing or unreadable file is a clear message."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Failure(f"kan {path} niet lezen ({getattr(error, 'strerror', None) or error})") from None


def read_answer_set(path: str) -> AnswerSet:
    text = read_text_file(path)
    try:
        return parse_answers_file(text, path)
    except AnswersError as error:
        raise Failure(f"antwoordenbestand niet in orde:\n{error}") from None


def score_answers_file(ctx: click.Context, answers_file: str, profile_ref: str | None
                       ) -> tuple[AnswerSet, Questionnaire, ThresholdProfile | None, Result]:
    """Read, check and score an answers file: (answer set, questionnaire, profile, result)."""
    answer_set = read_answer_set(answers_file)
    catalog = open_catalog(ctx)
    questionnaire = get_questionnaire(catalog, answer_set.questionnaire_id, answer_set.questionnaire_version)
    profile = get_profile(catalog, questionnaire, profile_ref)
    try:
        result = score(questionnaire, answer_set.answers, answer_set.organisation_kind, profile)
    except AnswersError as error:
        raise Failure(f"{answers_file} past niet bij {questionnaire.id} versie {questionnaire.version}:\n"
                      f"{error}") from None
    return answer_set, questionnaire, profile, result


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


def keep_charts(ctx: click.Context, instance_path: str | None = None) -> None:
    """Keep the charts this command draws on disk, so its next run need not draw them (see
    report/chart_cache.py): in the instance folder (the app's, or $VTHSCAN_INSTANCE when it names a
    folder), else in the user's cache folder."""
    from ..report.chart_cache import FOLDER_NAME, kept_in

    instance = instance_path or os.environ.get("VTHSCAN_INSTANCE")
    if instance and Path(instance).is_dir():
        folder = Path(instance) / FOLDER_NAME
    else:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("vthscan")) / FOLDER_NAME
    ctx.with_resource(kept_in(folder))


def shorten(text: str, width: int) -> str:
    """At most `width` characters: a longer text is cut and ends in an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows as left-aligned text columns; the first row is the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)


# --- the web app, for the commands that use its database ----------------------------------------------

def web_app(ctx: click.Context, pages: bool = True):
    """The app with the questionnaires of the `--questionnaires` option; a broken file is a clear error.

    `pages=False` for a command that only reads or writes the database: the app starts faster.
    """
    from ..app import create_app

    try:
        app = create_app(questionnaires=questionnaires_option(ctx), pages=pages)
    except LoadError as error:
        raise Failure(f"de vragenlijsten kloppen niet; de app start niet:\n{error}") from None
    ctx.call_on_close(lambda: _close_database(app))
    return app


def _close_database(app) -> None:
    """Close the command's database connections when it ends (a PostgreSQL server counts them)."""
    from ..extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


class AssessmentId(click.ParamType):
    """An assessment's number, bounded as the web app bounds ids: a number the database cannot hold
    would make the query fail with a traceback instead of saying that the assessment does not exist."""

    name = "integer"

    def convert(self, value, param, ctx) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise Failure(f"'{value}' is geen beoordelingsnummer: geef een heel getal, het nummer in het adres "
                          f"van de beoordeling in de webapp (/beoordelingen/12 heeft nummer 12)") from None
        if not 1 <= number <= MAX_ID:
            raise Failure(f"Beoordeling {number} bestaat niet: een beoordelingsnummer ligt tussen 1 en {MAX_ID}.")
        return number


ASSESSMENT_ID = AssessmentId()


@contextmanager
def service_failures() -> Iterator[None]:
    """A service's refusal (its Dutch message) ends the command as a Failure."""
    from ..services.errors import ServiceError

    try:
        yield
    except ServiceError as error:
        raise Failure(str(error)) from None
