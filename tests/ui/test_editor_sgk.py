"""The SGK invoice in the editor: choosing the SGK type shows the SGK section (hidden for a
sale); a missing period is said next to its field, and what the user chooses and types is
issued as the AccountingCost, InvoicePeriod and MUKELLEF_KODU / DOSYA_NO references GİB's
stylesheet reads."""

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


def test_sgk_invoice_carries_the_chosen_kind_period_and_codes(
        start_gui: Any, qtbot: Any, company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    ed.set_customer(CUSTOMER)
    section = ed.kind_sections.sections["sgk"]
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    ed.type.setCurrentIndex(ed.type.findData("SATIS"))
    assert section.isHidden()
    ed.type.setCurrentIndex(ed.type.findData("SGK"))
    assert not section.isHidden()

    kind = section.findChild(QComboBox, "kind_sgk_invoice_kind")
    kind.setCurrentIndex(kind.findData("SAGLIK_ECZ"))
    for key, text in (("period_start", "01.10.2026"), ("taxpayer_code", "06-ECZ-4417"),
                      ("file_no", "2026-10-5531")):
        qtbot.keyClicks(section.findChild(QLineEdit, f"kind_sgk_{key}"), text)
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Reçeteli ilaç bedeli")
    m.setData(m.index(0, COL["quantity"]), "3")
    m.setData(m.index(0, COL["unit_price"]), "412,80")
    m.setData(m.index(0, COL["kdv_rate"]), "10")

    # without the period's last day: said next to the field, nothing issued
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ed.errors.message("sgk.period_end")), timeout=60_000)
    assert "Dönem sonu yazılmalı" in ed.errors.message("sgk.period_end")
    assert ed.view_dialog is None

    qtbot.keyClicks(section.findChild(QLineEdit, "kind_sgk_period_end"), "31.10.2026")
    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, (ed.status.text(), {
        k: ed.errors.message(k) for k in ed.errors._fields if ed.errors.message(k)})
    info = show_invoice(gui.services.ctx, ettn)
    assert (info["profile"], info["type"]) == ("TEMELFATURA", "SGK") and info["number"]
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    assert root.findtext("cbc:AccountingCost", namespaces=NS) == "SAGLIK_ECZ"
    assert [el.text for el in root.find("cac:InvoicePeriod", NS)] == ["2026-10-01",
                                                                      "2026-10-31"]
    refs = {r.findtext("cbc:DocumentTypeCode", namespaces=NS): r.findtext("cbc:DocumentType",
                                                                          namespaces=NS)
            for r in root.findall("cac:AdditionalDocumentReference", NS)}
    assert refs.get("MUKELLEF_KODU") == "06-ECZ-4417"
    assert refs.get("DOSYA_NO") == "2026-10-5531"
    assert "MUKELLEF_ADI" not in refs
