"""The `vthscan.migration/1` file: how the answers to one questionnaire version carry to the next.

A migration is a was-wordt list for one questionnaire, from one version to another. Every question of
the old version that the file does not name, and that the new version still has (same id), is kept.
The rules say what happens to the others:

- keep:   the question stays (same id); only useful with `options`
- rename: the question has another id in the new version
- split:  the question became two or more questions; each gets the answer
- merge:  two or more questions became one; `combine` says how: the lowest, the highest or the sum
- drop:   the question is gone; `reason` tells the user why the answer could not be carried

`options` (keep, rename, split) maps old option ids of a choice question to new ones. The file is
checked against both questionnaire versions, with every problem located as in a questionnaire file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import Field

from .loader import parse_with_schema, read_text, validate_model
from .located_yaml import Document, LoadError
from .question_types import QUESTION_TYPES, QuestionBase
from .question_types.base import type_name
from .questionnaire import Questionnaire
from .schema import Identifier, Model, Slug, Text

MIGRATION_SCHEMA = "vthscan.migration/1"
Version = Annotated[str, Field(min_length=1, max_length=40)]
OptionMap = dict[Identifier, Identifier]


class KeepRule(Model):
    rule: Literal["keep"]
    from_: Identifier = Field(alias="from")
    options: OptionMap = Field(default_factory=dict)


class RenameRule(Model):
    rule: Literal["rename"]
    from_: Identifier = Field(alias="from")
    to: Identifier
    options: OptionMap = Field(default_factory=dict)


class SplitRule(Model):
    rule: Literal["split"]
    from_: Identifier = Field(alias="from")
    to: list[Identifier] = Field(min_length=2)
    options: OptionMap = Field(default_factory=dict)


class MergeRule(Model):
    rule: Literal["merge"]
    from_: list[Identifier] = Field(alias="from", min_length=2)
    to: Identifier
    combine: Literal["lowest", "highest", "sum"]


class DropRule(Model):
    rule: Literal["drop"]
    from_: Identifier = Field(alias="from")
    reason: Text


Rule = Annotated[Union[KeepRule, RenameRule, SplitRule, MergeRule, DropRule],  # noqa: UP007
                 Field(discriminator="rule")]


class Migration(Model):
    schema_: Literal["vthscan.migration/1"] = Field(alias="schema")
    questionnaire: Slug
    from_version: Version = Field(alias="from")
    to_version: Version = Field(alias="to")
    description: str = ""
    rules: list[Rule] = Field(default_factory=list)

    def rule_for(self, old_id: str) -> Rule | None:
        """The rule that names this question of the old version, if any."""
        return next((rule for rule in self.rules if old_id in sources_of(rule)), None)


def sources_of(rule) -> list[str]:
    """The questions of the old version a rule takes its answers from."""
    return rule.from_ if isinstance(rule.from_, list) else [rule.from_]


def targets_of(rule) -> list[str]:
    """The questions of the new version a rule gives answers to (none for drop)."""
    if isinstance(rule, DropRule):
        return []
    if isinstance(rule, KeepRule):
        return [rule.from_]
    return rule.to if isinstance(rule.to, list) else [rule.to]


def _source_loc(rule, position: int) -> tuple:
    return ("from", position) if isinstance(rule.from_, list) else ("from",)


def _target_loc(rule, position: int) -> tuple:
    """Where a rule names its `position`th new question: `to` (or its item), or `from` for keep."""
    if isinstance(rule, KeepRule):
        return ("from",)
    return ("to", position) if isinstance(rule.to, list) else ("to",)


def load_migration_text(text: str, versions: dict[str, Questionnaire], file: str = "<tekst>") -> Migration:
    """Load a migration and check it against the versions of its questionnaire (version -> questionnaire).

    Raises LoadError naming every problem with its file, line and place.
    """
    document = parse_with_schema(text, file, MIGRATION_SCHEMA)
    migration = validate_model(document, Migration)
    if migration is not None:
        _check(document, migration, versions)
    if document.problems:
        raise LoadError(sorted(document.problems, key=lambda p: p.line or 0))
    return migration


def load_migration(path: str | Path, versions: dict[str, Questionnaire]) -> Migration:
    path = Path(path)
    return load_migration_text(read_text(path), versions, str(path))


def _check(document: Document, migration: Migration, versions: dict[str, Questionnaire]) -> None:
    problem = document.problem
    if not versions:
        problem(("questionnaire",), f"vragenlijst '{migration.questionnaire}' is niet gevonden")
        return
    old, new = versions.get(migration.from_version), versions.get(migration.to_version)
    for key, version, found in (("from", migration.from_version, old), ("to", migration.to_version, new)):
        if found is None:
            known = ", ".join(sorted(versions)) or "geen"
            problem((key,), f"versie {version} van {migration.questionnaire} is niet gevonden (wel: {known})")
    if old is None or new is None:
        return
    if old.version == new.version:
        problem(("to",), "een migratie gaat van de ene versie naar een andere")
        return
    named_at: dict[str, tuple] = {}   # old question id -> where a rule names it
    target_of: dict[str, str] = {}    # new question id -> what fills it, in words
    for index, rule in enumerate(migration.rules):
        loc = ("rules", index)
        sources = sources_of(rule)
        for position, old_id in enumerate(sources):
            where = loc + _source_loc(rule, position)
            if old_id not in old.questions:
                problem(where, f"vraag '{old_id}' bestaat niet in versie {old.version}")
            elif old_id in named_at:
                problem(where, f"vraag '{old_id}' staat al in een andere regel (regel {named_at[old_id][1] + 1})")
            else:
                named_at[old_id] = loc
        targets = targets_of(rule)
        for position, new_id in enumerate(targets):
            where = loc + _target_loc(rule, position)
            if new_id not in new.questions:
                problem(where, f"vraag '{new_id}' bestaat niet in versie {new.version}")
            elif new_id in target_of:
                problem(where, f"vraag '{new_id}' krijgt al een antwoord uit {target_of[new_id]}; "
                               f"voeg vragen samen met een merge-regel")
            else:
                target_of[new_id] = f"regel {index + 1}"
        if all(s in old.questions for s in sources) and all(t in new.questions for t in targets):
            _check_types(problem, loc, rule, old, new)
    for old_id in old.questions:  # the questions no rule names: kept when the new version has them
        if old_id in named_at:
            continue
        if old_id not in new.questions:
            problem(("rules",), f"vraag '{old_id}' uit versie {old.version} bestaat niet in versie "
                                f"{new.version}; zeg met een regel wat ermee gebeurt (rename, split, merge of drop)")
        elif old_id in target_of:
            problem(("rules",), f"vraag '{old_id}' blijft in versie {new.version} bestaan en houdt haar eigen "
                                f"antwoord, maar krijgt ook een antwoord uit {target_of[old_id]}; zeg met een "
                                f"regel wat er met '{old_id}' zelf gebeurt")


def _family(question) -> str:
    """The basic type a question's answer has: a percentage is a number."""
    return next(name for cls in reversed(type(question).__mro__)
                if issubclass(cls, QuestionBase) and (name := type_name(cls)) in QUESTION_TYPES)


