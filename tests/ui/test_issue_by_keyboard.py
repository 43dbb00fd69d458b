"""The main job by keyboard: pick a customer, type three lines, issue with the card's PIN
(wrong first, then right), see the number in the preview, print to a PDF file."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.domain.invoice import InvoiceType, parse_line
from app.domain.money import format_money
from app.domain.status import Status
from app.domain.totals import invoice_totals
from app.signing import save_signer_config
from app.usecases import catalog, reports
from app.usecases.invoices import show_invoice
from tests.fixtures.app import CUSTOMER
from tests.ui.conftest import activate, focused, idle, key, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
WRONG_PIN = "918273"

# what is typed into the lines table, cell by cell ("" = Tab over a cell left as it is)
LINES = [
    ["Kırmızı şişe 1 lt", "12", "", "", "5", ""],  # price, unit, KDV come from the product
    ["Çay", "2,5", "kg", "245,50", "", "1"],
    ["Montaj hizmeti", "3", "saat", "1.000", "", "10"],
]
EXPECTED = [
    {"name": "Kırmızı şişe 1 lt", "quantity": "12", "unit": "C62", "unit_price": "19.99",
     "discount_rate": "5", "kdv_rate": "20"},
    {"name": "Çay", "quantity": "2.5", "unit": "KGM", "unit_price": "245.50", "kdv_rate": "1"},
    {"name": "Montaj hizmeti", "quantity": "3", "unit": "HUR", "unit_price": "1000",
     "kdv_rate": "10"},
]


def test_three_lines_by_keyboard_then_issue_with_pin(start_gui, qtbot, company_dir: Path,
                                                     fresh_token, tmp_path: Path) -> None:
    from tests.fixtures.app import make_context  # noqa: F401  (company_dir made the context)
    from ui.main import AppContext

    ctx = AppContext.open(company_dir)
    catalog.save_customer(ctx, {**CUSTOMER, "alias": "urn:mail:defaultpk@caglayan.invalid"})
    catalog.save_product(ctx, {"name": "Kırmızı şişe 1 lt", "unit": "C62",
                               "unit_price": "19.99", "kdv_rate": "20", "seller_code": "KS-1"})
    save_signer_config(company_dir, fresh_token.config())

    gui = start_gui(company_dir)
    win = gui.window
    activate(qtbot, win)
    key(qtbot, Qt.Key.Key_3, CTRL)  # Yeni Fatura
    editor = win.editor
    idle(qtbot, gui.services)
    assert win.stack.currentWidget() is editor and editor.customer_edit.hasFocus()

    # customer by type-ahead
    type_text(qtbot, "Çağlay")
    popup = editor.customer_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    # the popup grabs the keyboard on a real screen; offscreen the keys go to it directly
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.customer is not None)
    assert editor.customer["vkn_tckn"] == CUSTOMER["vkn_tckn"]
    assert "e-Fatura" in editor.customer_info.text()
    assert editor.profile.currentData() == "TEMELFATURA"
    qtbot.waitUntil(editor.profile.hasFocus)  # the form goes on with the next field
    # The popup was a window of its own. A desktop hands activation back to the main window
    # when it closes; the offscreen test platform sometimes leaves the hidden popup "active",
    # and window shortcuts (Ctrl+L) then go nowhere — so activate the window as a click would.
    qtbot.waitUntil(lambda: not popup.isVisible())
    activate(qtbot, win)

    # three lines: Tab between cells, Enter to the next line
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert focused() is editor.table
    for cells in LINES:
        for i, text in enumerate(cells):
            if text:
                type_text(qtbot, text)
            if i < len(cells) - 1:
                key(qtbot, Qt.Key.Key_Tab)
        key(qtbot, Qt.Key.Key_Return)
    lines = editor.lines.lines_json()
    assert len(lines) == 3
    for got, want in zip(lines, EXPECTED, strict=True):
        for k, v in want.items():
            assert got[k] == v, (k, got, want)

    # live totals and the amount in words match the domain's arithmetic
    parsed = [parse_line(ln, i + 1, InvoiceType.SATIS) for i, ln in enumerate(lines)]
    totals = invoice_totals(SimpleNamespace(lines=parsed, type=InvoiceType.SATIS))
    qtbot.waitUntil(lambda: format_money(totals.payable) in editor.totals.text())
    for rate in ("KDV %20", "KDV %1", "KDV %10"):
        assert rate in editor.totals.text()
    assert editor.words.text().startswith("Yalnız")

    # issue: the PIN dialog asks; a wrong PIN is refused with the card's warning
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: editor.pin_handler.dialog is not None, timeout=30_000)
    first = editor.pin_handler.dialog
    assert first.edit.echoMode() == first.edit.EchoMode.Password
    qtbot.keyClicks(first.edit, WRONG_PIN)
    qtbot.keyClick(first.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.pin_handler.dialog not in (None, first), timeout=30_000)
    second = editor.pin_handler.dialog
    assert second.warning.isVisible() or second.warning.isVisibleTo(second)
    assert second.warning.text()
    qtbot.keyClicks(second.edit, fresh_token.user_pin)
    qtbot.keyClick(second.edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: editor.view_dialog is not None, timeout=60_000)
    view = editor.view_dialog
    number = view.number_label.text()
    assert re.fullmatch(r"TZG20\d{2}\d{9}", number)
    assert number in view.preview.toPlainText()
    issued = reports.invoice_page(ctx, reports.InvoiceFilter(search=number), offset=0, limit=5)
    assert len(issued) == 1 and issued[0].status != Status.DRAFT
    assert issued[0].payable == totals.payable
    assert show_invoice(ctx, issued[0].ettn)["signed"]
    # the editor starts a new invoice; the draft file is gone
    assert editor.lines.lines_json() == [] and editor.customer is None
    assert not (company_dir / "drafts" / "editor.json").exists()

    # print to a PDF file through QPrinter
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(100)
    pages: list[int] = []
    view.print_to(printer, on_done=pages.append)
    qtbot.waitUntil(lambda: bool(pages), timeout=60_000)
    import pypdfium2 as pdfium

    assert out.read_bytes().startswith(b"%PDF")
    assert len(pdfium.PdfDocument(str(out))) == pages[0] >= 1

    # the PIN was written nowhere in the data folder
    for f in company_dir.rglob("*"):
        if f.is_file():
            assert WRONG_PIN.encode() not in f.read_bytes(), f
    idle(qtbot, gui.services)
    QApplication.processEvents()


def test_cancelling_the_pin_is_silent_and_uses_no_number(start_gui, qtbot, company_dir: Path,
                                                         fresh_token) -> None:
    save_signer_config(company_dir, fresh_token.config())
    gui = start_gui(company_dir)
    gui.window.go(2)
    editor = gui.window.editor
    editor.load_invoice_json({"profile": "TEMELFATURA", "type": "SATIS", "customer": CUSTOMER,
                              "lines": [EXPECTED[1]]})
    ettn = editor.ettn
    editor.issue()
    qtbot.waitUntil(lambda: editor.pin_handler.dialog is not None, timeout=30_000)
    editor.pin_handler.dialog.reject()  # "Vazgeç"
    qtbot.waitUntil(lambda: not editor.busy, timeout=30_000)
    idle(qtbot, gui.services)
    assert gui.services.errors.last_message is None  # no dialog for a cancel
    info = show_invoice(gui.services.ctx, ettn)
    assert info["status"] == Status.DRAFT and info["number"] is None
    assert editor.lines.lines_json()  # the invoice is still there to issue later
