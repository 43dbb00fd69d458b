"""What a shop owner reads and where the cursor goes: errors next to their field in words,
a visible way to add a line, whole column titles, aligned fields, GİB's names for the two
kinds of etiket, unit names without codes, driver files only under "Ayrıntılar", Turkish
short amounts on the chart, and no old result under the next invoice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from tests.fixtures.app import invoice_json
from tests.ui.conftest import activate, focused, idle
from ui.models.lines import COL

LINE = {"name": "Çay", "quantity": "1", "unit": "C62", "unit_price": "10", "kdv_rate": "20"}


def error_of(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def test_editor_errors_in_words_next_to_the_field_that_gets_the_focus(
        start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    activate(qtbot, gui.window)

    # customer: issuing without one
    ed.lines.setData(ed.lines.index(0, COL["name"]), "Çay")
    ed.lines.setData(ed.lines.index(0, COL["unit_price"]), "10")
    ed.issue()
    idle(qtbot, gui.services)
    message = ed.errors.message("customer")
    assert message.startswith("Müşteri") and "(customer)" not in message
    assert focused() is ed.customer_edit
    assert gui.services.errors.last_message is None

    # series (it comes with the profile): shown at the profile
    ed.errors.clear()
    ed.show_error(error_of(invoice_json(series="AB")))
    assert "Seri" in ed.errors.message("profile") and "series" not in ed.errors.message("profile")
    assert focused() is ed.profile

    # date
    ed.errors.clear()
    ed.show_error(error_of(invoice_json(issue_date="31.02.2026")))
    message = ed.errors.message("issue_date")
    assert message.startswith("Fatura tarihi") and "issue_date" not in message
    assert focused() is ed.issue_date

    # a line's cell: the cell is selected and the table has the focus
    ed.errors.clear()
    ed.lines.set_lines([dict(ed.lines.lines[0]), dict(ed.lines.lines[0])])
    exc = error_of(invoice_json(lines=[LINE, {**LINE, "unit_price": "on"}]))
    assert exc.field == "lines[1].unit_price"
    ed.show_error(exc)
    assert "2. kalem: birim fiyat" in ed.errors.message("lines")
    assert "unit_price" not in ed.errors.message("lines")
    assert focused() is ed.table
    index = ed.table.currentIndex()
    assert (index.row(), index.column()) == (1, COL["unit_price"])
    assert gui.services.errors.last_message is None


def test_a_button_adds_a_line_and_enter_still_does(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    activate(qtbot, gui.window)
    button = ed.add_line_button
    assert button.isVisible() and button.text() == "Satır ekle"
    ed.lines.setData(ed.lines.index(0, COL["name"]), "Çay")
    ed.lines.setData(ed.lines.index(0, COL["unit_price"]), "10")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ed.lines.rowCount() == 2
    assert focused() is ed.table
    assert (ed.table.currentIndex().row(), ed.table.currentIndex().column()) == (1, COL["name"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the new line is still blank
    assert ed.lines.rowCount() == 2
    ed.lines.setData(ed.lines.index(1, COL["name"]), "Simit")
    ed.lines.setData(ed.lines.index(1, COL["unit_price"]), "5")
    ed.table.setFocus()
    qtbot.keyClick(ed.table, Qt.Key.Key_Return)  # Enter goes on adding lines
    assert ed.lines.rowCount() == 3


def test_the_last_result_does_not_stay_under_the_next_invoice(
        start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    ed._set_busy(False, "ABC2026000000001 numaralı fatura kesildi.")  # as after issuing
    assert ed.status.text()
    ed.lines.setData(ed.lines.index(0, COL["name"]), "Çay")  # the next invoice starts
    assert ed.status.text() == ""


def test_customer_column_titles_are_whole_and_name_the_pk_etiket(
        start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(3)
    page = gui.window.page(3)
    activate(qtbot, gui.window)
    header = page.table.horizontalHeader()
    QApplication.processEvents()
    fm = header.fontMetrics()
    for j in range(page.table.columnCount()):
        title = page.table.horizontalHeaderItem(j).text()
        assert header.sectionSize(j) >= fm.horizontalAdvance(title), title
    alias = page.table.horizontalHeaderItem(4)
    assert alias.text() == "Posta kutusu (PK) etiketi" and "posta kutusu" in alias.toolTip()


def test_settings_series_line_up_and_the_company_alias_is_its_gb_etiket(
        start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(6)
    page = gui.window.settings
    activate(qtbot, gui.window)
    page.tabs.setCurrentIndex(0)
    QApplication.processEvents()

    def left(widget: Any) -> int:
        return widget.mapTo(page, QPoint(0, 0)).x()

    assert left(page.efatura) == left(page.earchive) == left(page.company.vkn)
    form = page.company.form
    label = form.labelForField(page.company.alias.parentWidget())
    assert label.text() == "Gönderici birim (GB) etiketi" and "gönderici birim" in label.toolTip()

    from ui.widgets.party_form import PartyForm

    customer = PartyForm()
    label = customer.form.labelForField(customer.alias.parentWidget())
    assert label.text() == "Posta kutusu (PK) etiketi" and label.toolTip()


def test_units_by_name_and_driver_files_only_under_details(
        start_gui, qtbot, company_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gui = start_gui(company_dir)
    from ui.pages.catalog import ProductDialog

    dialog = ProductDialog(gui.services, gui.window, None)
    texts = [dialog.unit.itemText(i) for i in range(dialog.unit.count())]
    assert dialog.unit.itemText(dialog.unit.findData("C62")) == "Adet"
    assert not any("C62" in t or "KGM" in t for t in texts)
    dialog.close()

    from ui.widgets import signer_picker

    driver = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
    monkeypatch.setattr(signer_picker, "card_modules", lambda: [(driver, "OpenSC")])
    picker = signer_picker.SignerPicker(gui.services)
    qtbot.addWidget(picker)
    picker.show()
    assert picker.module.currentText() == "OpenSC"
    assert picker.module_path() == driver
    assert not picker.details.isVisible()
    picker.token.setChecked(True)
    picker.details_button.click()
    assert picker.details.isVisible() and driver in picker.details.text()


def test_chart_amounts_in_turkish_short_words(qtbot) -> None:
    from ui.widgets.chart import BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    assert chart.short(Decimal("5100")) == "5,1 bin"
    assert chart.short(Decimal("2500000")) == "2,5 mn"
    assert chart.short(Decimal("950")) == "950"
    chart.set_values([("Oca", Decimal("5100")), ("Şub", Decimal("950"))], highlight=0)
    chart.resize(600, 240)
    assert not chart.grab().isNull()
