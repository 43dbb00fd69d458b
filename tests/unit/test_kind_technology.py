"""Technology support sale (TEKNOLOJIDESTEK, e-Arşiv only): every line names its device as
Item/AdditionalItemIdentification with schemeID TELEFON (the IMEI, Luhn-checked) or TABLET_PC
(the serial) — GİB's TeknolojiDestekAdditionalItemIdentificationCheck; the buyer is a person
with a TCKN (PartyIdentificationTEKNOLOJIDESTEKCheck); problems are refused in Turkish naming
the line; the invoice passes GİB's XSD and e-Arşiv schematron; the PDF shows each number."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain import codes
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.kinds.technology import imei_ok
from app.domain.party import Party
from app.pdf import render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.kinds import describe
from app.ubl.validate import get_validator
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import pdf_text, squash

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SUPPLIER = Party.from_dict(COMPANY)
IMEI = "353918112345679"

BASE: dict[str, Any] = {
    "profile": "EARSIVFATURA",
    "type": "TEKNOLOJIDESTEK",
    "series": "EAR",
    "issue_date": "2026-11-21",
    "customer": {
        "vkn_tckn": "38291546020", "first_name": "Elif", "family_name": "Karataş",
        "address": {"street": "Gazi Caddesi", "building_no": "18", "district": "Merkez",
                    "city": "Kırşehir", "country": "TR"},
    },
    "lines": [
        {"name": "Akıllı telefon, 128 GB", "quantity": "1", "unit": "C62",
         "unit_price": "12490", "kdv_rate": "20",
         "technology": {"device": "telefon", "number": "35-391811-234567-9"}},
        {"name": "Tablet bilgisayar, 64 GB", "quantity": "1", "unit": "C62",
         "unit_price": "9990", "kdv_rate": "20",
         "technology": {"device": "TABLET_PC", "number": " dmpx4k7qj1gc "}},
    ],
}
COMPANY_BUYER = {"vkn_tckn": "6190273548", "name": "Yeşil Yol Filo Kiralama A.Ş.",
                 "tax_office": "Kavaklıdere",
                 "address": {"district": "Çankaya", "city": "Ankara", "country": "TR"}}


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def _xml(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(SUPPLIER, "EAR2026000000001", unsigned=True))


def _refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def test_numbers_are_normalised_and_kept() -> None:
    inv = InvoiceData.from_json(_data())
    assert inv.lines[0].kinds["technology"] == {"device": "TELEFON", "number": IMEI}
    assert inv.lines[1].kinds["technology"] == {"device": "TABLET_PC",
                                                "number": "DMPX4K7QJ1GC"}


def test_only_earchive_issues_it() -> None:
    assert codes.InvoiceType.TEKNOLOJIDESTEK in codes.ALLOWED_TYPES[codes.Profile.EARSIVFATURA]
    for profile in codes.Profile:
        if profile is not codes.Profile.EARSIVFATURA:
            assert codes.InvoiceType.TEKNOLOJIDESTEK not in codes.ALLOWED_TYPES[profile]
    err = _refused(_data(profile="TEMELFATURA", customer=COMPANY_BUYER))
    assert "yalnızca e-Arşiv" in str(err) and "EARSIVFATURA seçin" in str(err)


def test_imei_check_digit() -> None:
    assert imei_ok(IMEI) and imei_ok("356880112345678")
    assert not imei_ok("353918112345678")  # last digit wrong
    assert not imei_ok("35391811234567")  # 14 digits
    assert not imei_ok("35391811234567٩")  # not ASCII


@pytest.mark.parametrize("number", ["353918112345678", "3539181123456", "IMEI353918112345679"])
def test_bad_imei_is_refused_naming_the_line(number: str) -> None:
    data = _data()
    data["lines"][0]["technology"]["number"] = number
    err = _refused(data)
    assert err.field == "lines[0].technology.number"
    assert str(err).startswith("1. kalem") and "15 haneli IMEI" in str(err)


def test_bad_tablet_serial_is_refused() -> None:
    data = _data()
    data["lines"][1]["technology"]["number"] = "SN 12 34"
    err = _refused(data)
    assert err.field == "lines[1].technology.number"
    assert str(err).startswith("2. kalem") and "seri numarası" in str(err)


def test_line_without_device_is_refused() -> None:
    data = _data()
    del data["lines"][1]["technology"]
    err = _refused(data)
    assert err.field == "lines[1].technology.device"
    assert str(err).startswith("2. kalem") and "Cihaz yazılmalı" in str(err)
    data = _data()
    data["lines"][0]["technology"]["device"] = "LAPTOP"
    err = _refused(data)
    assert err.field == "lines[0].technology.device" and "TABLET_PC" in str(err)


def test_company_buyer_is_refused() -> None:
    err = _refused(_data(customer=COMPANY_BUYER))
    assert err.field == "customer.vkn_tckn"
    assert "T.C. kimlik numarasını" in str(err)


def test_xml_carries_the_devices_and_passes_gib_earchive_rules(
        installed_rules_dir: Path) -> None:
    xml = _xml(_data())
    root = etree.fromstring(xml)
    ids = [[(i.get("schemeID"), i.text) for i in il.xpath(
        "cac:Item/cac:AdditionalItemIdentification/cbc:ID", namespaces=NS)]
        for il in root.findall("cac:InvoiceLine", NS)]
    assert ids == [[("TELEFON", IMEI)], [("TABLET_PC", "DMPX4K7QJ1GC")]]
    validator = get_validator(installed_rules_dir)
    report = validator.validate(xml, earchive=True)
    assert report.ok, [str(p) for p in report.problems]

    # GİB refuses the same invoice without a line's device or with a VKN buyer
    broken = etree.fromstring(xml)
    ident = broken.find("cac:InvoiceLine[2]/cac:Item/cac:AdditionalItemIdentification", NS)
    ident.getparent().remove(ident)
    report = validator.validate(etree.tostring(broken), earchive=True)
    assert any("TELEFON, TABLET_PC" in str(p) for p in report.problems), report.problems
    broken = etree.fromstring(xml)
    buyer_id = broken.find("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/"
                           "cbc:ID", NS)
    buyer_id.set("schemeID", "VKN")
    report = validator.validate(etree.tostring(broken), earchive=True)
    assert any("TCKN olmalıdır" in str(p) for p in report.problems), report.problems


def test_pdf_shows_imei_and_serial(tmp_path: Path) -> None:
    pdf = tmp_path / "teknoloji.pdf"
    pdf.write_bytes(render_pdf(_xml(_data())))
    text = squash(pdf_text(pdf, layout=False))
    assert f"IMEI (telefon): {IMEI}" in text
    assert "Seri No (tablet): DMPX4K7QJ1GC" in text
    assert "Teknoloji Destek" in text  # the type's name


def test_invoices_without_devices_describe_nothing(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "TemelFaturaOrnegi.xml")).getroot()
    assert not [d for d in describe(root) if d.title == "Teknoloji Destek"]
