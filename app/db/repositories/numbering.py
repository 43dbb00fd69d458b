"""The number counters (table ``number_series``): the last number used per document kind,
series and year. The caller holds the write lock (``write_session``) and advances a counter only in
the transaction that issues the document; ``peek`` reads one without the lock (a guess that the
issuing transaction checks again)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.db import tables as t


def counter(s: Session, kind: str, series: str, year: int) -> t.NumberSeries:
    """The counter row of ``kind``'s ``series`` in ``year`` (created at 0 when first used)."""
    row = s.get(t.NumberSeries, (kind, series, year))
    if row is None:
        row = t.NumberSeries(kind=kind, series=series, year=year, last_number=0)
        s.add(row)
        s.flush()
    return row


def peek(s: Session, kind: str, series: str, year: int) -> tuple[int, date | None]:
    """``(last_number, last_date)`` of the counter as it stands, creating nothing."""
    row = s.get(t.NumberSeries, (kind, series, year))
    return (0, None) if row is None else (row.last_number, row.last_date)
