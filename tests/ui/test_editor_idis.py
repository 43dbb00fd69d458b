"""İDİS in the invoice editor: choosing the scenario shows the İDİS section (shipment number)
and the label-number column of the lines table (hidden in other scenarios); what the user
types is issued as the seller's SEVKIYATNO and the line's ETIKETNO."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.usecases.invoices import invoice_xml, show_invoice
from tests.fixtures.app import CUSTOMER
from tests.ui.conftest import idle, open_editor
from ui.models.lines import COL

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def test_idis_invoice_carries_the_typed_numbers(start_gui: Any, qtbot: Any,
                                                company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    ed.set_customer(CUSTOMER)
    section = ed.kind_sections.sections["idis"]
    column = COL["idis.etiket_no"]
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    assert section.isHidden() and ed.table.isColumnHidden(column)

    ed.profile.setCurrentIndex(ed.profile.findData("IDIS"))
    assert not section.isHidden() and not ed.table.isColumnHidden(column)
    assert ed.type.currentData() == "SATIS"
    number = section.findChild(QLineEdit, "kind_idis_sevkiyat_no")
    qtbot.keyClicks(number, "SE-1345840")
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "10 mm inşaat demiri")
    m.setData(m.index(0, COL["quantity"]), "2")
    m.setData(m.index(0, COL["unit_price"]), "21500")
    m.setData(m.index(0, column), "cv0152457")
    assert m.index(0, column).data() == "cv0152457"

    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, ed.status.text()
    info = show_invoice(gui.services.ctx, ettn)
    assert info["profile"] == "IDIS" and info["number"]
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    assert root.xpath("cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/"
                      "cbc:ID[@schemeID='SEVKIYATNO']/text()", namespaces=NS) == ["SE-1345840"]
    assert root.xpath("cac:InvoiceLine/cac:Item/cac:AdditionalItemIdentification/"
                      "cbc:ID[@schemeID='ETIKETNO']/text()", namespaces=NS) == ["CV0152457"]
