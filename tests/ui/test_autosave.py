"""Drafts save themselves: what was typed survives the window going away without closing."""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.status import Status
from app.usecases.invoices import show_invoice
from tests.fixtures.app import CUSTOMER
from tests.ui.conftest import idle
from ui.models.lines import COL


def test_typed_invoice_survives_a_crash(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    gui.window.go(2)
    editor = gui.window.editor
    editor.set_customer(CUSTOMER)
    # an unfinished line first: kept on disk, not yet a database draft
    editor.lines.setData(editor.lines.index(0, COL["name"]), "Kırmızı şişe")
    editor.lines.setData(editor.lines.index(0, COL["unit_price"]), "abc")
    qtbot.waitUntil(lambda: "eksikler" in editor.save_state.text(), timeout=10_000)
    state = json.loads((company_dir / "drafts" / "editor.json").read_text(encoding="utf-8"))
    assert state["lines"][0]["name"] == "Kırmızı şişe"
    editor.lines.setData(editor.lines.index(0, COL["unit_price"]), "19,99")
    editor.lines.setData(editor.lines.index(0, COL["quantity"]), "12")
    qtbot.waitUntil(lambda: editor.save_state.text() == "Taslak kaydedildi.", timeout=10_000)
    idle(qtbot, gui.services)
    draft = show_invoice(gui.services.ctx, editor.ettn)
    assert draft["status"] == Status.DRAFT
    assert draft["data"]["lines"][0]["unit_price"] == "19.99"

    # "power cut": a new window on the same folder, the old one never closed
    again = start_gui(company_dir)
    again.window.go(2)
    restored = again.window.editor
    assert restored.ettn == editor.ettn
    assert restored.customer["vkn_tckn"] == CUSTOMER["vkn_tckn"]
    assert restored.lines.lines_json()[0] == {
        "name": "Kırmızı şişe", "quantity": "12", "unit": "C62", "unit_price": "19.99",
        "discount_rate": "0", "kdv_rate": "20"}
    assert "geri yüklendi" in restored.save_state.text()
