"""Gelen Kutusu in the window: a signed TICARIFATURA delivered to the posta kutusu is listed
unread with its eight answer days, opens with the sender and the signature verdict, saves its
signed original byte for byte, and is answered once (RED needs its reason); when the answer
days are over the answer buttons are disabled and say why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import clock
from app.context import AppContext
from app.usecases import inbox
from tests.fixtures.simulator import SENDER, Packed
from tests.ui.conftest import idle

ROW_INBOX = 7  # the navigation row of Gelen Kutusu (after Giden Kutusu)


def click(qtbot: Any, widget: Any) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def open_inbox(qtbot: Any, gui: Any) -> Any:
    """Click "Gelen Kutusu" in the navigation; the page with its rows loaded."""
    win = gui.window
    item = win.nav.item(ROW_INBOX)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=win.nav.visualItemRect(item).center())
    page = win.inbox
    assert win.stack.currentWidget() is page
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=30_000)
    return page


def open_first_row(qtbot: Any, gui: Any, page: Any) -> Any:
    """Select the first row with the mouse, then press "Aç"; the invoice's window."""
    rect = page.table.visualRect(page.table.model().index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(qtbot, page.open_button)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=30_000)
    idle(qtbot, gui.services)
    return page.dialog


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Belgeler"
    folder.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        lambda where: str(folder) if where ==
                        QStandardPaths.StandardLocation.DocumentsLocation else str(tmp_path))
    return folder


def test_incoming_invoice_is_listed_opened_saved_and_rejected_once(
        start_gui: Any, qtbot: Any, receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes], documents: Path) -> None:
    deliver([make_gib_invoice()])
    [item] = inbox.list_inbox(receiver_ctx)
    ettn = item["ettn"]
    gui = start_gui(receiver_ctx.data_dir)
    win = gui.window
    nav_item = win.nav.item(ROW_INBOX)
    qtbot.waitUntil(lambda: nav_item.text() == "Gelen Kutusu (1)", timeout=30_000)
    assert nav_item.font().bold()

    page = open_inbox(qtbot, gui)
    table = page.table
    assert table.rowCount() == 1
    headers = [table.horizontalHeaderItem(j).text() for j in range(table.columnCount())]
    assert headers == ["Gönderen", "Fatura No", "Tarih", "Tutar", "Senaryo", "İmza", "Yanıt",
                       "Son yanıt günü"]
    cells = [table.item(0, j) for j in range(table.columnCount())]
    assert all(c.font().bold() for c in cells)  # unread
    assert cells[0].text() == item["sender_name"]
    assert cells[1].text() == item["number"]
    assert cells[3].text().endswith(" ₺") and "," in cells[3].text()
    assert cells[4].text() == "TICARIFATURA"
    assert cells[5].text() == "Geçerli"
    assert cells[5].toolTip() == item["signature_verdict"]
    assert cells[6].text() == "—"
    assert cells[7].text().endswith("(8 gün kaldı)")
    due = date.fromisoformat(item["answer_due"][:10])
    assert cells[7].text() == f"{due:%d.%m.%Y} (8 gün kaldı)"
    # the envelope it came in, with the code sent back
    envelopes = page.envelope_table
    assert envelopes.rowCount() == 1
    assert envelopes.item(0, 4).text() == "1200"
    assert envelopes.item(0, 0).toolTip() == inbox.envelopes(receiver_ctx)[0]["uuid"]
    assert item["envelope"] == inbox.envelopes(receiver_ctx)[0]["uuid"]

    # open it: the sender, the verdict; it is read now
    dialog = open_first_row(qtbot, gui, page)
    assert item["sender_name"] == SENDER.name
    assert SENDER.name in dialog.sender_label.text()
    assert dialog.signature_label.text() == item["signature_verdict"]
    assert dialog.signature_label.text().startswith("İmza geçerli")
    assert dialog.preview.toPlainText().strip()
    assert dialog.accept_button.isEnabled() and dialog.reject_button.isEnabled()
    assert inbox.list_inbox(receiver_ctx)[0]["read"] is True
    qtbot.waitUntil(lambda: not table.item(0, 0).font().bold(), timeout=30_000)
    qtbot.waitUntil(lambda: nav_item.text() == "Gelen Kutusu", timeout=30_000)

    # "Aslını kaydet (XML)": exactly the signed original
    click(qtbot, dialog.xml_button)
    save = dialog._save_dialog
    assert save.isVisible() and Path(save.directory().absolutePath()) == documents
    target = documents / f"{item['number']}.xml"
    save.selectFile(str(target))
    save.accept()
    qtbot.waitUntil(lambda: getattr(dialog, "saved_box", None) is not None, timeout=30_000)
    assert target.read_bytes() == inbox.original(receiver_ctx, ettn)
    assert isinstance(dialog.saved_box, QMessageBox)
    dialog.saved_box.close()
    dialog.saved_box = None

    # "PDF kaydet": Tezgâh's PDF of it
    click(qtbot, dialog.pdf_button)
    save = dialog._save_dialog
    pdf_target = documents / f"{item['number']}.pdf"
    save.selectFile(str(pdf_target))
    save.accept()
    qtbot.waitUntil(lambda: getattr(dialog, "saved_box", None) is not None, timeout=30_000)
    assert pdf_target.read_bytes().startswith(b"%PDF")
    dialog.saved_box.close()

    # REDDET: without a reason the dialog refuses; with one the answer is RED
    click(qtbot, dialog.reject_button)
    answer = dialog.answer_dialog
    assert answer.isVisible()
    click(qtbot, answer.ok_button)
    assert answer.isVisible()
    assert answer.error.isVisible() and "Reddetme nedenini yazın" in answer.error.text()
    assert inbox.list_inbox(receiver_ctx)[0]["answer"] == ""
    answer.reason.setPlainText("x" * 501)  # pasted: too long
    click(qtbot, answer.ok_button)
    assert answer.isVisible() and "en çok 500 karakter" in answer.error.text()
    assert answer.counter.text() == "501 / 500"
    answer.reason.clear()
    answer.reason.setFocus()
    qtbot.keyClicks(answer.reason, "Fiyat farki var")
    click(qtbot, answer.ok_button)
    qtbot.waitUntil(lambda: not answer.isVisible(), timeout=60_000)
    idle(qtbot, gui.services)
    [after] = inbox.list_inbox(receiver_ctx)
    assert (after["answer"], after["answer_reason"]) == ("RED", "Fiyat farki var")
    for button in (dialog.accept_button, dialog.reject_button):
        assert not button.isEnabled()
        assert "RED yanıtı verildi" in button.toolTip()
    assert "Fiyat farki var" in dialog.answer_label.text()
    qtbot.waitUntil(lambda: table.item(0, 6).text() == "RED", timeout=30_000)
    assert "Fiyat farki var" in table.item(0, 6).toolTip()
    dialog.close()

    # opened again: answered, the buttons stay disabled
    again = open_first_row(qtbot, gui, page)
    assert again is not dialog
    assert not again.accept_button.isEnabled() and not again.reject_button.isEnabled()
    again.close()


