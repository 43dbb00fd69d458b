"""Size of what Tezgâh issues: the visualisation stylesheet travels base64 in every invoice
(about 4/3 of its size), so it is kept small and identical across invoices; the karekod
travels as a PNG of about 0.8 KB.

Measured (10-line TICARIFATURA, compact stylesheet 11.4 KB): unsigned 29.2 KB, signed about
33.4 KB. A zipped envelope reuses the previous invoice's copy of the stylesheet only when an
invoice is under deflate's 32 KB window (docs/performance.md, "Speed (#16)")."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.ubl.build import RenderContext, render_invoice
from app.ubl.stylesheet import tezgah_xslt_bytes
from tests.fixtures.app import COMPANY, CUSTOMER

STYLESHEET_MAX = 12 * 1024
UNSIGNED_10_LINES_MAX = 30 * 1024
SIGNED_10_LINES_MAX = 34 * 1024


def ten_lines(number: str, *, unsigned: bool) -> bytes:
    lines: list[dict[str, Any]] = [
        {"name": f"Ürün {i:03d} pamuklu kumaş", "quantity": str(i + 1), "unit": "C62",
         "unit_price": f"{10 + i}.50", "kdv_rate": "20"} for i in range(10)]
    data = {"profile": "TICARIFATURA", "type": "SATIS", "series": "TZG",
            "issue_date": "2026-11-27", "issue_time": "09:30:00", "customer": CUSTOMER,
            "lines": lines}
    return render_invoice(InvoiceData.from_json(data),
                          RenderContext(Party.from_dict(COMPANY), number, unsigned=unsigned))


def test_stylesheet_is_small() -> None:
    assert len(tezgah_xslt_bytes()) < STYLESHEET_MAX


def test_stylesheet_is_the_same_in_every_invoice() -> None:
    one = ten_lines("TZG2026000000001", unsigned=True)
    two = ten_lines("TZG2026000000002", unsigned=True)
    embedded = base64.b64encode(tezgah_xslt_bytes())
    assert one.count(embedded) == 1 and two.count(embedded) == 1


@pytest.mark.parametrize("unsigned", [True, False])
def test_ten_line_invoice_size(unsigned: bool) -> None:
    assert len(ten_lines("TZG2026000000001", unsigned=unsigned)) < UNSIGNED_10_LINES_MAX


def test_signed_ten_line_invoice_size(demo_signer) -> None:  # type: ignore[no-untyped-def]
    from app.signing import open_signer, sign_invoice

    _d, cfg = demo_signer
    with open_signer(cfg, None) as signer:
        signed = sign_invoice(ten_lines("TZG2026000000001", unsigned=False), signer)
    assert len(signed) < SIGNED_10_LINES_MAX
