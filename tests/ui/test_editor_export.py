"""İhracat in the invoice editor: choosing the scenario shows the İhracat section and the GTİP
column (hidden in other scenarios); with no customer chosen the invoice goes to GTB, and what
the user types is issued as the BuyerCustomerParty EXPORT, the INCOTERMS, the transport mode
and the line's GTİP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.usecases.invoices import invoice_xml, show_invoice
from tests.fixtures.app import CUSTOMER
from tests.ui.conftest import idle, open_editor
from ui.models.lines import COL

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def _choose(box: QComboBox, code: str) -> None:
    index = box.findData(code)
    assert index >= 0, code
    box.setCurrentIndex(index)


def test_export_invoice_carries_the_buyer_terms_and_gtip(start_gui: Any, qtbot: Any,
                                                          company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    section = ed.kind_sections.sections["export"]
    column = COL["export.gtip"]
    ed.set_customer(CUSTOMER)
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    assert section.isHidden() and ed.table.isColumnHidden(column)
    shown = ed.customer_info.text()

    _choose(ed.profile, "IHRACAT")  # an export goes to GTB: Tezgâh writes it
    assert not ed.customer_edit.isEnabled() and "1460415308" in ed.customer_info.text()
    assert ed.invoice_json()["customer"] == {"vkn_tckn": "1460415308"}
    _choose(ed.profile, "TEMELFATURA")  # the chosen customer comes back
    assert ed.customer_edit.isEnabled() and ed.customer_info.text() == shown
    _choose(ed.profile, "IHRACAT")
    _choose(ed.type, "ISTISNA")
    assert not section.isHidden() and not ed.table.isColumnHidden(column)
    for name, text in (("buyer_name", "Nordhafen Handelsgesellschaft mbH"),
                       ("buyer_city", "Hamburg"), ("buyer_country", "de")):
        qtbot.keyClicks(section.findChild(QLineEdit, f"kind_export_{name}"), text)
    _choose(section.findChild(QComboBox, "kind_export_incoterms"), "FOB")
    _choose(section.findChild(QComboBox, "kind_export_transport_mode"), "1")
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Pamuklu tişört")
    m.setData(m.index(0, COL["quantity"]), "1200")
    m.setData(m.index(0, COL["unit_price"]), "4,80")
    m.setData(m.index(0, COL["kdv_rate"]), "0")
    m.setData(m.index(0, COL["exemption_code"]), "301")
    m.setData(m.index(0, column), "6109.10.00.00.00")

    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text())
                    or bool(gui.services.errors.last_message), timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, (ed.status.text(), gui.services.errors.last_message, {
        k: ed.errors.message(k) for k in ed.errors._fields if ed.errors.message(k)})
    info = show_invoice(gui.services.ctx, ettn)
    assert info["profile"] == "IHRACAT" and info["number"]
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    assert root.xpath("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/"
                      "cbc:ID/text()", namespaces=NS) == ["1460415308"]
    assert root.xpath("cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/"
                      "cbc:RegistrationName/text()", namespaces=NS) == [
        "Nordhafen Handelsgesellschaft mbH"]
    delivery = root.find("cac:InvoiceLine/cac:Delivery", NS)
    assert delivery.findtext("cac:DeliveryTerms/cbc:ID", namespaces=NS) == "FOB"
    assert delivery.findtext("cac:Shipment/cac:ShipmentStage/cbc:TransportModeCode",
                             namespaces=NS) == "1"
    assert delivery.findtext("cac:Shipment/cac:GoodsItem/cbc:RequiredCustomsID",
                             namespaces=NS) == "610910000000"
    assert delivery.findtext("cac:DeliveryAddress/cac:Country/cbc:IdentificationCode",
                             namespaces=NS) == "DE"
