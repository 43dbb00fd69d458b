"""The invoice editor shows GİB's and Tezgâh's rules where they apply: next to the field,
as the user types, and only the columns the invoice type needs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.domain.money import format_money
from tests.fixtures.app import CUSTOMER, PERSON
from tests.ui.conftest import idle
from ui import fmt
from ui.models.lines import COL


def test_messages_next_to_fields_and_type_columns(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    m = ed.lines

    # a line problem is shown while typing, in Turkish, before anything is issued
    m.setData(m.index(0, COL["name"]), "Çay")
    m.setData(m.index(0, COL["quantity"]), "0")
    m.setData(m.index(0, COL["unit_price"]), "10")
    qtbot.waitUntil(lambda: "miktar sıfırdan büyük" in ed.errors.message("lines"))
    m.setData(m.index(0, COL["quantity"]), "2,5")
    qtbot.waitUntil(lambda: ed.errors.message("lines") == "")
    assert format_money(Decimal("30.00")) in ed.totals.text()  # 25 + %20 KDV

    # issuing without a customer: the message sits under the customer field, no dialog
    ed.issue()
    idle(qtbot, gui.services)
    assert ed.errors.message("customer").startswith("Müşteri")
    assert gui.services.errors.last_message is None
    assert ed.issue_button.isEnabled()

    # a person without the user list → e-Arşiv chosen by itself
    ed.set_customer(PERSON)
    assert ed.profile.currentData() == "EARSIVFATURA" and "e-Arşiv" in ed.customer_info.text()
    ed.set_customer({**CUSTOMER, "alias": "urn:mail:defaultpk@x.invalid"})
    assert ed.profile.currentData() == "TEMELFATURA"

    # the type decides which columns and fields appear
    def show(kind: str) -> None:
        ed.type.setCurrentIndex(ed.type.findData(kind))

    show("TEVKIFAT")
    assert not ed.table.isColumnHidden(COL["withholding"])
    # İstisna stays: a Temel invoice's line may carry 555 (demirbaş KDV) on any type but
    # İSTİSNA and İHRAÇ KAYITLI
    assert not ed.table.isColumnHidden(COL["exemption_code"])
    m.setData(m.index(0, COL["withholding"]), "602/90")
    ed.update_totals()
    assert "Tevkifat 602 (%90)" in ed.totals.text()
    payable = Decimal("25.00") + Decimal("5.00") - Decimal("4.50")
    assert format_money(payable) in ed.totals.text()
    show("ISTISNA")
    assert ed.table.isColumnHidden(COL["withholding"])
    assert not ed.table.isColumnHidden(COL["exemption_code"])
    show("IADE")
    assert ed.header_form.isRowVisible(ed.return_box)
    ed.return_number.setText("ABC2026000000001")
    show("SATIS")
    assert not ed.header_form.isRowVisible(ed.return_box)

    # GİB's number format for the returned invoice is checked at saving, next to the field
    m.setData(m.index(0, COL["withholding"]), "")
    show("IADE")
    ed.return_number.setText("123")
    ed.save_now()
    idle(qtbot, gui.services)
    assert "GİB biçiminde değil" in ed.errors.message("return_of")


def test_turkish_number_entry() -> None:
    assert fmt.parse_decimal("1.234,56") == Decimal("1234.56")
    assert fmt.parse_decimal("1.000") == Decimal("1000")
    assert fmt.parse_decimal("19.99") == Decimal("19.99")
    assert fmt.parse_decimal("2,5") == Decimal("2.5")
    assert fmt.parse_decimal("%20") == Decimal("20")
    assert fmt.parse_decimal("abc") is None and fmt.parse_decimal("") is None
    assert fmt.quantity(Decimal("1234.50")) == "1.234,5"
    assert fmt.day("2026-11-27") == "27.11.2026"
