"""Batch PDF export from Faturalar: progress shown, Cancel stops cleanly between invoices."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QPushButton

from app.usecases.context import AppContext
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import invoice_json
from tests.ui.conftest import idle
from ui.tasks import DB


def issued(ctx: AppContext, n: int) -> list[str]:
    numbers = []
    for _ in range(n):
        ettn = create_draft(ctx, invoice_json(issue_date=None))
        numbers.append(issue_invoice(ctx, ettn, sign=None).number)
    return numbers


def test_selected_invoices_to_pdf_files_and_cancel(start_gui, qtbot, company_dir: Path,
                                                   tmp_path: Path) -> None:
    ctx = AppContext(company_dir)
    numbers = issued(ctx, 3)
    create_draft(ctx, invoice_json(issue_date=None))  # a draft: selected, but has no PDF
    gui = start_gui(company_dir)
    win = gui.window
    win.go(1)
    page = win.invoices
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    sel = page.view.selectionModel()
    for r in range(4):
        sel.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    ettns = page.selected_ettns()
    assert len(ettns) == 3

    out = tmp_path / "pdf"
    dialog = page.export_pdfs(ettns, out)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: page.batch_label.text().startswith("3 PDF"), timeout=60_000)
    assert sorted(p.stem for p in out.glob("*.pdf")) == sorted(numbers)
    assert all(p.read_bytes().startswith(b"%PDF") for p in out.glob("*.pdf"))

    # Cancel: the lane is busy, the user cancels before the batch starts → nothing written
    gate = threading.Event()
    gui.services.tasks.run(DB, gate.wait, 30)
    out2 = tmp_path / "cancelled"
    dialog = page.export_pdfs(ettns, out2)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # "Durdur"
    gate.set()
    idle(qtbot, gui.services)
    assert list(out2.glob("*")) == []
    assert gui.services.errors.last_message is None  # a cancel shows nothing
