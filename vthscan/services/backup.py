"""Back up the whole database to one JSON archive and restore it into an empty database.

Generic over the models' tables (in foreign-key order), so a new table is backed up without
changes here. Works the same on SQLite and PostgreSQL; after a restore on PostgreSQL the id
sequences continue after the highest restored id. `import_all` is a write that commits the whole
archive or, on any problem, rolls back and restores nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, func, insert, select

from ..domain.limits import text_problem
from ..extensions import db
from ..models import TEXT_RULES

BACKUP_FORMAT = "vthscan.backup/1"


class BackupError(ValueError):
    """The archive cannot be restored; the message says why, in Dutch."""


def _tables():
    return db.metadata.sorted_tables  # parents before children


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def export_all() -> dict:
    """Every row of every table, as JSON-ready data."""
    tables = {}
    for table in _tables():
        order = [column for column in table.primary_key.columns] or list(table.columns)
        rows = db.session.execute(select(table).order_by(*order)).mappings()
        tables[table.name] = [{key: _plain(value) for key, value in row.items()} for row in rows]
    return {"format": BACKUP_FORMAT, "tables": tables}


def database_is_empty() -> bool:
    return all(db.session.execute(select(func.count()).select_from(table)).scalar_one() == 0
               for table in _tables())


def import_all(archive: dict) -> dict[str, int]:
    """Restore an archive made by `export_all` into an empty database; returns rows per table."""
    if not isinstance(archive, dict) or archive.get("format") != BACKUP_FORMAT:
        raise BackupError(f"dit is geen vthscan-back-up (verwacht \"format\": \"{BACKUP_FORMAT}\")")
    data = archive.get("tables")
    if not isinstance(data, dict):
        raise BackupError("de back-up heeft geen tabellen")
    known = {table.name: table for table in _tables()}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise BackupError(f"onbekende tabellen in de back-up: {', '.join(unknown)}")
    if not database_is_empty():
        raise BackupError("de database is niet leeg; zet een back-up alleen terug in een lege database")

    counts = {}
    try:
        for table in _tables():
            rows = data.get(table.name, [])
            if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
                raise BackupError(f"tabel {table.name}: verwacht een lijst met rijen")
            columns = {column.name: column for column in table.columns}
            for row in rows:
                extra = set(row) - set(columns)
                if extra:
                    raise BackupError(f"tabel {table.name}: onbekende kolommen {', '.join(sorted(extra))}")
                _check_texts(table.name, row)
            if rows:
                db.session.execute(insert(table), [_typed(columns, row) for row in rows])
            counts[table.name] = len(rows)
        _continue_sequences()
        db.session.commit()
    except BackupError:
        db.session.rollback()
        raise
    except Exception as error:  # a constraint or type problem: nothing is restored
        db.session.rollback()
        raise BackupError(f"terugzetten mislukt, er is niets veranderd ({error.__class__.__name__}: "
                          f"{str(error).splitlines()[0]})") from None
    return counts


def _check_texts(table: str, row: dict) -> None:
    """Typed text follows the same rules as in the app (rows are inserted directly, past the models)."""
    for column, rule in TEXT_RULES.get(table, {}).items():
        value = row.get(column)
        problem = text_problem(value, rule) if isinstance(value, str) else None
        if problem:
            raise BackupError(f"tabel {table}, rij {row.get('id')}: {column} {problem}")


def _typed(columns: dict, row: dict) -> dict:
    """Turn ISO date strings back into dates for date and datetime columns."""
    typed = {}
    for name, value in row.items():
        column_type = columns[name].type
        if isinstance(value, str) and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        typed[name] = value
    return typed


def _continue_sequences() -> None:
    """On PostgreSQL, let every serial id continue after the highest restored one."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" in table.columns and table.columns["id"].autoincrement:
            # pg_get_serial_sequence takes the table name as a (quoted) identifier string: bound, not spliced.
            highest = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
            sequence = func.pg_get_serial_sequence(f'"{table.name}"', "id")
            db.session.execute(select(func.setval(sequence, highest, False)))
