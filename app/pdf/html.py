"""HTML view of an invoice through an XSLT: the invoice's own embedded stylesheet first
(the sender's design), Tezgâh's ``ubl_templates/tezgah-invoice.xslt`` otherwise.

Stylesheets from received invoices are untrusted: they run with an access control that
denies reading and writing files and network access, and without extension functions.
"""

from __future__ import annotations

import base64
import functools

from lxml import etree

from app.domain.errors import UserError
from app.resources import template_path
from app.ubl.namespaces import CAC, CBC
from app.xmlsafe import parse_bytes

from .reader import read_invoice_root

TEZGAH_XSLT_NAME = "tezgah-invoice.xslt"

_DENY_ALL = etree.XSLTAccessControl.DENY_ALL


def _xslt_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _compile(xslt_bytes: bytes) -> etree.XSLT:
    doc = etree.fromstring(xslt_bytes, _xslt_parser())
    return etree.XSLT(doc, access_control=_DENY_ALL)


@functools.lru_cache(maxsize=1)
def _tezgah_xslt() -> etree.XSLT:
    return _compile(tezgah_xslt_bytes())


def tezgah_xslt_bytes() -> bytes:
    """Tezgâh's own invoice stylesheet, as embedded into every issued invoice."""
    path = template_path(TEZGAH_XSLT_NAME)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"Fatura görüntüleme şablonu bulunamadı: {path}.") from exc


def xslt_document_reference(invoice_number: str, issue_date: str) -> etree._Element:
    """``cac:AdditionalDocumentReference`` carrying Tezgâh's stylesheet base64, shaped like
    GİB's samples (DocumentType XSLT, filename ``<invoice number>.xslt``). The caller
    inserts it among the invoice's AdditionalDocumentReference elements before signing
    (UBL order: after ContractDocumentReference, before Signature)."""
    ref = etree.Element(f"{{{CAC}}}AdditionalDocumentReference")
    etree.SubElement(ref, f"{{{CBC}}}ID").text = invoice_number
    etree.SubElement(ref, f"{{{CBC}}}IssueDate").text = issue_date
    etree.SubElement(ref, f"{{{CBC}}}DocumentType").text = "XSLT"
    att = etree.SubElement(ref, f"{{{CAC}}}Attachment")
    obj = etree.SubElement(
        att,
        f"{{{CBC}}}EmbeddedDocumentBinaryObject",
        characterSetCode="UTF-8",
        encodingCode="Base64",
        filename=f"{invoice_number}.xslt",
        mimeCode="application/xml",
    )
    obj.text = base64.b64encode(tezgah_xslt_bytes()).decode("ascii")
    return ref


def _run(xslt: etree.XSLT, tree: etree._ElementTree) -> str:
    result = xslt(tree)
    return str(result)


def render_html(xml: bytes, *, prefer_embedded: bool = True) -> str:
    """HTML of the invoice ``xml``: with its embedded XSLT when it has a usable one,
    otherwise with Tezgâh's stylesheet."""
    tree = parse_bytes(xml)
    inv = read_invoice_root(tree.getroot())
    if prefer_embedded and inv.embedded_xslt is not None:
        try:
            return _run(_compile(inv.embedded_xslt.content), tree)
        except (etree.XMLSyntaxError, etree.XSLTError, ValueError):
            # GİB's viewer does the same: a broken embedded XSLT falls back to a default
            # (E-Fatura Görüntüleyici Kullanım Kılavuzu §4.2).
            pass
    try:
        return _run(_tezgah_xslt(), tree)
    except etree.XSLTError as exc:
        raise UserError(f"Fatura HTML olarak gösterilemedi: {exc}") from exc
