"""İhracat (IHRACAT) and Özel Fatura (OZELFATURA): the export invoice goes to GTB (written by
Tezgâh when the customer is left out, any other customer refused), the foreign buyer is the
BuyerCustomerParty EXPORT with its RegistrationName, every line carries the delivery terms,
the transport mode, the delivery address, its GTİP and packages where GİB's sample
IHRACAT.xml has them; wrong values are refused in Turkish naming the field; the XML passes
GİB's XSD and schematron (and fails GİB's rules without the export data); the PDF prints
the buyer, the INCOTERMS, the transport mode and each line's GTİP; GİB's sample is described.
OZELFATURA has no data rules of its own: a plain invoice of it passes GİB's rules."""

from __future__ import annotations

import copy
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain import codes
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.kinds import export
from app.domain.party import Party
from app.gib.envelope import EnvelopeParty, build_envelope
from app.pdf import render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.kinds import describe
from app.ubl.validate import get_validator
from tests.fixtures.app import COMPANY, CUSTOMER
from tests.unit.test_pdf_support import pdf_text, squash

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SUPPLIER = Party.from_dict(COMPANY)
CODELIST = "UBL-TR_Codelist.xml"

BASE: dict[str, Any] = {
    "profile": "IHRACAT",
    "type": "ISTISNA",
    "series": "TZG",
    "issue_date": "2026-11-20",
    "currency": "EUR",
    "exchange_rate": "36.4520",
    "export": {
        "buyer_name": "Nordhafen Handelsgesellschaft mbH", "buyer_tax_id": "DE284719365",
        "buyer_address": "Große Elbstraße 145", "buyer_city": "Hamburg",
        "buyer_country": "de", "incoterms": "cif", "transport_mode": "1",
    },
    "lines": [
        {"name": "Pamuklu tişört", "quantity": "1200", "unit": "C62", "unit_price": "4.80",
         "kdv_rate": "0", "exemption_code": "301",
         "export": {"gtip": "6109.10.00.00.00", "package_kind": "CT", "package_count": "40",
                    "package_no": "NHG-118"}},
        {"name": "Eşofman takımı", "quantity": "300", "unit": "C62", "unit_price": "14.50",
         "kdv_rate": "0", "exemption_code": "301", "export": {"gtip": "611212000000"}},
    ],
}


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key == "export":
            data["export"].update(value)
        else:
            data[key] = value
    return data


def _xml(data: dict[str, Any], supplier: Party = SUPPLIER) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(supplier, "TZG2026000000001", unsigned=True))


def _refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def _codelist(rules_dir: Path, name: str) -> set[str]:
    text = next(rules_dir.rglob(CODELIST)).read_text(encoding="utf-8")
    found = re.search(rf'name="{name}"\s+value="\',([^\']*),\'"', text)
    assert found, name
    return set(found.group(1).split(","))


# --- reading ---------------------------------------------------------------------------

def test_customer_left_out_is_gtb_with_its_export_postbox() -> None:
    invoice = InvoiceData.from_json(_data())
    assert invoice.customer.vkn_tckn == "1460415308"
    assert invoice.customer.alias == "urn:mail:ihracatpk@gtb.gov.tr"
    assert invoice.customer.tax_office and invoice.customer.address.city == "Ankara"
    block = invoice.kinds["export"]
    assert (block["buyer_country"], block["incoterms"]) == ("DE", "CIF")  # normalised
    assert [ln.kinds["export"]["gtip"] for ln in invoice.lines] == ["610910000000",
                                                                    "611212000000"]


def test_gtb_named_by_its_vkn_gets_gtb_data_and_export_alias() -> None:
    data = _data(customer={"vkn_tckn": "1460415308",
                           "alias": "urn:mail:yolcuberaberpk@gtb.gov.tr"})
    invoice = InvoiceData.from_json(data)
    assert invoice.customer.alias == "urn:mail:ihracatpk@gtb.gov.tr"
    assert invoice.customer.name.startswith("Gümrük ve Ticaret Bakanlığı")


