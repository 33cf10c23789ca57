"""Threshold profiles (normprofielen): those from the questionnaire files (read-only) and those the
beheerder makes in the web app (stored in ThresholdProfileRecord as the `vthscan.thresholds/1` data).

The edit form (web/profile_form.py) shows every level's threshold of the whole questionnaire, per
pillar and per criterion, as it applies. What is stored is only what differs from the questionnaire's
own thresholds, plus the values that must be pinned because a broader change (the profile's overall
or pillar thresholds) would otherwise carry over to them: what the form shows is exactly what applies. Validation is the
domain's (`load_profile_text`: the ThresholdProfile model and `check_profile`).

Write services (`write`) audit and commit; a refused save keeps nothing. Reads never commit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..domain.limits import DESCRIPTION, NAME, text_problem
from ..domain.loader import LoadError, check_profile, load_profile, load_profile_text
from ..domain.numbers import NotANumber, NumberTooLarge, parse_number
from ..domain.questionnaire import THRESHOLDS_SCHEMA, Questionnaire, ThresholdProfile
from ..domain.thresholds import effective_thresholds
from ..domain.wording import DEFAULT_PROFILE_LABEL
from ..extensions import db
from ..models import ThresholdProfileRecord, User, utcnow
from .audit import audit
from .errors import NotVisible, ProfileInvalid, ServiceError
from .questionnaires import catalog
from .transaction import write

DEFAULT_KEY = ""
FILE_PREFIX = "bestand:"
RECORD_PREFIX = "db:"
OVERALL = ("o", "totaal")   # (scope, id) of the overall thresholds
SCOPES = {"o": "thresholds", "p": "pillars", "c": "criteria"}


# --- choosing a profile ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProfileOption:
    """One entry of the profile select: the questionnaire's own thresholds, a file or a stored profile."""

    key: str                      # "" | "bestand:<name>" | "db:<id>"
    label: str
    source: str                   # "standaard", "bestand", "database"
    profile: ThresholdProfile | None = None

    @property
    def name(self) -> str:
        return self.profile.name if self.profile is not None else DEFAULT_PROFILE_LABEL


def _fits(profile: ThresholdProfile, questionnaire: Questionnaire) -> bool:
    problems = []
    check_profile(lambda loc, message: problems.append(message), profile, questionnaire)
    return not problems


def record_profile(record: ThresholdProfileRecord) -> ThresholdProfile:
    return ThresholdProfile.model_validate(record.data)


def profile_options(questionnaire: Questionnaire) -> list[ProfileOption]:
    """The default plus every profile for this questionnaire that fits its version."""
    options = [ProfileOption(DEFAULT_KEY, DEFAULT_PROFILE_LABEL, "standaard")]
    for profile in sorted(catalog().profiles_for(questionnaire.id), key=lambda p: p.name):
        if _fits(profile, questionnaire):
            options.append(ProfileOption(FILE_PREFIX + profile.name, profile.name, "bestand", profile))
    records = db.session.scalars(select(ThresholdProfileRecord).where(
        ThresholdProfileRecord.questionnaire_id == questionnaire.id).order_by(ThresholdProfileRecord.name))
    for record in records:
        profile = record_profile(record)
        if _fits(profile, questionnaire):
            options.append(ProfileOption(f"{RECORD_PREFIX}{record.id}", record.name, "database", profile))
    return options


def choose_profile(questionnaire: Questionnaire, key: str | None) -> tuple[ProfileOption, list[ProfileOption]]:
    """The option with this key and all options; 404 for a key that is unknown or does not fit."""
    options = profile_options(questionnaire)
    chosen = next((o for o in options if o.key == (key or DEFAULT_KEY)), None)
    if chosen is None:
        raise NotVisible()
    return chosen, options


def resolve_profile_ref(questionnaire: Questionnaire, ref: str | None) -> ThresholdProfile | None:
    """For the command line: a YAML file, else a profile name from the folder or the database."""
    if ref is None:
        return None
    if Path(ref).is_file():
        try:
            return load_profile(ref, questionnaire)
        except LoadError as error:
            raise ServiceError(f"normprofiel niet bruikbaar:\n{error}") from None
    options = profile_options(questionnaire)
    found = next((o.profile for o in options if o.profile is not None and o.profile.name == ref), None)
    if found is None:
        names = ", ".join(o.name for o in options if o.profile is not None) or "geen"
        raise ServiceError(f"normprofiel '{ref}' niet gevonden: geen bestand met die naam, en geen profiel "
                           f"met die naam voor {questionnaire.id} versie {questionnaire.version} "
                           f"(beschikbaar: {names})")
    return found


# --- the list -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProfileSummary:
    key: str
    questionnaire_id: str
    questionnaire_title: str
    name: str
    description: str
    source: str                   # "bestand" or "database"
    changed: int                  # how many thresholds the profile sets
    record: ThresholdProfileRecord | None = None
    file: str = ""


