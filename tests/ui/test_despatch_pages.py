"""İrsaliyeler: a despatch typed into the form is saved as a draft and listed; a missing
carrier, driver or plate is shown at its field; a draft prefilled from an invoice; selected
drafts issued with the TEST certificate; the issued one viewed and saved as a PDF; a draft
deleted (an issued one never)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from app import clock
from app.context import AppContext
from app.usecases import catalog, despatches
from app.usecases.invoices import create_draft as create_invoice_draft
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json
from tests.ui.conftest import activate, idle, type_text

EXAMPLE = (Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
           / "TEMELIRSALIYE-SEVK.json")
LEFT = Qt.MouseButton.LeftButton


def _signing_company(company_dir: Path) -> AppContext:
    """The company signs with the TEST certificate (no PIN)."""
    from app.signing import create_test_certificate, save_signer_config
    from app.usecases.company import set_company

    ctx = AppContext.open(company_dir)
    set_company(ctx, COMPANY)
    save_signer_config(company_dir, create_test_certificate(company_dir, COMPANY["vkn_tckn"],
                                                           COMPANY["name"]))
    return ctx


def _page(start_gui: Any, qtbot: Any, company_dir: Path) -> tuple[Any, Any]:
    """The window on İrsaliyeler, reached by a click on its navigation row."""
    gui = start_gui(company_dir)
    win = gui.window
    activate(qtbot, win)
    row = next(i for i in range(win.nav.count()) if win.nav.item(i).text() == "İrsaliyeler")
    qtbot.mouseClick(win.nav.viewport(), LEFT,
                     pos=win.nav.visualItemRect(win.nav.item(row)).center())
    page = win.despatches
    assert win.stack.currentWidget() is page
    idle(qtbot, gui.services)
    return gui, page


def _type_into(qtbot: Any, widget: Any, text: str) -> None:
    qtbot.mouseClick(widget, LEFT)
    widget.setFocus()
    type_text(qtbot, text)


def _select_rows(page: Any, ettns: set[str]) -> None:
    sel = page.table.selectionModel()
    sel.clearSelection()
    for i, r in enumerate(page.rows):
        if r["ettn"] in ettns:
            sel.select(page.table.model().index(i, 0), QItemSelectionModel.SelectionFlag.Select
                       | QItemSelectionModel.SelectionFlag.Rows)


def _double_click(qtbot: Any, page: Any, row: int, column: int) -> None:
    activate(qtbot, page.window())
    pos = page.table.visualRect(page.table.model().index(row, column)).center()
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=pos)
    qtbot.mouseDClick(page.table.viewport(), LEFT, pos=pos)


def _cell(page: Any, ettn: str, column: int) -> str:
    return page.table.item(page.row_of(ettn), column).text()


def _example_draft(ctx: AppContext) -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for key in ("series", "issue_date", "issue_time", "despatch_date", "despatch_time"):
        data.pop(key)
    return despatches.create_draft(ctx, data)


def test_new_despatch_typed_errors_at_their_fields_then_saved_as_draft(
        start_gui, qtbot, company_dir: Path) -> None:
    ctx = AppContext.open(company_dir)
    catalog.save_customer(ctx, CUSTOMER)
    gui, page = _page(start_gui, qtbot, company_dir)
    assert page.table.rowCount() == 0

    qtbot.mouseClick(page.new_button, LEFT)
    form = page.form
    qtbot.waitUntil(form.isVisible)
    activate(qtbot, form)
    # the receiver: a saved customer by type-ahead
    _type_into(qtbot, form.receiver.search, "Çağlay")
    popup = form.receiver.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.receiver.form.vkn.text() == CUSTOMER["vkn_tckn"])
    assert form.receiver.form.postal_code.text() == "34728"
    activate(qtbot, form)
    # MATBUDAN asks for the printed note; SEVK does not
    assert not form.printed_number.isVisibleTo(form)
    form.type.setCurrentIndex(form.type.findData("MATBUDAN"))
    assert form.printed_number.isVisibleTo(form)
    form.type.setCurrentIndex(form.type.findData("SEVK"))
    # one line: name, quantity and the unit chosen by its Turkish name
    lines = form.lines
    qtbot.mouseClick(lines.table.viewport(), LEFT,
                     pos=lines.table.visualItemRect(lines.table.item(0, 0)).center())
    qtbot.waitUntil(lines.table.hasFocus)
    qtbot.keyClick(lines.table, Qt.Key.Key_F2)  # edit the cell
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and QApplication.focusWidget().parent() is lines.table.viewport())
    QApplication.processEvents()  # the editor's own queued set-up (select all) first
    type_text(qtbot, "Koli bandı")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_text(qtbot, "24")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    unit = lines.unit_combo(0)
    unit.setCurrentIndex(unit.findText("Paket (PA)"))

    # no carrier and no driver: the error is at "Taşıyan"
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    shown = form.shipment.errors.message("shipment.carrier")
    assert "Taşıyan firma (carrier) ya da şoför (driver)" in shown
    assert form.isVisible()

    # a driver without the vehicle's plate: the error is at the plate
    form.shipment.mode.setCurrentIndex(form.shipment.mode.findData("driver"))
    _type_into(qtbot, form.shipment.driver_first, "Mehmet")
    _type_into(qtbot, form.shipment.driver_family, "Öztürk")
    _type_into(qtbot, form.shipment.driver_tckn, "14922266642")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    assert form.shipment.errors.message("shipment.vehicle_plates") == \
        "Şoförün kullandığı aracın plakası yazılmalı."
    assert form.shipment.errors.message("shipment.carrier") == ""
    assert form.shipment.vehicle_plates.hasFocus()

    type_text(qtbot, "34 abc 123")
    _type_into(qtbot, form.notes, "Kırılacak eşya")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert page.table.rowCount() == 1
    ettn = page.rows[0]["ettn"]
    assert _cell(page, ettn, 0) == "Taslak" and _cell(page, ettn, 4) == "Taslak"
    assert _cell(page, ettn, 2) == CUSTOMER["name"]
    data = despatches.show_despatch(ctx, ettn)["data"]
    assert data["lines"] == [{"name": "Koli bandı", "quantity": "24", "unit": "PA"}]
    assert data["shipment"]["driver"]["tckn"] == "14922266642"
    assert data["shipment"]["vehicle_plates"] == ["34ABC123"]
    assert data["notes"] == ["Kırılacak eşya"]
    assert data["customer"]["vkn_tckn"] == CUSTOMER["vkn_tckn"]

    # the draft opens again in the form, and a change is saved on it
    _double_click(qtbot, page, 0, 2)
    qtbot.waitUntil(lambda: page.form is not form and page.form.isVisible())
    again = page.form
    assert again.ettn == ettn and again.shipment.vehicle_plates.text() == "34ABC123"
    assert again.lines.unit_combo(0).currentData() == "PA"
    again.shipment.trailer_plates.setText("34 DRS 01")
    qtbot.mouseClick(again.save_button, LEFT)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert despatches.show_despatch(ctx, ettn)["data"]["shipment"]["trailer_plates"] == \
        ["34DRS01"]
    assert page.table.rowCount() == 1


def test_from_invoice_issue_with_test_certificate_view_and_save_pdf(
        start_gui, qtbot, company_dir: Path, tmp_path: Path) -> None:
    ctx = _signing_company(company_dir)
    invoice = create_invoice_draft(ctx, invoice_json(issue_date=None))
    gui, page = _page(start_gui, qtbot, company_dir)

    # Faturadan irsaliye: the invoice is picked; the form comes with its receiver and lines
    qtbot.mouseClick(page.from_invoice_button, LEFT)
    pick = page.pick_dialog
    qtbot.waitUntil(lambda: pick.table.rowCount() == 1)
    assert pick.table.item(0, 2).text() == CUSTOMER["name"]
    qtbot.mouseClick(pick.choose_button, LEFT)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    form = page.form
    activate(qtbot, form)
    assert form.receiver.form.vkn.text() == CUSTOMER["vkn_tckn"]
    assert [ln["name"] for ln in form.lines.lines_json()] == ["Kırmızı şişe 1 lt", "Çay"]
    assert form.lines.unit_combo(1).currentData() == "KGM"
    # the shipment is the user's to fill in: a carrier
    _type_into(qtbot, form.shipment.carrier_vkn, "1288331525")
    _type_into(qtbot, form.shipment.carrier_name, "Güneş Lojistik A.Ş.")
    _type_into(qtbot, form.shipment.carrier_district, "Ümraniye")
    _type_into(qtbot, form.shipment.carrier_city, "İstanbul")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    ettn = page.rows[0]["ettn"]
    data = despatches.show_despatch(ctx, ettn)["data"]
    assert [(ln["name"], ln["quantity"], ln["unit"]) for ln in data["lines"]] == [
        ("Kırmızı şişe 1 lt", "12", "C62"), ("Çay", "2.5", "KGM")]
    assert data["shipment"]["carrier"]["vkn_tckn"] == "1288331525"
    assert despatches.draft_json_from_invoice(ctx, invoice)["lines"] == [
        {k: v for k, v in ln.items()} for ln in data["lines"]]

    # Kes: the TEST certificate signs without a PIN; the number and the status show
    _select_rows(page, {ettn})
    qtbot.mouseClick(page.issue_button, LEFT)
    number = f"IRS{clock.today().year}000000001"
    qtbot.waitUntil(lambda: "kesildi" in page.message.text()
                    or gui.services.errors.last_message is not None, timeout=60_000)
    assert gui.services.errors.last_message is None
    assert page.message.text() == f"1 irsaliye kesildi: {number}"
    idle(qtbot, gui.services)
    assert page.pin_handler.dialog is None
    info = despatches.show_despatch(ctx, ettn)
    assert info["number"] == number and info["status"] != "draft"
    # Kesildi, or Kuyrukta once the outbox has taken it: the list says what the core says
    assert _cell(page, ettn, 0) == number and _cell(page, ettn, 4) == info["status_name"]
    assert info["status_name"] in ("Kesildi", "Kuyrukta")

    # the view: GİB's HTML of the despatch advice, then "PDF olarak kaydet"
    _double_click(qtbot, page, 0, 0)
    qtbot.waitUntil(lambda: getattr(page, "view_dialog", None) is not None
                    and page.view_dialog.isVisible(), timeout=60_000)
    view = page.view_dialog
    assert view.number_label.text() == number
    assert view.status_label.text() == info["status_name"]
    assert number in view.preview.toPlainText()
    qtbot.mouseClick(view.pdf_button, LEFT)
    save = view.save_dialog
    assert isinstance(save, QFileDialog) and save.isVisible()
    target = tmp_path / "kayit" / f"{number}.pdf"
    target.parent.mkdir()
    save.setDirectory(str(target.parent))
    save.selectFile(str(target))
    save.accept()
    qtbot.waitUntil(lambda: getattr(view, "saved_box", None) is not None, timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    view.saved_box.close()
    view.close()


def test_delete_a_draft_and_never_an_issued_one(start_gui, qtbot, company_dir: Path) -> None:
    ctx = AppContext.open(company_dir)
    keep = _example_draft(ctx)
    issued = despatches.issue_despatch(ctx, _example_draft(ctx), sign=None).number
    gone = _example_draft(ctx)
    gui, page = _page(start_gui, qtbot, company_dir)
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)

    # an issued one alone: nothing is asked, the reason is given
    _select_rows(page, {despatches.find_despatch(ctx, issued)})
    qtbot.mouseClick(page.delete_button, LEFT)
    assert "Kesilmiş irsaliye silinemez" in page.message.text()

    # "Vazgeç" keeps the draft, "Sil" deletes it
    _select_rows(page, {gone})
    qtbot.mouseClick(page.delete_button, LEFT)
    box = page.confirm_box
    assert box.text() == "1 irsaliye taslağı silinsin mi?"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), LEFT)
    idle(qtbot, gui.services)
    assert page.table.rowCount() == 3
    qtbot.mouseClick(page.delete_button, LEFT)
    qtbot.mouseClick(page.confirm_box.button(QMessageBox.StandardButton.Yes), LEFT)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert page.message.text() == "1 irsaliye taslağı silindi."
    left = {r["ettn"] for r in despatches.list_despatches(ctx)}
    assert gone not in left and keep in left and len(left) == 2

    # the Delete key on the list asks the same
    _select_rows(page, {keep})
    activate(qtbot, page.window())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.confirm_box.isVisible()
    qtbot.mouseClick(page.confirm_box.button(QMessageBox.StandardButton.No), LEFT)
    idle(qtbot, gui.services)
    assert keep in {r["ettn"] for r in despatches.list_despatches(ctx)}

    # Gelen irsaliyeler: none were received
    page.direction.setCurrentIndex(page.direction.findData("in"))
    idle(qtbot, gui.services)
    assert page.table.rowCount() == 0 and page.count_label.text() == "0 irsaliye"


def test_typed_receiver_hks_kunye_and_matbudan_errors_at_their_fields(
        start_gui, qtbot, company_dir: Path) -> None:
    gui, page = _page(start_gui, qtbot, company_dir)
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.form
    qtbot.waitUntil(form.isVisible)
    activate(qtbot, form)
    # a receiver typed by hand (not a saved customer)
    receiver = form.receiver.form
    _type_into(qtbot, receiver.vkn, "3845129073")
    _type_into(qtbot, receiver.name, "Akdeniz Yaş Sebze Ltd. Şti.")
    _type_into(qtbot, receiver.district, "Kepez")
    _type_into(qtbot, receiver.city, "Antalya")
    # no postal code: the delivery address (the receiver's) needs one — said at the receiver
    form.shipment.mode.setCurrentIndex(form.shipment.mode.findData("driver"))
    _type_into(qtbot, form.shipment.driver_first, "Ali")
    _type_into(qtbot, form.shipment.driver_family, "Işık")
    _type_into(qtbot, form.shipment.driver_tckn, "14922266642")
    _type_into(qtbot, form.shipment.vehicle_plates, "07 HKS 07")
    form.lines.table.item(0, 0).setText("Domates")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    assert "beş haneli posta kodu" in receiver.errors.message("postal_code")
    _type_into(qtbot, receiver.postal_code, "07090")

    # HKS: the künye column appears and a line without its künye is refused there
    assert form.lines.table.isColumnHidden(3)
    form.profile.setCurrentIndex(form.profile.findData("HKSIRSALIYE"))
    assert not form.lines.table.isColumnHidden(3) and form.lines.table.isColumnHidden(4)
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    assert "künye numarası yazılmalı" in form.errors.message("lines")
    assert form.lines.table.currentColumn() == 3
    form.lines.table.item(0, 3).setText("2602611200004817305")

    # MATBUDAN: the printed note's number is asked at its field
    form.type.setCurrentIndex(form.type.findData("MATBUDAN"))
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    assert form.errors.message("printed") == "Matbu irsaliye numarası yazılmalı."
    _type_into(qtbot, form.printed_number, "A-963403")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: not form.isVisible())
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    data = despatches.show_despatch(AppContext.open(company_dir), page.rows[0]["ettn"])["data"]
    assert (data["profile"], data["type"]) == ("HKSIRSALIYE", "MATBUDAN")
    assert data["printed"]["number"] == "A-963403"
    assert data["lines"][0]["hks"] == {"kunye_no": "2602611200004817305"}
    assert data["customer"]["name"] == "Akdeniz Yaş Sebze Ltd. Şti."
