"""The printed invoice: PDF with GİB karekod, HTML preview through XSLT.

Public API (everything works on the stored, signed invoice XML — what is printed is what
was signed; the bytes are only read, never re-serialised):

``render_pdf(xml: bytes, *, logo: bytes | None = None, test_mode: bool = False) -> bytes``
    One invoice as an A4 PDF. ``logo`` is a PNG/JPEG printed in the issuer block.
    ``test_mode`` prints "TEST — geçerli fatura değildir" on every page (demo certificate,
    GİB simulator). ``cancelled`` (when and why, for a cancelled invoice) stamps "İPTAL"
    on every page; the signed XML is not changed.

``render_pdfs(xmls: Iterable[bytes], *, logo=None, test_mode=False) -> bytes``
    Many invoices in one PDF (for printing a batch): each starts on a new page and has its
    own "Sayfa i/n" numbering and karekod.

``write_pdfs(items: Iterable[tuple[str, bytes]], out_dir: Path, *, logo=None,
test_mode=False) -> list[Path]``
    Batch to a folder: one ``<name>.pdf`` per ``(name, xml)`` pair; returns the paths.

``app.pdf.despatch_pdf.render_despatch_pdf(xml, *, logo=None, test_mode=False) -> bytes``
    An e-İrsaliye (with its karekod, Kılavuz §2.3) or an irsaliye yanıtı as an A4 PDF on
    the same page; ``render_documents_pdf`` mixes them with invoices in one PDF.

``karekod_payload(xml: bytes) -> dict[str, str]``
    The karekod JSON object (Karekod Standardı Kılavuzu V1.2 §2.1, §2.1.1, §2.2).
    ``karekod_text(payload)`` is the exact string encoded in the QR code.

``render_html(xml: bytes) -> str``
    HTML through the invoice's own embedded XSLT (AdditionalDocumentReference, .xslt,
    base64), falling back to Tezgâh's ``ubl_templates/tezgah-invoice.xslt``. An embedded
    stylesheet runs in the sandbox below; ``render_html_view`` also says when it was
    refused (``HtmlView.refused``, ``.message``).

``render_untrusted_xslt(xml: bytes, xslt: bytes, *, timeout_s=10, memory_mb=512,
max_output_bytes=…) -> str``
    Any untrusted XSLT 1.0 in a separate process with time, memory and output limits and
    every include, import, ``document()``, file and network access refused; anything else
    raises ``XsltRefused`` (a ``UserError``: Turkish message, ``reason``).

``tezgah_xslt_bytes() -> bytes``
    Tezgâh's stylesheet, to embed base64 in every issued invoice (DocumentType "XSLT",
    filename ``<invoice number>.xslt``).

``xslt_document_reference(invoice_number: str, issue_date: str) -> lxml Element``
    The ready ``cac:AdditionalDocumentReference`` (DocumentType XSLT, base64 stylesheet,
    filename ``<number>.xslt``) to insert before ``cac:Signature`` when building an invoice.

``read_invoice(xml: bytes) -> Invoice``
    The printable content as plain dataclasses (``app.pdf.printable``, built on
    ``app.ubl.reader``).

Bad input raises ``app.domain.errors.UserError`` with a Turkish message.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .printable import Invoice, read_invoice

if TYPE_CHECKING:
    from .html import (
        HtmlView,
        render_html,
        render_html_view,
        tezgah_xslt_bytes,
        xslt_document_reference,
    )
    from .karekod import karekod_payload, karekod_text
    from .xslt_sandbox import XsltRefused, render_untrusted_xslt

# Imported on first use: printing a PDF needs neither the HTML view (lxml XSLT, the
# sandbox) nor the karekod payload module until the page draws it.
_LAZY = {
    "HtmlView": ".html",
    "render_html": ".html",
    "render_html_view": ".html",
    "tezgah_xslt_bytes": ".html",
    "xslt_document_reference": ".html",
    "karekod_payload": ".karekod",
    "karekod_text": ".karekod",
    "XsltRefused": ".xslt_sandbox",
    "render_untrusted_xslt": ".xslt_sandbox",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def render_pdf(xml: bytes, *, logo: bytes | None = None, test_mode: bool = False,
               cancelled: str = "") -> bytes:
    from .layout import build_pdf

    return build_pdf([read_invoice(xml)], logo=logo, test_mode=test_mode, cancelled=cancelled)


def render_pdfs(xmls: Iterable[bytes], *, logo: bytes | None = None,
                test_mode: bool = False) -> bytes:
    from .layout import build_pdf

    return build_pdf((read_invoice(x) for x in xmls), logo=logo, test_mode=test_mode)


def write_pdfs(items: Iterable[tuple[str, bytes]], out_dir: Path, *, logo: bytes | None = None,
               test_mode: bool = False) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, xml in items:
        target = out_dir / f"{Path(name).stem}.pdf"
        target.write_bytes(render_pdf(xml, logo=logo, test_mode=test_mode))
        written.append(target)
    return written


__all__ = [
    "HtmlView",
    "Invoice",
    "XsltRefused",
    "karekod_payload",
    "karekod_text",
    "read_invoice",
    "render_html",
    "render_html_view",
    "render_pdf",
    "render_pdfs",
    "render_untrusted_xslt",
    "tezgah_xslt_bytes",
    "write_pdfs",
    "xslt_document_reference",
]
