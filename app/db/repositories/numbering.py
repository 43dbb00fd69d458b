"""The number counters (table ``number_series``): the last number used per document kind,
series and year. The caller holds the write lock (``write_session``) and advances a counter only in
the transaction that issues the document; ``peek`` reads one without the lock (a guess that the
issuing transaction checks again)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.db import tables as t

SERIES = t.NumberSeries.__table__
# Built once: issuing runs them for every invoice (no statement building, cached SQL).
_PEEK = select(SERIES.c.last_number, SERIES.c.last_date).where(
    SERIES.c.kind == bindparam("kind"), SERIES.c.series == bindparam("series"),
    SERIES.c.year == bindparam("year"))
_ADVANCE = insert(SERIES).values(
    kind=bindparam("kind"), series=bindparam("series"), year=bindparam("year"),
    last_number=bindparam("last_number"), last_date=bindparam("last_date"))
_ADVANCE = _ADVANCE.on_conflict_do_update(
    index_elements=[SERIES.c.kind, SERIES.c.series, SERIES.c.year],
    set_={"last_number": _ADVANCE.excluded.last_number,
          "last_date": _ADVANCE.excluded.last_date})


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
    s.connection().execute(_ADVANCE, {"kind": kind, "series": series, "year": year,
                         "last_number": last_number, "last_date": last_date})
