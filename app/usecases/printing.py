"""Printing issued invoices: the PDF is always made from the stored, signed XML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from app.domain.errors import UserError
from app.ubl.namespaces import NS
from app.xmlsafe import parse_bytes, string_value

if TYPE_CHECKING:
    from app.context import AppContext
    from app.pdf import HtmlView


def is_test_document(xml: bytes) -> bool:
    """True for unsigned development copies and documents signed with a TEST certificate."""
    root = parse_bytes(xml).getroot()
    content = root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", NS)
    if content is None or content.find("ds:Signature", NS) is None:
        return True
    subject = content.find("ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509SubjectName", NS)
    return subject is not None and "TEST" in (string_value(subject) or "").upper()


def is_test_signed(xml: bytes) -> bool:
    """True for a document signed with a TEST certificate (not for an unsigned one, nor for
    a file that is not XML)."""
    try:
        root = parse_bytes(xml).getroot()
    except UserError:
        return False
    subject = root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/ds:Signature/"
                        "ds:KeyInfo/ds:X509Data/ds:X509SubjectName", NS)
    return subject is not None and "TEST" in (string_value(subject) or "").upper()


def invoice_xml(ctx: AppContext, ettn: str) -> bytes:
    """The stored XML of an invoice. Imported here, not at the top: printing files
    (``tezgah pdf``) never opens the database, so never loads its modules."""
    from app.usecases.invoices import invoice_xml as stored_xml

    return stored_xml(ctx, ettn)


def invoice_pdf_bytes(ctx: AppContext, ettn: str) -> bytes:
    from app.pdf import render_pdf
    from app.usecases.company import company_logo

    xml = invoice_xml(ctx, ettn)
    return render_pdf(xml, logo=company_logo(ctx), test_mode=is_test_document(xml),
                      cancelled=cancelled_note(ctx, ettn))


def cancelled_note(ctx: AppContext, ettn: str) -> str:
    """For a cancelled invoice, the note printed with its İPTAL stamp (when and why);
    "" for any other. The stamp is drawn on the PDF only: the signed XML is not changed."""
    from app.usecases.cancellation import cancellation_of

    c = cancellation_of(ctx, ettn)
    if c is None:
        return ""
    return f"{c.cancelled_at:%d.%m.%Y %H:%M} tarihinde iptal edildi. Neden: {c.reason}"


def invoice_html(ctx: AppContext, ettn: str) -> str:
    """The invoice shown through its own embedded stylesheet (what the buyer's viewer shows)."""
    return invoice_html_view(ctx, ettn).html


def invoice_html_view(ctx: AppContext, ettn: str) -> HtmlView:
    """Like ``invoice_html``; ``refused`` says why the invoice's own stylesheet was not used
    (run in a sandbox; Tezgâh's view is shown instead)."""
    from app.pdf import render_html_view

    return render_html_view(invoice_xml(ctx, ettn))


# -- documents given as files (``tezgah pdf`` / ``tezgah html``) --------------------------


# What an invoice must state before it is printed as one: its number, ETTN, date, both
# parties and the amount to pay (each mandatory in the UBL-TR guide's Invoice table).
_PRINT_NEEDS: tuple[tuple[str, str], ...] = (
    ("cbc:ID", "fatura numarası (cbc:ID)"),
    ("cbc:UUID", "ETTN (cbc:UUID)"),
    ("cbc:IssueDate", "fatura tarihi (cbc:IssueDate)"),
    ("cac:AccountingSupplierParty/cac:Party", "satıcı (AccountingSupplierParty)"),
    ("cac:AccountingCustomerParty/cac:Party", "alıcı (AccountingCustomerParty)"),
    ("cac:LegalMonetaryTotal/cbc:PayableAmount", "ödenecek tutar (PayableAmount)"),
)


def _printable(xml: bytes, name: str = "") -> bytes:
    """``xml`` when it is an invoice with something to print (or a despatch or receipt
    advice, which its own reader checks); otherwise ``UserError``."""
    from app.domain.errors import UserError

    root = parse_bytes(xml).getroot()
    if etree.QName(root).localname != "Invoice":
        return xml  # the renderer says what else it is

    def present(path: str) -> bool:
        el = root.find(path, NS)
        return el is not None and (bool((el.text or "").strip()) or len(el) > 0)

    missing = [label for path, label in _PRINT_NEEDS if not present(path)]
    if missing:
        where = f"{name}: " if name else ""
        raise UserError(f"{where}Fatura basılamaz; içinde şunlar yok: " + ", ".join(missing)
                        + ". Boş ya da yarım bir fatura XML'i verilmiş.")
    return xml


def _is_despatch(xml: bytes) -> bool:
    """A DespatchAdvice or ReceiptAdvice (printed by ``app.pdf.despatch_pdf``)."""
    try:
        root = parse_bytes(xml).getroot()
    except UserError:
        return False
    return etree.QName(root).localname in ("DespatchAdvice", "ReceiptAdvice")


def document_pdf(xml: bytes, *, logo: bytes | None = None, test_mode: bool = False) -> bytes:
    """The PDF of one UBL-TR invoice, despatch advice or receipt advice given as bytes
    (any producer's)."""
    if _is_despatch(xml):
        from app.pdf.despatch_pdf import render_despatch_pdf

        return render_despatch_pdf(xml, logo=logo, test_mode=test_mode)
    from app.pdf import render_pdf

    return render_pdf(_printable(xml), logo=logo, test_mode=test_mode)


def documents_pdf(xmls: Iterable[bytes], *, logo: bytes | None = None,
                  test_mode: bool = False) -> bytes:
    """One PDF with every document of ``xmls``, each starting on a new page."""
    checked = [_printable(x) for x in xmls]
    if any(_is_despatch(x) for x in checked):
        from app.pdf.despatch_pdf import render_documents_pdf

        return render_documents_pdf(checked, logo=logo, test_mode=test_mode)
    from app.pdf import render_pdfs

    return render_pdfs(checked, logo=logo, test_mode=test_mode)


def documents_to_pdf_files(items: Iterable[tuple[str, bytes]], out_dir: Path, *,
                           logo: bytes | None = None, test_mode: bool = False) -> list[Path]:
    """One PDF file per ``(name, xml)`` in ``out_dir``; whole files only."""
    from app.pdf import write_pdfs

    checked = [(name, _printable(xml, name)) for name, xml in items]
    if not any(_is_despatch(xml) for _name, xml in checked):
        return write_pdfs(checked, out_dir, logo=logo, test_mode=test_mode)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, xml in checked:
        target = out_dir / f"{Path(name).stem}.pdf"
        target.write_bytes(document_pdf(xml, logo=logo, test_mode=test_mode))
        written.append(target)
    return written


def document_html(xml: bytes, *, prefer_embedded: bool = True,
                  data_dir: str | Path | None = None) -> HtmlView:
    """HTML of an invoice, through its own embedded stylesheet unless told otherwise; says
    when that stylesheet was refused and Tezgâh's view was used instead. A despatch or
    receipt advice is shown through GİB's stylesheet from the rules installed in
    ``data_dir`` (default: the user's data folder), or its own embedded one."""
    from app.pdf.despatch_html import is_despatch_document, render_despatch_html_view

    if is_despatch_document(xml):
        from app.paths import resolve_data_dir, rules_dir

        return render_despatch_html_view(xml, rules_dir=rules_dir(resolve_data_dir(data_dir)),
                                         prefer_embedded=prefer_embedded)
    from app.pdf import render_html_view

    return render_html_view(xml, prefer_embedded=prefer_embedded)


__all__ = ["document_html", "document_pdf", "documents_pdf", "documents_to_pdf_files",
           "invoice_html", "invoice_html_view", "invoice_pdf_bytes", "is_test_document",
           "is_test_signed"]
