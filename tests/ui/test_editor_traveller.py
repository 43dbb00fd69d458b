"""Yolcu Beraber (tax free) in the invoice editor: choosing the scenario shows the traveller
section; with no customer chosen the invoice goes to GTB, and what the user types is issued as
the TAXFREE buyer (passport, nationality) and the intermediary (ARACIKURUMVKN,
ARACIKURUMETIKET)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.usecases.invoices import invoice_xml, show_invoice
from tests.ui.conftest import idle, open_editor
from ui.models.lines import COL

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
TYPED = {
    "first_name": "Emily", "family_name": "Carter", "nationality": "gb",
    "passport_no": "548213976", "passport_date": "14.03.2022", "country": "GB",
    "city": "London", "intermediary_name": "Örnek Tax Free İade Hizmetleri A.Ş.",
    "intermediary_vkn": "3900383669",
    "intermediary_label": "urn:mail:yolcuberaberpk@ornektaxfree.invalid",
    "intermediary_city": "İstanbul", "intermediary_district": "Şişli",
}


def test_tax_free_invoice_goes_to_gtb_with_the_typed_traveller(start_gui: Any, qtbot: Any,
                                                                company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    section = ed.kind_sections.sections["traveller"]
    assert section.isHidden()
    ed.profile.setCurrentIndex(ed.profile.findData("YOLCUBERABERFATURA"))
    assert not section.isHidden()
    assert ed.type.currentData() == "SATIS"
    for key, text in TYPED.items():
        edit = section.findChild(QLineEdit, f"kind_traveller_{key}")
        assert edit is not None, key
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:  # QTest types ASCII keys only
            edit.setFocus()
            edit.insert(text)
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Deri ceket")
    m.setData(m.index(0, COL["unit_price"]), "4500")

    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, (ed.status.text(), {
        k: ed.errors.message(k) for k in ed.errors._fields if ed.errors.message(k)})
    info = show_invoice(gui.services.ctx, ettn)
    assert info["profile"] == "YOLCUBERABERFATURA" and info["number"]
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))

    def texts(path: str) -> list[str]:
        return [str(x) for x in root.xpath(path, namespaces=NS)]

    assert texts("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID/text()") \
        == ["1460415308"]
    person = "cac:BuyerCustomerParty/cac:Party/cac:Person/"
    assert texts(person + "cbc:FirstName/text()") == ["Emily"]
    assert texts(person + "cbc:NationalityID/text()") == ["GB"]
    assert texts(person + "cac:IdentityDocumentReference/cbc:ID/text()") == ["548213976"]
    assert texts(person + "cac:IdentityDocumentReference/cbc:IssueDate/text()") \
        == ["2022-03-14"]
    rep = "cac:TaxRepresentativeParty/cac:PartyIdentification/cbc:ID"
    assert texts(rep + "[@schemeID='ARACIKURUMVKN']/text()") == ["3900383669"]
    assert texts(rep + "[@schemeID='ARACIKURUMETIKET']/text()") \
        == ["urn:mail:yolcuberaberpk@ornektaxfree.invalid"]
