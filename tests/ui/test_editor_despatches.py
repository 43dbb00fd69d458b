"""The invoice editor offers the chosen customer's despatch advices not yet invoiced
("Faturalanmamış irsaliyeler: …"); "İrsaliyelerden ekle" adds their lines and references
to the invoice, and once the draft names them they are no longer offered."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from app.context import AppContext
from app.domain.invoice import InvoiceData
from app.usecases import despatches
from tests.fixtures.app import CUSTOMER, PERSON
from tests.ui.conftest import idle

EXAMPLE = (Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
           / "TEMELIRSALIYE-SEVK.json")


def _issued_despatch(ctx: AppContext, day: str) -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for key in ("series", "invoice_refs"):
        data.pop(key)
    data.update(issue_date=day, despatch_date=day)
    data["lines"][1]["unit_price"] = "42.10"
    ettn = despatches.create_draft(ctx, data)
    return despatches.issue_despatch(ctx, ettn, sign=None).number


def test_customer_chosen_offers_its_despatches_and_adds_them(start_gui, qtbot,
                                                             company_dir: Path) -> None:
    ctx = AppContext.open(company_dir)
    n1, n2 = _issued_despatch(ctx, "2026-11-12"), _issued_despatch(ctx, "2026-11-20")
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    links = ed.despatch_links

    ed.set_customer(PERSON)  # no deliveries: no notice
    idle(qtbot, gui.services)
    assert not links.notice.isVisibleTo(ed) and not links.add_button.isVisibleTo(ed)

    ed.set_customer(CUSTOMER)
    qtbot.waitUntil(lambda: links.add_button.isVisibleTo(ed), timeout=30_000)
    assert links.notice.text() == (
        f"Faturalanmamış irsaliyeler: {n1} (12.11.2026), {n2} (20.11.2026)")

    qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(ed.lines.lines) == 4, timeout=30_000)
    idle(qtbot, gui.services)
    data = ed.invoice_json()
    assert data["despatch_refs"] == [{"number": n1, "date": "2026-11-12"},
                                     {"number": n2, "date": "2026-11-20"}]
    assert [ln["name"] for ln in data["lines"]] == ["Pamuklu tişört, beyaz, L beden",
                                                    "Kumaş topu, gabardin"] * 2
    inv = InvoiceData.from_json(data)
    assert [n for n, _d in inv.despatch_refs] == [n1, n2]
    assert all(ln.kdv_rate == 20 for ln in inv.lines)
    # both are on the invoice now: nothing more is offered; the references come back
    assert not links.add_button.isVisibleTo(ed)
    assert links.linked.text() == f"Faturadaki irsaliyeler: {n1}, {n2}"
    ed.load_invoice_json(data)
    assert ed.invoice_json()["despatch_refs"] == data["despatch_refs"]
