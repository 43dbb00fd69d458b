"""Two seats on one database: what one desktop (or window, or the posta kutusu service)
writes shows up in the other desktop's lists by itself within seconds, and the user's
selection stays on the row it was on (two windows on one SQLite file; the stamps themselves
are tested on both engines in tests/unit/test_changes.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.db.engine import Database
from app.usecases import catalog
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import CUSTOMER, PERSON, invoice_json
from tests.ui.conftest import activate

WAIT_MS = 20_000  # the window looks every 2 s; a loaded machine may be slower


def other_seat(ctx: AppContext) -> AppContext:
    """Another computer's context: the same database, connections of its own."""
    seat = AppContext(ctx.data_dir)
    seat.db = Database(ctx.db.path if ctx.db.is_sqlite else ctx.db.url)  # type: ignore[arg-type]
    return seat


def issue(ctx: AppContext, day: str) -> str:
    ettn = create_draft(ctx, invoice_json(issue_date=day))
    issue_invoice(ctx, ettn, sign=None)
    return ettn


def selected_ettns(page: Any) -> list[str]:
    rows = sorted({i.row() for i in page.view.selectionModel().selectedRows()})
    return [page.model.row(r).ettn for r in rows]


def test_an_invoice_issued_on_another_seat_appears_and_the_selection_stays(
        company_dir: Path, start_gui: Callable[..., Any], qtbot: Any) -> None:
    seat_b = other_seat(AppContext(company_dir))
    first = issue(seat_b, "2026-11-20")
    gui = start_gui(company_dir)
    window = gui.window
    activate(qtbot, window)
    window.go(1)
    page = window.invoices
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.view.selectRow(0)
    assert selected_ettns(page) == [first]

    second = issue(seat_b, "2026-11-25")  # newer: it comes first in the list, above the selection
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    assert page.model.row(0).ettn == second
    assert selected_ettns(page) == [first]
    assert page.view.currentIndex().row() == 1
    seat_b.db.close()


def test_a_customer_added_on_another_seat_appears_in_the_customer_list(
        company_dir: Path, start_gui: Callable[..., Any], qtbot: Any) -> None:
    seat_b = other_seat(AppContext(company_dir))
    catalog.save_customer(seat_b, CUSTOMER)
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    gui.window.go(3)
    page = gui.window.customers
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT_MS)
    page.table.selectRow(0)
    page.search.setFocus()

    catalog.save_customer(seat_b, PERSON)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=WAIT_MS)
    assert page.current_item()["vkn_tckn"] == CUSTOMER["vkn_tckn"]
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [
        next(i for i, item in enumerate(page.items) if item["vkn_tckn"] == CUSTOMER["vkn_tckn"])]
    seat_b.db.close()


def test_the_watch_pauses_while_the_window_is_minimised(
        company_dir: Path, start_gui: Callable[..., Any], qtbot: Any) -> None:
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    assert gui.window.watcher.timer.isActive()
    gui.window.showMinimized()
    qtbot.waitUntil(lambda: not gui.window.watcher.timer.isActive(), timeout=5_000)
    gui.window.showNormal()
    qtbot.waitUntil(lambda: gui.window.watcher.timer.isActive(), timeout=5_000)
