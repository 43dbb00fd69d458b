"""HKS in the invoice editor: choosing the Hal Kayıt Sistemi scenario shows the "Künye No"
line column (hidden in other scenarios); the künye typed into it goes into the issued invoice
where GİB's rule looks for it (HKSInvioceCheck: Item/AdditionalItemIdentification/ID with
schemeID KUNYENO)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from app.usecases.invoices import invoice_xml, show_invoice
from tests.fixtures.app import CUSTOMER
from tests.ui.conftest import idle, open_editor
from ui.models.lines import COL

KUNYE = "2602611200004817305"
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def test_hks_invoice_carries_the_kunye_typed_in_the_line(start_gui: Any, qtbot: Any,
                                                         company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    ed.set_customer(CUSTOMER)
    table, m = ed.table, ed.lines
    column = COL["hks.kunye_no"]
    assert table.isColumnHidden(column)
    ed.profile.setCurrentIndex(ed.profile.findData("HKS"))
    assert not table.isColumnHidden(column)
    assert m.headerData(column, Qt.Orientation.Horizontal) == "Künye No"
    m.setData(m.index(0, COL["name"]), "Domates, sofralık")
    m.setData(m.index(0, COL["quantity"]), "1200")
    m.setData(m.index(0, COL["unit"]), "KGM")
    m.setData(m.index(0, COL["unit_price"]), "18.50")
    m.setData(m.index(0, COL["kdv_rate"]), "1")
    # typed into the cell's own editor, as the table opens it, then committed
    cell = m.index(0, column)
    delegate = table.itemDelegate()
    editor = delegate.createEditor(table.viewport(), QStyleOptionViewItem(), cell)
    assert isinstance(editor, QLineEdit)
    delegate.setEditorData(editor, cell)
    qtbot.keyClicks(editor, KUNYE)
    delegate.setModelData(editor, m, cell)
    editor.deleteLater()
    assert m.index(0, column).data() == KUNYE
    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, ed.status.text()
    info = show_invoice(gui.services.ctx, ettn)
    assert info["profile"] == "HKS" and info["number"]
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    assert root.xpath("cac:InvoiceLine/cac:Item/cac:AdditionalItemIdentification/"
                      "cbc:ID[@schemeID='KUNYENO']/text()", namespaces=NS) == [KUNYE]
