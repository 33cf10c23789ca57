"""Load and validate questionnaire and threshold-profile files.

A bad file is refused with every problem at once, each naming the file, the line where it can and
the path inside the file, e.g. `pillars[P2].criteria[P2.1].questions[p21_q3].type`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import ValidationError

from .for_kinds import check_for_kinds
from .located_yaml import Document, LoadError, Problem, parse_yaml
from .question_types import QUESTION_TYPES
from .question_types.scale import SCALE_VALUES
from .questionnaire import (
    QUESTIONNAIRE_SCHEMA,
    THRESHOLDS_SCHEMA,
    Questionnaire,
    ThresholdProfile,
)
from .raw_data import as_list, duplicates, is_number, items
from .thresholds import effective_thresholds, first_given, order_problem

# Dutch wording for pydantic's error types; anything else keeps pydantic's own message.
_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekende sleutel",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_pattern_mismatch": "ongeldige id of waarde (alleen letters, cijfers, '-', '_' en '.')",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_parsing": "moet true of false zijn",
    "bool_type": "moet true of false zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een blok met sleutels zijn",
    "model_type": "moet een blok met sleutels zijn",
    "too_short": "mag niet leeg zijn",
    "union_tag_not_found": "ontbreekt",
}


_ADDRESS = "moet een webadres zijn dat begint met http:// of https:// (zonder spaties)"


def _shown(value) -> str:
    """A value as the author wrote it: 120.0 -> 120, text in quotes."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def _message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind in ("greater_than_equal", "greater_than"):
        sign = "minstens" if kind == "greater_than_equal" else "groter dan"
        return f"moet {sign} {ctx.get('ge', ctx.get('gt')):g} zijn (nu {_shown(error['input'])})"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx['le']:g} zijn (nu {_shown(error['input'])})"
    if kind == "literal_error":
        return f"onbekende waarde {error['input']!r}; kies uit {ctx['expected']}"
    if kind == "union_tag_invalid":
        return f"onbekend type {ctx['tag']!r}; kies uit {ctx['expected_tags']}"
    return _MESSAGES.get(kind, error["msg"])


def _raw_loc(document: Document, loc: tuple) -> tuple:
    """Drop the parts pydantic adds to a location that are not in the file.

    A discriminated union puts its tag after the item (`questions.2.scale.weight` for a scale
    question), and a dict key error ends in '[key]'. The tag comes first, so a field that shares the
    tag's name (`scale`, `norm`) is still found as the part after it.
    """
    raw, node, tag_skipped = [], document.data, False
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            is_tag = part in (node.get("type"), node.get("rule"))
            if (is_tag and not tag_skipped) or (part.endswith("]") and part not in node):
                tag_skipped = True
                continue
        elif isinstance(part, str) and part.startswith("[") and part.endswith("]") and not isinstance(node, (dict, list)):
            continue    # a union's tag after a plain value (a source given as text: "[tekst]")
        raw.append(part)
        tag_skipped = False
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
    return tuple(raw)


def _has(node, part) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)


