"""All questionnaires and threshold profiles in one folder, loaded and validated together, and the
migrations between questionnaire versions in its `migrations/` folder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .loader import LoadError, Problem, load_profile_text, load_questionnaire_text, read_text
from .migration_file import MIGRATION_SCHEMA, Migration, load_migration_text
from .questionnaire import THRESHOLDS_SCHEMA, Questionnaire, ThresholdProfile

_SCHEMA_LINE = re.compile(r"^schema:\s*['\"]?([\w./-]+)", re.MULTILINE)
_QUESTIONNAIRE_LINE = re.compile(r"^questionnaire:\s*['\"]?([\w-]+)", re.MULTILINE)


def is_profile_text(text: str) -> bool:
    """Tell a threshold profile from a questionnaire by its top-level `schema` line, without parsing."""
    match = _SCHEMA_LINE.search(text)
    return bool(match) and match.group(1) == THRESHOLDS_SCHEMA


def is_migration_text(text: str) -> bool:
    match = _SCHEMA_LINE.search(text)
    return bool(match) and match.group(1) == MIGRATION_SCHEMA


def profile_questionnaire_id(text: str) -> str | None:
    match = _QUESTIONNAIRE_LINE.search(text)
    return match.group(1) if match else None


def version_key(version: str) -> tuple:
    """Sort versions the way people read them: 1.10 after 1.9."""
    return tuple((0, int(part)) if part.isascii() and part.isdigit() else (1, part)
                 for part in re.split(r"[.\-]", version))


@dataclass
class Catalog:
    questionnaires: dict[tuple[str, str], Questionnaire] = field(default_factory=dict)
    profiles: dict[tuple[str, str], ThresholdProfile] = field(default_factory=dict)  # (questionnaire, name)
    files: dict[tuple[str, str], Path] = field(default_factory=dict)  # questionnaire (id, version) -> file
    # (questionnaire id, from version, to version) -> migration, and the file it came from
    migrations: dict[tuple[str, str, str], Migration] = field(default_factory=dict)
    migration_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)

    def get(self, questionnaire_id: str, version: str | None = None) -> Questionnaire | None:
        """A questionnaire by id and version; the newest version when `version` is None."""
        if version is not None:
            return self.questionnaires.get((questionnaire_id, version))
        versions = [v for (qid, v) in self.questionnaires if qid == questionnaire_id]
        return self.questionnaires[(questionnaire_id, max(versions, key=version_key))] if versions else None

    def profiles_for(self, questionnaire_id: str) -> list[ThresholdProfile]:
        return [p for (qid, _), p in sorted(self.profiles.items()) if qid == questionnaire_id]

    def versions_of(self, questionnaire_id: str) -> dict[str, Questionnaire]:
        return {version: q for (qid, version), q in self.questionnaires.items() if qid == questionnaire_id}

    def migration(self, questionnaire_id: str, from_version: str, to_version: str) -> Migration | None:
        return self.migrations.get((questionnaire_id, from_version, to_version))


def load_catalog(directory: str | Path) -> Catalog:
    """Load every `*.yaml`/`*.yml` file in `directory`; raise LoadError naming every problem in any file."""
    directory = Path(directory)
    if not directory.is_dir():
        raise LoadError([Problem(str(directory), None, "", "map met vragenlijsten niet gevonden")])
    catalog, problems, profile_files = Catalog(), [], []
    for path in sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")):
        try:
            text = read_text(path)
            if is_profile_text(text):
                profile_files.append((path, text))
                continue
            questionnaire = load_questionnaire_text(text, str(path))
        except LoadError as error:
            problems.extend(error.problems)
            continue
        key = (questionnaire.id, questionnaire.version)
        if key in catalog.questionnaires:
            problems.append(Problem(str(path), None, "version",
                                    f"{questionnaire.id} versie {questionnaire.version} staat ook in "
                                    f"{catalog.files[key]}; geef elke versie een eigen versienummer"))
            continue
        catalog.questionnaires[key] = questionnaire
        catalog.files[key] = path

    for path, text in profile_files:
        problems.extend(_add_profile(catalog, path, text))
    migrations = directory / MIGRATIONS_FOLDER
    if migrations.is_dir():
        for path in sorted(p for p in migrations.iterdir() if p.suffix in (".yaml", ".yml")):
            problems.extend(_add_migration(catalog, path))
    if problems:
        raise LoadError(problems)
    return catalog


MIGRATIONS_FOLDER = "migrations"


def _add_migration(catalog: Catalog, path: Path) -> list[Problem]:
    """Check a migration against the versions of its questionnaire and add it when it fits."""
    try:
        text = read_text(path)
        questionnaire_id = profile_questionnaire_id(text)
        migration = load_migration_text(text, catalog.versions_of(str(questionnaire_id)), str(path))
    except LoadError as error:
        return error.problems
    key = (migration.questionnaire, migration.from_version, migration.to_version)
    if key in catalog.migrations:
        return [Problem(str(path), None, "", f"de migratie van {key[0]} versie {key[1]} naar {key[2]} staat ook "
                                             f"in {catalog.migration_files[key]}")]
    catalog.migrations[key] = migration
    catalog.migration_files[key] = path
    return []


def _add_profile(catalog: Catalog, path: Path, text: str) -> list[Problem]:
    """Check a profile against every loaded version of its questionnaire and add it when it fits all."""
    questionnaire_id = profile_questionnaire_id(text)
    versions = [q for (qid, _), q in catalog.questionnaires.items() if qid == questionnaire_id]
    if not versions:
        return [Problem(str(path), None, "questionnaire",
                        f"vragenlijst '{questionnaire_id}' niet gevonden naast dit profiel")]
    problems = []
    for questionnaire in versions:
        try:
            profile = load_profile_text(text, questionnaire, str(path))
        except LoadError as error:
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        return problems
    key = (profile.questionnaire, profile.name)
    if key in catalog.profiles:
        return [Problem(str(path), None, "name", f"er is al een normprofiel '{profile.name}' "
                                                 f"voor {profile.questionnaire}")]
    catalog.profiles[key] = profile
    return []
