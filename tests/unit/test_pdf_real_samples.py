"""The printed invoice of real invoices from other producers (``real-samples``, see its
SOURCES.md), held against what GİB's general.xslt shows for them: the karekod decodes, the
discount rate is rounded to two decimals, the address carries GİB's labels in GİB's order,
no control character reaches the page, an exemption reason is printed once and codes are
shown as words."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from app.domain import codes
from app.pdf import karekod_payload, render_pdf
from tests.unit.test_pdf_support import decode_qr, pdf_text, squash

REAL_SAMPLES = ["temel-satis-eur-iskonto.xml", "ihracat-istisna.xml", "earsiv-portal-satis.xml",
                "temel-sgk.xml", "hks-satis.xml", "ticari-istisna-logo.xml"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # \t \n \f \r are pdftotext's own


def printed(real_samples_dir: Path, tmp_path: Path, name: str) -> Path:
    pdf = tmp_path / (Path(name).stem + ".pdf")
    pdf.write_bytes(render_pdf((real_samples_dir / name).read_bytes()))
    return pdf


def words(pdf: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word on page 1, from pdftotext's bounding boxes."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", "-f", "1", "-l", "1",
                          str(pdf), "-"], check=True, capture_output=True)
    html = etree.fromstring(out.stdout, etree.XMLParser(recover=True))
    return [(w.text or "", float(w.get("xMin")), float(w.get("xMax")))
            for w in html.iter("{*}word", "word")]


@pytest.mark.parametrize("name", REAL_SAMPLES)
def test_real_sample_prints_with_a_karekod_that_decodes(real_samples_dir: Path, tmp_path: Path,
                                                        name: str) -> None:
    xml = (real_samples_dir / name).read_bytes()
    pdf = printed(real_samples_dir, tmp_path, name)
    codes_read = decode_qr(pdf)
    assert len(codes_read) == 1, codes_read
    assert json.loads(codes_read[0]) == karekod_payload(xml)
    body = pdf_text(pdf)
    assert not CONTROL.search(body), repr(CONTROL.findall(body))


def test_discount_rate_is_rounded_as_gib_prints_it(real_samples_dir: Path,
                                                   tmp_path: Path) -> None:
    # MultiplierFactorNumeric 0.0645000000000000017763568394… — general.xslt prints
    # format-number(. * 100, '###.##0,00'): two decimals
    pdf = printed(real_samples_dir, tmp_path, "temel-satis-eur-iskonto.xml")
    body = pdf_text(pdf)
    rates = re.findall(r"%6,\d+", body)
    assert rates and set(rates) == {"%6,45", "%6,46"}, rates
    assert rates.count("%6,45") == 1
    # the rate stays in the discount column: it starts right of the unit price heading
    boxes = words(pdf)
    price_head_right = max(x1 for w, _x0, x1 in boxes if w == "Fiyat")
    assert all(x0 > price_head_right for w, x0, _x1 in boxes if w.startswith("%6,"))


def test_address_labels_follow_gib(real_samples_dir: Path, tmp_path: Path) -> None:
    # StreetName 1776/1, BuildingNumber 12, Room 5, Region "Merkez mahallesi"
    body = pdf_text(printed(real_samples_dir, tmp_path, "earsiv-portal-satis.xml"))
    assert "1776/1 No:12 Kapı No:5" in body
    assert "1776/1 12 No: 5" not in body
    flat = squash(body)
    street, place, quarter = (flat.index(s) for s in ("1776/1 No:12 Kapı No:5",
                                                      "47300 NUSAYBİN / Mardİn",
                                                      "Merkez mahallesi"))
    assert street < place < quarter


def test_building_number_written_with_its_label_is_labelled_once(real_samples_dir: Path,
                                                                 tmp_path: Path) -> None:
    # BuildingNumber "No : 56", Room "6"
    body = pdf_text(printed(real_samples_dir, tmp_path, "temel-satis-eur-iskonto.xml"))
    assert "1. Cadde Papatya Apt. No:56 Kapı No:6" in body
    assert "06965 Etlik / Ankara" in body


def test_control_character_and_repeated_exemption_reason(real_samples_dir: Path,
                                                         tmp_path: Path) -> None:
    # the reason carries \x92 (Windows-1252 ’ read as Latin-1) and sits on two KDV subtotals
    xml = (real_samples_dir / "ticari-istisna-logo.xml").read_bytes()
    assert b"KDV\xc2\x92den" in xml
    body = pdf_text(printed(real_samples_dir, tmp_path, "ticari-istisna-logo.xml"))
    assert not CONTROL.search(body)
    flat = squash(body)
    reason = "3065 sayılı Kanunun 13/n Maddesine göre KDV’den istisnadır."
    assert flat.count(reason) == 1, flat
    assert flat.count("İstisna Sebebi") == 1


def test_units_profiles_and_types_in_words(real_samples_dir: Path, tmp_path: Path) -> None:
    body = pdf_text(printed(real_samples_dir, tmp_path, "ticari-istisna-logo.xml"))
    assert re.search(r"\b21 Adet\b", body)
    assert not re.search(r"\bEA\b", body)
    flat = squash(body)
    assert "Senaryo Ticari Fatura" in flat and "Fatura Tipi İstisna" in flat
    assert "TICARIFATURA" not in body and "ISTISNA" not in body

    body = pdf_text(printed(real_samples_dir, tmp_path, "earsiv-portal-satis.xml"))
    flat = squash(body)
    assert "Senaryo e-Arşiv Fatura" in flat and "Fatura Tipi Satış" in flat
    assert "EARSIVFATURA" not in body and "SATIS" not in body


def test_words_for_codes() -> None:
    from app.pdf.formatting import profile_name, tr_rate, type_name, unit_name

    assert [unit_name(c) for c in ("C62", "EA", "26", "TNE", "DZN", "D30", "XYZ", "")] == [
        "Adet", "Adet", "ton", "ton", "düzine", "Brüt kalori", "XYZ", ""]
    assert [profile_name(c) for c in ("TEMELFATURA", "EARSIVFATURA", "IHRACAT", "XYZ")] == [
        "Temel Fatura", "e-Arşiv Fatura", "İhracat", "XYZ"]
    assert [type_name(c) for c in ("SATIS", "IADE", "SGK", "YTBTEVKIFATIADE", "XYZ")] == [
        "Satış", "İade", "SGK", "YTB Tevkifat İade", "XYZ"]
    assert tr_rate(None) == ""
    assert tr_rate(Decimal("0.0645000000000000017763568394")) == "%6,45"
    assert tr_rate(Decimal("0.125")) == "%12,50"


def test_every_gib_profile_and_type_has_words(gib_unpacked: Path) -> None:
    lists = codes.read_gib_codelist(
        gib_unpacked / "e-FaturaPaketi" / "schematron" / "UBL-TR_Codelist.xml")
    for code in lists["ProfileIDType"] | lists["ProfileIDTypeEarchive"]:
        assert code in codes.GIB_PROFILE_WORDS, code
    for code in lists["InvoiceTypeCodeList"]:
        assert code in codes.GIB_TYPE_WORDS, code
    for code in codes.UNIT_SHORT:
        assert code in lists["UnitCodeList"], code
