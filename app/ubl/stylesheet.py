"""The visualisation stylesheet (XSLT) a UBL-TR invoice carries.

GİB's samples embed the stylesheet base64 in a ``cac:AdditionalDocumentReference``
(DocumentType "XSLT", filename ``<invoice number>.xslt``). This module is the one place that
builds that element (every issued invoice gets one) and the one place that finds it again
in an invoice read by ``app.ubl.reader``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from dataclasses import dataclass

from lxml import etree

from app.domain.errors import UserError
from app.resources import template_path
from app.ubl.namespaces import CAC, CBC, q
from app.ubl.reader import UblInvoice

TEZGAH_XSLT_NAME = "tezgah-invoice.xslt"


@dataclass(frozen=True)
class EmbeddedXslt:
    filename: str
    content: bytes


def tezgah_xslt_bytes() -> bytes:
    """Tezgâh's own invoice stylesheet, as embedded into every issued invoice: the
    readable source with its comments and line breaks taken out and the UBL prefixes
    shortened (``compact_xslt``), the same bytes in every invoice so that a zipped
    envelope stores it once per 32 KB window."""
    return _tezgah_xslt()


@functools.cache
def _tezgah_xslt() -> bytes:
    path = template_path(TEZGAH_XSLT_NAME)
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Fatura görüntüleme şablonu bulunamadı: {path}.") from exc
    return compact_xslt(source)


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_PREFIXES = (("cac", "a"), ("cbc", "b"))


def compact_xslt(source: bytes) -> bytes:
    """``source`` without comments and line breaks, ``cac:``/``cbc:`` written ``a:``/``b:``.

    For Tezgâh's stylesheet only, whose conventions make this safe: no ``xsl:text`` holding
    a line break, no comment inside a string, a line break inside an attribute or a text
    only where a space means the same, and no ``a``/``b`` prefixes of its own.
    tests/unit/test_xslt.py checks that the compact form shows every sample exactly as
    the source does."""
    text = source.decode("utf-8")
    text = _COMMENT.sub("", text)
    text = _BETWEEN_TAGS.sub("><", text)
    text = _LINE_BREAK.sub(" ", text)
    for long, short in _PREFIXES:
        text = re.sub(rf"\b{long}:", f"{short}:", text)
        text = text.replace(f"xmlns:{long}=", f"xmlns:{short}=")
    text = text.replace('exclude-result-prefixes="i cac cbc"', 'exclude-result-prefixes="i a b"')
    return text.encode("utf-8")


def xslt_document_reference(invoice_number: str, issue_date: str, *, ref_id: str | None = None,
                            xslt: bytes | None = None) -> etree._Element:
    """``cac:AdditionalDocumentReference`` carrying ``xslt`` (default: Tezgâh's stylesheet)
    base64, shaped like GİB's samples: ``cbc:ID`` (``ref_id``, default the invoice number),
    ``cbc:IssueDate``, DocumentType XSLT and filename ``<invoice number>.xslt``.

    The caller places it among the invoice's AdditionalDocumentReference elements before
    signing (UBL order: after ContractDocumentReference, before ``cac:Signature``)."""
    content = xslt if xslt is not None else tezgah_xslt_bytes()
    ref = etree.Element(q(CAC, "AdditionalDocumentReference"))
    etree.SubElement(ref, q(CBC, "ID")).text = ref_id if ref_id is not None else invoice_number
    etree.SubElement(ref, q(CBC, "IssueDate")).text = issue_date
    etree.SubElement(ref, q(CBC, "DocumentType")).text = "XSLT"
    att = etree.SubElement(ref, q(CAC, "Attachment"))
    obj = etree.SubElement(
        att,
        q(CBC, "EmbeddedDocumentBinaryObject"),
        characterSetCode="UTF-8",
        encodingCode="Base64",
        filename=f"{invoice_number}.xslt",
        mimeCode="application/xml",
    )
    obj.text = base64.b64encode(content).decode("ascii")
    return ref


def embedded_xslt(inv: UblInvoice) -> EmbeddedXslt | None:
    """The first usable stylesheet the invoice embeds (filename ``.xslt``/``.xsl`` or
    DocumentType XSLT, valid base64), or ``None``. The content is untrusted: run it only
    through ``app.pdf.xslt_sandbox.render_untrusted_xslt`` (a separate process with limits,
    every include, import, document() and file access refused)."""
    for ref in inv.additional_refs:
        att = ref.attachment
        if att is None:
            continue
        kind = " ".join(ref.document_type.split()).upper()
        if not (att.filename.lower().endswith((".xslt", ".xsl")) or kind == "XSLT"):
            continue
        data = "".join(att.data.split())
        if not data:
            continue
        try:
            content = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            continue
        return EmbeddedXslt(filename=att.filename, content=content)
    return None
