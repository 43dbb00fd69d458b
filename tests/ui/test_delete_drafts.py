"""Faturalar: drafts are deleted with the Sil button or the Delete key after a confirmation,
"Geri al" brings them back exactly; an issued invoice is never deleted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from app.usecases.invoices import create_draft, issue_invoice, list_invoices, show_invoice
from tests.fixtures.app import invoice_json
from tests.ui.conftest import activate, focused, idle, key


def _select(page: Any, ettns: set[str]) -> None:
    sel = page.view.selectionModel()
    sel.clearSelection()
    for r in range(page.model.rowCount()):
        if page.model.row(r).ettn in ettns:
            sel.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                       | QItemSelectionModel.SelectionFlag.Rows)


def _answer(qtbot: Any, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Press ``button`` on the confirmation as soon as it opens."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, press)


def test_delete_drafts_confirm_and_undo(start_gui, qtbot, company_dir: Path) -> None:
    ctx = AppContext(company_dir)
    a = create_draft(ctx, invoice_json(issue_date=None))
    b = create_draft(ctx, invoice_json(issue_date=None, notes=["İkinci"]))
    issued = create_draft(ctx, invoice_json(issue_date=None))
    number = issue_invoice(ctx, issued, sign=None).number
    before = {e: show_invoice(ctx, e) for e in (a, b)}

    gui = start_gui(company_dir)
    win = gui.window
    win.go(1)
    page = win.invoices
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)

    # "Vazgeç" on the confirmation: nothing is deleted.
    _select(page, {a, b, issued})
    seen: list[str] = []
    _answer(qtbot, QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert "2 taslak silinsin mi?" in seen[0] and "1 kesilmiş fatura silinmeyecek" in seen[0]
    assert len(list_invoices(ctx)) == 3

    # The Sil button and "Sil" on the confirmation: the drafts go, the issued one stays.
    _answer(qtbot, QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert [r["number"] for r in list_invoices(ctx)] == [number]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.undo_button.isVisible() and "2 taslak silindi" in page.undo_label.text()

    # Geri al: the very same drafts are back.
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert {e: show_invoice(ctx, e) for e in (a, b)} == before
    assert not page.undo_button.isVisible()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)

    # The Delete key on the table does the same for one draft.
    _select(page, {a})
    activate(qtbot, win)
    page.view.setFocus()
    qtbot.waitUntil(lambda: focused() is page.view)
    _answer(qtbot, QMessageBox.StandardButton.Yes, seen)
    key(qtbot, Qt.Key.Key_Delete)
    idle(qtbot, gui.services)
    assert {r["ettn"] for r in list_invoices(ctx)} == {b, issued}
    assert page.undo_button.isVisible()
    page._undo_timer.timeout.emit()  # the offer runs out after UNDO_SECONDS
    assert not page.undo_button.isVisible()

    # Only an issued invoice selected: no confirmation, the reason is shown.
    _select(page, {issued})
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Kesilmiş fatura silinemez" in page.batch_label.text()
    assert show_invoice(ctx, issued)["number"] == number