def test_another_customer_is_refused_with_where_the_buyer_goes() -> None:
    err = _refused(_data(customer=copy.deepcopy(CUSTOMER)))
    assert err.field == "customer"
    assert "1460415308" in err.message and "İhracat bölümüne" in err.message


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"incoterms": ""}, "export.incoterms", "teslim şartı (INCOTERMS) seçilmeli"),
    ({"incoterms": "XYZ"}, "export.incoterms", "geçersiz"),
    ({"transport_mode": ""}, "export.transport_mode", "gönderilme şekli seçilmeli"),
    ({"transport_mode": "0"}, "export.transport_mode", "geçersiz"),
    ({"buyer_country": "TR"}, "export.buyer_country", "Türkiye olamaz"),
    ({"buyer_country": "QQ"}, "export.buyer_country", "ülke kodu değil"),
    ({"buyer_name": ""}, "export.buyer_name", "Alıcının unvanı (yabancı firma) yazılmalı"),
    ({"delivery_country": "XX"}, "export.delivery_country", "ülke kodu değil"),
])
def test_bad_invoice_values_are_refused_in_turkish(change: dict[str, str], field: str,
                                                   words: str) -> None:
    err = _refused(_data(export=change))
    assert err.field == field
    assert words in err.message


def test_missing_block_is_refused() -> None:
    data = _data()
    del data["export"]
    err = _refused(data)
    assert err.field == "export.buyer_name" and "yazılmalı" in err.message


@pytest.mark.parametrize(("line", "field", "words"), [
    ({"gtip": "6109.10"}, "lines[1].export.gtip", "2. kalem: GTİP '6109.10' geçersiz"),
    ({"gtip": "61091000000A"}, "lines[1].export.gtip", "12 haneli"),
    ({}, "lines[1].export.gtip", "2. kalem: İhracat: GTİP yazılmalı"),
    ({"gtip": "610910000000", "package_count": "0"}, "lines[1].export.package_count",
     "Kap adedi"),
    ({"gtip": "610910000000", "package_count": "2.5"}, "lines[1].export.package_count",
     "ondalık"),
    ({"gtip": "610910000000", "package_kind": "ZZZ"}, "lines[1].export.package_kind",
     "geçersiz"),
])
def test_bad_line_values_are_refused_naming_the_line(line: dict[str, str], field: str,
                                                      words: str) -> None:
    data = _data()
    data["lines"][1]["export"] = line
    err = _refused(data)
    assert err.field == field
    assert words in err.message


def test_export_block_outside_ihracat_is_refused() -> None:
    data = _data(profile="TEMELFATURA", customer=copy.deepcopy(CUSTOMER))
    err = _refused(data)
    assert err.field == "lines[0].export" and "kullanılmaz" in err.message
    for line in data["lines"]:
        del line["export"]
    err = _refused(data)
    assert err.field == "export" and "İhracat" in err.message and "kullanılmaz" in err.message


def test_both_scenarios_take_the_types_gib_allows() -> None:
    for profile in (codes.Profile.IHRACAT, codes.Profile.OZELFATURA):
        allowed = codes.ALLOWED_TYPES[profile]
        assert codes.InvoiceType.ISTISNA in allowed and codes.InvoiceType.SATIS in allowed
        assert codes.InvoiceType.IADE not in allowed  # InvoiceTypeCodeCheck


def test_offered_codes_are_in_gib_code_lists(installed_rules_dir: Path) -> None:
    assert {c for c, _w in export.INCOTERMS} == _codelist(installed_rules_dir,
                                                          "DeliveryTermCodeList")
    assert {c for c, _w in export.TRANSPORT_MODES} <= _codelist(installed_rules_dir,
                                                                "TransportModeCodeList")
    assert {c for c, _w in export.PACKAGE_KINDS} <= _codelist(installed_rules_dir,
                                                              "PackageTypeCodeList")


# --- the XML ---------------------------------------------------------------------------

