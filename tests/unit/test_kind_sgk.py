"""The SGK invoice (to the Sosyal Güvenlik Kurumu): the health invoice type, the period and
SGK's codes are read with Turkish messages, written where GİB's stylesheet reads them
(AccountingCost, InvoicePeriod, AdditionalDocumentReference MUKELLEF_KODU / MUKELLEF_ADI /
DOSYA_NO), pass GİB's XSD and schematron, match the oracle and appear on the PDF."""

from __future__ import annotations

import copy
import json
from datetime import date
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
from tests import oracle
from tests.conftest import REPO_ROOT
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import pdf_text, squash

EXAMPLES = REPO_ROOT / "docs" / "examples" / "invoices"
NS = oracle.NS
SUPPLIER = Party.from_dict(COMPANY)


def example(name: str = "TEMELFATURA-SGK") -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def render(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(SUPPLIER, "TZG2026000000052", unsigned=True))


def test_block_is_read_and_normalised() -> None:
    data = example()
    data["sgk"].update(invoice_kind="saglik_ecz", period_start="01.10.2026")
    block = InvoiceData.from_json(data).kinds["sgk"]
    assert block["invoice_kind"] == "SAGLIK_ECZ"
    assert block["period_start"] == date(2026, 10, 1)
    assert block["period_end"] == date(2026, 10, 31)
    assert block["taxpayer_code"] == "34-OPT-01872"


def test_xml_carries_what_gibs_stylesheet_reads() -> None:
    root = etree.fromstring(render(example()))
    assert root.findtext("cbc:InvoiceTypeCode", namespaces=NS) == "SGK"
    assert root.findtext("cbc:AccountingCost", namespaces=NS) == "SAGLIK_OPT"
    assert root.findtext("cac:InvoicePeriod/cbc:StartDate", namespaces=NS) == "2026-10-01"
    assert root.findtext("cac:InvoicePeriod/cbc:EndDate", namespaces=NS) == "2026-10-31"
    refs = {r.findtext("cbc:DocumentTypeCode", namespaces=NS): r.findtext("cbc:DocumentType",
                                                                          namespaces=NS)
            for r in root.findall("cac:AdditionalDocumentReference", NS)}
    assert refs["MUKELLEF_KODU"] == "34-OPT-01872"
    assert refs["MUKELLEF_ADI"] == "Işık Optik"
    assert refs["DOSYA_NO"] == "2026-10-118204"
    customer = root.findtext("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/"
                             "cbc:ID", namespaces=NS)
    assert customer == "7750409379"  # SGK's VKN


def test_optional_codes_are_left_out_when_not_given() -> None:
    data = example()
    for key in ("taxpayer_code", "taxpayer_name", "file_no"):
        del data["sgk"][key]
    root = etree.fromstring(render(data))
    codes = [r.findtext("cbc:DocumentTypeCode", namespaces=NS)
             for r in root.findall("cac:AdditionalDocumentReference", NS)]
    assert not {"MUKELLEF_KODU", "MUKELLEF_ADI", "DOSYA_NO"} & set(codes)
    details = {d.title: dict(d.rows) for d in describe(root)}
    assert details["SGK faturası"] == {"Sağlık Fatura Tipi": "SAGLIK_OPT (Optik)",
                                       "Dönem": "01.10.2026 / 31.10.2026"}


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d.pop("sgk"), "sgk.invoice_kind", "Sağlık fatura tipi yazılmalı"),
    (lambda d: d["sgk"].update(invoice_kind="ECZANE"), "sgk.invoice_kind", "SAGLIK_ECZ"),
    (lambda d: d["sgk"].pop("period_end"), "sgk.period_end", "Dönem sonu yazılmalı"),
    (lambda d: d["sgk"].update(period_start="2026-31-10"), "sgk.period_start", "bir tarih değil"),
    (lambda d: d["sgk"].update(period_end="2026-09-30"), "sgk.period_end",
     "dönem başlangıcından"),
    (lambda d: d["sgk"].update(recete_no="12"), "sgk.recete_no", "tanınmıyor"),
    (lambda d: d.update(type="SATIS"), "sgk", "kullanılmaz"),
])
def test_mistakes_are_refused_in_turkish(change: Any, field: str, words: str) -> None:
    data = copy.deepcopy(example())
    change(data)
    with pytest.raises(UserError) as err:
        InvoiceData.from_json(data)
    assert err.value.field == field
    assert words in err.value.message


def test_a_withholding_line_is_taken_on_an_sgk_invoice() -> None:
    data = example()
    data["lines"][0].update(withholding_code="626", kdv_rate="10")
    root = etree.fromstring(render(data))
    assert root.find("cac:WithholdingTaxTotal", NS) is not None
    oracle.check(data, etree.tostring(root))


def test_hostile_xml_describes_nothing_or_plain_text() -> None:
    assert describe(etree.fromstring(b"<Invoice/>")) == ()
    root = etree.fromstring(render(example()))
    cost = root.find("cbc:AccountingCost", NS)
    assert cost is not None
    cost.text = "X" * 5000
    rows = dict(next(d for d in describe(root) if d.title == "SGK faturası").rows)
    assert len(rows["Sağlık Fatura Tipi"]) <= 200


@pytest.mark.slow
def test_examples_pass_gib_rules_and_match_the_oracle(installed_rules_dir: Path) -> None:
    validator = get_validator(installed_rules_dir)
    for name in ("TEMELFATURA-SGK", "KAMU-SGK", "EARSIVFATURA-SGK"):
        data = example(name)
        xml = render(data)
        report = validator.validate(xml, earchive=data["profile"] == "EARSIVFATURA")
        assert report.ok, (name, [str(p) for p in report.problems])
        oracle.check(data, xml)


@pytest.mark.slow
def test_pdf_shows_the_sgk_details(tmp_path: Path) -> None:
    pdf = tmp_path / "sgk.pdf"
    pdf.write_bytes(render_pdf(render(example())))
    flat = squash(pdf_text(pdf, layout=False))
    for words in ("Sağlık Fatura Tipi", "SAGLIK_OPT (Optik)", "Mükellef Kodu", "34-OPT-01872",
                  "Işık Optik", "Dosya No", "2026-10-118204", "Dönem",
                  "01.10.2026 / 31.10.2026"):
        assert squash(words) in flat, words
