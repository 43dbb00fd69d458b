"""Yatırım teşvik in the invoice editor: choosing YATIRIMTESVIK shows the certificate section
and the harcama tipi and machine columns of the lines table (hidden in other scenarios); an
İSTİSNA invoice typed there is issued with the certificate (YTBNO), the machine's data and the
KDV computed but not added (308, CalculationSequenceNumeric -1)."""

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


def test_investment_exempt_invoice_from_the_editor(start_gui: Any, qtbot: Any,
                                                   company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    ed.set_customer(CUSTOMER)
    section = ed.kind_sections.sections["investment"]
    columns = [COL[f"investment.{k}"] for k in ("item_class", "model_name", "trace_id", "serial")]
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    assert section.isHidden() and all(ed.table.isColumnHidden(c) for c in columns)

    ed.profile.setCurrentIndex(ed.profile.findData("YATIRIMTESVIK"))
    assert not section.isHidden() and not any(ed.table.isColumnHidden(c) for c in columns)
    types = [ed.type.itemData(i) for i in range(ed.type.count())]
    assert types == ["SATIS", "IADE", "TEVKIFAT", "ISTISNA", "TEVKIFATIADE"]
    ed.type.setCurrentIndex(ed.type.findData("ISTISNA"))
    qtbot.keyClicks(section.findChild(QLineEdit, "kind_investment_ytb_no"), "204518")
    qtbot.keyClicks(section.findChild(QLineEdit, "kind_investment_ytb_date"), "14.03.2025")
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Karton kutu katlama makinesi")
    m.setData(m.index(0, COL["unit_price"]), "1850000")
    m.setData(m.index(0, COL["kdv_rate"]), "20")
    for column, text in zip(columns, ("01", "KKM-900 katlama makinesi", "2026-0417",
                                      "KKM900-55812"), strict=True):
        m.setData(m.index(0, column), text)

    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, (ed.status.text(), {
        k: ed.errors.message(k) for k in ed.errors._fields if ed.errors.message(k)})
    info = show_invoice(gui.services.ctx, ettn)
    assert info["profile"] == "YATIRIMTESVIK" and info["type"] == "ISTISNA"
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    assert root.xpath("cac:ContractDocumentReference/cbc:ID[@schemeID='YTBNO']/text()",
                      namespaces=NS) == ["204518"]
    item = "cac:InvoiceLine/cac:Item/"
    assert root.xpath(item + "cac:CommodityClassification/cbc:ItemClassificationCode/text()",
                      namespaces=NS) == ["01"]
    assert root.xpath(item + "cac:ItemInstance/cbc:SerialID/text()",
                      namespaces=NS) == ["KKM900-55812"]
    sub = "cac:TaxTotal/cac:TaxSubtotal/"
    assert root.xpath(sub + "cbc:CalculationSequenceNumeric/text()", namespaces=NS) == ["-1"]
    assert root.xpath(sub + "cac:TaxCategory/cbc:TaxExemptionReasonCode/text()",
                      namespaces=NS) == ["308"]
    assert root.xpath("cac:LegalMonetaryTotal/cbc:PayableAmount/text()",
                      namespaces=NS) == ["1850000.00"]
