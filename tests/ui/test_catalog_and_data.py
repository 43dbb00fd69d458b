"""Customers and products: add by keyboard, import with per-row errors; backup and restore;
a return (İADE) invoice prepared from an issued one."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.context import AppContext
from app.db.files import EXIT_DAMAGED
from app.usecases import backup, catalog
from app.usecases.invoices import create_draft, issue_invoice, show_invoice
from tests.fixtures.app import invoice_json
from tests.ui.conftest import activate, idle, key, type_text
from ui.pages.invoices import return_invoice_json

CTRL = Qt.KeyboardModifier.ControlModifier


def fill(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    type_text(qtbot, text)


def test_new_customer_by_keyboard_with_field_errors(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    win = gui.window
    activate(qtbot, win)
    key(qtbot, Qt.Key.Key_5, CTRL)  # Müşteriler
    page = win.customers
    idle(qtbot, gui.services)
    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None and page.dialog.isVisible())
    form = page.dialog.form
    fill(qtbot, form.vkn, "4700582261")  # wrong check digit: said while typing
    assert "kontrol" in form.vkn.hint.text() and not form.vkn.valid
    fill(qtbot, form.name, "Çağlayan Şişecilik Ltd. Şti.")
    fill(qtbot, form.district, "Kadıköy")
    page.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    idle(qtbot, gui.services)
    assert page.dialog.isVisible()
    assert "kontrol" in form.errors.message("vkn_tckn")  # next to the field, not a popup
    fill(qtbot, form.vkn, "4700582260")
    assert form.vkn.valid
    page.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    idle(qtbot, gui.services)
    assert "il" in form.errors.message("city").lower()  # the missing city is named
    fill(qtbot, form.city, "İstanbul")
    key(qtbot, Qt.Key.Key_Return)  # Enter saves the dialog
    qtbot.waitUntil(lambda: not page.dialog.isVisible())
    idle(qtbot, gui.services)
    names = [page.table.item(i, 0).text() for i in range(page.table.rowCount())]
    assert "Çağlayan Şişecilik Ltd. Şti." in names
    assert catalog.find_customer(gui.services.ctx, "4700582260").address.city == "İstanbul"


def test_import_customers_from_csv_and_products_from_xlsx(start_gui, qtbot, company_dir: Path,
                                                          tmp_path: Path) -> None:
    csv_file = tmp_path / "musteriler.csv"
    csv_file.write_text(
        "Unvan;VKN/TCKN;Vergi dairesi;İlçe;İl\n"
        "Örnek Gıda A.Ş.;4700582260;Kadıköy;Kadıköy;İstanbul\n"
        "Hatalı Firma;1234567891;Kadıköy;Kadıköy;İstanbul\n"
        "Ayşe Yılmaz;10000000146;;Çankaya;Ankara\n", encoding="utf-8")
    wb = Workbook()
    ws = wb.active
    ws.append(["Ürün adı", "Birim", "Fiyat", "KDV", "Kod"])
    ws.append(["Zeytinyağı 1 lt", "lt", "389,90", 1, "ZY-1"])
    ws.append(["Defter", "Adet", 45.5, 20, "DF-1"])
    ws.append(["Bozuk", "Adet", "yok", 20, "BZ"])
    xlsx = tmp_path / "urunler.xlsx"
    wb.save(xlsx)

    gui = start_gui(company_dir)
    win = gui.window
    win.go(3)
    page = win.customers
    page.import_path(csv_file)
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None and page.preview.isVisible())
    rows = page.preview.rows
    assert [bool(r.error) for r in rows] == [False, True, False]
    assert rows[1].line == 3 and "vergi kimlik" in rows[1].error
    assert "2 satır aktarılacak" in page.preview.summary.text()
    page.preview.accept()
    idle(qtbot, gui.services)
    ctx = gui.services.ctx
    assert {p.vkn_tckn for p in catalog.list_customers(ctx)} == {"4700582260", "10000000146"}

    win.go(4)
    products = win.products
    products.import_path(xlsx)
    qtbot.waitUntil(lambda: getattr(products, "preview", None) is not None)
    assert [bool(r.error) for r in products.preview.rows] == [False, False, True]
    products.preview.accept()
    idle(qtbot, gui.services)
    stored = {p["name"]: p for p in catalog.list_products(ctx)}
    assert stored["Zeytinyağı 1 lt"]["unit"] == "LTR"
    assert stored["Zeytinyağı 1 lt"]["unit_price"] == "389.90"
    assert stored["Defter"]["unit_price"] == "45.5"
    assert "Bozuk" not in stored


def test_backup_and_restore_round_trip(company_dir: Path, tmp_path: Path) -> None:
    ctx = AppContext(company_dir)
    catalog.save_customer(ctx, {"vkn_tckn": "4700582260", "name": "Önce", "address": {
        "district": "Kadıköy", "city": "İstanbul"}})
    (company_dir / "signer").mkdir(exist_ok=True)
    (company_dir / "signer" / "signer.json").write_text('{"kind": "pkcs12"}', encoding="utf-8")
    target = backup.backup(company_dir, tmp_path / "yedek.zip")
    with zipfile.ZipFile(target) as z:
        assert {"tezgah.sqlite3", "signer/signer.json", "TEZGAH-YEDEK.txt"} <= set(z.namelist())
    catalog.save_customer(ctx, {"vkn_tckn": "4700582260", "name": "Sonra", "address": {
        "district": "Kadıköy", "city": "İstanbul"}})
    (company_dir / "signer" / "signer.json").write_text("bozuk", encoding="utf-8")
    backup.restore(company_dir, target)
    assert catalog.find_customer(ctx, "4700582260").name == "Önce"  # the open context sees it
    assert (company_dir / "signer" / "signer.json").read_text(encoding="utf-8") == '{"kind": "pkcs12"}'
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    try:
        backup.restore(company_dir, bad)
    except Exception as exc:
        assert "yedeği değil" in str(exc)
    else:
        raise AssertionError("a broken backup was accepted")


def test_failures_of_the_machine_read_calmly_in_the_window(
        qapp, company_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A full disk during a job reads as what it is, not as "an unexpected error"; a damaged
    database found at start is a message box with the way back and exit code 3, no traceback."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import ui.main
    from app.db import engine
    from ui.errors import message_for

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    text = message_for(OperationalError("INSERT …", {}, full))
    assert text is not None and "Diskte yer kalmadı" in text and "Beklenmeyen" not in text
    engine.close_all()
    with open(company_dir / "tezgah.sqlite3", "r+b") as f:
        f.write(b"\x00" * 100)
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical",
                        lambda _parent, _title, message: shown.append(message))
    assert ui.main.main(company_dir) == EXIT_DAMAGED
    assert len(shown) == 1 and "Veritabanı bozuk" in shown[0] and "restore" in shown[0]


def test_return_invoice_opens_as_iade_draft(start_gui, qtbot, company_dir: Path) -> None:
    ctx = AppContext(company_dir)
    ettn = create_draft(ctx, invoice_json(profile="TICARIFATURA", issue_date=None))
    result = issue_invoice(ctx, ettn, sign=None)
    info = show_invoice(ctx, ettn)
    data = return_invoice_json(info)
    assert data["type"] == "IADE" and data["profile"] == "TEMELFATURA"  # no İADE in TİCARİ
    assert data["return_of"] == {"number": result.number, "date": info["issue_date"]}

    gui = start_gui(company_dir)
    win = gui.window
    win.open_return(data)
    editor = win.editor
    assert win.stack.currentWidget() is editor
    assert editor.type.currentData() == "IADE"
    assert editor.return_number.text() == result.number
    assert editor.header_form.isRowVisible(editor.return_box)
    editor.save_now()
    idle(qtbot, gui.services)
    saved = show_invoice(ctx, editor.ettn)
    assert saved["type"] == "IADE" and saved["data"]["return_of"]["number"] == result.number


def test_editing_products_and_customers_changes_the_same_record(start_gui, qtbot,
                                                                company_dir: Path) -> None:
    ctx = AppContext(company_dir)
    catalog.save_product(ctx, {"name": "Kalem", "unit": "C62", "unit_price": "10",
                               "kdv_rate": "20"})
    catalog.save_product(ctx, {"name": "Silgi", "unit": "C62", "unit_price": "5",
                               "kdv_rate": "20", "seller_code": "SL-1"})
    catalog.save_customer(ctx, {"vkn_tckn": "4700582260", "name": "Örnek", "address": {
        "district": "Kadıköy", "city": "İstanbul"}})
    gui = start_gui(company_dir)
    win = gui.window

    win.go(4)
    page = win.products
    idle(qtbot, gui.services)
    names = [p["name"] for p in page.items]
    page.table.setCurrentCell(names.index("Silgi"), 0)
    page.edit_current()
    page.dialog.price.setText("7,50")
    page.dialog.save()
    idle(qtbot, gui.services)
    silgi = [p for p in catalog.list_products(ctx) if p["name"] == "Silgi"]
    assert len(silgi) == 1 and silgi[0]["unit_price"] == "7.50"

    page.table.setCurrentCell(names.index("Kalem"), 0)
    page.edit_current()
    page.dialog.price.setText("12")
    page.dialog.save()  # no code: refused next to the code field, nothing duplicated
    idle(qtbot, gui.services)
    assert "ürün kodu" in page.dialog.errors.message("seller_code")
    assert len([p for p in catalog.list_products(ctx) if p["name"] == "Kalem"]) == 1

    win.go(3)
    customers = win.customers
    idle(qtbot, gui.services)
    customers.table.setCurrentCell(0, 0)
    customers.edit_current()
    form = customers.dialog.form
    assert form.vkn.isReadOnly()
    form.name.setText("Örnek Gıda A.Ş.")
    customers.dialog.save()
    idle(qtbot, gui.services)
    assert [p.name for p in catalog.list_customers(ctx)] == ["Örnek Gıda A.Ş."]
