"""Tezgâh's visualisation XSLT and render_html: GİB samples and Tezgâh invoices to HTML
(lxml), the embedded stylesheet preferred, untrusted stylesheets boxed in."""

from __future__ import annotations

import base64
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree, html

from app.cli import main
from app.pdf import karekod_payload, render_html, tezgah_xslt_bytes, xslt_document_reference
from app.resources import template_path
from tests.unit.test_pdf_support import (
    CAC,
    CBC,
    parse,
    payable_1234_56,
    sample_bytes,
    text,
    tezgah_invoice,
    to_bytes,
    with_currency,
)

XSL = "http://www.w3.org/1999/XSL/Transform"


def tr_amount(value: str) -> str:
    q = Decimal(value).quantize(Decimal("0.01"))
    return f"{q:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def invoice_samples(samples_dir: Path) -> list[Path]:
    out = []
    for p in sorted(samples_dir.glob("*.xml")):
        if etree.QName(etree.parse(str(p)).getroot()).localname == "Invoice":
            out.append(p)
    return out


def by_id(doc: html.HtmlElement, ident: str) -> str:
    found = doc.xpath(f"//*[@id='{ident}']")
    assert len(found) == 1, ident
    return " ".join(found[0].text_content().split())


def flat(page: str) -> str:
    """Visible text with cells separated by spaces and whitespace (nbsp too) squashed."""
    return " ".join(" ".join(html.fromstring(page).itertext()).split())


