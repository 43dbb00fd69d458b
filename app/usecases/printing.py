"""Printing issued invoices: the PDF is always made from the stored, signed XML."""

from __future__ import annotations

from app.context import AppContext
from app.ubl.namespaces import NS
from app.usecases.company import company_logo
from app.usecases.invoices import invoice_xml
from app.xmlsafe import parse_bytes


def is_test_document(xml: bytes) -> bool:
    """True for unsigned development copies and documents signed with a TEST certificate."""
    root = parse_bytes(xml).getroot()
    content = root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", NS)
    if content is None or content.find("ds:Signature", NS) is None:
        return True
    subject = content.find("ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509SubjectName", NS)
    return subject is not None and "TEST" in (subject.text or "").upper()


def invoice_pdf_bytes(ctx: AppContext, ettn: str) -> bytes:
    from app.pdf import render_pdf

    xml = invoice_xml(ctx, ettn)
    return render_pdf(xml, logo=company_logo(ctx), test_mode=is_test_document(xml))


__all__ = ["invoice_pdf_bytes", "is_test_document"]
