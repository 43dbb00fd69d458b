"""The XSLT sandbox (``app.pdf.xslt_sandbox``): an invoice's own stylesheet runs in a child
process; hangs, memory blow-ups, huge results and every include, import, ``document()`` or
file write are refused within 30 s with a Turkish message, and Tezgâh's own view is shown
instead. GİB's own general.xslt still renders."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.pdf import XsltRefused, render_html, render_html_view, render_untrusted_xslt
from tests.unit.test_pdf_support import payable_1234_56
from tests.unit.test_xslt import embed

HEAD = (b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        b'xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">')
TAIL = b"</xsl:stylesheet>"


def stylesheet(body: str) -> bytes:
    return HEAD + body.encode() + TAIL


RECURSION = stylesheet(
    '<xsl:template match="/"><xsl:call-template name="r"/></xsl:template>'
    '<xsl:template name="r"><x><xsl:call-template name="r"/></x></xsl:template>')

# every node × every node × every node × every node: hours on a one-page invoice
NESTED_NODES = stylesheet(
    '<xsl:template match="/"><r><xsl:for-each select="//node()">'
    '<xsl:for-each select="//node()"><xsl:for-each select="//node()">'
    '<xsl:for-each select="//node()"><xsl:value-of select="count(//node())"/>'
    "</xsl:for-each></xsl:for-each></xsl:for-each></xsl:for-each></r></xsl:template>")

# a string that doubles on every call: gigabytes after some thirty calls
CONCAT_LOOP = stylesheet(
    '<xsl:template match="/"><xsl:call-template name="d">'
    "<xsl:with-param name=\"s\" select=\"'0123456789abcdef'\"/></xsl:call-template>"
    '</xsl:template><xsl:template name="d"><xsl:param name="s"/>'
    '<xsl:call-template name="d"><xsl:with-param name="s" select="concat($s, $s)"/>'
    "</xsl:call-template></xsl:template>")

INCLUDE_PASSWD = stylesheet('<xsl:include href="file:///etc/passwd"/>'
                            '<xsl:template match="/"><a/></xsl:template>')

DOCUMENT_PASSWD = stylesheet(
    "<xsl:template match=\"/\"><html><body><xsl:copy-of select=\"document('file:///etc/passwd')\"/>"
    "</body></html></xsl:template>")

# what GİB's samples need: a plain XSLT 1.0 page
PLAIN = stylesheet('<xsl:template match="/"><html><body><p>GONDERENIN GORUNUMU</p></body>'
                   "</html></xsl:template>")


@pytest.fixture(scope="module")
def invoice(ubl_samples_dir: Path) -> bytes:
    return payable_1234_56(ubl_samples_dir)


def refused(xml: bytes, xslt: bytes, reason: str, **limits: float) -> XsltRefused:
    started = time.monotonic()
    with pytest.raises(XsltRefused) as exc:
        render_untrusted_xslt(xml, xslt, **limits)  # type: ignore[arg-type]
    assert time.monotonic() - started < 30
    assert exc.value.reason == reason, (exc.value.reason, exc.value.detail)
    assert exc.value.message.startswith("Faturanın kendi görünüm şablonu")
    assert "root:" not in exc.value.message + exc.value.detail
    return exc.value


def test_gib_general_xslt_renders_in_the_sandbox(ubl_samples_dir: Path) -> None:
    xml = (ubl_samples_dir / "TemelFaturaOrnegi.xml").read_bytes()
    general = (ubl_samples_dir / "general.xslt").read_bytes()
    page = render_untrusted_xslt(xml, general)
    assert "GIB20090000000001" in page and "<html" in page.lower()
    # and through the invoice view, as the invoice's own stylesheet
    view = render_html_view(embed(xml, general))
    assert view.refused == "" and view.html == page


def test_plain_stylesheet_renders(invoice: bytes) -> None:
    assert "GONDERENIN GORUNUMU" in render_untrusted_xslt(invoice, PLAIN)


def test_infinite_recursion_is_refused(invoice: bytes) -> None:
    assert "durmadan" in refused(invoice, RECURSION, "recursion").message


def test_nested_node_blow_up_is_stopped_at_the_timeout(invoice: bytes) -> None:
    started = time.monotonic()
    exc = refused(invoice, NESTED_NODES, "timeout", timeout_s=2)
    assert 2 <= time.monotonic() - started < 6
    assert exc.message.endswith("2 saniyede bitmedi; güvenlik için durduruldu.")


def test_memory_hungry_concat_loop_is_refused(invoice: bytes) -> None:
    exc = refused(invoice, CONCAT_LOOP, "memory", memory_mb=256)
    assert "(256 MB)" in exc.message


def test_include_of_a_local_file_is_refused(invoice: bytes) -> None:
    assert "güvenlik" in refused(invoice, INCLUDE_PASSWD, "access").message


def test_import_of_a_readable_stylesheet_is_refused(invoice: bytes, tmp_path: Path) -> None:
    other = tmp_path / "other.xsl"
    other.write_bytes(PLAIN)
    for element in ("import", "include"):
        evil = HEAD + f'<xsl:{element} href="{other.as_uri()}"/>'.encode() + TAIL
        refused(invoice, evil, "access")


def test_document_of_a_local_file_is_refused(invoice: bytes) -> None:
    refused(invoice, DOCUMENT_PASSWD, "access")


def test_exslt_document_cannot_write_a_file(invoice: bytes, tmp_path: Path) -> None:
    target = tmp_path / "written.html"
    evil = stylesheet(f'<xsl:template match="/"><exsl:document href="{target.as_uri()}">'
                      "<x>owned</x></exsl:document><a>ok</a></xsl:template>")
    refused(invoice, evil, "access")
    assert not target.exists()


def test_output_size_is_capped(invoice: bytes) -> None:
    big = stylesheet('<xsl:template match="/"><r><xsl:for-each select="//node()">'
                     '<xsl:copy-of select="/"/></xsl:for-each></r></xsl:template>')
    refused(invoice, big, "too_large", max_output_bytes=100_000)


def test_broken_stylesheet_is_invalid(invoice: bytes) -> None:
    refused(invoice, b"<xsl:stylesheet broken", "invalid")


@pytest.mark.parametrize("hostile", [RECURSION, CONCAT_LOOP, INCLUDE_PASSWD, DOCUMENT_PASSWD,
                                     pytest.param(NESTED_NODES, marks=pytest.mark.slow)],
                         ids=["recursion", "concat", "include", "document", "nested"])
def test_the_invoice_view_falls_back_to_tezgah_with_the_reason(invoice: bytes,
                                                               hostile: bytes) -> None:
    """With the default limits (the nested blow-up waits for the default timeout)."""
    started = time.monotonic()
    view = render_html_view(embed(invoice, hostile))
    assert time.monotonic() - started < 30
    assert view.refused and view.message.startswith("Faturanın kendi görünüm şablonu")
    assert view.html == render_html(invoice, prefer_embedded=False)
    assert "root:" not in view.html


def test_the_invoice_view_never_shows_an_imported_local_file(invoice: bytes,
                                                             tmp_path: Path) -> None:
    """Before the sandbox, lxml's access control let xsl:import read a local stylesheet."""
    other = tmp_path / "other.xsl"
    other.write_bytes(PLAIN)
    evil = HEAD + f'<xsl:import href="{other.as_uri()}"/>'.encode() + TAIL
    page = render_html(embed(invoice, evil))
    assert "GONDERENIN GORUNUMU" not in page
    assert page == render_html(invoice, prefer_embedded=False)
