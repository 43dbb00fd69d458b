"""Electric vehicle charging in the invoice editor: choosing ENERJI offers only SARJ and
SARJANLIK (GİB's pair rule) and shows the charging section and the unit-serial column (hidden
in other scenarios); what the user types is issued as the invoice period, the buyer's PLAKA
and the line's ItemInstance serial."""

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


def test_charging_invoice_carries_the_typed_period_plate_and_serial(
        start_gui: Any, qtbot: Any, company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    ed.set_customer(CUSTOMER)
    section = ed.kind_sections.sections["charging"]
    column = COL["charging.serial"]
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    assert section.isHidden() and ed.table.isColumnHidden(column)

    ed.profile.setCurrentIndex(ed.profile.findData("ENERJI"))
    assert [ed.type.itemData(i) for i in range(ed.type.count())] == ["SARJ", "SARJANLIK"]
    ed.type.setCurrentIndex(ed.type.findData("SARJANLIK"))
    assert not section.isHidden() and not ed.table.isColumnHidden(column)
    for key, text in (("start_date", "19.11.2026"), ("start_time", "18:42"),
                      ("end_date", "19.11.2026"), ("end_time", "19:16"),
                      ("plate", "06 yyf 706")):
        qtbot.keyClicks(section.findChild(QLineEdit, f"kind_charging_{key}"), text)
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "DC hızlı şarj (180 kW)")
    m.setData(m.index(0, COL["quantity"]), "41,27")
    m.setData(m.index(0, COL["unit_price"]), "12,49")
    m.setData(m.index(0, column), "DC180-45225")
    assert m.index(0, column).data() == "DC180-45225"

    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, (ed.status.text(), {
        k: ed.errors.message(k) for k in ed.errors._fields if ed.errors.message(k)})
    info = show_invoice(gui.services.ctx, ettn)
    assert (info["profile"], info["type"]) == ("ENERJI", "SARJANLIK") and info["number"]
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    period = root.find("cac:InvoicePeriod", NS)
    assert [el.text for el in period] == ["2026-11-19", "18:42:00", "2026-11-19", "19:16:00"]
    assert root.xpath("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/"
                      "cbc:ID[@schemeID='PLAKA']/text()", namespaces=NS) == ["06YYF706"]
    assert root.xpath("cac:InvoiceLine/cac:Item/cac:ItemInstance/cbc:SerialID/text()",
                      namespaces=NS) == ["DC180-45225"]
