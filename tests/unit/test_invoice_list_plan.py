"""The invoice list's COUNT reads the covering index ``ix_invoices_list`` only, never the
invoice rows, with the filters the Faturalar page sends (direction as a bound parameter,
statuses, a date range) — on a new database and on one SQLite has analysed. The plan is
asserted, not a time (docs/performance.md has the figures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.context import AppContext
from app.db.engine import close_all
from app.db.repositories.reports import InvoiceFilter, count_invoices
from app.paths import database_path
from tests.ui.bulk import fill

FILTERS = {
    "all": InvoiceFilter(),
    "statuses": InvoiceFilter(statuses=("completed", "failed")),
    "dates and status": InvoiceFilter(statuses=("failed",), date_from=date(2026, 1, 1),
                                      date_to=date(2026, 11, 27)),
    "received": InvoiceFilter(direction="in"),
}


def _plan(ctx: AppContext, f: InvoiceFilter) -> list[str]:
    """The plan of the very statement and parameters ``count_invoices`` sends."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        sent.append((statement, parameters))

    event.listen(ctx.db.engine, "before_cursor_execute", capture)
    try:
        with ctx.db.session() as s:
            count_invoices(s, f)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", capture)
    (statement, parameters), = [(q, p) for q, p in sent if "count(" in q]
    assert "?" in statement  # the filters go as bound parameters
    with ctx.db.session() as s:
        rows = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                              parameters).all()
    return [r[-1] for r in rows]


@pytest.fixture(autouse=True)
def _close_databases():  # type: ignore[no-untyped-def]
    yield
    close_all()


@pytest.mark.parametrize("analysed", [False, True], ids=["new", "analysed"])
@pytest.mark.parametrize("name", list(FILTERS))
def test_the_list_count_reads_the_covering_index_only(tmp_path: Path, name: str,
                                                      analysed: bool) -> None:
    if analysed:
        AppContext(tmp_path).db.close()
        fill(database_path(tmp_path), 500, today=date(2026, 11, 27))  # ends with ANALYZE
        close_all()
    ctx = AppContext(tmp_path)
    plan = _plan(ctx, FILTERS[name])
    assert len(plan) == 1 and "USING COVERING INDEX ix_invoices_list" in plan[0], plan
