"""Invoices built by Tezgâh itself (app.ubl.build) printed and shown: the PDF, its karekod
and the HTML through the stylesheet the invoice embeds."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.pdf import karekod_payload, render_html, render_pdf
from app.ubl.build import RenderContext, render_invoice
from tests.fixtures.app import COMPANY, CUSTOMER, PERSON
from tests.unit.test_pdf_support import decode_qr, parse, pdf_text, squash, text
from tests.unit.test_xslt import view_picture, zbar_png


def tr_amount(value: str) -> str:
    q = Decimal(value).quantize(Decimal("0.01"))
    return f"{q:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def build(profile: str, inv_type: str, customer: dict[str, Any], lines: list[dict[str, Any]],
          **extra: Any) -> bytes:
    data: dict[str, Any] = {"profile": profile, "type": inv_type, "series": "TZG",
                            "issue_date": "2026-11-27", "issue_time": "09:30:00",
                            "customer": customer, "lines": lines, **extra}
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(Party.from_dict(COMPANY), "TZG2026000000001",
                                                 unsigned=True))


LINES = [
    {"name": "Pamuklu kumaş — çğıöşü", "quantity": "12.5", "unit": "MTR",
     "unit_price": "84.90", "kdv_rate": "10"},
    {"name": "Dikiş işçiliği", "quantity": "3", "unit": "HUR", "unit_price": "450",
     "discount_rate": "5", "kdv_rate": "20"},
    {"name": "İplik", "quantity": "2", "unit": "KGM", "unit_price": "310.25", "kdv_rate": "1"},
]

CASES = {
    "temel": lambda: build("TEMELFATURA", "SATIS", CUSTOMER, LINES),
    "ticari_tevkifat": lambda: build("TICARIFATURA", "TEVKIFAT", CUSTOMER, [
        {"name": "Temizlik hizmeti", "quantity": "1", "unit": "C62", "unit_price": "12000",
         "kdv_rate": "20", "withholding_code": "613"}]),
    "earsiv_person": lambda: build("EARSIVFATURA", "SATIS", PERSON, LINES, delivery="ELEKTRONIK"),
    "usd": lambda: build("TICARIFATURA", "SATIS", CUSTOMER, LINES, currency="USD",
                         exchange_rate="34.1234"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_tezgah_invoice_pdf_and_html(case: str, tmp_path: Path) -> None:
    xml = CASES[case]()
    tree = parse(xml)
    number = text(tree, "/inv:Invoice/cbc:ID")
    ettn = text(tree, "/inv:Invoice/cbc:UUID")
    payable = text(tree, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")
    customer = text(tree, "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyName/"
                          "cbc:Name") or "Ayşe Yılmaz"

    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(render_pdf(xml))
    body = pdf_text(pdf)
    flat = squash(pdf_text(pdf, layout=False))
    assert number in body and ettn in body
    assert customer in flat
    assert tr_amount(payable) in body
    assert "Yalnız" in flat  # Tezgâh writes the amount in words as a note
    assert [json.loads(s) for s in decode_qr(pdf)] == [karekod_payload(xml)]

    page = render_html(xml)  # the invoice embeds Tezgâh's stylesheet
    doc = html.fromstring(page)
    assert " ".join(doc.get_element_by_id("faturano").text_content().split()) == number
    assert doc.get_element_by_id("odenecek").text_content().split()[0] == tr_amount(payable)
    # the view shows the karekod the invoice carries, read back by zbar
    assert [json.loads(s) for s in zbar_png(view_picture(page), tmp_path)] \
        == [karekod_payload(xml)]
    if case == "earsiv_person":
        assert "e-ARŞİV FATURA" in body and "Gönderim Şekli ELEKTRONIK" in flat
        assert "e-Arşiv izni kapsamında elektronik ortamda iletilmiştir." in flat
        view = " ".join(" ".join(doc.itertext()).split())
        assert "Gönderim Şekli ELEKTRONIK" in view
    if case == "ticari_tevkifat":
        assert "KDV Tevkifat Tutarı (613)" in flat
    if case == "usd":
        assert f"{tr_amount(payable)} USD" in body
        assert "1 USD = 34,1234 TL" in flat
    if case == "temel":
        for rate in ("%1", "%10", "%20"):
            assert f"Hesaplanan KDV ({rate})" in flat
        assert "12,5" in body and " m " in body and "saat" in body  # MTR, HUR in Turkish
