"""The printed invoice read back with real tools: poppler's pdftotext/pdfinfo/pdffonts and
zbar decoding the karekod from a 200 dpi raster of the page."""

from __future__ import annotations

import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main
from app.domain.errors import UserError
from app.pdf import karekod_payload, render_pdf, render_pdfs, write_pdfs
from tests.unit.test_pdf_support import (
    CAC,
    CBC,
    NS,
    decode_qr,
    parse,
    payable_1234_56,
    pdf_pages,
    pdf_text,
    sample_bytes,
    squash,
    text,
    tezgah_invoice,
    to_bytes,
    with_currency,
)

# profiles and types: TEMEL, TICARI, IADE, TEVKIFAT, ISTISNA (YTB), IHRACAT, YOLCUBERABER,
# OZELMATRAH, HKS and the e-Arşiv YTB samples
QR_SAMPLES = ["temel", "ticari", "iade", "tevkifat", "istisna", "ihracat", "yolcuberaber",
              "ozelmatrah", "hks", "earsiv_satis", "earsiv_tevkifat", "earsiv_iade",
              "ytb_tevkifat_iade"]


def tr_amount(value: str) -> str:
    """Independent Turkish formatting for the assertions: 29755.47 → 29.755,47."""
    q = Decimal(value).quantize(Decimal("0.01"))
    return f"{q:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def check_printed(tmp_path: Path, xml: bytes, name: str) -> str:
    pdf = write(tmp_path, f"{name}.pdf", render_pdf(xml))
    tree = parse(xml)
    body = pdf_text(pdf)
    flat = squash(pdf_text(pdf, layout=False))
    number = text(tree, "/inv:Invoice/cbc:ID")
    ettn = text(tree, "/inv:Invoice/cbc:UUID")
    customer = text(tree, "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyName/"
                          "cbc:Name")
    payable = text(tree, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")
    assert number in body
    assert ettn in body
    if customer:
        # pdftotext joins a name wrapped after a hyphen ("Müdürlüğü-" + "Bilgi")
        def bare(s: str) -> str:
            return "".join(s.split()).replace("-", "")

        assert bare(customer) in bare(flat)
    assert tr_amount(payable) in body
    codes = decode_qr(pdf)
    assert len(codes) == 1, codes
    assert json.loads(codes[0]) == karekod_payload(xml)
    return body


@pytest.mark.parametrize("key", QR_SAMPLES)
def test_gib_sample_prints_with_readable_karekod(ubl_samples_dir: Path, tmp_path: Path,
                                                 key: str) -> None:
    xml = sample_bytes(ubl_samples_dir, key)
    body = check_printed(tmp_path, xml, key)
    profile = text(parse(xml), "/inv:Invoice/cbc:ProfileID")
    if profile == "EARSIVFATURA":
        assert "e-ARŞİV FATURA" in body
        assert "e-Arşiv izni kapsamında elektronik ortamda iletilmiştir" in squash(body)
    else:
        assert "e-FATURA" in body
        assert "e-Arşiv izni" not in body
    assert "Sayfa 1/1" in body


def test_turkish_letters_and_payable_1234_56(ubl_samples_dir: Path, tmp_path: Path) -> None:
    body = check_printed(tmp_path, payable_1234_56(ubl_samples_dir), "tr")
    assert "Çağrı Güneş İnşaat Öğütücü Şişli Ürünleri Ltd. Şti." in body
    assert "1.234,56 TL" in body
    assert "27.11.2026" in body  # Turkish date
    assert "Ürün 001 çeşit ğ ı İ ö ş ü" in body
    assert "Adet" in body  # C62 printed in Turkish


def test_many_kdv_rates(ubl_samples_dir: Path, tmp_path: Path) -> None:
    xml = tezgah_invoice(ubl_samples_dir, lines=6, rates=(1, 10, 20))
    body = check_printed(tmp_path, xml, "rates")
    for rate in ("%1", "%10", "%20"):
        assert f"Hesaplanan KDV ({rate})" in body


@pytest.mark.parametrize("currency", ["USD", "EUR"])
def test_foreign_currency(ubl_samples_dir: Path, tmp_path: Path, currency: str) -> None:
    xml = with_currency(sample_bytes(ubl_samples_dir, "ticari"), currency)
    body = check_printed(tmp_path, xml, currency)
    assert f"29.755,47 {currency}" in body
    assert f"1 {currency} = 34,5678 TL" in body
    assert " TL" in body  # TL equivalent of the payable amount
    assert json.loads(decode_qr(tmp_path / f"{currency}.pdf")[0])["parabirimi"] == currency


def test_withholding_lines_on_tevkifat(ubl_samples_dir: Path, tmp_path: Path) -> None:
    pdf = write(tmp_path, "t.pdf", render_pdf(sample_bytes(ubl_samples_dir, "tevkifat")))
    body = squash(pdf_text(pdf))
    assert "KDV Tevkifat Tutarı (606) (%90) 3.240,00 TL" in body
    assert "Ödenecek Tutar 20.360,00 TL" in body


def test_two_hundred_lines_paginate_with_totals_on_last_page(ubl_samples_dir: Path,
                                                              tmp_path: Path) -> None:
    xml = tezgah_invoice(ubl_samples_dir, lines=200, rates=(10, 20))
    pdf = write(tmp_path, "long.pdf", render_pdf(xml))
    pages = pdf_pages(pdf)
    assert pages >= 4
    payable = text(parse(xml), "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")
    seen_items = set()
    for n in range(1, pages + 1):
        page = pdf_text(pdf, n)
        assert f"Sayfa {n}/{pages}" in page
        assert "Mal/Hizmet" in page and "Birim Fiyat" in page  # header row repeated
        for i in range(1, 201):
            if f"Ürün {i:03d} " in page:
                seen_items.add(i)
        last = n == pages
        assert ("Ödenecek Tutar" in page) is last
        assert ("Vergiler Dahil Toplam Tutar" in page) is last
        assert (tr_amount(payable) in page) is last
        if n > 1:
            assert "Fatura No: TZG2026000000042" in page  # continuation header
    assert seen_items == set(range(1, 201))
    # the karekod stands at the top right of page 1 (Karekod Kılavuzu §3)
    assert [json.loads(s) for s in decode_qr(pdf, 1)] == [karekod_payload(xml)]


def test_test_mode_marks_every_page(ubl_samples_dir: Path, tmp_path: Path) -> None:
    xml = tezgah_invoice(ubl_samples_dir, lines=80)
    marked = write(tmp_path, "test.pdf", render_pdf(xml, test_mode=True))
    plain = write(tmp_path, "plain.pdf", render_pdf(xml))
    for n in range(1, pdf_pages(marked) + 1):
        assert "TEST — geçerli fatura değildir" in pdf_text(marked, n)
    assert "TEST" not in pdf_text(plain)
    # the watermark does not stop the karekod from being read
    assert json.loads(decode_qr(marked)[0]) == karekod_payload(xml)


def test_font_is_embedded(ubl_samples_dir: Path, tmp_path: Path) -> None:
    pdf = write(tmp_path, "f.pdf", render_pdf(payable_1234_56(ubl_samples_dir)))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    rows = [r for r in fonts.splitlines()[2:] if r.strip()]
    assert rows and all("DejaVu" in r.split()[0] or "Tezgah" in r.split()[0] for r in rows)
    assert all(" yes " in r for r in rows)  # emb column


def test_logo_is_printed(ubl_samples_dir: Path, tmp_path: Path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (240, 80), (200, 30, 30)).save(buf, format="PNG")
    pdf = write(tmp_path, "logo.pdf", render_pdf(payable_1234_56(ubl_samples_dir),
                                                 logo=buf.getvalue()))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout
    assert "240    80" in images or " 240 " in images


def test_bad_logo_is_a_turkish_user_error(ubl_samples_dir: Path) -> None:
    with pytest.raises(UserError, match="Logo"):
        render_pdf(payable_1234_56(ubl_samples_dir), logo=b"not an image")


def test_batch_one_pdf_each_numbered(ubl_samples_dir: Path, tmp_path: Path) -> None:
    long_xml = tezgah_invoice(ubl_samples_dir, lines=90)
    short = sample_bytes(ubl_samples_dir, "tevkifat")
    pdf = write(tmp_path, "batch.pdf", render_pdfs([long_xml, short]))
    long_pages = pdf_pages(write(tmp_path, "long.pdf", render_pdf(long_xml)))
    assert pdf_pages(pdf) == long_pages + 1
    last = pdf_text(pdf, long_pages + 1)
    assert "Sayfa 1/1" in last and "SRM2012000086985" in last
    assert f"Sayfa {long_pages}/{long_pages}" in pdf_text(pdf, long_pages)
    assert json.loads(decode_qr(pdf, long_pages + 1)[0]) == karekod_payload(short)


def test_write_pdfs_to_folder(ubl_samples_dir: Path, tmp_path: Path) -> None:
    items = [("a.xml", sample_bytes(ubl_samples_dir, "ticari")),
             ("b.xml", sample_bytes(ubl_samples_dir, "iade"))]
    paths = write_pdfs(items, tmp_path / "out")
    assert [p.name for p in paths] == ["a.pdf", "b.pdf"]
    assert "GIB2009000000022" in pdf_text(paths[1])


def test_not_an_invoice(ubl_samples_dir: Path) -> None:
    with pytest.raises(UserError, match="fatura"):
        render_pdf((ubl_samples_dir / "KabulUygulamaYanitiOrnegi.xml").read_bytes())


def test_dtd_is_refused() -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' \
           b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&e;</Invoice>'
    with pytest.raises(UserError):
        render_pdf(evil)


# ---------------------------------------------------------------- CLI


def test_cli_pdf_single_and_batch(ubl_samples_dir: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.xml", payable_1234_56(ubl_samples_dir))
    b = write(tmp_path, "b.xml", sample_bytes(ubl_samples_dir, "earsiv_satis"))
    assert main(["pdf", str(a), "--out", str(tmp_path / "a.pdf")]) == 0
    assert "1.234,56" in pdf_text(tmp_path / "a.pdf")
    assert main(["pdf", str(a), str(b), "--out-dir", str(tmp_path / "many")]) == 0
    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == ["a.pdf", "b.pdf"]
    assert "e-ARŞİV FATURA" in pdf_text(tmp_path / "many" / "b.pdf")
    assert main(["pdf", str(a), str(b), "--out", str(tmp_path / "both.pdf"), "--test"]) == 0
    assert pdf_pages(tmp_path / "both.pdf") == 2
    assert "TEST" in pdf_text(tmp_path / "both.pdf")


def test_cli_errors_in_turkish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", str(tmp_path / "yok.xml"), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "Dosya bulunamadı" in capsys.readouterr().err
    bad = write(tmp_path, "bad.xml", b"<Invoice>")
    assert main(["pdf", str(bad)]) == 1
    assert "XML" in capsys.readouterr().err
    assert main(["pdf", str(bad), str(bad)]) == 1
    assert "--out" in capsys.readouterr().err


def test_reader_does_not_touch_the_signed_bytes(ubl_samples_dir: Path) -> None:
    xml = sample_bytes(ubl_samples_dir, "ticari")
    before = bytes(xml)
    render_pdf(xml)
    assert xml == before
    # and the lines printed are the document's, not recomputed
    tree = etree.fromstring(xml)
    assert len(tree.findall("cac:InvoiceLine", NS)) == 8
    assert to_bytes(tree)  # still well-formed


def earsiv_variant(samples_dir: Path, sending: str, *, internet: bool) -> bytes:
    root = etree.fromstring(sample_bytes(samples_dir, "earsiv_satis"))
    cac, cbc = CAC, CBC
    note = root.find(f"{cbc}Note")
    words = etree.Element(f"{cbc}Note")
    words.text = "Yalnız: Bin Sekiz Yüz Türk Lirası Sıfır Kuruş"
    note.addnext(words)
    ref = etree.Element(f"{cac}AdditionalDocumentReference")
    etree.SubElement(ref, f"{cbc}ID").text = sending
    etree.SubElement(ref, f"{cbc}IssueDate").text = "2025-10-01"
    etree.SubElement(ref, f"{cbc}DocumentTypeCode").text = "SendingType"
    root.find(f"{cac}Signature").addprevious(ref)
    if internet:
        supplier = root.find(f"{cac}AccountingSupplierParty/{cac}Party")
        web = supplier.find(f"{cbc}WebsiteURI")
        if web is None:
            web = etree.Element(f"{cbc}WebsiteURI")
            supplier.insert(0, web)
        web.text = "https://dukkan.example.com.tr"
        delivery = etree.Element(f"{cac}Delivery")
        carrier = etree.SubElement(delivery, f"{cac}CarrierParty")
        pid = etree.SubElement(carrier, f"{cac}PartyIdentification")
        etree.SubElement(pid, f"{cbc}ID", schemeID="VKN").text = "9876543210"
        etree.SubElement(etree.SubElement(carrier, f"{cac}PartyName"), f"{cbc}Name").text = \
            "Hızlı Kargo Taşımacılık A.Ş."
        despatch = etree.SubElement(delivery, f"{cac}Despatch")
        etree.SubElement(despatch, f"{cbc}ActualDespatchDate").text = "2025-10-02"
        means = etree.Element(f"{cac}PaymentMeans")
        etree.SubElement(means, f"{cbc}PaymentMeansCode").text = "48"
        etree.SubElement(means, f"{cbc}PaymentDueDate").text = "2025-10-01"
        root.find(f"{cac}TaxTotal").addprevious(delivery)
        root.find(f"{cac}TaxTotal").addprevious(means)
    return to_bytes(root)


def test_earsiv_electronic_with_internet_sale(ubl_samples_dir: Path, tmp_path: Path) -> None:
    xml = earsiv_variant(ubl_samples_dir, "ELEKTRONIK", internet=True)
    check_printed(tmp_path, xml, "ea")
    body = squash(pdf_text(tmp_path / "ea.pdf", layout=False))
    assert "e-ARŞİV FATURA" in body
    assert "e-Arşiv izni kapsamında elektronik ortamda iletilmiştir." in body
    assert "Gönderim Şekli ELEKTRONIK" in body
    assert "Yalnız: Bin Sekiz Yüz Türk Lirası Sıfır Kuruş" in body
    assert "Bu satış internet üzerinden yapılmıştır." in body
    for fact in ("https://dukkan.example.com.tr", "Kredi kartı", "Ödeme tarihi: 01.10.2025",
                 "Gönderim tarihi: 02.10.2025", "Hızlı Kargo Taşımacılık A.Ş.", "9876543210"):
        assert fact in body, fact
    assert "Yatırım Teşvik No 123456" in body  # ContractDocumentReference schemeID YTBNO


def test_earsiv_on_paper(ubl_samples_dir: Path, tmp_path: Path) -> None:
    xml = earsiv_variant(ubl_samples_dir, "KAGIT", internet=False)
    check_printed(tmp_path, xml, "kagit")
    body = squash(pdf_text(tmp_path / "kagit.pdf", layout=False))
    assert "Gönderim Şekli KAGIT" in body
    assert "elektronik ortamda iletilmiştir" not in body
    assert "internet üzerinden" not in body


def test_text_longer_than_a_page_flows_on(ubl_samples_dir: Path, tmp_path: Path) -> None:
    """An item name and a note each longer than a page split across pages instead of
    failing the layout."""
    root = etree.fromstring(tezgah_invoice(ubl_samples_dir, lines=3))
    root.find("cac:InvoiceLine/cac:Item/cbc:Name", NS).text = "Çok uzun ürün adı " * 600
    note = etree.Element(f"{CBC}Note")
    note.text = "Uzun açıklama notu " * 2500 + "SON"
    root.find(f"{CBC}IssueTime").addnext(note)
    xml = to_bytes(root)
    pdf = write(tmp_path, "huge.pdf", render_pdf(xml))
    pages = pdf_pages(pdf)
    assert pages >= 4
    last = pdf_text(pdf, pages)
    assert "SON" in last and f"Sayfa {pages}/{pages}" in last
    payable = text(parse(xml), "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")
    assert tr_amount(payable) in pdf_text(pdf)
