"""The İPTAL stamp of a cancelled invoice, read back with poppler's pdftotext: on every page,
with when and why; absent otherwise; the karekod still reads; the XML is only read."""

from __future__ import annotations

import json
from pathlib import Path

from app.pdf import karekod_payload, render_pdf
from tests.unit.test_pdf_support import decode_qr, pdf_pages, pdf_text, tezgah_invoice

NOTE = "28.11.2026 23:59 tarihinde iptal edildi. Neden: Müşteri vazgeçti"


def test_a_cancelled_invoice_is_stamped_on_every_page(ubl_samples_dir: Path,
                                                      tmp_path: Path) -> None:
    xml = tezgah_invoice(ubl_samples_dir, lines=80)
    original = bytes(xml)
    stamped = tmp_path / "iptal.pdf"
    stamped.write_bytes(render_pdf(xml, cancelled=NOTE))
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(render_pdf(xml))
    pages = pdf_pages(stamped)
    assert pages > 1
    for n in range(1, pages + 1):
        page = pdf_text(stamped, n)
        assert "İPTAL" in page
        assert "Müşteri vazgeçti" in page
    assert "İPTAL" not in pdf_text(plain)
    assert xml == original
    assert json.loads(decode_qr(stamped)[0]) == karekod_payload(xml)


def test_cancelled_and_test_marks_together(ubl_samples_dir: Path, tmp_path: Path) -> None:
    xml = tezgah_invoice(ubl_samples_dir)
    pdf = tmp_path / "both.pdf"
    pdf.write_bytes(render_pdf(xml, test_mode=True, cancelled=NOTE))
    body = pdf_text(pdf)
    assert "İPTAL" in body and "TEST — geçerli fatura değildir" in body