def _count(profile: ThresholdProfile) -> int:
    return (len(profile.thresholds) + sum(len(t) for t in profile.pillars.values())
            + sum(len(t) for t in profile.criteria.values()))


def all_profiles() -> list[ProfileSummary]:
    titles = {q.id: q.title for q in catalog().questionnaires.values()}
    rows = [ProfileSummary(FILE_PREFIX + p.name, qid, titles.get(qid, qid), p.name, p.description, "bestand",
                           _count(p), file=str(catalog().files.get((qid, name), "")))
            for (qid, name), p in catalog().profiles.items()]
    for record in db.session.scalars(select(ThresholdProfileRecord)):
        rows.append(ProfileSummary(f"{RECORD_PREFIX}{record.id}", record.questionnaire_id,
                                   titles.get(record.questionnaire_id, record.questionnaire_id), record.name,
                                   record.description, "database", _count(record_profile(record)), record))
    return sorted(rows, key=lambda r: (r.questionnaire_title, r.name.lower(), r.source))


def get_record(record_id: int) -> ThresholdProfileRecord:
    record = db.session.get(ThresholdProfileRecord, record_id)
    if record is None:
        raise NotVisible()
    return record


def file_profile(questionnaire_id: str, name: str) -> ThresholdProfile:
    profile = catalog().profiles.get((questionnaire_id, name))
    if profile is None:
        raise NotVisible()
    return profile


def base_questionnaire(questionnaire_id: str) -> Questionnaire:
    """The newest version in the catalog: profiles are made and checked against it."""
    questionnaire = catalog().get(questionnaire_id)
    if questionnaire is None:
        raise NotVisible()
    return questionnaire


# --- thresholds per scope -------------------------------------------------------------------------------

def threshold_scopes(questionnaire: Questionnaire) -> list[tuple[str, str, str]]:
    """(scope, id, title) of the overall thresholds, each pillar and each criterion, in order."""
    rows = [(*OVERALL, "Totaaloordeel")]
    for pillar in questionnaire.pillars:
        rows.append(("p", pillar.id, pillar.title))
        rows.extend(("c", criterion.id, criterion.title) for criterion in pillar.criteria)
    return rows


def thresholds_by_scope(questionnaire: Questionnaire, profile) -> dict[tuple[str, str], dict[str, float]]:
    """The thresholds that apply under `profile` (None: the questionnaire's own), per (scope, id)."""
    effective = effective_thresholds(questionnaire, profile)
    values = {OVERALL: effective.overall}
    values |= {("p", pid): t for pid, t in effective.pillars.items()}
    values |= {("c", cid): t for cid, t in effective.criteria.items()}
    return values


def parse_threshold(text: str) -> float | None:
    """A typed threshold as a number (see `parse_number`), or None when it is not one."""
    try:
        return float(parse_number(text.strip()))
    except (NotANumber, AttributeError):
        return None


# --- saving -------------------------------------------------------------------------------------------------

def _profile_data(questionnaire: Questionnaire, name: str, description: str,
                  wanted: dict[tuple[str, str], dict[str, float]]) -> dict:
    """The smallest profile whose effective thresholds are `wanted` (see the module's docstring)."""
    defaults = thresholds_by_scope(questionnaire, None)
    data = {"schema": THRESHOLDS_SCHEMA, "questionnaire": questionnaire.id, "name": name,
            "description": description, "thresholds": {}, "pillars": {}, "criteria": {}}

    def put(scope, scope_id, level, value):
        if scope == "o":
            data["thresholds"][level] = value
        else:
            data[SCOPES[scope]].setdefault(scope_id, {})[level] = value

    for (scope, scope_id), levels in wanted.items():
        for level, value in levels.items():
            if value != defaults[scope, scope_id][level]:
                put(scope, scope_id, level, value)
    for pinned_scope in ("p", "c"):   # pillars first: their entries reach the criteria too
        current = thresholds_by_scope(questionnaire, ThresholdProfile.model_construct(
            name=name, thresholds=data["thresholds"], pillars=data["pillars"], criteria=data["criteria"]))
        for (scope, scope_id), levels in wanted.items():
            if scope == pinned_scope:
                for level, value in levels.items():
                    if current[scope, scope_id][level] != value:
                        put(scope, scope_id, level, value)
    return data


def _locate(questionnaire: Questionnaire, path: str) -> tuple:
    """The form key of a domain problem's path, e.g. 'criteria.P2.1.voldoet' -> ('c', 'P2.1', 'voldoet')."""
    head, _dot, rest = path.partition(".")
    if head == "thresholds":
        return (*OVERALL, rest or None)
    scope = {"pillars": "p", "criteria": "c"}.get(head)
    if scope is None:
        return ("naam", None, None)
    ids = {p.id for p in questionnaire.pillars} if scope == "p" else {c.id for _, c in questionnaire.criteria}
    for scope_id in sorted(ids, key=len, reverse=True):
        if rest == scope_id or rest.startswith(scope_id + "."):
            return (scope, scope_id, rest[len(scope_id) + 1:] or None)
    return (scope, rest, None)