MERGEABLE = {"lowest": ("yes_no", "scale", "number"), "highest": ("yes_no", "scale", "number"),
             "sum": ("number",)}


def _check_types(problem, loc: tuple, rule, old: Questionnaire, new: Questionnaire) -> None:
    """Can the answers of the rule's old questions be answers to its new ones at all?"""
    sources = [old.questions[old_id][2] for old_id in sources_of(rule)]
    targets = [new.questions[new_id][2] for new_id in targets_of(rule)]
    if isinstance(rule, MergeRule):
        allowed = MERGEABLE[rule.combine]
        for position, question in enumerate(sources + targets):
            where = loc + (_source_loc(rule, position) if position < len(sources) else ("to",))
            if _family(question) not in allowed or _family(question) != _family(targets[0]):
                problem(where, f"'{rule.combine}' voegt alleen vragen van hetzelfde soort samen "
                               f"({', '.join(allowed)}); '{question.id}' is {question.label}")
        return
    source = sources[0]
    for position, target in enumerate(targets):
        if _family(target) != _family(source):
            problem(loc + _target_loc(rule, position), f"een antwoord op '{source.id}' ({source.label}) past niet bij '{target.id}' "
                           f"({target.label}); gebruik drop als het antwoord niet mee kan")
    options = getattr(rule, "options", {})
    if not options:
        return
    if source.type != "choice" or any(target.type != "choice" for target in targets):
        problem(loc + ("options",), "options kan alleen bij keuzevragen")
        return
    known_old = {option.id for option in source.options}
    for old_option, new_option in options.items():
        if old_option not in known_old:
            problem(loc + ("options", old_option), f"'{source.id}' heeft in versie {old.version} geen keuze "
                                                   f"'{old_option}'")
        for target in targets:
            if target.option(new_option) is None:
                problem(loc + ("options", old_option), f"'{target.id}' heeft in versie {new.version} geen "
                                                       f"keuze '{new_option}'")
