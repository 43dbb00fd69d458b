"""The invoice editor chooses an e-Arşiv invoice's delivery method (Gönderim Şekli): the
choice goes into the invoice JSON and comes back when the draft is opened again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.domain.invoice import InvoiceData
from tests.fixtures.app import CUSTOMER, PERSON
from ui.models.lines import COL


def test_delivery_choice_for_earsiv(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Çay")
    m.setData(m.index(0, COL["unit_price"]), "10")
    ed.set_customer({**PERSON, "email": "ayse@ornek.com.tr"})
    assert ed.profile.currentData() == "EARSIVFATURA"
    combo = ed.header.delivery
    assert combo.isEnabled()
    assert "delivery" not in ed.invoice_json()  # by the customer: has an e-mail → ELEKTRONIK
    assert InvoiceData.from_json(ed.invoice_json()).delivery == "ELEKTRONIK"

    # press the choice: KAĞIT
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    combo.setCurrentIndex(combo.findData("KAGIT"))
    combo.hidePopup()
    data = ed.invoice_json()
    assert data["delivery"] == "KAGIT"
    assert InvoiceData.from_json(data).delivery == "KAGIT"
    ed.load_invoice_json(data)
    assert ed.header.delivery.currentData() == "KAGIT"
    assert ed.state()["delivery"] == "KAGIT"

    # e-Fatura: no delivery method
    ed.set_customer(CUSTOMER)
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    assert not combo.isEnabled()
    assert "delivery" not in ed.invoice_json()
