"""The number counters (table ``number_series``): the last number used per document kind,
series and year. The caller holds the write lock (``write_session``) and advances a counter only in
the transaction that issues the document; ``peek`` reads one without the lock (a guess that the
issuing transaction checks again). Before reading a counter it will advance, the issuing
transaction calls ``lock``: on PostgreSQL a transaction-level advisory lock per kind, series
and year (a counter not yet created has no row to lock ``FOR UPDATE``), so two computers
issuing into one series take turns whatever else ``write_session`` serialises; SQLite's
``BEGIN IMMEDIATE`` already holds the whole database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.engine import SERIES_LOCKS

SERIES = t.NumberSeries.__table__
# Built once: issuing runs them for every invoice (no statement building, cached SQL).
_PEEK = select(SERIES.c.last_number, SERIES.c.last_date).where(
    SERIES.c.kind == bindparam("kind"), SERIES.c.series == bindparam("series"),
    SERIES.c.year == bindparam("year"))


def _upsert(insert):  # type: ignore[no-untyped-def]
    stmt = insert(SERIES).values(
        kind=bindparam("kind"), series=bindparam("series"), year=bindparam("year"),
        last_number=bindparam("last_number"), last_date=bindparam("last_date"))
    return stmt.on_conflict_do_update(
        index_elements=[SERIES.c.kind, SERIES.c.series, SERIES.c.year],
        set_={"last_number": stmt.excluded.last_number, "last_date": stmt.excluded.last_date})


_ADVANCE = {"sqlite": _upsert(sqlite.insert), "postgresql": _upsert(postgresql.insert)}
# pg_advisory_xact_lock(namespace, key): the namespace of the counters' locks (beside the
# write lock of app.db.engine), the key a hash of the counter's kind, series and year.
_LOCK = text(f"SELECT pg_advisory_xact_lock({SERIES_LOCKS}, hashtext(:name))")


def lock(s: Session, kind: str, series: str, year: int) -> None:
    """Hold the counter of ``kind``'s ``series`` for ``year`` until the transaction ends
    (PostgreSQL; on SQLite the write transaction already excludes every other writer)."""
    if s.get_bind().dialect.name == "postgresql":
        s.connection().execute(_LOCK, {"name": f"{kind}:{series}:{year}"})


def peek(s: Session, kind: str, series: str,
         year: int) -> tuple[int, date | None]:
    """``(last_number, last_date)`` of the counter as it stands, creating nothing (one plain
    SELECT: no ORM object, so a counter already loaded in ``s`` is read afresh)."""
    row = s.connection().execute(_PEEK, {"kind": kind, "series": series, "year": year}).first()
    return (0, None) if row is None else (row.last_number, row.last_date)


def advance(s: Session, kind: str, series: str, year: int, last_number: int,
            last_date: date) -> None:
    """Set the counter to ``last_number`` (created when first used), in one statement. The
    caller holds the write lock and has checked that ``last_number`` is the next one."""
    conn = s.connection()
    conn.execute(_ADVANCE[conn.dialect.name], {"kind": kind, "series": series, "year": year,
                         "last_number": last_number, "last_date": last_date})