def test_xml_carries_what_gibs_sample_carries_and_passes_gib_rules(
        installed_rules_dir: Path) -> None:
    xml = _xml(_data())
    root = etree.fromstring(xml)
    assert root.xpath("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/"
                      "cbc:ID[@schemeID='VKN']/text()", namespaces=NS) == ["1460415308"]
    buyer = root.find("cac:BuyerCustomerParty/cac:Party", NS)
    assert buyer.xpath("cac:PartyIdentification/cbc:ID[@schemeID='PARTYTYPE']/text()",
                       namespaces=NS) == ["EXPORT"]
    assert buyer.findtext("cac:PartyLegalEntity/cbc:RegistrationName", namespaces=NS) == \
        "Nordhafen Handelsgesellschaft mbH"
    assert buyer.findtext("cac:PartyLegalEntity/cbc:CompanyID", namespaces=NS) == "DE284719365"
    assert buyer.findtext("cac:PostalAddress/cac:Country/cbc:IdentificationCode",
                          namespaces=NS) == "DE"
    lines = root.findall("cac:InvoiceLine", NS)
    for il, gtip in zip(lines, ["610910000000", "611212000000"], strict=True):
        d = il.find("cac:Delivery", NS)
        assert d.xpath("cac:DeliveryTerms/cbc:ID[@schemeID='INCOTERMS']/text()",
                       namespaces=NS) == ["CIF"]
        assert d.findtext("cac:DeliveryAddress/cbc:CityName", namespaces=NS) == "Hamburg"
        assert d.findtext("cac:Shipment/cac:GoodsItem/cbc:RequiredCustomsID",
                          namespaces=NS) == gtip
        assert d.findtext("cac:Shipment/cac:ShipmentStage/cbc:TransportModeCode",
                          namespaces=NS) == "1"
    package = lines[0].find("cac:Delivery/cac:Shipment/cac:TransportHandlingUnit/"
                            "cac:ActualPackage", NS)
    assert [(etree.QName(e).localname, e.text) for e in package] == [
        ("ID", "NHG-118"), ("Quantity", "40"), ("PackagingTypeCode", "CT")]
    assert lines[1].find("cac:Delivery/cac:Shipment/cac:TransportHandlingUnit", NS) is None
    assert root.xpath("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/"
                      "cbc:TaxExemptionReasonCode/text()", namespaces=NS) == ["301"]
    report = get_validator(installed_rules_dir).validate(xml)
    assert report.ok, [str(p) for p in report.problems]


def test_separate_delivery_place_is_written(installed_rules_dir: Path) -> None:
    xml = _xml(_data(export={"delivery_address": "Hafenstraße 3", "delivery_city": "Bremen"}))
    addr = etree.fromstring(xml).find("cac:InvoiceLine/cac:Delivery/cac:DeliveryAddress", NS)
    assert addr.findtext("cbc:StreetName", namespaces=NS) == "Hafenstraße 3"
    assert addr.findtext("cbc:CityName", namespaces=NS) == "Bremen"
    assert addr.findtext("cac:Country/cbc:IdentificationCode", namespaces=NS) == "DE"
    assert get_validator(installed_rules_dir).validate(xml).ok


@pytest.mark.parametrize("remove", ["cac:BuyerCustomerParty",
                                    "cac:InvoiceLine/cac:Delivery"])
def test_gib_refuses_the_export_without_its_data(remove: str, installed_rules_dir: Path) -> None:
    """What Tezgâh writes is what GİB's rules ask for: without it GİB's schematron fails."""
    root = etree.fromstring(_xml(_data()))
    for el in root.xpath(remove, namespaces=NS):
        el.getparent().remove(el)
    report = get_validator(installed_rules_dir).validate(etree.tostring(root))
    assert not report.ok
    assert any("IHRACAT" in str(p) for p in report.problems)


def test_company_without_tax_office_is_refused_before_signing() -> None:
    supplier = Party.from_dict({k: v for k, v in COMPANY.items() if k != "tax_office"})
    with pytest.raises(UserError) as caught:
        _xml(_data(), supplier)
    assert "vergi dairesi" in caught.value.message


@pytest.mark.parametrize("inv_type", ["SATIS", "TEVKIFAT", "OZELMATRAH"])
def test_other_types_of_an_export_pass_gib_rules(inv_type: str,
                                                 installed_rules_dir: Path) -> None:
    data = _data(type=inv_type)
    for line in data["lines"]:
        line.update(kdv_rate="20", exemption_code="")
    if inv_type == "TEVKIFAT":
        data["lines"][0]["withholding_code"] = "609"
    if inv_type == "OZELMATRAH":
        data["lines"][0].update(kdv_rate="0", exemption_code="805")
    report = get_validator(installed_rules_dir).validate(_xml(data))
    assert report.ok, [str(p) for p in report.problems]


