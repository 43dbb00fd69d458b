"""The schema's guard triggers on either engine. Migrations write them in SQLite's syntax
(``CREATE TRIGGER … [WHEN cond] BEGIN SELECT RAISE(ABORT, 'message'); END``); on PostgreSQL
``create`` turns each into a PL/pgSQL trigger function that raises an exception with the
same message (SQLSTATE 23000, an integrity error on both engines) — or, for
``RAISE(IGNORE)``, skips the row's change — and a row trigger that calls it. The condition
moves into the function (PostgreSQL's ``WHEN`` allows no subquery); SQLite's ``IS NOT``
becomes ``IS DISTINCT FROM``."""

from __future__ import annotations

import re

from alembic import op

_TRIGGER = re.compile(
    r"^\s*CREATE\s+TRIGGER\s+(?P<name>\w+)\s+BEFORE\s+(?P<event>INSERT|UPDATE|DELETE)"
    r"(?:\s+OF\s+(?P<columns>[\w\s,]+?))?\s+ON\s+(?P<table>\w+)"
    r"(?:\s+WHEN\s+(?P<when>.+?))?"
    r"\s+BEGIN\s+SELECT\s+RAISE\((?P<action>ABORT\s*,\s*'(?P<message>[^']*)'|IGNORE)\)\s*;"
    r"\s*END\s*$", re.S | re.I)


def _dialect() -> str:
    return str(op.get_bind().dialect.name)


def postgresql_statements(sqlite_sql: str) -> list[str]:
    m = _TRIGGER.match(sqlite_sql)
    if m is None:
        raise ValueError(f"not a guard trigger this module understands: {sqlite_sql}")
    name, event, table = m["name"], m["event"].upper(), m["table"]
    row = "OLD" if event == "DELETE" else "NEW"
    if m["action"].upper() == "IGNORE":
        act = "RETURN NULL;"
    else:
        act = (f"RAISE EXCEPTION '{m['message']}' "
               "USING ERRCODE = 'integrity_constraint_violation';")
    if m["when"]:
        cond = re.sub(r"\bIS\s+NOT\b(?!\s+NULL)", "IS DISTINCT FROM", " ".join(m["when"].split()),
                      flags=re.I)
        # JSON columns (``data``) have no equality on PostgreSQL: compare their text, as
        # SQLite does.
        cond = re.sub(r"\b(NEW|OLD)\.data\b", r"\1.data::text", cond)
        body = f"IF {cond} THEN {act} END IF; RETURN {row};"
    else:
        body = f"{act} RETURN {row};" if act == "RETURN NULL;" else act
    columns = f" OF {' '.join(m['columns'].split())}" if m["columns"] else ""
    return [
        f"CREATE OR REPLACE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {body} END $$",
        f"CREATE TRIGGER {name} BEFORE {event}{columns} ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {name}_fn()",
    ]


def create(sqlite_sql: str) -> None:
    """Create the trigger ``sqlite_sql`` describes on the migration's engine."""
    if _dialect() == "sqlite":
        op.execute(sqlite_sql)
        return
    for stmt in postgresql_statements(sqlite_sql):
        op.execute(stmt)


def drop(name: str, table: str) -> None:
    """Drop the trigger ``name`` of ``table`` if it exists (and, on PostgreSQL, its
    function)."""
    if _dialect() == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {name}_fn()")


def table_of(sqlite_sql: str) -> str:
    m = _TRIGGER.match(sqlite_sql)
    if m is None:
        raise ValueError(f"not a guard trigger this module understands: {sqlite_sql}")
    return m["table"]
