import ast
from datetime import date, datetime
from pathlib import Path

import pytest

from vthscan.domain.wording import (
    ASSESSED_KINDS,
    CONCEPT,
    IN_REVIEW,
    ORGANISATION_KINDS,
    PARTICIPANT_KINDS,
    ROLES,
    SIGNED_OFF,
    STATUSES,
    day_text,
    dutch_date,
    format_number,
    format_percentage,
    format_score,
    kind_label,
    level_symbol,
    role_label,
    status_label,
    timestamp,
)


@pytest.mark.parametrize("value, text", [(56.25, "56,3"), (62.0, "62"), (100, "100"), (0, "0"),
                                         (12.04, "12"), (None, "niet beoordeeld")])
def test_scores_are_written_the_dutch_way_rounded_half_up(value, text):
    assert format_score(value) == text


def test_percentages():
    assert format_percentage(0.855) == "86 %"
    assert format_percentage(None) == "niet te bepalen"


@pytest.mark.parametrize("value, text", [(2, "2"), (2.0, "2"), (2.5, "2,5"), (1234.5, "1234,5"), (62.25, "62,25"),
                                         (0.125, "0,13"), (-2.5, "-2,5"), (-0.0, "0"), (0.001, "0"),
                                         (10 ** 15, "1000000000000000"), (1e30, "1" + "0" * 30)])
def test_numbers_have_a_decimal_comma_and_at_most_two_decimals(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value, text", [(1234567, "1234567"), (0.1, "0,1"), (2.1234567891, "2,1234567891"),
                                         (5e-7, "0,0000005"), (2.00000000001, "2"), (0, "0")])
def test_numbers_as_precise_as_typed_never_end_in_a_comma_or_exponent(value, text):
    assert format_number(value, decimals=10) == text


def test_dates_and_moments():
    assert dutch_date(date(2026, 3, 12)) == "12 maart 2026"
    assert dutch_date(date(2025, 12, 1)) == "1 december 2025"
    assert day_text(date(2026, 3, 2)) == "02-03-2026"
    assert timestamp(datetime(2026, 3, 12, 14, 5, 59)) == "12-03-2026 14:05 UTC"
    assert timestamp(None) == ""


PACKAGE = Path(__file__).resolve().parent.parent.parent / "vthscan"
# The sets of codes, their labels and the formatting functions that wording.py is the one place for.
DEFINED_IN_WORDING = {"STATUS_LABELS", "STATUSES", "KIND_LABELS", "ORGANISATION_KINDS", "ASSESSED_KINDS",
                      "PARTICIPANT_KINDS", "ROLE_LABELS", "ROLES", "PRIORITY_LABELS", "PRIORITIES", "MONTHS",
                      "DEFAULT_PROFILE_LABEL", "FINAL_STATUS", "format_number", "format_score",
                      "format_percentage", "number_text", "dutch_date", "day_text", "timestamp"}


def module_level_definitions(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name))
    return names


# The same name for another subject: the statuses of an action in a plan van aanpak.
OTHER_SUBJECT = {"domain/plan.py": {"STATUSES"}}


def test_labels_kinds_statuses_roles_and_formats_are_defined_in_wording_only():
    elsewhere = {}
    for path in PACKAGE.rglob("*.py"):
        module = path.relative_to(PACKAGE).as_posix()
        if module != "domain/wording.py":
            elsewhere[module] = sorted(module_level_definitions(path) & DEFINED_IN_WORDING
                                       - OTHER_SUBJECT.get(module, set()))
    assert {module: names for module, names in elsewhere.items() if names} == {}


def test_the_sets_of_codes_hang_together():
    assert STATUSES == (CONCEPT, IN_REVIEW, SIGNED_OFF) == ("concept", "ter_review", "vastgesteld")
    assert set(ASSESSED_KINDS) < set(ORGANISATION_KINDS) and set(PARTICIPANT_KINDS) < set(ASSESSED_KINDS)
    assert ROLES == ("beheerder", "coordinator", "invuller", "lezer")
    assert [status_label(s) for s in STATUSES] == ["concept", "ter review", "vastgesteld"]
    assert kind_label("adviesbureau") == "adviesbureau" and role_label("lezer") == "lezer"
    assert status_label("onbekend") == "onbekend"


def test_a_level_sign_is_best_worst_or_between_whatever_the_number_of_levels():
    assert [level_symbol(rank, 3) for rank in range(3)] == ["✔", "▲", "✖"]
    assert [level_symbol(rank, 4) for rank in range(4)] == ["✔", "▲", "▲", "✖"]
    assert [level_symbol(rank, 2) for rank in range(2)] == ["✔", "✖"]
