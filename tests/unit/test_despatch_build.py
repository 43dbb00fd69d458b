"""e-İrsaliye rendering: every documented example (one per profile and type) passes GİB's
XSD and schematron; the signature slot is the invoice's; rendering is deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.despatch import DespatchData
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.ubl import namespaces as ns
from app.ubl.build import RenderContext, build_invoice
from app.ubl.despatch_build import build_despatch, render_despatch
from app.ubl.validate import InvoiceValidator, get_validator
from tests.fixtures.app import COMPANY, CUSTOMER

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
SUPPLIER = Party.from_dict(COMPANY)
X = {"desp": ns.DESPATCH_ADVICE, "inv": ns.INVOICE, "cac": ns.CAC, "cbc": ns.CBC,
     "ext": ns.EXT}


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def render(data: dict[str, Any], *, unsigned: bool = True) -> bytes:
    d = DespatchData.from_json(data)
    return render_despatch(d, RenderContext(SUPPLIER, f"{d.series}2026000000001",
                                            unsigned=unsigned))


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_every_example_passes_gib_rules(validator: InvoiceValidator, name: str) -> None:
    xml = render(example(name))
    report = validator.validate_despatch_advice(xml)
    assert report.ok, [str(p) for p in report.problems]
    assert validator.validate_any(xml).document == "despatch-advice"


def test_what_the_basic_example_says(validator: InvoiceValidator) -> None:
    root = etree.fromstring(render(example("TEMELIRSALIYE-SEVK")))
    text = lambda path: root.findtext(path, namespaces=X)  # noqa: E731
    assert text("cbc:UBLVersionID") == "2.1" and text("cbc:CustomizationID") == "TR1.2.1"
    assert text("cbc:ProfileID") == "TEMELIRSALIYE" and text("cbc:ID") == "IRS2026000000001"
    assert text("cbc:DespatchAdviceTypeCode") == "SEVK" and text("cbc:LineCountNumeric") == "2"
    assert text("cbc:IssueDate") == "2026-11-20" and text("cbc:IssueTime") == "08:45:00"
    assert text("cac:DespatchSupplierParty/cac:Party/cac:PartyName/cbc:Name") == COMPANY["name"]
    assert text("cac:DeliveryCustomerParty/cac:Party/cac:PartyName/cbc:Name") == \
        "Çağlayan Şişecilik Ürünleri Ltd. Şti."
    sh = "cac:Shipment/"
    assert text(sh + "cac:ShipmentStage/cac:TransportMeans/cac:RoadTransport/"
                "cbc:LicensePlateID[@schemeID='PLAKA']") == "34ABC123"
    assert text(sh + "cac:ShipmentStage/cac:DriverPerson/cbc:NationalityID") == "14922266642"
    assert text(sh + "cac:ShipmentStage/cac:DriverPerson/cbc:FamilyName") == "Öztürk"
    assert text(sh + "cac:TransportHandlingUnit/cac:TransportEquipment/"
                "cbc:ID[@schemeID='DORSEPLAKA']") == "34DR4088"
    assert text(sh + "cac:Delivery/cac:CarrierParty/cac:PartyIdentification/"
                "cbc:ID[@schemeID='VKN']") == "1288331525"
    assert text(sh + "cac:Delivery/cac:DeliveryAddress/cbc:PostalZone") == "34956"
    assert text(sh + "cac:Delivery/cac:Despatch/cbc:ActualDespatchTime") == "09:30:00"
    assert text(sh + "cac:Delivery/cac:Despatch/cac:DespatchAddress/cbc:CityName") == "İstanbul"
    assert text(sh + "cac:GoodsItem/cbc:ValueAmount") == "22260.00"
    line = root.find("cac:DespatchLine", X)
    assert line.findtext("cbc:DeliveredQuantity", namespaces=X) == "120"
    assert line.find("cbc:DeliveredQuantity", X).get("unitCode") == "C62"
    assert line.findtext("cac:Shipment/cac:GoodsItem/cac:InvoiceLine/cac:Price/cbc:PriceAmount",
                         namespaces=X) == "185.50"
    refs = [(r.findtext("cbc:ID", namespaces=X), r.findtext("cbc:DocumentType", namespaces=X))
            for r in root.findall("cac:AdditionalDocumentReference", X)]
    assert refs == [("TZG2026000000042", "FATURA")]


def test_matbudan_hks_and_idis_carry_what_gib_asks() -> None:
    root = etree.fromstring(render(example("TEMELIRSALIYE-MATBUDAN")))
    ref = root.find("cac:AdditionalDocumentReference", X)
    assert (ref.findtext("cbc:ID", namespaces=X), ref.findtext("cbc:IssueDate", namespaces=X),
            ref.findtext("cbc:DocumentType", namespaces=X)) == ("A-963403", "2026-11-20", "MATBU")
    assert root.find("cac:Shipment/cac:Delivery/cac:CarrierParty", X) is None
    # a TCKN receiver is a person (PartyIdentificationPartyNamePersonCheck)
    assert root.findtext("cac:DeliveryCustomerParty/cac:Party/cac:Person/cbc:FamilyName",
                         namespaces=X) == "Yılmaz"

    root = etree.fromstring(render(example("HKSIRSALIYE-SEVK")))
    ids = root.xpath("cac:DespatchLine/cac:Item/cac:AdditionalItemIdentification/"
                     "cbc:ID[@schemeID='KUNYENO']/text()", namespaces=X)
    assert ids == ["2602611200004817305", "2602611200004817306"]
    assert root.find("cac:Shipment/cac:ShipmentStage", X) is None

    root = etree.fromstring(render(example("IDISIRSALIYE-SEVK")))
    assert root.xpath("cac:DespatchSupplierParty/cac:Party/cac:PartyIdentification/"
                      "cbc:ID[@schemeID='SEVKIYATNO']/text()", namespaces=X) == ["SE-1345840"]
    assert root.xpath("cac:DespatchLine[1]/cac:Item/cac:AdditionalItemIdentification/"
                      "cbc:ID[@schemeID='ETIKETNO']/text()", namespaces=X) == [
        "CV0152457", "CV0152458"]


def test_signature_slot_is_the_invoices(validator: InvoiceValidator) -> None:
    """The same ext:UBLExtensions and cac:Signature as an invoice of the same number, so the
    XAdES signing works on both alike."""
    despatch = build_despatch(DespatchData.from_json(example("TEMELIRSALIYE-SEVK")),
                              RenderContext(SUPPLIER, "IRS2026000000001"))
    invoice = build_invoice(
        InvoiceData.from_json({"series": "IRS", "customer": CUSTOMER,
                               "lines": [{"name": "x", "unit_price": "1"}]}),
        RenderContext(SUPPLIER, "IRS2026000000001"))
    for path in ("ext:UBLExtensions", "cac:Signature"):
        assert etree.tostring(despatch.find(path, X), method="c14n", exclusive=True) == \
            etree.tostring(invoice.find(path, X), method="c14n", exclusive=True)
    assert despatch[0].tag == f"{{{ns.EXT}}}UBLExtensions"
    assert len(despatch.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", X)) == 0
    assert despatch.findtext("cac:Signature/cac:DigitalSignatureAttachment/cac:ExternalReference/"
                             "cbc:URI", namespaces=X) == "#Signature_IRS2026000000001"
    assert {k: v for k, v in despatch.nsmap.items() if k} == \
        {k: v for k, v in invoice.nsmap.items() if k}
    # the slot left empty for the signature is the only thing GİB's XSD misses before signing
    report = validator.validate_despatch_advice(etree.tostring(despatch))
    assert [p.rule for p in report.problems] == ["SCHEMAV_ELEMENT_CONTENT"]
    assert "ExtensionContent" in report.problems[0].location


def test_rendering_is_deterministic_and_keeps_turkish_characters() -> None:
    data = example("TEMELIRSALIYE-SEVK")
    data["ettn"] = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
    first, second = render(data), render(data)
    assert first == second
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Çağlayan Şişecilik Ürünleri Ltd. Şti.".encode() in first
    assert "Güneş Lojistik ve Taşımacılık A.Ş.".encode() in first


def test_number_must_be_gib_shaped() -> None:
    d = DespatchData.from_json(example("TEMELIRSALIYE-SEVK"))
    with pytest.raises(UserError) as exc:
        render_despatch(d, RenderContext(SUPPLIER, "IRS-1"))
    assert exc.value.field == "number" and "IRS2026000000001" in exc.value.message


def test_a_person_as_supplier_and_carrier(validator: InvoiceValidator) -> None:
    """A sole trader (TCKN) despatching, a TCKN carrier, buyer and seller parties beside the
    receiver, no prices at all."""
    person = Party.from_dict({"vkn_tckn": "25678123486", "first_name": "Zeynep",
                              "family_name": "Çelik", "tax_office": "Konak",
                              "address": {"district": "Konak", "city": "İzmir",
                                          "postal_code": "35250"}})
    data = example("TEMELIRSALIYE-SEVK")
    data["shipment"]["carrier"]["vkn_tckn"] = "14922266642"
    data["buyer"] = {"vkn_tckn": "3845129073", "name": "Satın Alan A.Ş.",
                     "address": {"district": "Bornova", "city": "İzmir"}}
    data["seller"] = {"vkn_tckn": "4700582260", "name": "Satıcı Ltd. Şti.",
                      "address": {"district": "Kadıköy", "city": "İstanbul"}}
    for line in data["lines"]:
        line.pop("unit_price", None)
    d = DespatchData.from_json(data)
    xml = render_despatch(d, RenderContext(person, "IRS2026000000002", unsigned=True))
    report = validator.validate_despatch_advice(xml)
    assert report.ok, [str(p) for p in report.problems]
    root = etree.fromstring(xml)
    assert root.find("cac:Shipment/cac:GoodsItem", X) is None
    assert root.findtext("cac:BuyerCustomerParty/cac:Party/cac:PartyName/cbc:Name",
                         namespaces=X) == "Satın Alan A.Ş."
    assert root.findtext("cac:DespatchSupplierParty/cac:Party/cac:Person/cbc:FirstName",
                         namespaces=X) == "Zeynep"


DOC = EXAMPLES.parents[1] / "despatch-json.md"


def test_the_documented_example_passes_and_every_field_is_documented(
        validator: InvoiceValidator) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```json", 1)[1].split("```", 1)[0]
    report = validator.validate_despatch_advice(render(json.loads(block)))
    assert report.ok, [str(p) for p in report.problems]
    from app.domain.despatch_json import despatch_to_json

    full = despatch_to_json(DespatchData.from_json(example("TEMELIRSALIYE-SEVK")))
    full.update(despatch_to_json(DespatchData.from_json(example("IDISIRSALIYE-SEVK"))))
    keys = set(full) | set(full["shipment"]) | {k for ln in full["lines"] for k in ln}
    keys |= {"printed", "buyer", "seller", "hks"}
    for key in sorted(keys):
        assert f"`{key}`" in text, key
    for p in EXAMPLES.glob("*.json"):
        assert f"examples/despatch/{p.name}" in text
