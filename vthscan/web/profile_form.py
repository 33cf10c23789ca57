"""The threshold grid of the profile form: one plain input per scope and level, named `t|<scope>|<id>|<level>`.

A questionnaire has a hundred thresholds, too many for one WTForms field each. This module builds the
grid's rows and cells (as they apply under a profile, or as typed, with their errors), reads the typed
values back from a posted form, and lists the errors for the summary. Checking and saving them is the
service's (`services.profiles.save_profile`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.wording import format_number
from ..services.profiles import parse_threshold, threshold_scopes, thresholds_by_scope

SCOPE_WORDS = {"o": "totaal", "p": "pijler", "c": "criterium"}


@dataclass
class Cell:
    name: str                     # form field name: t|<scope>|<id>|<level>
    html_id: str
    level: str
    level_label: str
    value: str
    default: str
    errors: list[str] = field(default_factory=list)

    @property
    def is_changed(self) -> bool:
        return parse_threshold(self.value) != parse_threshold(self.default)


@dataclass
class Row:
    scope: str                    # "o", "p", "c"
    id: str
    title: str
    cells: list[Cell]
    errors: list[str] = field(default_factory=list)


def field_name(scope: str, scope_id: str, level: str) -> str:
    return f"t|{scope}|{scope_id}|{level}"


def threshold_rows(questionnaire: Questionnaire, profile: ThresholdProfile | None = None,
                   posted: dict[tuple[str, str, str], str] | None = None,
                   errors: dict[tuple, list[str]] | None = None) -> list[Row]:
    """Every scope's thresholds as they apply under `profile`, or as typed (`posted`), with errors."""
    defaults = thresholds_by_scope(questionnaire, None)
    current = thresholds_by_scope(questionnaire, profile)
    errors = errors or {}
    rows = []
    for scope, scope_id, title in threshold_scopes(questionnaire):
        cells = []
        for level in questionnaire.graded_levels:
            key = (scope, scope_id, level)
            value = posted[key] if posted is not None and key in posted else format_number(current[scope, scope_id][level])
            cells.append(Cell(field_name(*key), f"t-{scope}-{scope_id}-{level}", level,
                              questionnaire.level_by_id[level].label, value,
                              format_number(defaults[scope, scope_id][level]), list(errors.get(key, []))))
        rows.append(Row(scope, scope_id, title, cells, list(errors.get((scope, scope_id, None), []))))
    return rows


def read_threshold_fields(form, questionnaire: Questionnaire) -> dict[tuple[str, str, str], str]:
    """The typed thresholds of a posted form, keyed (scope, id, level).

    Only the grid's own fields are read, in one pass over the grid: any other field (a pillar,
    criterion or level that does not exist, however many) is ignored and costs nothing.
    """
    values = {}
    for scope, scope_id, _title in threshold_scopes(questionnaire):
        for level in questionnaire.graded_levels:
            name = field_name(scope, scope_id, level)
            if name in form:
                values[(scope, scope_id, level)] = form.get(name, "")
    return values


def error_items(rows: list[Row], errors: dict[tuple, list[str]]) -> list[tuple[str, str, str]]:
    """(anchor id, label, message) for the error summary; errors outside the grid point at the grid."""
    items, placed = [], set()
    for row in rows:
        label = row.title if row.scope == "o" else f"{row.id} {row.title}"
        items.extend((row.cells[0].html_id, label, message) for message in row.errors)
        for cell in row.cells:
            items.extend((cell.html_id, f"{label}, {cell.level_label}", m) for m in cell.errors)
        placed.add((row.scope, row.id))
    for (scope, scope_id, level), messages in errors.items():
        if (scope, scope_id) not in placed:
            label = f"{SCOPE_WORDS.get(scope, scope)} {scope_id}" + (f" {level}" if level else "")
            items.extend(("drempels", label, message) for message in messages)
    return items
