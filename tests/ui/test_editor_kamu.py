"""KAMU in the invoice editor: choosing the scenario shows "Ödeme IBAN'ı (kamu)" (GİB's rule: a
KAMU invoice names the Turkish IBAN the administration pays into); the typed IBAN goes into
the issued invoice's PaymentMeans, an empty one takes the company's, and with no IBAN at all
the problem stands next to the field and no number is used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from PySide6.QtCore import Qt

from app.context import AppContext
from app.signing import create_test_certificate, save_signer_config
from app.usecases.company import set_company
from app.usecases.invoices import invoice_xml, show_invoice
from tests.fixtures.app import COMPANY, CUSTOMER
from tests.ui.conftest import activate, idle
from ui.models.lines import COL

IBAN = "TR180006200119000006672315"
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def _editor(start_gui: Any, qtbot: Any, company_dir: Path, company: dict) -> Any:
    ctx = AppContext.open(company_dir)
    set_company(ctx, company)
    save_signer_config(company_dir, create_test_certificate(company_dir, company["vkn_tckn"],
                                                           company["name"]))
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    gui.window.go(2)
    ed = gui.window.editor
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Toner kartuşu")
    m.setData(m.index(0, COL["unit_price"]), "1250")
    ed.set_customer(CUSTOMER)
    return gui


def _choose_kamu(ed: Any) -> None:
    form, box = ed.header.header_form, ed.header.payee_iban_box
    assert not form.isRowVisible(box)
    ed.profile.setCurrentIndex(ed.profile.findData("KAMU"))
    assert form.isRowVisible(box)
    types = [ed.type.itemData(i) for i in range(ed.type.count())]
    assert "IADE" not in types and "SATIS" in types  # GİB: no IADE under KAMU


def _issue(qtbot: Any, gui: Any) -> str:
    ed = gui.window.editor
    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ed.view_dialog is not None or gui.services.errors.last_message
                    or any(ed.errors.message(k) for k in ed.errors._fields), timeout=60_000)
    assert ed.view_dialog is not None, (gui.services.errors.last_message, {
        k: ed.errors.message(k) for k in ed.errors._fields if ed.errors.message(k)})
    idle(qtbot, gui.services)
    return ettn


def test_kamu_invoice_carries_the_typed_iban(start_gui: Any, qtbot: Any,
                                             company_dir: Path) -> None:
    gui = _editor(start_gui, qtbot, company_dir, COMPANY)
    ed = gui.window.editor
    _choose_kamu(ed)
    qtbot.keyClicks(ed.header.payee_iban, "tr18 0006 2001 1900 0006 6723 15")
    ettn = _issue(qtbot, gui)
    info = show_invoice(gui.services.ctx, ettn)
    assert info["profile"] == "KAMU" and info["number"].startswith("TZG")
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))
    assert root.xpath("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID/text()",
                      namespaces=NS) == [IBAN]


def test_kamu_without_any_iban_is_refused_next_to_the_field(start_gui: Any, qtbot: Any,
                                                            company_dir: Path) -> None:
    gui = _editor(start_gui, qtbot, company_dir, {k: v for k, v in COMPANY.items()
                                                   if k != "iban"})
    ed = gui.window.editor
    _choose_kamu(ed)
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "IBAN" in ed.errors.message("payment.iban"), timeout=60_000)
    idle(qtbot, gui.services)
    assert "Türkiye IBAN'ı zorunludur" in ed.errors.message("payment.iban")
    assert show_invoice(gui.services.ctx, ed.ettn)["number"] in (None, "")  # no number used