def test_double_click_opens_and_kabul_needs_one_confirmation(
        start_gui: Any, qtbot: Any, receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    deliver([make_gib_invoice()])
    gui = start_gui(receiver_ctx.data_dir)
    page = open_inbox(qtbot, gui)
    rect = page.table.visualRect(page.table.model().index(0, 0))
    # a double-click is a press and release, then the second press (QTest sends the last one)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=30_000)
    idle(qtbot, gui.services)
    dialog = page.dialog
    click(qtbot, dialog.accept_button)
    answer = dialog.answer_dialog
    assert answer.reason is None and "KABUL ediyorsunuz" in answer.question.text()
    click(qtbot, answer.ok_button)
    qtbot.waitUntil(lambda: not answer.isVisible(), timeout=60_000)
    idle(qtbot, gui.services)
    assert inbox.list_inbox(receiver_ctx)[0]["answer"] == "KABUL"
    assert not dialog.accept_button.isEnabled() and not dialog.reject_button.isEnabled()
    qtbot.waitUntil(lambda: page.table.item(0, 6).text() == "KABUL", timeout=30_000)
    dialog.close()


def test_answer_days_over_disable_the_buttons(
        start_gui: Any, qtbot: Any, receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    deliver([make_gib_invoice()])
    with clock.frozen_at(clock.now() + timedelta(days=9)):
        gui = start_gui(receiver_ctx.data_dir)
        page = open_inbox(qtbot, gui)
        assert page.table.item(0, 7).text().endswith("(süresi doldu)")
        assert page.table.item(0, 6).text() == "—"
        dialog = open_first_row(qtbot, gui, page)
        for button in (dialog.accept_button, dialog.reject_button):
            assert not button.isEnabled()
            assert "Yanıt süresi" in button.toolTip() and "doldu" in button.toolTip()
        assert dialog.xml_button.isEnabled() and dialog.pdf_button.isEnabled()
        dialog.close()


def test_dashboard_shows_this_months_purchases_and_their_kdv(
        start_gui: Any, qtbot: Any, receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    today = clock.today()
    deliver([make_gib_invoice(replace={
        b"<cbc:IssueDate>2009-01-05</cbc:IssueDate>":
        f"<cbc:IssueDate>{today.isoformat()}</cbc:IssueDate>".encode()})])
    gui = start_gui(receiver_ctx.data_dir)
    card = gui.window.findChild(QWidget, "purchasesCard")
    assert card is not None
    qtbot.waitUntil(lambda: card.value.text() == "25.216,50 ₺", timeout=30_000)
    assert card.sub.text() == "1 fatura · indirilecek KDV 4.538,97 ₺"
