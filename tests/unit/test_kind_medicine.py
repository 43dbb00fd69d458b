"""İlaç ve tıbbi cihaz (ILAC_TIBBICIHAZ scenario): every line carries its product's number
with schemeID ILAC, TIBBICIHAZ or DIGER (IlacTibbiCihazAdditionalItemIdentificationCheck); a
missing or unknown one is refused in Turkish naming the line; the built invoice passes GİB's
XSD and schematron; the PDF prints each line's number."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
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

BASE: dict[str, Any] = {
    "profile": "ILAC_TIBBICIHAZ",
    "type": "SATIS",
    "series": "TZG",
    "issue_date": "2026-11-20",
    "customer": {
        "vkn_tckn": "3819204752", "name": "Şifa Ecza Deposu A.Ş.", "tax_office": "Konak",
        "address": {"street": "Gazi Bulvarı", "building_no": "112", "district": "Konak",
                    "city": "İzmir", "postal_code": "35210", "country": "TR"},
        "alias": "urn:mail:defaultpk@sifaecza.invalid",
    },
    "lines": [
        {"name": "Parasetamol 500 mg 20 tablet", "quantity": "120", "unit_price": "38.40",
         "kdv_rate": "10", "medicine": {"scheme": "ILAC", "code": "8699 5460 9001 6"}},
        {"name": "Dijital tansiyon aleti, koldan", "quantity": "6", "unit_price": "1450",
         "kdv_rate": "10", "medicine": {"scheme": "tibbicihaz", "code": "08680001234561"}},
        {"name": "Kargo bedeli", "quantity": "1", "unit_price": "250", "kdv_rate": "20",
         "medicine": {"scheme": "DIGER", "code": "KARGO 01"}},
    ],
}


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def _xml(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(SUPPLIER, "TZG2026000000001", unsigned=True))


def _refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def test_codes_are_normalised_and_kept() -> None:
    inv = InvoiceData.from_json(_data())
    assert [ln.kinds["medicine"] for ln in inv.lines] == [
        {"scheme": "ILAC", "code": "8699546090016"},  # spaces between digit groups removed
        {"scheme": "TIBBICIHAZ", "code": "08680001234561"},
        {"scheme": "DIGER", "code": "KARGO 01"},  # the seller's own code kept as written
    ]


def test_line_without_code_is_refused_naming_the_line() -> None:
    data = _data()
    del data["lines"][2]["medicine"]
    err = _refused(data)
    assert err.field == "lines[2].medicine.scheme"
    assert str(err).startswith("3. kalem") and "yazılmalı" in str(err)
    data = _data()
    data["lines"][1]["medicine"] = {"scheme": "ILAC", "code": "  "}
    err = _refused(data)
    assert err.field == "lines[1].medicine.code"
    assert str(err).startswith("2. kalem") and "İlaç/cihaz kodu yazılmalı" in str(err)


def test_unknown_scheme_is_refused_with_the_choices() -> None:
    data = _data()
    data["lines"][0]["medicine"] = {"scheme": "KUNYENO", "code": "8699546090016"}
    err = _refused(data)
    assert err.field == "lines[0].medicine.scheme"
    assert str(err).startswith("1. kalem") and "geçersiz" in str(err)
    assert "ILAC (İlaç)" in str(err) and "TIBBICIHAZ (Tıbbi cihaz)" in str(err)


def test_barcode_with_other_characters_is_refused() -> None:
    data = _data()
    data["lines"][1]["medicine"] = {"scheme": "TIBBICIHAZ", "code": "0868*0001"}
    err = _refused(data)
    assert err.field == "lines[1].medicine.code"
    assert str(err).startswith("2. kalem") and "tıbbi cihazın ürün numarası" in str(err)


def test_medicine_block_outside_the_scenario_is_refused() -> None:
    err = _refused(_data(profile="TEMELFATURA"))
    assert err.field == "lines[0].medicine" and "kullanılmaz" in str(err)


def test_xml_carries_the_codes_and_passes_gib_rules(installed_rules_dir: Path) -> None:
    xml = _xml(_data())
    root = etree.fromstring(xml)
    ids = [[(i.get("schemeID"), i.text) for i in il.xpath(
        "cac:Item/cac:AdditionalItemIdentification/cbc:ID", namespaces=NS)]
        for il in root.xpath("cac:InvoiceLine", namespaces=NS)]
    assert ids == [[("ILAC", "8699546090016")], [("TIBBICIHAZ", "08680001234561")],
                   [("DIGER", "KARGO 01")]]
    validator = get_validator(installed_rules_dir)
    report = validator.validate(xml)
    assert report.ok, [str(p) for p in report.problems]

    # GİB refuses the line once its identification is gone: our check is GİB's
    broken = etree.fromstring(xml)
    for el in broken.xpath("cac:InvoiceLine[2]/cac:Item/cac:AdditionalItemIdentification",
                           namespaces=NS):
        el.getparent().remove(el)
    report = validator.validate(etree.tostring(broken))
    assert any("ILAC_TIBBICIHAZ" in str(p) for p in report.problems), [
        str(p) for p in report.problems]


@pytest.mark.parametrize("inv_type", ["IADE", "ISTISNA"])
def test_medicine_return_and_exempt_pass_gib_rules(inv_type: str,
                                                   installed_rules_dir: Path) -> None:
    data = _data(type=inv_type)
    if inv_type == "IADE":
        data["return_of"] = {"number": "SFA2026000000044", "date": "2026-11-03"}
    else:
        for line in data["lines"]:
            line.update(kdv_rate="0", exemption_code="317")
    report = get_validator(installed_rules_dir).validate(_xml(data))
    assert report.ok, [str(p) for p in report.problems]


def test_pdf_shows_each_lines_code(tmp_path: Path) -> None:
    xml = _xml(_data())
    pdf = tmp_path / "ilac.pdf"
    pdf.write_bytes(render_pdf(xml))
    text = squash(pdf_text(pdf, layout=False))
    assert "İlaç barkodu (İTS): 8699546090016" in text
    assert "Tıbbi cihaz no (ÜTS): 08680001234561" in text
    assert "Ürün kodu: KARGO 01" in text
    details = [d for d in describe(etree.fromstring(xml)) if d.title == "İlaç ve tıbbi cihaz"]
    assert details[0].lines[1] == (("Tıbbi cihaz no (ÜTS)", "08680001234561"),)


def test_an_invoice_without_codes_describes_nothing(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "TemelFaturaOrnegi.xml")).getroot()
    assert not [d for d in describe(root) if d.title == "İlaç ve tıbbi cihaz"]