def validate_model(document: Document, model):
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        for item in error.errors():
            loc = _raw_loc(document, item["loc"])
            if item["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc += (item["ctx"]["discriminator"].strip("'"),)
            document.problem(loc, _ADDRESS if loc[-1:] == ("url",) else _message(item))
        return None


def parse_with_schema(text: str, file: str, schema: str) -> Document:
    """Parse a file that must be a mapping starting from the given `schema` line."""
    document = parse_yaml(text, file)
    if not isinstance(document.data, dict):
        raise LoadError([Problem(file, 1, "", "het bestand moet een blok met sleutels zijn")])
    if document.data.get("schema") != schema:
        document.problem(("schema",), f"moet '{schema}' zijn")
        raise LoadError(document.problems)
    return document


def load_questionnaire_text(text: str, file: str = "<tekst>") -> Questionnaire:
    document = parse_with_schema(text, file, QUESTIONNAIRE_SCHEMA)
    questionnaire = validate_model(document, Questionnaire)
    _check_questionnaire(document)
    if document.problems:
        raise LoadError(sorted(document.problems, key=lambda p: p.line or 0))
    return questionnaire


def load_questionnaire(path: str | Path) -> Questionnaire:
    path = Path(path)
    return load_questionnaire_text(read_text(path), str(path))


def read_text(path: Path) -> str:
    """Read a UTF-8 file, turning every failure into a LoadError that names the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LoadError([Problem(str(path), None, "", "bestand niet gevonden")]) from None
    except UnicodeDecodeError:
        raise LoadError([Problem(str(path), None, "", "het bestand is geen UTF-8-tekst")]) from None
    except OSError as error:
        raise LoadError([Problem(str(path), None, "", f"kan het bestand niet lezen ({error.strerror})")]) from None


def _check_questionnaire(document: Document) -> None:
    """Checks that span several parts of the file, each problem with its location.

    They read the parsed data rather than the model, so they run (and report) even when the
    model refused the file for other reasons: the author sees every problem at once.
    """
    problem, data = document.problem, document.data
    levels = [item.get("id") for _, item in items(data, "levels")]
    for index, count in duplicates(levels):
        problem(("levels", index, "id"), f"niveau-id '{levels[index]}' komt {count} keer voor")
    graded = levels[:-1]

    def thresholds_at(loc: tuple, node) -> dict[str, float]:
        """The node's numeric thresholds, after reporting keys that are not a graded level."""
        if not isinstance(node, dict):
            return {}
        for level in node:
            if level not in graded and levels:
                problem(loc + (level,), f"onbekend niveau; een drempel kan alleen voor {graded}"
                                        f" (het laatste niveau '{levels[-1]}' heeft geen drempel)")
        return {k: v for k, v in node.items() if k in graded and is_number(v)}

    base = thresholds_at(("thresholds",), data.get("thresholds"))
    if isinstance(data.get("thresholds"), dict):
        for level in graded:
            if level not in data["thresholds"]:
                problem(("thresholds",), f"drempel voor niveau '{level}' ontbreekt")

    scales = data.get("scales") if isinstance(data.get("scales"), dict) else {}
    for scale_id, scale in scales.items():
        labels = scale.get("labels") if isinstance(scale, dict) else None
        # JSON (a stored definition) writes the keys as strings: "0" counts as 0.
        if isinstance(labels, dict) and {_as_int(key) for key in labels} != SCALE_VALUES:
            problem(("scales", scale_id, "labels"), "een schaal heeft precies de waarden 0, 1, 2, 3 en 4")
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}

    # Pillars, criteria and questions share one id space: answers and reports refer to them by id.
    ids: list[tuple[object, tuple]] = []
    order: list[tuple[str, tuple, dict]] = [("totaal", ("thresholds",), base)]
    for p_index, pillar in items(data, "pillars"):
        p_loc = ("pillars", p_index)
        ids.append((pillar.get("id"), p_loc + ("id",)))
        pillar_own = thresholds_at(p_loc + ("thresholds",), pillar.get("thresholds"))
        if pillar_own:  # a pillar without thresholds of its own inherits any disorder from above
            order.append((f"pijler {pillar.get('id')}", p_loc + ("thresholds",),
                          first_given(graded, pillar_own, base)))
        for c_index, criterion in items(pillar, "criteria"):
            c_loc = p_loc + ("criteria", c_index)
            ids.append((criterion.get("id"), c_loc + ("id",)))
            own = thresholds_at(c_loc + ("thresholds",), criterion.get("thresholds"))
            if own:
                order.append((f"criterium {criterion.get('id')}", c_loc + ("thresholds",),
                          first_given(graded, own, pillar_own, base)))
            for s_index, source in enumerate(as_list(criterion.get("sources"))):
                if isinstance(source, str) and source not in sources:
                    problem(c_loc + ("sources", s_index), f"bron '{source}' staat niet in 'sources'")
            for q_index, question in items(criterion, "questions"):
                q_loc = c_loc + ("questions", q_index)
                ids.append((question.get("id"), q_loc + ("id",)))
                _check_question(problem, scales, question, q_loc)
            types = [QUESTION_TYPES.get(q.get("type")) for _, q in items(criterion, "questions")]
            if types and all(t is not None and not t.is_scored for t in types):
                problem(c_loc + ("questions",), "het criterium heeft geen vraag die meetelt voor de score "
                                                "(alleen tekstvragen)")
        check_for_kinds(problem, pillar, p_loc)

    counts = Counter(identifier for identifier, _ in ids if isinstance(identifier, str))
    for identifier, loc in ids:
        if isinstance(identifier, str) and counts[identifier] > 1:
            problem(loc, f"id '{identifier}' komt {counts[identifier]} keer voor in de vragenlijst")
    for name, loc, thresholds in order:
        message = order_problem(graded, thresholds)
        if message:
            problem(loc, f"{name}: {message}")


