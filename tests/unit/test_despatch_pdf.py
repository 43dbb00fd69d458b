"""The printed e-İrsaliye and irsaliye yanıtı, read back with real tools: pdfium opens the
PDF, counts its pages and extracts its text; zbar decodes the karekod from a raster of the
page (Karekod Kılavuzu §2.3). Every GİB despatch and receipt sample and every documented
example (docs/examples/despatch) is printed."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import etree

from app.cli import main
from app.domain.despatch import DespatchData
from app.domain.despatch_as_read import Despatch, Receipt
from app.domain.party import Party
from app.pdf.despatch_pdf import render_despatch_pdf, render_documents_pdf
from app.ubl import namespaces as ns
from app.ubl.build import RenderContext
from app.ubl.despatch_build import render_despatch
from app.ubl.despatch_karekod import despatch_karekod_payload
from app.ubl.despatch_read import read_despatch_document
from app.ubl.karekod import karekod_text
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import decode_qr

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
DESPATCH_SAMPLES = ("Irsaliye-Ornek1.xml", "Irsaliye-Ornek2.xml", "Irsaliye-Ornek3.xml",
                    "Irsaliye-Matbudan.xml", "IDIS_Irsaliye.xml")
RECEIPT_SAMPLES = ("IrsaliyeYaniti-Ornek1.xml", "IrsaliyeYaniti-Ornek2.xml",
                   "IrsaliyeYaniti-Ornek3.xml", "IrsaliyeYaniti-Ornek4.xml")
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))
GUIDE_KEYS = ["vkntckn", "avkntckn", "senaryo", "tip", "tarih", "no", "ettn", "sevktarihi",
              "sevkzamani", "tasiyicivkn", "plaka"]
X = {"desp": ns.DESPATCH_ADVICE, "cac": ns.CAC, "cbc": ns.CBC}


# ---------------------------------------------------------------- helpers


def example_xml(name: str) -> bytes:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    d = DespatchData.from_json(data)
    return render_despatch(d, RenderContext(Party.from_dict(COMPANY),
                                            f"{d.series}2026000000001", unsigned=True))


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text as pdfium extracts it, whitespace squashed."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage().get_text_range()
            out.append(" ".join(text.split()))
        return out
    finally:
        doc.close()


def tr_qty(value: Decimal) -> str:
    """Independent Turkish quantity: 350.5 → 350,5; 1234 → 1.234."""
    v = value.normalize()
    places = max(0, -v.as_tuple().exponent)  # type: ignore[operator]
    text = f"{v:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def bare(s: str) -> str:
    return "".join(s.split())


def check_despatch_text(d: Despatch, text: str) -> None:
    flat = bare(text)
    assert d.number in text and d.uuid in text
    assert "e-İrsaliye" in text
    for party in (d.supplier, d.customer):
        assert bare(party.display_name) in flat
        assert party.vkn_tckn in text
        if party.tax_office:
            assert bare(party.tax_office) in flat
    assert d.issue_date.strftime("%d.%m.%Y") in text
    for plate in (*d.shipment.plates, *d.shipment.trailers):
        assert plate.number in text
    if d.shipment.carrier is not None:
        assert d.shipment.carrier.vkn_tckn in text
    for driver in d.shipment.drivers:
        assert driver.first_name in text and driver.family_name in text
        assert driver.nationality_id in text
    for line in d.lines:
        assert bare(line.item_name) in flat
        assert tr_qty(line.quantity) in text


# ---------------------------------------------------------------- every sample and example


@pytest.mark.parametrize("name", DESPATCH_SAMPLES)
def test_gib_despatch_samples_print(ubl_samples_dir: Path, tmp_path: Path, name: str) -> None:
    xml = (ubl_samples_dir / name).read_bytes()
    d = read_despatch_document(xml)
    assert isinstance(d, Despatch)
    pdf = render_despatch_pdf(xml)
    assert pdf.startswith(b"%PDF-")
    pages = pages_text(pdf)
    assert len(pages) == 1
    check_despatch_text(d, pages[0])
    # the karekod decodes to exactly the §2.3 object, keys in the guide's order
    path = tmp_path / "irsaliye.pdf"
    path.write_bytes(pdf)
    codes = decode_qr(path)
    payload = despatch_karekod_payload(d)
    assert codes == [karekod_text(payload)]
    assert list(json.loads(codes[0])) == GUIDE_KEYS
    assert json.loads(codes[0]) == payload


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_documented_examples_print(tmp_path: Path, name: str) -> None:
    xml = example_xml(name)
    d = read_despatch_document(xml)
    assert isinstance(d, Despatch)
    pdf = render_despatch_pdf(xml)
    pages = pages_text(pdf)
    assert len(pages) == 1
    check_despatch_text(d, pages[0])
    path = tmp_path / "irsaliye.pdf"
    path.write_bytes(pdf)
    assert [json.loads(c) for c in decode_qr(path)] == [despatch_karekod_payload(d)]


def test_what_ornek1_and_matbudan_show(ubl_samples_dir: Path) -> None:
    text = pages_text(render_despatch_pdf((ubl_samples_dir / "Irsaliye-Ornek1.xml")
                                          .read_bytes()))[0]
    for expected in ("GIB2016000000011", "F47AC10B-58CC-4372-A567-0E02B2C3D479",
                     "AAA Anonim Şirketi", "VKN: 1288331521", "BBB Limited Şirketi",
                     "VKN: 9205121120", "Vergi Dairesi: Büyük Mükellefler",
                     "Araç Plakası: 06DR4077", "Dorse Plakası: 06DR4088, 06DR4099",
                     "CCC Lojistik Anonim Şirketi (VKN: 1288331523)",
                     "Mehmet Öztürk (TCKN: 14922266699)", "Temel irsaliye",
                     "14.08.2016", "09:00:00", "Masa Üstü Bilgisayar", "20 Adet"):
        assert expected in text, expected
    matbudan = pages_text(render_despatch_pdf((ubl_samples_dir / "Irsaliye-Matbudan.xml")
                                              .read_bytes()))[0]
    # the informative price in Turkish lira, and the printed note it copies
    for expected in ("Birim Fiyat", "1.000,00 ₺", "20.000,00 ₺", "1.200,00 ₺",
                     "Matbu İrsaliye No A-963403 10.08.2016"):
        assert expected in matbudan, expected


def test_example_quantities_units_and_notes() -> None:
    text = pages_text(render_despatch_pdf(example_xml("TEMELIRSALIYE-SEVK")))[0]
    for expected in ("120 Adet", "350,5 m", "185,50 ₺", "22.260,00 ₺",
                     "Mallar kırılacak eşya içermez.", "Sipariş No SIP-2026-0117",
                     "Teslim Adresi: Organize Sanayi Bölgesi 3. Cadde No: 7",
                     "20.11.2026", "09:30:00"):
        assert expected in text, expected


@pytest.mark.parametrize("name", RECEIPT_SAMPLES)
def test_gib_receipt_samples_print(ubl_samples_dir: Path, tmp_path: Path, name: str) -> None:
    xml = (ubl_samples_dir / name).read_bytes()
    r = read_despatch_document(xml)
    assert isinstance(r, Receipt)
    pdf = render_despatch_pdf(xml)
    pages = pages_text(pdf)
    assert len(pages) == 1
    text = pages[0]
    flat = bare(text)
    assert "İrsaliye Yanıtı" in text
    assert r.number in text and r.uuid in text and r.despatch.id in text
    if r.despatch_number:
        assert r.despatch_number in text
    for party in (r.supplier, r.customer):
        assert bare(party.display_name) in flat and party.vkn_tckn in text
    for line in r.lines:
        assert bare(line.item_name) in flat
        for q in (line.received, line.rejected, line.short, line.oversupply):
            if q is not None:
                assert tr_qty(q) in text
        if line.reject_reason:
            assert bare(line.reject_reason) in flat
    # the guide gives the receipt advice no karekod
    path = tmp_path / "yanit.pdf"
    path.write_bytes(pdf)
    assert decode_qr(path, whole_page=True, dpi=100) == []


def test_receipt_columns_and_reasons(ubl_samples_dir: Path) -> None:
    text = pages_text(render_despatch_pdf((ubl_samples_dir / "IrsaliyeYaniti-Ornek3.xml")
                                          .read_bytes()))[0]
    for expected in ("Teslim Alınan Miktar", "Kabul Edilmeyen Miktar", "Eksik Miktar",
                     "Fazla Miktar", "Red Nedeni: 2 tane ürün hasarlıdır",
                     "İrsaliye No GIB2016000000023", "Teslim Tarihi 15.08.2016",
                     "F47AC10B-58CC-4372-A567-0E02B2C3D479", "Adet 20 2"):
        assert expected in text, expected


# ---------------------------------------------------------------- many lines, hostile text


def _with_lines(xml: bytes, count: int) -> bytes:
    root = etree.fromstring(xml)
    lines = root.findall("cac:DespatchLine", X)
    template = lines[0]
    for line in lines:
        root.remove(line)
    at = list(root).index(root.find("cac:Shipment", X)) + 1
    for i in range(1, count + 1):
        line = copy.deepcopy(template)
        line.find("cbc:ID", X).text = str(i)
        line.find("cbc:DeliveredQuantity", X).text = f"{i}.5"
        line.find("cac:Item/cbc:Name", X).text = f"Ürün {i:03d} çelik vida"
        root.insert(at + i - 1, line)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_300_lines_run_over_pages_each_with_the_table_head(ubl_samples_dir: Path) -> None:
    xml = _with_lines((ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes(), 300)
    pages = pages_text(render_despatch_pdf(xml))
    assert len(pages) >= 4
    for n, text in enumerate(pages, start=1):
        assert "Sıra No" in text and "Mal/Hizmet" in text and "Miktar" in text
        assert f"Sayfa {n}/{len(pages)}" in text
        assert "F47AC10B-58CC-4372-A567-0E02B2C3D479" in text
    # from page 2 on, the continuation header names the despatch
    assert all("İrsaliye No: GIB2016000000011" in t for t in pages[1:])
    everything = " ".join(pages)
    for i in range(1, 301):
        assert f"Ürün {i:03d} çelik vida" in everything
        assert f" {i},5 Adet" in everything


def test_strangers_text_is_printed_literally(ubl_samples_dir: Path) -> None:
    hostile = "<b>Kalın</b> & <font color='red'>Şahin</font> 😀 &amp; <br/>"
    root = etree.fromstring((ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes())
    root.find("cac:DespatchLine/cac:Item/cbc:Name", X).text = hostile
    root.find("cac:DespatchSupplierParty/cac:Party/cac:PartyName/cbc:Name", X).text = hostile
    root.find("cac:DeliveryCustomerParty/cac:Party/cac:PartyName/cbc:Name", X).text = hostile
    note = root.find("cbc:Note", X)
    assert note is not None
    note.text = hostile
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    text = pages_text(render_despatch_pdf(xml))[0]
    # sender, receiver, the line and the note each print it as written
    assert text.count(" ".join(hostile.split())) >= 3
    assert bare(hostile) in bare(text.split("Not:")[-1])


# ---------------------------------------------------------------- tezgah pdf


def test_cli_pdf_writes_a_despatch_and_a_receipt(ubl_samples_dir: Path, tmp_path: Path) -> None:
    despatch = tmp_path / "irsaliye.xml"
    despatch.write_bytes((ubl_samples_dir / "Irsaliye-Ornek3.xml").read_bytes())
    receipt = tmp_path / "yanit.xml"
    receipt.write_bytes((ubl_samples_dir / "IrsaliyeYaniti-Ornek4.xml").read_bytes())
    invoice = tmp_path / "fatura.xml"
    invoice.write_bytes((ubl_samples_dir / "TemelFaturaOrnegi.xml").read_bytes())

    assert main(["pdf", str(despatch)]) == 0
    text = pages_text(despatch.with_suffix(".pdf").read_bytes())
    assert len(text) == 1 and "GIB2016000000013" in text[0] and "TEST" not in text[0]
    assert decode_qr(despatch.with_suffix(".pdf"))  # the karekod is there

    out = tmp_path / "test.pdf"
    assert main(["pdf", str(receipt), "--out", str(out), "--test"]) == 0
    assert "TEST — geçerli irsaliye değildir" in pages_text(out.read_bytes())[0]

    many = tmp_path / "many"
    assert main(["pdf", str(despatch), str(receipt), str(invoice), "--out-dir", str(many)]) == 0
    assert sorted(p.name for p in many.iterdir()) == ["fatura.pdf", "irsaliye.pdf", "yanit.pdf"]

    both = tmp_path / "hepsi.pdf"
    assert main(["pdf", str(despatch), str(receipt), str(invoice), "--out", str(both)]) == 0
    pages = pages_text(both.read_bytes())
    assert len(pages) == 3
    assert "e-İrsaliye" in pages[0] and "İrsaliye Yanıtı" in pages[1]
    assert "Sayfa 1/1" in pages[2] and "e-FATURA" in pages[2]


def test_documents_pdf_mixes_kinds(ubl_samples_dir: Path) -> None:
    xmls = [(ubl_samples_dir / n).read_bytes()
            for n in ("IrsaliyeYaniti-Ornek1.xml", "TemelFaturaOrnegi.xml")]
    pages = pages_text(render_documents_pdf(xmls))
    assert len(pages) == 2 and "İrsaliye Yanıtı" in pages[0]


def test_cli_pdf_stamps_a_test_signed_despatch(ubl_samples_dir: Path, tmp_path: Path) -> None:
    """A despatch whose signature names a TEST certificate is never printed without the
    TEST stamp (as an invoice), even without ``--test``."""
    root = etree.fromstring((ubl_samples_dir / "Irsaliye-Ornek2.xml").read_bytes())
    content = root.find(f"{{{ns.EXT}}}UBLExtensions/{{{ns.EXT}}}UBLExtension/"
                        f"{{{ns.EXT}}}ExtensionContent")
    assert content is not None
    for child in list(content):
        content.remove(child)
    node = content
    for name in ("Signature", "KeyInfo", "X509Data", "X509SubjectName"):
        node = etree.SubElement(node, f"{{{ns.DS}}}{name}")
    node.text = "CN=Tezgah TEST Mali Muhur"
    src = tmp_path / "test-imzali.xml"
    src.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert main(["pdf", str(src)]) == 0
    text = pages_text(src.with_suffix(".pdf").read_bytes())[0]
    assert "TEST — geçerli irsaliye değildir" in text and "GIB2016000000012" in text


def test_business_logo_is_printed_above_the_sender(ubl_samples_dir: Path) -> None:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(buf, format="PNG")
    xml = (ubl_samples_dir / "IrsaliyeYaniti-Ornek1.xml").read_bytes()
    plain = render_despatch_pdf(xml)
    with_logo = render_despatch_pdf(xml, logo=buf.getvalue())
    assert b"/Subtype /Image" in with_logo and b"/Subtype /Image" not in plain
    assert "İrsaliye Yanıtı" in pages_text(with_logo)[0]
