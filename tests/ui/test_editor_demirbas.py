"""Code 555 (demirbaş KDV, GİB 2026-03) in the editor: on a Temel/Ticari/e-Arşiv invoice the
İstisna column offers 555 for a line with KDV, the line keeps its KDV and the issued invoice
carries the code; on ISTISNA (where GİB refuses 555) the column does not offer it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from app.usecases.invoices import invoice_xml
from tests.fixtures.app import CUSTOMER
from tests.ui.conftest import idle, open_editor
from ui.models.lines import COL

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def _offered(ed: Any) -> list[str]:
    """The codes the İstisna cell's editor offers on the first line."""
    index = ed.lines.index(0, COL["exemption_code"])
    editor = ed.table.itemDelegate().createEditor(ed.table.viewport(), QStyleOptionViewItem(),
                                                  index)
    assert isinstance(editor, QComboBox)
    codes = [editor.itemData(i) for i in range(editor.count())]
    editor.deleteLater()
    return codes


@pytest.mark.slow
def test_demirbas_kdv_is_offered_and_issued(start_gui: Any, qtbot: Any,
                                            company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    ed.set_customer(CUSTOMER)
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    ed.type.setCurrentIndex(ed.type.findData("ISTISNA"))
    assert "555" not in _offered(ed)
    ed.type.setCurrentIndex(ed.type.findData("SATIS"))
    assert not ed.table.isColumnHidden(COL["exemption_code"])
    assert "555" in _offered(ed)
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Dizüstü bilgisayar (demirbaş)")
    m.setData(m.index(0, COL["unit_price"]), "30000")
    m.setData(m.index(0, COL["kdv_rate"]), "20")
    m.setData(m.index(0, COL["exemption_code"]), "555")
    assert m.problems[0] == ""
    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or bool(ed.status.text()),
                    timeout=60_000)
    idle(qtbot, gui.services)
    assert ed.view_dialog is not None, ed.status.text()
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    kdv = root.xpath("cac:InvoiceLine/cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/"
                     "cbc:TaxExemptionReasonCode='555']", namespaces=NS)
    assert len(kdv) == 1
    assert kdv[0].findtext("cbc:TaxAmount", namespaces=NS) == "6000.00"