def _check_question(problem, scales: dict, question: dict, loc: tuple) -> None:
    """The checks of the question's own type; the model reports an unknown type."""
    question_type = QUESTION_TYPES.get(question.get("type"))
    if question_type is not None:
        for where, message in question_type.file_problems(question, scales):
            problem(loc + where, message)


def _as_int(key):
    # isdigit() alone also takes '²' and '٣', which int() then refuses or reads as 3
    return int(key) if isinstance(key, str) and key.isascii() and key.isdigit() else key


def load_profile_text(text: str, questionnaire: Questionnaire, file: str = "<tekst>") -> ThresholdProfile:
    """Load a threshold profile and check that it fits `questionnaire`."""
    document = parse_with_schema(text, file, THRESHOLDS_SCHEMA)
    profile = validate_model(document, ThresholdProfile)
    if profile is not None:
        check_profile(document.problem, profile, questionnaire)
    if document.problems:
        raise LoadError(document.problems)
    return profile


def load_profile(path: str | Path, questionnaire: Questionnaire) -> ThresholdProfile:
    path = Path(path)
    return load_profile_text(read_text(path), questionnaire, str(path))


def check_profile(problem, profile: ThresholdProfile, questionnaire: Questionnaire) -> None:
    """Report through `problem(loc, message)` everything that keeps `profile` from fitting."""
    if profile.questionnaire != questionnaire.id:
        problem(("questionnaire",), f"profiel hoort bij vragenlijst '{profile.questionnaire}', "
                                    f"niet bij '{questionnaire.id}'")
        return
    graded = questionnaire.graded_levels
    pillar_ids = {pillar.id for pillar in questionnaire.pillars}
    criterion_ids = {criterion.id for _, criterion in questionnaire.criteria}
    reported = []  # the order check below only makes sense once every key is known

    def report(loc, message):
        reported.append(loc)
        problem(loc, message)

    def check_levels(loc: tuple, thresholds: dict) -> None:
        for level in thresholds:
            if level not in graded:
                report(loc + (level,), f"onbekend niveau; een drempel kan alleen voor {graded}")

    check_levels(("thresholds",), profile.thresholds)
    for pillar_id, thresholds in profile.pillars.items():
        if pillar_id not in pillar_ids:
            report(("pillars", pillar_id), f"pijler '{pillar_id}' bestaat niet in {questionnaire.id} "
                                           f"versie {questionnaire.version}")
        check_levels(("pillars", pillar_id), thresholds)
    for criterion_id, thresholds in profile.criteria.items():
        if criterion_id not in criterion_ids:
            report(("criteria", criterion_id), f"criterium '{criterion_id}' bestaat niet in "
                                               f"{questionnaire.id} versie {questionnaire.version}")
        check_levels(("criteria", criterion_id), thresholds)
    if reported:
        return
    # Name the most specific profile entry that could cause a disorder, else its general thresholds.
    effective = effective_thresholds(questionnaire, profile)
    levels = questionnaire.graded_levels
    checks = [("totaal", ("thresholds",), effective.overall)]
    for pillar in questionnaire.pillars:
        loc = ("pillars", pillar.id) if pillar.id in profile.pillars else ("thresholds",)
        checks.append((f"pijler {pillar.id}", loc, effective.pillars[pillar.id]))
    for pillar, criterion in questionnaire.criteria:
        if criterion.id in profile.criteria:
            loc = ("criteria", criterion.id)
        elif pillar.id in profile.pillars:
            loc = ("pillars", pillar.id)
        else:
            loc = ("thresholds",)
        checks.append((f"criterium {criterion.id}", loc, effective.criteria[criterion.id]))
    reported_at = set()
    for name, loc, thresholds in checks:
        message = order_problem(levels, thresholds)
        if message and loc not in reported_at:  # one entry can upset many criteria: name it once
            reported_at.add(loc)
            problem(loc, f"{name}: {message}")
