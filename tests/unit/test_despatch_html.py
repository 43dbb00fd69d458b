"""Showing e-İrsaliye documents: GİB's irsaliye.xslt / irsaliyeyaniti.xslt (from the installed
package) or the document's own stylesheet, in the sandbox; the karekod of Karekod Kılavuzu
§2.3 as a picture that needs no script; ``tezgah html`` and ``tezgah pdf`` on them."""

from __future__ import annotations

import base64
import json
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree, html
from PIL import Image

from app.cli import main
from app.domain.errors import UserError
from app.pdf.despatch_html import is_despatch_document, render_despatch_html_view
from app.ubl.despatch_karekod import despatch_karekod_payload, despatch_karekod_png
from app.ubl.despatch_read import read_despatch
from app.ubl.despatch_stylesheet import embedded_stylesheet, gib_stylesheet
from app.ubl.namespaces import CAC, CBC

DESPATCH_SAMPLES = ("Irsaliye-Ornek1.xml", "Irsaliye-Ornek2.xml", "Irsaliye-Ornek3.xml",
                    "Irsaliye-Matbudan.xml", "IDIS_Irsaliye.xml")
RECEIPT_SAMPLES = ("IrsaliyeYaniti-Ornek1.xml", "IrsaliyeYaniti-Ornek3.xml",
                   "IrsaliyeYaniti-Ornek4.xml")
GUIDE_KEYS = ["vkntckn", "avkntckn", "senaryo", "tip", "tarih", "no", "ettn", "sevktarihi",
              "sevkzamani", "tasiyicivkn", "plaka"]


def _decode(png: bytes, tmp_path: Path) -> list[str]:
    """The QR codes zbar reads from ``png``, scaled up eight times."""
    img = Image.open(BytesIO(png))
    path = tmp_path / "qr.png"
    img.resize((img.width * 8, img.height * 8), Image.NEAREST).save(path)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                          str(path)], capture_output=True, check=False)
    return [s for s in out.stdout.decode("utf-8").splitlines() if s.strip()]


def _karekod_png(page: str) -> bytes:
    doc = html.fromstring(page)
    imgs = doc.xpath('//div[@id="tezgah-karekod"]/img/@src')
    assert len(imgs) == 1
    return base64.b64decode(imgs[0].removeprefix("data:image/png;base64,"))


