"""Batch PDF export from Faturalar: progress shown, Cancel stops cleanly between invoices."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QPushButton

from app.context import AppContext
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import invoice_json
from tests.ui.conftest import idle
from ui.tasks import DB, TOKEN


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


def test_issue_selected_drafts_in_one_signer_session_and_stop(start_gui, qtbot, company_dir: Path,
                                                              ) -> None:
    from app.signing import create_test_certificate, save_signer_config
    from app.usecases.invoices import show_invoice

    ctx = AppContext(company_dir)
    save_signer_config(company_dir, create_test_certificate(company_dir, "3880530121", "Deneme"))
    drafts = [create_draft(ctx, invoice_json(issue_date=None)) for _ in range(3)]
    gui = start_gui(company_dir)
    win = gui.window
    win.go(1)
    page = win.invoices
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.view.selectAll()
    assert sorted(page.selected_ettns(drafts=True)) == sorted(drafts)
    assert page.selected_ettns() == []  # no issued invoice selected yet

    # Stop pressed before the first one: the batch ends between invoices, nothing half-done
    gate = threading.Event()
    gui.services.tasks.run(TOKEN, gate.wait, 30)  # the token lane is busy a moment
    dialog = page.issue_drafts(page.selected_ettns(drafts=True))
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    gate.set()
    idle(qtbot, gui.services)
    statuses = [show_invoice(ctx, e)["status"] for e in drafts]
    n_issued = sum(s != "draft" for s in statuses)
    assert n_issued == 0 and page.batch_label.text() == "0 fatura kesildi."

    # all the rest in one go: numbers follow each other, each invoice whole
    page.view.selectAll()
    page.issue_drafts(page.selected_ettns(drafts=True))
    qtbot.waitUntil(lambda: page.batch_label.text() == f"{3 - n_issued} fatura kesildi.",
                    timeout=60_000)
    idle(qtbot, gui.services)
    numbers = sorted(show_invoice(ctx, e)["number"] for e in drafts)
    assert all(numbers) and [int(n[-9:]) for n in numbers] == [1, 2, 3]
    assert page.model.rowCount() == 3 and page.model.row(0).status != "draft"
