"""İptal et… (issue 12, Cancellation): from the Faturalar list an issued e-Arşiv invoice is
opened, "İptal et…" shows the rule and its source and asks the reason (required); after
"Faturayı iptal et" the window, the list and the PDF preview say İPTAL. An e-Fatura is not
cancelled here: the same button says how it goes through GİB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.context import AppContext
from app.signing import create_test_certificate, open_signer, sign_invoice
from app.usecases.invoices import create_draft, issue_invoice, show_invoice
from tests.fixtures.app import PERSON, invoice_json
from tests.ui.conftest import activate, focused, idle, type_text


def _issue(data_dir: Path, **fields: Any) -> str:
    ctx = AppContext(data_dir)
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil A.Ş.")
    ettn = create_draft(ctx, invoice_json(**fields))
    with open_signer(cfg, None) as signer:
        issue_invoice(ctx, ettn, sign=lambda xml: sign_invoice(xml, signer))
    return ettn


def _open(gui: Any, qtbot: Any, ettn: str) -> Any:
    gui.window.go(1)
    page = gui.window.pages[1]
    idle(qtbot, gui.services)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=30_000)
    [row] = [i for i in range(model.rowCount())
             if model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1) == ettn]
    page.dialog = None
    page.open_index(model.index(row, 0))
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None, timeout=30_000)
    return page


def _status_cell(page: Any, ettn: str) -> str:
    from ui.models.invoices import STATUS_COLUMN

    model = page.model
    for i in range(model.rowCount()):
        if model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1) == ettn:
            return model.index(i, STATUS_COLUMN).data(Qt.ItemDataRole.UserRole)
    raise AssertionError(ettn)


def test_cancel_an_earsiv_invoice_from_its_window(start_gui, qtbot: Any,
                                                  company_dir: Path) -> None:
    ettn = _issue(company_dir, profile="EARSIVFATURA", series="EAR", customer=PERSON)
    number = show_invoice(AppContext(company_dir), ettn)["number"]
    gui = start_gui(company_dir)
    page = _open(gui, qtbot, ettn)
    view = page.dialog
    button = view.cancel_invoice_button
    assert button is not None and button.isVisible() and button.text() == "İptal et…"
    assert not view.findChild(QLabel, "cancellationLabel").isVisible()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = view.cancel_dialog
    qtbot.waitExposed(dialog)
    rule = dialog.findChild(QLabel, "cancelRule").text()
    source = dialog.findChild(QLabel, "cancelRuleSource").text()
    assert "faturaIptal" in rule and "Alıcı onayı aranmaz" in rule
    assert source.startswith("Kaynak: GİB e-Fatura Uygulaması İptal, İhtar/İtiraz Bildirim")
    assert "EARSIV-NOTES.md" in source
    # the reason is required: the button stays off until something is written
    assert not dialog.ok_button.isEnabled()
    activate(qtbot, dialog)
    assert focused() is dialog.reason
    type_text(qtbot, "   ")
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, "Müşteri vazgeçti")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)

    info = show_invoice(AppContext(company_dir), ettn)
    assert (info["status_name"], info["number"]) == ("İPTAL", number)
    assert info["events"][-1]["data"]["via"] == "ui"
    assert view.status_badge.text() == "İPTAL"
    label = view.findChild(QLabel, "cancellationLabel")
    assert label.isVisible() and "Neden: Müşteri vazgeçti" in label.text()
    assert not button.isVisible()
    qtbot.waitUntil(lambda: len(view.page_labels) > 0, timeout=30_000)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: _status_cell(page, ettn) == "cancelled", timeout=30_000)
    view.close()

    # opened again: İPTAL with when and why, and no more "İptal et…"
    page = _open(gui, qtbot, ettn)
    again = page.dialog
    assert again.cancel_invoice_button is None
    assert "Müşteri vazgeçti" in again.findChild(QLabel, "cancellationLabel").text()
    assert again.status_badge.text() == "İPTAL"
    again.close()


def test_an_efatura_window_says_how_it_is_cancelled_through_gib(
        start_gui, qtbot: Any, company_dir: Path) -> None:
    ettn = _issue(company_dir, profile="TEMELFATURA")
    gui = start_gui(company_dir)
    page = _open(gui, qtbot, ettn)
    view = page.dialog
    assert view.cancel_invoice_button is not None
    qtbot.mouseClick(view.cancel_invoice_button, Qt.MouseButton.LeftButton)
    box = view.cancel_info_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Tezgâh'ta iptal edilmez" in box.text() and "8 gün" in box.text()
    assert "portal.efatura.gov.tr/FaturaIptal" in box.text() and "Kaynak:" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert show_invoice(AppContext(company_dir), ettn)["status"] != "cancelled"
    view.close()