def test_karekod_payload_follows_the_guide(ubl_samples_dir: Path, tmp_path: Path) -> None:
    d = read_despatch((ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes())
    payload = despatch_karekod_payload(d)
    assert list(payload) == GUIDE_KEYS
    assert payload == {
        "vkntckn": "1288331521", "avkntckn": "9205121120", "senaryo": "TEMELIRSALIYE",
        "tip": "SEVK", "tarih": "2016-08-14", "no": "GIB2016000000011",
        "ettn": "F47AC10B-58CC-4372-A567-0E02B2C3D479", "sevktarihi": "2016-08-14",
        "sevkzamani": "09:00:00", "tasiyicivkn": "1288331523", "plaka": "06DR4077"}
    assert [json.loads(s) for s in _decode(despatch_karekod_png(d), tmp_path)] == [payload]


@pytest.mark.parametrize("name", DESPATCH_SAMPLES)
def test_every_despatch_sample_is_shown_with_its_karekod(
        ubl_samples_dir: Path, installed_rules_dir: Path, tmp_path: Path, name: str) -> None:
    xml = (ubl_samples_dir / name).read_bytes()
    view = render_despatch_html_view(xml, rules_dir=installed_rules_dir)
    assert not view.refused
    d = read_despatch(xml)
    assert d.number in view.html
    assert d.lines[0].item_name in view.html
    codes = _decode(_karekod_png(view.html), tmp_path)
    assert [json.loads(s) for s in codes] == [despatch_karekod_payload(d)]


@pytest.mark.parametrize("name", RECEIPT_SAMPLES)
def test_every_receipt_sample_is_shown_through_gibs_stylesheet(
        ubl_samples_dir: Path, installed_rules_dir: Path, name: str) -> None:
    view = render_despatch_html_view((ubl_samples_dir / name).read_bytes(),
                                     rules_dir=installed_rules_dir)
    assert not view.refused
    assert "Masa Üstü Bilgisayar" in view.html
    assert "tezgah-karekod" not in view.html  # the guide has no karekod for an answer


def test_gibs_stylesheets_come_from_the_installed_package(installed_rules_dir: Path) -> None:
    assert b"n1:DespatchAdvice" in gib_stylesheet(installed_rules_dir, "despatch")
    assert b"ReceiptAdvice" in gib_stylesheet(installed_rules_dir, "receipt")


def test_without_rules_gib_stylesheet_is_asked_for(ubl_samples_dir: Path,
                                                   tmp_path: Path) -> None:
    with pytest.raises(UserError, match="kurulu değil"):
        render_despatch_html_view((ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes(),
                                  rules_dir=tmp_path / "rules")


def _embed(xml: bytes, xslt: bytes) -> bytes:
    root = etree.fromstring(xml)
    ref = etree.Element(f"{{{CAC}}}AdditionalDocumentReference")
    etree.SubElement(ref, f"{{{CBC}}}ID").text = "X"
    etree.SubElement(ref, f"{{{CBC}}}IssueDate").text = "2016-08-14"
    obj = etree.SubElement(etree.SubElement(ref, f"{{{CAC}}}Attachment"),
                           f"{{{CBC}}}EmbeddedDocumentBinaryObject", filename="x.xslt",
                           mimeCode="application/xml", encodingCode="Base64",
                           characterSetCode="UTF-8")
    obj.text = base64.b64encode(xslt).decode("ascii")
    root.find(f"{{{CAC}}}Signature").addprevious(ref)
    return etree.tostring(root)


SENDER_XSLT = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><html><body><p>SENDER DESIGN</p><div id="qrcode"></div></body></html>
</xsl:template></xsl:stylesheet>"""

EVIL_XSLT = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><html><body><xsl:copy-of select="document('file:///etc/passwd')"/>
</body></html></xsl:template></xsl:stylesheet>"""


def test_an_embedded_stylesheet_is_used_in_the_sandbox(ubl_samples_dir: Path,
                                                       installed_rules_dir: Path) -> None:
    xml = _embed((ubl_samples_dir / "Irsaliye-Ornek2.xml").read_bytes(), SENDER_XSLT)
    assert embedded_stylesheet(etree.fromstring(xml)) == SENDER_XSLT
    view = render_despatch_html_view(xml, rules_dir=installed_rules_dir)
    assert "SENDER DESIGN" in view.html and "tezgah-karekod" in view.html
    gib = render_despatch_html_view(xml, rules_dir=installed_rules_dir, prefer_embedded=False)
    assert "SENDER DESIGN" not in gib.html and "e-İRSALİYE" in gib.html


def test_a_hostile_embedded_stylesheet_falls_back_to_gibs(ubl_samples_dir: Path,
                                                          installed_rules_dir: Path) -> None:
    xml = _embed((ubl_samples_dir / "Irsaliye-Ornek2.xml").read_bytes(), EVIL_XSLT)
    view = render_despatch_html_view(xml, rules_dir=installed_rules_dir)
    assert view.refused in ("access", "invalid") and view.message
    assert "root:" not in view.html and "e-İRSALİYE" in view.html


def test_an_unreadable_despatch_is_refused_before_any_stylesheet(
        ubl_samples_dir: Path, installed_rules_dir: Path) -> None:
    xml = (ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes()
    broken = re.sub(rb"<cbc:UUID>[^<]*</cbc:UUID>", b"<cbc:UUID>x</cbc:UUID>", xml, count=1)
    with pytest.raises(UserError, match="UUID"):
        render_despatch_html_view(broken, rules_dir=installed_rules_dir)
    with pytest.raises(UserError, match="irsaliye ya da irsaliye yanıtı değil"):
        render_despatch_html_view((ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes(),
                                  rules_dir=installed_rules_dir)
    assert is_despatch_document(xml) and not is_despatch_document(b"not xml")


def test_cli_html_and_pdf_on_a_despatch(ubl_samples_dir: Path, installed_rules_dir: Path,
                                        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = tmp_path / "irsaliye.xml"
    src.write_bytes((ubl_samples_dir / "Irsaliye-Ornek3.xml").read_bytes())
    data_dir = installed_rules_dir.parent  # its rules folder is <data>/rules
    out = tmp_path / "irsaliye.html"
    assert main(["--data-dir", str(data_dir), "html", str(src), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "GIB2016000000013" in page and "tezgah-karekod" in page
    # the PDF is app.pdf.despatch_pdf's (tests/unit/test_despatch_pdf.py)
    assert main(["--data-dir", str(data_dir), "pdf", str(src)]) == 0
    assert src.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
