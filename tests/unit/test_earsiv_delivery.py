"""e-Arşiv delivery method (KAGIT / ELEKTRONIK) and internet sale: read from the invoice JSON,
written into the UBL-TR XML, and valid against GİB's XSD and schematron."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.invoice_json import invoice_to_json
from app.domain.party import Party
from app.earsiv import report_schema as rs
from app.mail.invoice_mail import is_electronic_delivery
from app.ubl.build import RenderContext, render_invoice
from app.ubl.namespaces import NS
from app.ubl.reader import read_ubl
from app.ubl.validate import InvoiceValidator, get_validator
from tests.fixtures.app import COMPANY, PERSON, invoice_json

SALE: dict[str, Any] = {
    "web": "https://dukkan.example.com.tr", "payment_method": "48",
    "payment_date": "2026-11-19",
    "carrier": {"name": "Hızlı Kargo A.Ş.", "vkn_tckn": "4700582260", "district": "Şişli",
                "city": "İstanbul"},
    "shipment_date": "2026-11-20",
}


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


def earsiv(**overrides: Any) -> InvoiceData:
    fields = {"profile": "EARSIVFATURA", "series": "EAR", "customer": dict(PERSON),
              **overrides}
    return InvoiceData.from_json(invoice_json(**fields))


def render(inv: InvoiceData) -> bytes:
    supplier = Party.from_dict(COMPANY)
    return render_invoice(inv, RenderContext(supplier, f"{inv.series}2026000000001",
                                             unsigned=True))


def sending(xml: bytes) -> tuple[list[tuple[str, str, str]], list[str]]:
    root = etree.fromstring(xml)
    refs = [(r.findtext("cbc:ID", namespaces=NS), r.findtext("cbc:DocumentTypeCode", namespaces=NS),
             r.findtext("cbc:DocumentType", namespaces=NS))
            for r in root.findall("cac:AdditionalDocumentReference", NS)
            if r.findtext("cbc:DocumentTypeCode", namespaces=NS) == rs.SENDING_TYPE_CODE]
    notes = [n.text or "" for n in root.findall("cbc:Note", NS)
             if (n.text or "").startswith(rs.SENDING_TYPE_NOTE)]
    return refs, notes


def test_default_is_electronic_with_an_email_else_paper() -> None:
    assert earsiv(customer={**PERSON, "email": "ayse@ornek.com.tr"}).delivery == "ELEKTRONIK"
    assert earsiv().delivery == "KAGIT"
    assert earsiv(delivery="kağıt").delivery == "KAGIT"
    assert earsiv(customer={**PERSON, "email": "ayse@ornek.com.tr"},
                  delivery="KAGIT").delivery == "KAGIT"
    assert InvoiceData.from_json(invoice_json(delivery="KAGIT")).delivery == ""  # e-Fatura
    with pytest.raises(UserError) as err:
        earsiv(delivery="FAKS")
    assert err.value.field == "delivery"


@pytest.mark.parametrize("value", ["KAGIT", "ELEKTRONIK"])
def test_reference_and_note_agree_and_pass_the_schematron(
        validator: InvoiceValidator, value: str) -> None:
    inv = earsiv(delivery=value, customer={**PERSON, "email": "ayse@ornek.com.tr"})
    xml = render(inv)
    refs, notes = sending(xml)
    assert refs == [(value, "SendingType", value)]
    assert notes == [f"Gönderim Şekli: {value}"]
    report = validator.validate(xml, earchive=True)
    assert report.ok, report.problems
    assert is_electronic_delivery(read_ubl(xml)) is (value == "ELEKTRONIK")
    assert invoice_to_json(inv)["delivery"] == value
    assert InvoiceData.from_json(invoice_to_json(inv)).delivery == value


def test_efatura_has_no_sending_type(validator: InvoiceValidator) -> None:
    xml = render(InvoiceData.from_json(invoice_json()))
    assert sending(xml) == ([], [])


def test_internet_sale_written_as_gib_asks_and_valid(validator: InvoiceValidator) -> None:
    inv = earsiv(series="INT", delivery="ELEKTRONIK", internet_sale=SALE,
                 customer={**PERSON, "email": "ayse@ornek.com.tr"})
    assert inv.internet_sale is not None and inv.internet_sale.payment_date == date(2026, 11, 19)
    xml = render(inv)
    report = validator.validate(xml, earchive=True)
    assert report.ok, report.problems
    ubl = read_ubl(xml)
    assert ubl.supplier is not None and ubl.supplier.website == SALE["web"]
    [pm] = [p for p in ubl.payment_means if p.code in rs.INTERNET_PAYMENT_MEANS]
    assert (pm.code, pm.due_date) == ("48", "2026-11-19")
    assert ubl.delivery is not None and ubl.delivery.carrier is not None
    assert ubl.delivery.carrier.name == "Hızlı Kargo A.Ş."
    assert ubl.delivery.despatch_date == "2026-11-20"
    assert InvoiceData.from_json(invoice_to_json(inv)).internet_sale == inv.internet_sale


def test_internet_sale_without_carrier_is_valid(validator: InvoiceValidator) -> None:
    sale = {k: v for k, v in SALE.items() if k not in ("carrier", "shipment_date")}
    xml = render(earsiv(internet_sale={**sale, "payment_method": "1",
                                       "payment_note": "Hediye çeki"}))
    assert validator.validate(xml, earchive=True).ok
    assert etree.fromstring(xml).find("cac:Delivery", NS) is None


@pytest.mark.parametrize(("missing", "field"), [
    ("web", "internet_sale.web"), ("payment_method", "internet_sale.payment_method"),
    ("payment_date", "internet_sale.payment_date"),
    ("shipment_date", "internet_sale.shipment_date"),
])
def test_missing_required_internet_sale_field_is_caught(missing: str, field: str) -> None:
    sale = {k: v for k, v in SALE.items() if k != missing}
    with pytest.raises(UserError) as err:
        earsiv(internet_sale=sale)
    assert err.value.field == field


def test_internet_sale_refused_outside_earsiv_and_bad_values() -> None:
    with pytest.raises(UserError):
        InvoiceData.from_json(invoice_json(internet_sale=SALE))
    with pytest.raises(UserError) as err:
        earsiv(internet_sale={**SALE, "payment_method": "42"})
    assert err.value.field == "internet_sale.payment_method"
    with pytest.raises(UserError) as err:
        earsiv(internet_sale={**SALE, "carrier": {**SALE["carrier"], "vkn_tckn": "123"}})
    assert err.value.field == "internet_sale.carrier.vkn_tckn"


def test_schematron_catches_a_bad_payment_means_code(validator: InvoiceValidator) -> None:
    """GİB's rules have no internet-sale rule of their own; the payment means code is
    checked against their code list (Tezgâh's own check refuses it before, above)."""
    xml = render(earsiv(internet_sale=SALE))
    root = etree.fromstring(xml)
    code = root.find("cac:PaymentMeans/cbc:PaymentMeansCode", NS)
    code.text = "999"
    report = validator.validate(etree.tostring(root), earchive=True)
    assert not report.ok
    assert any("PaymentMeansCode" in p.message for p in report.problems)
