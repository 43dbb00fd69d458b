"""A received invoice shows the verdict on its signature (issue 15, item 4): in the
Faturalar list and in the invoice's window."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.context import AppContext
from app.signing import open_signer, sign_invoice
from app.usecases.importing import import_invoice_xml
from tests.ui.conftest import idle


def test_an_altered_received_invoice_says_its_signature_is_not_valid(
        start_gui, qtbot: Any, company_dir: Path, demo_signer, unsigned_invoice: bytes) -> None:
    _d, cfg = demo_signer
    with open_signer(cfg, None) as s:
        signed = sign_invoice(unsigned_invoice, s)
    altered = re.sub(rb'(<cbc:PayableAmount currencyID="TRY">)2', rb"\g<1>9", signed, count=1)
    assert altered != signed
    result = import_invoice_xml(AppContext(company_dir), altered)
    assert result["signature_valid"] is False

    gui = start_gui(company_dir)
    gui.window.go(1)
    page = gui.window.pages[1]
    page.direction.setCurrentIndex(page.direction.findData("in"))  # Gelen faturalar
    model = page.model
    [row] = [i for i in range(model.rowCount())
             if model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1) == result["ettn"]]
    assert model.index(row, 0).data() == f"{result['number']} — İMZA GEÇERSİZ"
    assert "İMZA GEÇERSİZ" in model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)

    page.open_index(model.index(row, 0))
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None, timeout=30_000)
    label = page.dialog.findChild(QLabel, "signatureVerdict")
    assert label is not None and label.isVisible()
    assert label.text().startswith("İMZA GEÇERSİZ: ")
    assert "DigestValue" in label.text()
    page.dialog.close()