@pytest.mark.parametrize("inv_type", ["SATIS", "ISTISNA"])
def test_ozelfatura_needs_nothing_of_its_own(inv_type: str, installed_rules_dir: Path) -> None:
    data = _data(profile="OZELFATURA", type=inv_type, customer=copy.deepcopy(CUSTOMER))
    del data["export"]
    for line in data["lines"]:
        del line["export"]
        if inv_type == "SATIS":
            line.update(kdv_rate="20", exemption_code="")
    xml = _xml(data)
    root = etree.fromstring(xml)
    assert root.findtext("cbc:ProfileID", namespaces=NS) == "OZELFATURA"
    assert root.find("cac:BuyerCustomerParty", NS) is None
    report = get_validator(installed_rules_dir).validate(xml)
    assert report.ok, [str(p) for p in report.problems]


@pytest.mark.parametrize(("profile", "accepted"), [("IHRACAT", True), ("OZELFATURA", True),
                                                   ("TEMELFATURA", False)])
def test_gtb_export_postbox_takes_ihracat_and_ozelfatura(profile: str, accepted: bool,
                                                         installed_rules_dir: Path) -> None:
    """IhracatYolcuBeraberCheck on the envelope to urn:mail:ihracatpk@gtb.gov.tr (the alias
    Tezgâh gives GTB as an export customer): IHRACAT or OZELFATURA, nothing else."""
    invoice = InvoiceData.from_json(_data())
    xml = _xml(_data()).replace(b"<cbc:ProfileID>IHRACAT<",
                                f"<cbc:ProfileID>{profile}<".encode())
    envelope = build_envelope(
        [xml], sender=EnvelopeParty(SUPPLIER.vkn_tckn, "urn:mail:defaultgb@deneme.invalid",
                                    SUPPLIER.name),
        receiver=EnvelopeParty(invoice.customer.vkn_tckn, invoice.customer.alias, "GTB"),
        envelope_uuid="6f2b5c1e-2222-4000-8000-000000000002", created=datetime(2026, 11, 28, 12))
    problems = get_validator(installed_rules_dir).validate_envelope(envelope).problems
    assert (problems == []) is accepted, [str(p) for p in problems]
    if not accepted:
        assert any("ihracatpk@gtb.gov.tr" in p.message for p in problems)


# --- what is shown ---------------------------------------------------------------------

def test_pdf_shows_buyer_incoterms_transport_mode_and_gtip(tmp_path: Path) -> None:
    pdf = tmp_path / "ihracat.pdf"
    pdf.write_bytes(render_pdf(_xml(_data())))
    text = squash(pdf_text(pdf, layout=False))
    assert "Nordhafen Handelsgesellschaft mbH" in text
    assert "Teslim Şartı" in text and "CIF — Masraflar, sigorta ve navlun" in text
    assert "Gönderilme Şekli" in text and "1 — Denizyolu" in text
    assert "GTİP: 610910000000" in text and "GTİP: 611212000000" in text
    assert "Kap: 40 Karton kutu" in text


def test_gib_sample_is_described(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "IHRACAT.xml")).getroot()
    (details,) = [d for d in describe(root) if d.title == "İhracat"]
    assert ("Yabancı Alıcı", "Farthing Purchasing Consortium") in details.rows
    assert ("Teslim Şartı", "CIF — Masraflar, sigorta ve navlun") in details.rows
    assert ("Gönderilme Şekli", "1 — Denizyolu") in details.rows
    assert details.lines[0][0] == ("GTİP", "020622000000")
    assert ("Kap No", "UACU2451999") in details.lines[0]


def test_other_invoices_describe_no_export(ubl_samples_dir: Path) -> None:
    for sample in ("TemelFaturaOrnegi.xml", "YOLCUBERABER.xml"):
        root = etree.parse(str(ubl_samples_dir / sample)).getroot()
        assert not [d for d in describe(root) if d.title == "İhracat"]
