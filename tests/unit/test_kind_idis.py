"""İDİS (IDIS scenario): the shipment number SE-0000000 goes on the seller's party as
SEVKIYATNO (IdisSevkiyatNoCheck), every line carries its 9-character label number as ETIKETNO
(IdisEtiketNoCheck); bad numbers are refused in Turkish naming the line; the built invoice
passes GİB's XSD and schematron; the PDF prints the numbers; GİB's sample is read."""

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
    "profile": "IDIS",
    "type": "SATIS",
    "series": "TZG",
    "issue_date": "2026-11-20",
    "customer": {
        "vkn_tckn": "5620384172", "name": "Kuzey Yapı İnşaat Taahhüt Ltd. Şti.",
        "tax_office": "Selçuklu",
        "address": {"street": "Yeni İstanbul Caddesi", "building_no": "233",
                    "district": "Selçuklu", "city": "Konya", "postal_code": "42060",
                    "country": "TR"},
        "alias": "urn:mail:defaultpk@kuzeyyapi.invalid",
    },
    "idis": {"sevkiyat_no": "se1345840"},
    "lines": [
        {"name": "10 mm inşaat demiri", "quantity": "12.5", "unit": "TNE",
         "unit_price": "21500", "kdv_rate": "20", "idis": {"etiket_no": "cv0152457"}},
        {"name": "12 mm inşaat demiri", "quantity": "8", "unit": "TNE",
         "unit_price": "21300", "kdv_rate": "20",
         "idis": {"etiket_no": "CV0152458, CV0152459"}},
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


def test_numbers_are_normalised_and_kept() -> None:
    inv = InvoiceData.from_json(_data())
    assert inv.kinds["idis"] == {"sevkiyat_no": "SE-1345840"}
    assert inv.lines[0].kinds["idis"] == {"etiket_no": "CV0152457"}
    assert inv.lines[1].kinds["idis"] == {"etiket_no": "CV0152458, CV0152459"}


@pytest.mark.parametrize("number", ["SE-134584", "SE-13458400", "SF-1345840", "SE-134584A",
                                    "1345840"])
def test_bad_shipment_number_is_refused(number: str) -> None:
    err = _refused(_data(idis={"sevkiyat_no": number}))
    assert err.field == "idis.sevkiyat_no"
    assert "SE-" in str(err) and "7 rakam" in str(err)


def test_missing_shipment_number_is_refused() -> None:
    data = _data()
    del data["idis"]
    err = _refused(data)
    assert err.field == "idis.sevkiyat_no"
    assert "Sevkiyat numarası yazılmalı" in str(err)


@pytest.mark.parametrize("label", ["C10152457", "CV015245", "CV01524570", "ÇV0152457",
                                   "CV0152457, XX12"])
def test_bad_label_is_refused_naming_the_line(label: str) -> None:
    data = _data()
    data["lines"][1]["idis"] = {"etiket_no": label}
    err = _refused(data)
    assert err.field == "lines[1].idis.etiket_no"
    assert str(err).startswith("2. kalem")
    assert "2 harf" in str(err) and "7 rakam" in str(err)


def test_line_without_label_is_refused_naming_the_line() -> None:
    data = _data()
    del data["lines"][1]["idis"]
    err = _refused(data)
    assert err.field == "lines[1].idis.etiket_no"
    assert str(err).startswith("2. kalem") and "etiket no yazılmalı" in str(err)


def test_label_written_twice_is_refused() -> None:
    data = _data()
    data["lines"][0]["idis"] = {"etiket_no": "CV0152457 CV0152457"}
    err = _refused(data)
    assert "1. kalem" in str(err) and "iki kez" in str(err)


def test_idis_block_outside_the_scenario_is_refused() -> None:
    err = _refused(_data(profile="TEMELFATURA"))
    assert err.field == "lines[0].idis" and "kullanılmaz" in str(err)
    data = _data(profile="TEMELFATURA")
    for line in data["lines"]:
        del line["idis"]
    err = _refused(data)
    assert err.field == "idis" and "kullanılmaz" in str(err)


def test_xml_carries_the_numbers_and_passes_gib_rules(installed_rules_dir: Path) -> None:
    xml = _xml(_data())
    root = etree.fromstring(xml)
    party = "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID"
    assert root.xpath(f"{party}[@schemeID='SEVKIYATNO']/text()", namespaces=NS) == [
        "SE-1345840"]
    assert root.xpath(f"{party}[@schemeID='VKN']", namespaces=NS)  # the VKN stays
    labels = [il.xpath("cac:Item/cac:AdditionalItemIdentification/cbc:ID"
                       "[@schemeID='ETIKETNO']/text()", namespaces=NS)
              for il in root.xpath("cac:InvoiceLine", namespaces=NS)]
    assert labels == [["CV0152457"], ["CV0152458", "CV0152459"]]
    validator = get_validator(installed_rules_dir)
    report = validator.validate(xml)
    assert report.ok, [str(p) for p in report.problems]

    # GİB's rules refuse the same invoice without them: our check is GİB's
    for path in (f"{party}[@schemeID='SEVKIYATNO']/..",
                 "cac:InvoiceLine[1]/cac:Item/cac:AdditionalItemIdentification"):
        broken = etree.fromstring(xml)
        for el in broken.xpath(path, namespaces=NS):
            el.getparent().remove(el)
        report = validator.validate(etree.tostring(broken))
        assert not report.ok
        assert any("Sevkiyat Numarası" in str(p) or "Etiket Numarası" in str(p)
                   for p in report.problems), [str(p) for p in report.problems]


def test_idis_return_passes_gib_rules(installed_rules_dir: Path) -> None:
    data = _data(type="IADE", return_of={"number": "KYP2026000000120", "date": "2026-11-02"})
    report = get_validator(installed_rules_dir).validate(_xml(data))
    assert report.ok, [str(p) for p in report.problems]


def test_pdf_shows_the_shipment_and_label_numbers(tmp_path: Path) -> None:
    pdf = tmp_path / "idis.pdf"
    pdf.write_bytes(render_pdf(_xml(_data())))
    text = squash(pdf_text(pdf, layout=False))
    assert "SE-1345840" in text
    for label in ("CV0152457", "CV0152458", "CV0152459"):
        assert label in text


def test_gib_sample_is_described(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "IDIS_Fatura.xml")).getroot()
    details = [d for d in describe(root) if d.title.startswith("İDİS")]
    assert len(details) == 1
    assert ("Sevkiyat No (İDİS)", "SE-1345840") in details[0].rows
    assert details[0].lines[0] == (("İDİS Etiket No", "CV0152457"),)


def test_an_invoice_without_idis_numbers_describes_nothing(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "TemelFaturaOrnegi.xml")).getroot()
    assert not [d for d in describe(root) if d.title.startswith("İDİS")]
