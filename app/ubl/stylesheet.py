"""The visualisation stylesheet (XSLT) a UBL-TR invoice carries.

GİB's samples embed the stylesheet base64 in a ``cac:AdditionalDocumentReference``
(DocumentType "XSLT", filename ``<invoice number>.xslt``). This module is the one place that
builds that element (every issued invoice gets one) and the one place that finds it again
in an invoice read by ``app.ubl.reader``.
"""

from __future__ import annotations

import base64
import binascii
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
    """Tezgâh's own invoice stylesheet, as embedded into every issued invoice."""
    path = template_path(TEZGAH_XSLT_NAME)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"Fatura görüntüleme şablonu bulunamadı: {path}.") from exc


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
