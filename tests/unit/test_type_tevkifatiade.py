"""TEVKIFATIADE, the return of a withholding (tevkifat) invoice: it names the returned
invoice, its lines carry the withholding of that invoice, and only the KDV the seller
collected — not the withheld part — is returned (no WithholdingTaxTotal,
GeneralWithholdingTaxTotalCheck). Checked against GİB's XSD and schematron, the independent
oracle and the printed PDF."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.domain.totals import invoice_totals
from app.pdf import render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.validate import get_validator
from tests import oracle
from tests.conftest import REPO_ROOT
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import pdf_text, squash

EXAMPLE = REPO_ROOT / "docs" / "examples" / "invoices" / "TEMELFATURA-TEVKIFATIADE.json"
NS = oracle.NS
SUPPLIER = Party.from_dict(COMPANY)


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def two_lines() -> dict[str, Any]:
    """Two returned lines: one with withholding 627 at 5/10, one without withholding."""
    data = example()
    data["lines"] = [
        {"name": "İnşaat demiri Ø12", "quantity": "2", "unit": "TNE", "unit_price": "24500",
         "kdv_rate": "20", "withholding_code": "627", "withholding_rate": "50"},
        {"name": "Bağ teli", "quantity": "3", "unit": "KGM", "unit_price": "41.35",
         "kdv_rate": "10"},
    ]
    return data


def render(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(SUPPLIER, "TZG2026000000041", unsigned=True))


def test_only_the_kdv_not_withheld_is_returned() -> None:
    totals = invoice_totals(InvoiceData.from_json(two_lines()))
    # 49 000 × 20 % = 9 800 KDV, 5/10 withheld by the buyer → 4 900 returned;
    # 124,05 × 10 % = 12,41 KDV, no withholding → all returned
    assert [lt.kdv.amount for lt in totals.lines] == [Decimal("4900.00"), Decimal("12.41")]
    assert totals.withholding_subtotals == []
    assert totals.withholding_total == 0
    assert totals.tax_total == Decimal("4912.41")
    assert totals.payable == totals.tax_inclusive == Decimal("49124.05") + Decimal("4912.41")


def test_xml_names_the_returned_invoice_and_has_no_withholding_total() -> None:
    root = etree.fromstring(render(two_lines()))
    assert root.findtext("cbc:InvoiceTypeCode", namespaces=NS) == "TEVKIFATIADE"
    ref = root.find("cac:BillingReference/cac:InvoiceDocumentReference", NS)
    assert ref is not None
    assert ref.findtext("cbc:ID", namespaces=NS) == "DMR2026000000233"
    assert ref.findtext("cbc:IssueDate", namespaces=NS) == "2026-11-05"
    assert ref.findtext("cbc:DocumentTypeCode", namespaces=NS) == "IADE"
    assert root.findall(".//cac:WithholdingTaxTotal", NS) == []
    # GİB's stylesheet: TaxableAmount "Tevkifatsız KDV Tutarı", Percent "İade Edilen Mal Oranı"
    first = root.find("cac:InvoiceLine/cac:TaxTotal/cac:TaxSubtotal", NS)
    assert first is not None
    assert first.findtext("cbc:TaxableAmount", namespaces=NS) == "4900.00"
    assert first.findtext("cbc:TaxAmount", namespaces=NS) == "4900.00"
    assert Decimal(first.findtext("cbc:Percent", namespaces=NS) or "") == 100


@pytest.mark.slow
def test_passes_gib_rules_and_matches_the_oracle(installed_rules_dir: Path) -> None:
    validator = get_validator(installed_rules_dir)
    for data in (example(), two_lines()):
        xml = render(data)
        report = validator.validate(xml, earchive=False)
        assert report.ok, [str(p) for p in report.problems]
        oracle.check(data, xml)
    earchive = two_lines()
    earchive.update(profile="EARSIVFATURA", series="EAR",
                    customer={"vkn_tckn": "11111111111", "first_name": "Ayşe",
                              "family_name": "Yıldız",
                              "address": {"district": "Konak", "city": "İzmir"}})
    xml = render(earchive)
    report = validator.validate(xml, earchive=True)
    assert report.ok, [str(p) for p in report.problems]
    oracle.check(earchive, xml)


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d.pop("return_of"), "return_of", "iade edilen faturanın numarası"),
    (lambda d: d["return_of"].update(number="DMR26-233"), "return_of.number", "GİB biçiminde"),
    (lambda d: d["return_of"].pop("date"), "return_of.date", "tarihi yazılmalı"),
    (lambda d: [ln.pop("withholding_code", None) for ln in d["lines"]],
     "lines[0].withholding_code", "tevkifat kodu"),
    (lambda d: d["lines"][0].update(withholding_code="699"), "lines[0].withholding_code",
     "GİB listesinde yok"),
    (lambda d: d["lines"][0].update(withholding_rate="30"), "lines[0].withholding_rate",
     "%50"),
])
def test_mistakes_are_refused_in_turkish(change: Any, field: str, words: str) -> None:
    data = copy.deepcopy(two_lines())
    change(data)
    with pytest.raises(UserError) as err:
        InvoiceData.from_json(data)
    assert err.value.field == field
    assert words in err.value.message


def test_withholding_code_is_refused_on_a_plain_return() -> None:
    data = two_lines()
    data["type"] = "IADE"
    with pytest.raises(UserError) as err:
        InvoiceData.from_json(data)
    assert err.value.field == "lines[0].withholding_code"
    assert "TEVKIFATIADE" in err.value.message


@pytest.mark.slow
def test_pdf_shows_the_returned_invoice_and_the_returned_kdv(tmp_path: Path) -> None:
    pdf = tmp_path / "tevkifatiade.pdf"
    pdf.write_bytes(render_pdf(render(two_lines())))
    flat = squash(pdf_text(pdf, layout=False))
    assert "DMR2026000000233" in flat
    assert "4.912,41" in flat  # the KDV returned (not 9.812,41, the KDV before withholding)
    assert "9.812,41" not in flat
    # GİB's words for the KDV figures of a withholding return, per line
    assert squash("Tevkifatsız KDV Tutarı: 4.900,00 TL") in flat
    assert squash("İade Edilen Mal Oranı: %100") in flat
    # the lines table names its columns as GİB's stylesheet does for a withholding return
    assert squash("İade Edilen Mal Oranı") in flat and squash("İadeye Konu İşlem Bedeli") in flat
    assert squash("KDV Oranı") not in flat


def test_received_withholding_return_with_odd_figures_is_described_as_written() -> None:
    from app.ubl.kinds import describe

    root = etree.fromstring(render(two_lines()))
    sub = root.find("cac:InvoiceLine/cac:TaxTotal/cac:TaxSubtotal", NS)
    assert sub is not None
    sub.find("cbc:Percent", NS).text = "yüz"  # type: ignore[union-attr]
    sub.find("cbc:TaxableAmount", NS).text = "9" * 400  # type: ignore[union-attr]
    details = next(d for d in describe(root) if d.title == "Tevkifat iade")
    first = dict(details.lines[0])
    assert first["İade Edilen Mal Oranı"] == "%yüz"
    assert len(first["Tevkifatsız KDV Tutarı"]) <= 80
    assert describe(etree.fromstring(b"<Invoice/>")) == ()