def check_figures(xml: bytes, page: str) -> html.HtmlElement:
    tree = parse(xml)
    doc = html.fromstring(page)
    assert by_id(doc, "faturano") == text(tree, "/inv:Invoice/cbc:ID")
    assert by_id(doc, "ettn") == text(tree, "/inv:Invoice/cbc:UUID")
    payable = text(tree, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")
    assert by_id(doc, "odenecek").startswith(tr_amount(payable))
    heading = by_id(doc, "baslik")
    profile = text(tree, "/inv:Invoice/cbc:ProfileID")
    assert heading == ("e-Arşiv Fatura" if profile == "EARSIVFATURA" else "e-Fatura")
    lines = tree.xpath("/inv:Invoice/cac:InvoiceLine", namespaces={
        "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        "cac": CAC[1:-1]})
    # one table row per invoice line (+ the header row)
    rows = doc.xpath("//table[contains(@class, 'lines')]/tr")
    assert len(rows) == len(lines) + 1
    return doc


def test_every_gib_invoice_sample_renders_with_tezgah_xslt(ubl_samples_dir: Path) -> None:
    samples = invoice_samples(ubl_samples_dir)
    assert len(samples) >= 25
    for path in samples:
        xml = path.read_bytes()
        check_figures(xml, render_html(xml, prefer_embedded=False))


def test_tezgah_invoice_figures(ubl_samples_dir: Path) -> None:
    xml = payable_1234_56(ubl_samples_dir)
    doc = check_figures(xml, render_html(xml))
    assert by_id(doc, "odenecek") == "1.234,56 TL"
    assert by_id(doc, "alici") == "Çağrı Güneş İnşaat Öğütücü Şişli Ürünleri Ltd. Şti."
    body = doc.text_content()
    assert "Ürün 001 çeşit ğ ı İ ö ş ü" in body
    assert "27.11.2026" in body
    assert "Hesaplanan KDV (%20)" in " ".join(body.split())


def test_many_rates_and_foreign_currency(ubl_samples_dir: Path) -> None:
    xml = with_currency(tezgah_invoice(ubl_samples_dir, lines=6, rates=(1, 10, 20)), "EUR")
    doc = check_figures(xml, render_html(xml))
    body = " ".join(" ".join(doc.itertext()).split())
    for rate in ("%1", "%10", "%20"):
        assert f"Hesaplanan KDV ({rate})" in body
    assert by_id(doc, "odenecek").endswith("EUR")
    assert "1 EUR = 34,5678 TL" in body


def test_withholding_shown(ubl_samples_dir: Path) -> None:
    xml = sample_bytes(ubl_samples_dir, "tevkifat")
    body = flat(render_html(xml, prefer_embedded=False))
    assert "KDV Tevkifat Tutarı (606) (%90) 3.240,00 TL" in body


def test_stylesheet_is_plain_xslt_1_0(ubl_samples_dir: Path) -> None:
    """GİB's viewer and browsers run XSLT 1.0 only: no imports, no extensions, no scripts,
    no external documents."""
    root = etree.parse(str(template_path("tezgah-invoice.xslt"))).getroot()
    assert root.tag == f"{{{XSL}}}stylesheet" and root.get("version") == "1.0"
    assert not root.findall(f".//{{{XSL}}}import") and not root.findall(f".//{{{XSL}}}include")
    source = tezgah_xslt_bytes().decode("utf-8")
    for forbidden in ("document(", "exsl", "msxsl", "extension-element-prefixes", "<script",
                      "javascript:", "XMLHttpRequest", "fetch(", "import(", "href="):
        assert forbidden not in source, forbidden
    # one picture: the karekod PNG the invoice carries (or Tezgâh passes), nothing loaded
    assert source.count("src=") == 1 and 'src="data:image/png;base64,{$k}"' in source
    for line in source.splitlines():
        if "http://" in line or "https://" in line:
            # only the XSLT and UBL namespace URIs and the HTML doctype may appear
            assert "xmlns" in line or "w3.org" in line, line
    # and it runs with every file and network access denied
    xslt = etree.XSLT(root, access_control=etree.XSLTAccessControl.DENY_ALL)
    result = str(xslt(etree.fromstring(sample_bytes(ubl_samples_dir, "temel")).getroottree()))
    assert ">e-Fatura</div>" in result
    assert not xslt.error_log


def embed(xml: bytes, stylesheet: bytes, filename: str = "GIB2026000000001.xslt") -> bytes:
    """The invoice with ``stylesheet`` as its (only) embedded XSLT."""
    root = etree.fromstring(xml)
    for ref in root.findall(f"{CAC}AdditionalDocumentReference"):
        root.remove(ref)
    ref = etree.Element(f"{CAC}AdditionalDocumentReference")
    etree.SubElement(ref, f"{CBC}ID").text = "XSLT-1"
    etree.SubElement(ref, f"{CBC}IssueDate").text = "2026-11-27"
    etree.SubElement(ref, f"{CBC}DocumentType").text = "XSLT"
    att = etree.SubElement(ref, f"{CAC}Attachment")
    obj = etree.SubElement(att, f"{CBC}EmbeddedDocumentBinaryObject",
                           characterSetCode="UTF-8", encodingCode="Base64",
                           filename=filename, mimeCode="application/xml")
    obj.text = base64.b64encode(stylesheet).decode("ascii")
    root.find(f"{CAC}Signature").addprevious(ref)
    return to_bytes(root)


SENDER_XSLT = b"""<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:i="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <xsl:template match="/"><html><body><h1>SENDER DESIGN</h1>
    <p id="n"><xsl:value-of select="/i:Invoice/cbc:ID"/></p></body></html></xsl:template>
</xsl:stylesheet>"""


def test_embedded_xslt_is_preferred(ubl_samples_dir: Path) -> None:
    xml = embed(payable_1234_56(ubl_samples_dir), SENDER_XSLT)
    page = render_html(xml)
    assert "SENDER DESIGN" in page and "TZG2026000000042" in page
    # the user may ask for Tezgâh's own view instead
    assert "SENDER DESIGN" not in render_html(xml, prefer_embedded=False)


def test_embedded_xslt_with_a_doctype_is_not_run(ubl_samples_dir: Path, tmp_path: Path) -> None:
    """An embedded stylesheet is parsed by app.xmlsafe: one with a DOCTYPE (here an external
    entity) is refused and Tezgâh's own view is shown instead."""
    secret = tmp_path / "secret.txt"
    secret.write_text("GIZLI-ICERIK", encoding="utf-8")
    hostile = SENDER_XSLT.replace(
        b"<xsl:stylesheet",
        f'<!DOCTYPE xsl:stylesheet [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
        "<xsl:stylesheet".encode(), 1).replace(b"SENDER DESIGN", b"SENDER DESIGN &s;")
    base = payable_1234_56(ubl_samples_dir)
    page = render_html(embed(base, hostile))
    assert "GIZLI-ICERIK" not in page and "SENDER DESIGN" not in page
    assert page == render_html(base, prefer_embedded=False)


def test_gib_sample_with_its_own_xslt(ubl_samples_dir: Path) -> None:
    xml = sample_bytes(ubl_samples_dir, "earsiv_satis")
    own = render_html(xml)
    ours = render_html(xml, prefer_embedded=False)
    assert own != ours
    assert "GIB2025000000001" in own
    assert 'id="baslik"' not in own and 'id="baslik"' in ours


def test_tezgah_xslt_embedded_roundtrip(ubl_samples_dir: Path) -> None:
    base = payable_1234_56(ubl_samples_dir)
    xml = embed(base, tezgah_xslt_bytes(), "TZG2026000000042.xslt")
    assert render_html(xml) == render_html(base, prefer_embedded=False)


def test_xslt_document_reference_for_issuing(ubl_samples_dir: Path) -> None:
    root = etree.fromstring(embed(payable_1234_56(ubl_samples_dir), SENDER_XSLT))
    for old in root.findall(f"{CAC}AdditionalDocumentReference"):
        root.remove(old)
    ref = xslt_document_reference("TZG2026000000042", "2026-11-27")
    root.find(f"{CAC}Signature").addprevious(ref)
    obj = ref.find(f"{CAC}Attachment/{CBC}EmbeddedDocumentBinaryObject")
    assert obj.get("filename") == "TZG2026000000042.xslt"
    assert obj.get("encodingCode") == "Base64" and obj.get("mimeCode") == "application/xml"
    assert ref.findtext(f"{CBC}DocumentType") == "XSLT"
    assert base64.b64decode(obj.text) == tezgah_xslt_bytes()
    xml = to_bytes(root)
    assert render_html(xml) == render_html(xml, prefer_embedded=False)
    check_figures(xml, render_html(xml))


def test_broken_embedded_xslt_falls_back(ubl_samples_dir: Path) -> None:
    xml = embed(payable_1234_56(ubl_samples_dir), b"<xsl:stylesheet broken")
    check_figures(xml, render_html(xml))


def test_embedded_xslt_cannot_read_files(ubl_samples_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text("<s>GIZLI-ICERIK</s>")
    evil = f"""<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><html><body>
    <xsl:value-of select="document('{secret.as_uri()}')"/>
  </body></html></xsl:template>
</xsl:stylesheet>""".encode()
    xml = embed(payable_1234_56(ubl_samples_dir), evil)
    page = render_html(xml)
    assert "GIZLI-ICERIK" not in page
    check_figures(xml, page)  # fell back to Tezgâh's view


def test_embedded_xslt_cannot_write_files(ubl_samples_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "written.html"
    evil = f"""<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <exsl:document href="{target.as_uri()}"><x>owned</x></exsl:document>
    <html><body>ok</body></html>
  </xsl:template>
</xsl:stylesheet>""".encode()
    render_html(embed(payable_1234_56(ubl_samples_dir), evil))
    assert not target.exists()


def test_cli_html(ubl_samples_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "f.xml"
    src.write_bytes(embed(payable_1234_56(ubl_samples_dir), SENDER_XSLT))
    assert main(["html", str(src), "--out", str(tmp_path / "f.html")]) == 0
    assert "SENDER DESIGN" in (tmp_path / "f.html").read_text(encoding="utf-8")
    assert main(["html", str(src), "--tezgah-sablonu"]) == 0
    doc = html.fromstring((tmp_path / "f.html").read_text(encoding="utf-8"))
    assert by_id(doc, "odenecek") == "1.234,56 TL"


@pytest.mark.parametrize("key", ["earsiv_satis", "yolcuberaber"])
def test_special_blocks(ubl_samples_dir: Path, key: str) -> None:
    page = render_html(sample_bytes(ubl_samples_dir, key), prefer_embedded=False)
    body = flat(page)
    if key == "earsiv_satis":
        assert "e-Arşiv izni kapsamında elektronik ortamda iletilmiştir." in body
    else:
        assert "Pasaport No: Pasaport No" in body
        assert "ARACIKURUMVKN: 1111111111" in body


# ---------------------------------------------------------------- karekod in the view


def view_picture(page: str) -> bytes:
    """The karekod PNG the view shows (a data: URI in the top right cell)."""
    img = html.fromstring(page).get_element_by_id("karekod").find("img")
    assert img is not None
    prefix = "data:image/png;base64,"
    src = img.get("src")
    assert src.startswith(prefix)
    return base64.b64decode(src[len(prefix):], validate=True)


def png_rows(png: bytes) -> list[bytes]:
    """The dark (1) and light (0) modules of a karekod PNG, quiet zone cut off."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png))
    assert img.mode == "1" and img.width == img.height
    rows = [bytes(0 if img.getpixel((x, y)) else 1 for x in range(img.width))
            for y in range(img.height)]
    q = 4
    assert all(not any(r) for r in rows[:q] + rows[-q:])
    assert all(not any(r[:q] + r[-q:]) for r in rows)
    return [r[q:-q] for r in rows[q:-q]]


def zbar_png(png: bytes, tmp: Path) -> list[str]:
    """What zbar reads from the karekod PNG scaled up as a screen would show it."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png))
    path = tmp / "karekod.png"
    img.resize((img.width * 4, img.height * 4), Image.NEAREST).save(path)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                          str(path)], capture_output=True)
    return [s for s in out.stdout.decode("utf-8").splitlines() if s]


def test_view_karekod_is_drawn_from_the_invoice_data(ubl_samples_dir: Path) -> None:
    """GİB's samples carry no karekod picture: Tezgâh's view draws one from their data,
    module for module the symbol of karekod_payload (the encoder is held against segno in
    tests/unit/test_qrmatrix.py)."""
    from app.pdf import karekod_text
    from app.ubl.qrmatrix import qr_rows

    docs = [p.read_bytes() for p in invoice_samples(ubl_samples_dir)]
    docs.append(tezgah_invoice(ubl_samples_dir, lines=5, rates=(1, 10, 20)))
    docs.append(with_currency(sample_bytes(ubl_samples_dir, "ticari"), "USD"))
    for xml in docs:
        rows = png_rows(view_picture(render_html(xml, prefer_embedded=False)))
        assert rows == qr_rows(karekod_text(karekod_payload(xml)))


@pytest.mark.parametrize("key", ["ticari", "yolcuberaber", "earsiv_tevkifat"])
def test_view_karekod_reads_back(ubl_samples_dir: Path, tmp_path: Path, key: str) -> None:
    xml = sample_bytes(ubl_samples_dir, key)
    decoded = zbar_png(view_picture(render_html(xml, prefer_embedded=False)), tmp_path)
    assert [json.loads(s) for s in decoded] == [karekod_payload(xml)]


@pytest.mark.parametrize("length", [1, 60, 300, 900, 2000])
def test_karekod_png_across_versions(tmp_path: Path, length: int) -> None:
    """The PNG writer at small and large versions (alignment and version information
    patterns), decoded by zbar."""
    from app.ubl.karekod import karekod_png

    text_value = ("0123456789ABCDEFabcdef-{}:," * 100)[:length]
    assert zbar_png(karekod_png(text_value), tmp_path) == [text_value]


def test_a_viewer_shows_the_picture_the_invoice_carries(tmp_path: Path) -> None:
    """An invoice Tezgâh issues carries its karekod as a PNG; a viewer that runs the
    embedded stylesheet as is (no parameters, like GİB's viewer or a browser) shows it."""
    from tests.unit.test_invoice_size import ten_lines

    xml = ten_lines("TZG2026000000042", unsigned=True)
    root = etree.fromstring(xml)
    refs = [r for r in root.findall(f"{CAC}AdditionalDocumentReference")
            if r.findtext(f"{CBC}DocumentType") == "KAREKOD"]
    assert len(refs) == 1
    obj = refs[0].find(f"{CAC}Attachment/{CBC}EmbeddedDocumentBinaryObject")
    assert obj.get("mimeCode") == "image/png"
    carried = base64.b64decode(obj.text)
    viewer = etree.XSLT(etree.fromstring(tezgah_xslt_bytes()))
    shown = view_picture(str(viewer(etree.fromstring(xml).getroottree())))
    assert shown == carried
    assert [json.loads(s) for s in zbar_png(shown, tmp_path)] == [karekod_payload(xml)]
    # Tezgâh's own view draws the same symbol from the data
    assert png_rows(view_picture(render_html(xml))) == png_rows(carried)


def test_tezgah_view_ignores_a_senders_karekod_picture(ubl_samples_dir: Path) -> None:
    """A received invoice's picture could show anything: Tezgâh's view draws the karekod
    from the data the signature covers."""
    from app.pdf import karekod_text
    from app.ubl.karekod import karekod_document_reference, karekod_png
    from app.ubl.qrmatrix import qr_rows

    xml = sample_bytes(ubl_samples_dir, "ticari")
    root = etree.fromstring(xml)
    lie = karekod_png('{"odenecek":"1.00"}')
    root.find(f"{CAC}Signature").addprevious(
        karekod_document_reference("X", "2026-11-28", lie))
    shown = png_rows(view_picture(render_html(to_bytes(root), prefer_embedded=False)))
    assert shown == qr_rows(karekod_text(karekod_payload(xml))) != png_rows(lie)


def test_compact_stylesheet_shows_what_the_source_shows(ubl_samples_dir: Path) -> None:
    """The embedded stylesheet is the readable source compacted (comments, line breaks,
    prefixes): every sample comes out the same through both."""
    from app.pdf.karekod import karekod_picture

    source = etree.XSLT(etree.parse(str(template_path("tezgah-invoice.xslt"))))
    compact = etree.XSLT(etree.fromstring(tezgah_xslt_bytes()))
    assert len(tezgah_xslt_bytes()) < len(template_path("tezgah-invoice.xslt").read_bytes())
    docs = [p.read_bytes() for p in invoice_samples(ubl_samples_dir)]
    docs.append(tezgah_invoice(ubl_samples_dir, lines=5, rates=(1, 10, 20)))
    for xml in docs:
        tree = etree.fromstring(xml).getroottree()
        kq = etree.XSLT.strparam(karekod_picture(tree.getroot()))
        # the same page; only line breaks inside the CSS text become spaces
        assert str(compact(tree, kq=kq)).split() == str(source(tree, kq=kq)).split()


def test_earsiv_statements_match_the_print(ubl_samples_dir: Path) -> None:
    from tests.unit.test_pdf import earsiv_variant

    body = flat(render_html(earsiv_variant(ubl_samples_dir, "ELEKTRONIK", internet=True),
                            prefer_embedded=False))
    for fact in ("e-Arşiv Fatura", "Gönderim Şekli ELEKTRONIK",
                 "e-Arşiv izni kapsamında elektronik ortamda iletilmiştir.",
                 "Bu satış internet üzerinden yapılmıştır.", "https://dukkan.example.com.tr",
                 "Ödeme şekli: Kredi kartı", "Gönderim tarihi: 02.10.2025",
                 "Hızlı Kargo Taşımacılık A.Ş. (9876543210)",
                 "Yalnız: Bin Sekiz Yüz Türk Lirası Sıfır Kuruş",
                 "Yatırım Teşvik No 123456"):
        assert fact in body, fact
    paper = flat(render_html(earsiv_variant(ubl_samples_dir, "KAGIT", internet=False),
                             prefer_embedded=False))
    assert "Gönderim Şekli KAGIT" in paper
    assert "elektronik ortamda iletilmiştir" not in paper
    assert "internet üzerinden" not in paper


@pytest.mark.parametrize(("sample", "shown"), [
    ("HKS-Ornek1.xml", ["KUNYENO: "]),
    ("IDIS_Fatura.xml", ["ETIKETNO: "]),
    ("IHRACAT.xml", ["GTİP: ", "Teslim Şartı", "Alıcı: "]),
    ("YOLCUBERABER.xml", ["Alıcı (Yolcu): ", "Pasaport No: ", "Aracı Kurum"]),
    ("YTB_Sat*_Efatura.xml", ["Yatırım Teşvik No", "Sınıf: "]),
])
def test_what_a_scenario_adds_is_shown(ubl_samples_dir: Path, sample: str,
                                       shown: list[str]) -> None:
    """Tezgâh's stylesheet shows what GİB's samples of each scenario carry beyond the common
    invoice (künye, etiket, GTİP and delivery terms, the traveller, the incentive number)."""
    path = next(ubl_samples_dir.glob(sample))  # file names as the zip stores them
    body = flat(render_html(path.read_bytes(), prefer_embedded=False))
    for words in shown:
        assert words in body, (sample, words)


# ---------------------------------------------------------------- labels, codes, order


def edited(xml: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    root = etree.fromstring(xml)
    edit(root)
    return to_bytes(root)


def test_line_identifications_carry_their_labels(ubl_samples_dir: Path) -> None:
    def edit(root: etree._Element) -> None:
        line = root.find(f"{CAC}InvoiceLine")
        item = line.find(f"{CAC}Item")
        for old in list(item):
            if etree.QName(old).localname != "Name":
                item.remove(old)
        etree.SubElement(item, f"{CBC}ModelName").text = "MDL-7"
        ident = etree.SubElement(item, f"{CAC}AdditionalItemIdentification")
        etree.SubElement(ident, f"{CBC}ID", schemeID="KUNYENO").text = "K-42"
        cls = etree.SubElement(item, f"{CAC}CommodityClassification")
        etree.SubElement(cls, f"{CBC}ItemClassificationCode").text = "0101"
        inst = etree.SubElement(item, f"{CAC}ItemInstance")
        etree.SubElement(inst, f"{CBC}SerialID").text = "SN-9"
        line.find(f"{CBC}InvoicedQuantity").set("unitCode", "XYZ")

    body = flat(render_html(edited(payable_1234_56(ubl_samples_dir), edit), prefer_embedded=False))
    for shown in ("Model: MDL-7", "KUNYENO: K-42", "Sınıf: 0101", "Seri No: SN-9", " XYZ "):
        assert shown in body, shown


def test_totals_in_the_order_of_the_print(ubl_samples_dir: Path) -> None:
    body = flat(render_html(tezgah_invoice(ubl_samples_dir, lines=2, rates=(10, 20)),
                            prefer_embedded=False))
    order = ["Mal Hizmet Toplam Tutarı", "Hesaplanan KDV (%10)", "Hesaplanan KDV (%20)",
             "Vergiler Dahil Toplam Tutar", "Ödenecek Tutar"]
    assert [body.index(words) for words in order] == sorted(body.index(w) for w in order)


def test_party_without_name_or_person_shows_its_registration_name(ubl_samples_dir: Path) -> None:
    def edit(root: etree._Element) -> None:
        party = root.find(f"{CAC}AccountingCustomerParty/{CAC}Party")
        for old in party.findall(f"{CAC}PartyName") + party.findall(f"{CAC}Person"):
            party.remove(old)
        for old in party.findall(f"{CAC}PartyLegalEntity"):
            party.remove(old)
        legal = etree.SubElement(party, f"{CAC}PartyLegalEntity")
        etree.SubElement(legal, f"{CBC}RegistrationName").text = "Tescilli Unvan A.Ş."

    page = render_html(edited(payable_1234_56(ubl_samples_dir), edit), prefer_embedded=False)
    assert by_id(html.fromstring(page), "alici") == "Tescilli Unvan A.Ş."
