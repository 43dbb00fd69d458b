"""The invoice editor's "İnternet satışı" group (e-Arşiv only): typed in like a user, its values
go into the draft's invoice JSON and come back when the draft is opened again; Tezgâh's
problems for missing fields appear next to those fields; issuing writes them into the XML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PySide6.QtCore import Qt

from app.context import AppContext
from app.domain.codes import Profile
from app.domain.errors import UserError
from app.signing import save_signer_config
from app.usecases.company import set_company
from app.usecases.invoices import invoice_xml, show_invoice
from tests.fixtures.app import COMPANY, CUSTOMER, PERSON
from tests.ui.conftest import activate, focused, idle, key, type_text
from ui.models.lines import COL

WEB = "https://dukkan.deneme.invalid"
CARRIER_VKN = "4700582260"
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(widget.hasFocus)


def press_save(qtbot: Any, gui: Any) -> None:
    qtbot.mouseClick(gui.window.editor.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)


def open_editor(start_gui: Any, qtbot: Any, company_dir: Path) -> Any:
    set_company(AppContext.open(company_dir), {**COMPANY, "web": WEB})
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    gui.window.go(2)
    ed = gui.window.editor
    m = ed.lines
    m.setData(m.index(0, COL["name"]), "Keten gömlek")
    m.setData(m.index(0, COL["unit_price"]), "450")
    ed.set_customer(PERSON)
    assert ed.profile.currentData() == "EARSIVFATURA"
    return gui


def fill_sale(qtbot: Any, gui: Any) -> None:
    """Check the group and type the sale from the web address down, Tab by Tab, pressing
    Kaydet where a field is still missing."""
    ed = gui.window.editor
    box = ed.internet_sale
    assert not box.isHidden() and not box.isChecked() and box.body.isHidden()
    box.setFocus()
    key(qtbot, Qt.Key.Key_Space)  # the group's check box
    assert box.isChecked() and not box.body.isHidden()
    assert box.web.text() == WEB  # the company's web address

    # no payment method chosen: the problem sits under the combo
    press_save(qtbot, gui)
    assert "ödeme şekli yazılmalı" in ed.errors.message("internet_sale.payment_method")
    assert focused() is box.payment_method
    assert gui.services.errors.last_message is None
    key(qtbot, Qt.Key.Key_Down)  # Seçin → Kredi/banka kartı
    assert box.payment_method.currentText() == "Kredi/banka kartı"
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is box.payment_date
    type_text(qtbot, "25112026")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Sipariş 1042")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is box.carrier_name
    type_text(qtbot, "Hızlı Kargo A.Ş.")

    # a carrier without its VKN/TCKN
    press_save(qtbot, gui)
    assert "VKN/TCKN boş olamaz" in ed.errors.message("internet_sale.carrier.vkn_tckn")
    assert focused() is box.carrier_vkn
    type_text(qtbot, CARRIER_VKN)
    assert box.carrier_vkn.hint.text() == "✓ Geçerli VKN"

    # …and without its address
    press_save(qtbot, gui)
    assert "ilçesi ve ili" in ed.errors.message("internet_sale.carrier.district")
    assert focused() is box.carrier_district
    type_text(qtbot, "Esenyurt")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "İstanbul")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is box.shipment_date
    type_text(qtbot, "26112026")

    # no web address
    click(qtbot, box.web)
    box.web.selectAll()
    key(qtbot, Qt.Key.Key_Delete)
    press_save(qtbot, gui)
    assert "web adresi yazılmalı" in ed.errors.message("internet_sale.web")
    assert focused() is box.web
    type_text(qtbot, WEB)


EXPECTED = {
    "web": WEB, "payment_method": "48", "payment_date": "2026-11-25",
    "payment_note": "Sipariş 1042",
    "carrier": {"name": "Hızlı Kargo A.Ş.", "vkn_tckn": CARRIER_VKN, "district": "Esenyurt",
                "city": "İstanbul"},
    "shipment_date": "2026-11-26",
}


def test_internet_sale_typed_saved_and_reopened(start_gui, qtbot, company_dir: Path) -> None:
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    fill_sale(qtbot, gui)
    press_save(qtbot, gui)
    assert ed.save_state.text() == "Taslak kaydedildi."
    assert all(not ed.errors.message(k) for k in ed.errors._fields)
    stored = show_invoice(gui.services.ctx, ed.ettn)["data"]
    assert stored["internet_sale"] == EXPECTED

    # reopened from the draft: the same values in the same fields
    ettn = ed.ettn
    state = ed.state()
    ed.new_invoice()
    box = ed.internet_sale
    assert not box.isChecked() and box.body.isHidden() and "internet_sale" not in ed.invoice_json()
    ed.open_draft(ettn)
    assert box.isChecked() and not box.body.isHidden()
    assert box.web.text() == WEB
    assert box.payment_method.currentText() == "Kredi/banka kartı"
    assert box.payment_date.text() == "25.11.2026"
    assert box.payment_note.text() == "Sipariş 1042"
    assert (box.carrier_name.text(), box.carrier_vkn.text()) == ("Hızlı Kargo A.Ş.", CARRIER_VKN)
    assert (box.carrier_district.text(), box.carrier_city.text()) == ("Esenyurt", "İstanbul")
    assert box.shipment_date.text() == "26.11.2026"
    assert ed.invoice_json()["internet_sale"] == EXPECTED
    # the autosaved state (drafts/editor.json) keeps them as well
    ed.new_invoice()
    ed.load_state(state)
    assert ed.invoice_json()["internet_sale"] == EXPECTED

    # only e-Arşiv invoices have the group
    ed.set_customer(CUSTOMER)
    ed.profile.setCurrentIndex(ed.profile.findData("TEMELFATURA"))
    assert box.isHidden() and "internet_sale" not in ed.invoice_json()
    ed.profile.setCurrentIndex(ed.profile.findData("EARSIVFATURA"))
    assert not box.isHidden()
    idle(qtbot, gui.services)


def test_issuing_an_internet_sale_writes_it_into_the_xml(start_gui, qtbot, company_dir: Path,
                                                         fresh_token) -> None:
    save_signer_config(company_dir, fresh_token.config())
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    fill_sale(qtbot, gui)
    ettn = ed.ettn
    qtbot.mouseClick(ed.issue_button, Qt.MouseButton.LeftButton)  # Faturayı kes
    qtbot.waitUntil(lambda: ed.pin_handler.dialog is not None, timeout=30_000)
    qtbot.keyClicks(ed.pin_handler.dialog.edit, fresh_token.user_pin)
    qtbot.keyClick(ed.pin_handler.dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ed.view_dialog is not None, timeout=60_000)
    idle(qtbot, gui.services)

    info = show_invoice(gui.services.ctx, ettn)
    assert info["number"] and info["data"]["internet_sale"] == EXPECTED
    root = etree.fromstring(invoice_xml(gui.services.ctx, ettn))

    def text(path: str) -> list[str]:
        return [e.text for e in root.xpath(path, namespaces=NS)]

    assert text("cbc:ProfileID") == ["EARSIVFATURA"]
    # the sale's payment comes first (the company's IBAN follows as its own PaymentMeans 42)
    assert text("cac:PaymentMeans/cbc:PaymentMeansCode")[0] == "48"
    card = "cac:PaymentMeans[cbc:PaymentMeansCode='48']/"
    assert text(card + "cbc:PaymentDueDate") == ["2026-11-25"]
    assert text(card + "cbc:InstructionNote") == ["Sipariş 1042"]
    assert text("cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI") == [WEB]
    carrier = "cac:Delivery/cac:CarrierParty/"
    assert text(carrier + "cac:PartyIdentification/cbc:ID") == [CARRIER_VKN]
    assert text(carrier + "cac:PartyName/cbc:Name") == ["Hızlı Kargo A.Ş."]
    assert text(carrier + "cac:PostalAddress/cbc:CitySubdivisionName") == ["Esenyurt"]
    assert text(carrier + "cac:PostalAddress/cbc:CityName") == ["İstanbul"]
    assert text("cac:Delivery/cac:Despatch/cbc:ActualDespatchDate") == ["2026-11-26"]
    # the editor starts the next invoice without the sale
    assert not ed.internet_sale.isChecked() and "internet_sale" not in ed.invoice_json()


def test_an_internet_sale_is_numbered_from_its_own_series(
        start_gui, qtbot, company_dir: Path) -> None:
    ctx = AppContext.open(company_dir)
    set_company(ctx, {**COMPANY, "web": WEB, "earchive_series": "EAR",
                      "internet_sale_series": "web"})
    gui = open_editor(start_gui, qtbot, company_dir)
    ed = gui.window.editor
    assert ed.invoice_json()["series"] == "EAR"
    ed.internet_sale.setChecked(True)
    assert ed.invoice_json()["series"] == "WEB"
    ed.internet_sale.setChecked(False)
    assert ed.invoice_json()["series"] == "EAR"


def test_the_internet_sale_series_is_optional_and_checked(company_dir: Path) -> None:
    from app.usecases.company import internet_sale_series, internet_sale_series_setting
    from app.usecases.drafts import series_for_profile

    ctx = AppContext.open(company_dir)
    set_company(ctx, {**COMPANY, "earchive_series": "EAR"})
    assert internet_sale_series_setting(ctx) == "" and internet_sale_series(ctx) == "EAR"
    assert series_for_profile(ctx, Profile.EARSIVFATURA, internet_sale=True) == "EAR"
    assert series_for_profile(ctx, Profile.TEMELFATURA, internet_sale=True) != "EAR"
    with pytest.raises(UserError) as bad:
        set_company(ctx, {**COMPANY, "internet_sale_series": "WE"})
    assert bad.value.field == "internet_sale_series" and "üç karakter" in bad.value.message
    set_company(ctx, {**COMPANY, "internet_sale_series": "W3B"})
    assert internet_sale_series(ctx) == "W3B"
    set_company(ctx, {**COMPANY})  # not given: the setting stays
    assert internet_sale_series(ctx) == "W3B"