def build_profile(questionnaire: Questionnaire, name: str, description: str,
                  posted: dict[tuple[str, str, str], str]) -> dict:
    """Check the typed thresholds, keyed (scope, id, level), and return the profile's data; raises
    ProfileInvalid. Only keys of the questionnaire's scopes and graded levels count; others are ignored.
    """
    errors: dict[tuple, list[str]] = {}
    graded = questionnaire.graded_levels
    defaults = thresholds_by_scope(questionnaire, None)
    wanted = {key: dict(levels) for key, levels in defaults.items()}
    for (scope, scope_id, level), text in posted.items():
        if (scope, scope_id) not in wanted or level not in graded:
            continue
        value = parse_threshold(text)
        if value is None:
            errors.setdefault((scope, scope_id, level), []).append(_not_a_threshold(text.strip()))
        else:
            wanted[scope, scope_id][level] = value
    # Values that are not numbers keep their default here, so the domain can still check the rest.
    # The model refuses values out of range before anything else is checked: check again without
    # the values already found wrong, to report all problems at once.
    name_errors: list[str] = []
    problems: list[tuple[tuple, str]] = []
    for _attempt in range(3):
        found = _domain_problems(questionnaire, _profile_data(questionnaire, name, description, wanted))
        new = [problem for problem in found if problem not in problems]
        problems += new
        wrong = [key for key, _message in new if key[0] != "naam" and key[2] is not None]
        if not wrong:
            break
        for scope, scope_id, level in wrong:
            if (scope, scope_id) in wanted and level in graded:
                wanted[scope, scope_id][level] = defaults[scope, scope_id][level]
    for key, message in problems:
        if key[0] == "naam":
            name_errors.append(message)
        else:
            errors.setdefault(key, []).append(message)
    if errors or name_errors:
        raise ProfileInvalid(errors, name_errors)
    return _profile_data(questionnaire, name, description, wanted)


def _not_a_threshold(text: str) -> str:
    if not text:
        return "Vul een drempel in (een getal van 0 tot en met 100)."
    shown = text[:20] + ("..." if len(text) > 20 else "")
    try:
        parse_number(text)
    except NumberTooLarge:
        return f"'{shown}' is te groot; een drempel is een getal van 0 tot en met 100."
    except NotANumber:
        pass
    return f"'{shown}' is geen getal; schrijf bijvoorbeeld 75 of 72,5."


def _domain_problems(questionnaire: Questionnaire, data: dict) -> list[tuple[tuple, str]]:
    """The domain's verdict on profile data: (form key, Dutch message) per problem."""
    try:
        load_profile_text(json.dumps(data), questionnaire, "formulier")
    except LoadError as error:
        return [(_locate(questionnaire, problem.path), problem.message) for problem in error.problems]
    return []


def _name_taken(questionnaire_id: str, name: str, record_id: int | None) -> bool:
    if (questionnaire_id, name) in catalog().profiles or name == DEFAULT_PROFILE_LABEL:
        return True
    other = db.session.scalar(select(ThresholdProfileRecord).where(
        ThresholdProfileRecord.questionnaire_id == questionnaire_id, ThresholdProfileRecord.name == name))
    return other is not None and other.id != record_id


@write
def save_profile(user: User | None, questionnaire: Questionnaire, record: ThresholdProfileRecord | None,
                 name: str, description: str,
                 posted: dict[tuple[str, str, str], str]) -> ThresholdProfileRecord:
    """Create (record None) or change a stored profile; raises ProfileInvalid with located Dutch errors."""
    name, description = (name or "").strip(), (description or "").strip()
    name_errors = []
    name_problem = text_problem(name, NAME)
    if not name:
        name_errors.append("Geef het normprofiel een naam.")
    elif name_problem:
        name_errors.append(f"De naam {name_problem}.")
    elif _name_taken(questionnaire.id, name, record.id if record else None):
        name_errors.append(f"Er is al een normprofiel '{name}' voor {questionnaire.title}; kies een andere naam.")
    description_problem = text_problem(description, DESCRIPTION)
    if description_problem:
        name_errors.append(f"De beschrijving {description_problem}.")
    try:
        data = build_profile(questionnaire, name or "naamloos", description, posted)
    except ProfileInvalid as invalid:
        raise ProfileInvalid(invalid.errors, name_errors + invalid.name_errors) from None
    if name_errors:
        raise ProfileInvalid({}, name_errors)
    if record is None:
        record = ThresholdProfileRecord(questionnaire_id=questionnaire.id, created_by_id=user.id if user else None)
        db.session.add(record)
    record.name, record.description, record.data, record.updated_at = name, description, data, utcnow()
    audit(user, "profile_saved", subject=f"{questionnaire.id} {name}", new=json.dumps(data, ensure_ascii=False))
    return record


@write
def delete_profile(user: User | None, record: ThresholdProfileRecord) -> None:
    audit(user, "profile_deleted", subject=f"{record.questionnaire_id} {record.name}",
          old=json.dumps(record.data, ensure_ascii=False))
    db.session.delete(record)
