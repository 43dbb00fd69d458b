"""SGK in the invoice XML, as GİB's stylesheet reads it (``general.xslt``, SGK box):
``cbc:AccountingCost`` (sağlık fatura tipi), ``cac:InvoicePeriod`` (dönem) and one
``cac:AdditionalDocumentReference`` per optional value, its ``cbc:DocumentTypeCode``
``MUKELLEF_KODU`` / ``MUKELLEF_ADI`` / ``DOSYA_NO`` and the value in ``cbc:DocumentType``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from app.domain.kinds import sgk as domain
from app.domain.kinds import value
from app.ubl.kinds import Details, UblKind, text_at, tr_date
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals

_REFS = (
    ("taxpayer_code", domain.CODE_TAXPAYER_CODE, "Mükellef Kodu"),
    ("taxpayer_name", domain.CODE_TAXPAYER_NAME, "Mükellef Adı"),
    ("file_no", domain.CODE_FILE_NO, "Dosya No"),
)
_KIND_WORDS = dict(domain.INVOICE_KINDS)


def _build(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    block = invoice.kinds.get(domain.KEY) or {}
    child(root, CBC, "AccountingCost", str(value(block, "invoice_kind")))
    start, end = value(block, "period_start", None), value(block, "period_end", None)
    if start is not None or end is not None:
        period = child(root, CAC, "InvoicePeriod")
        if start is not None:
            child(period, CBC, "StartDate", start.isoformat())
        if end is not None:
            child(period, CBC, "EndDate", end.isoformat())
    for key, code, _label in _REFS:
        text = str(value(block, key))
        if not text:
            continue
        ref = child(root, CAC, "AdditionalDocumentReference")
        child(ref, CBC, "ID", text)
        child(ref, CBC, "IssueDate", invoice.issue_date.isoformat())
        child(ref, CBC, "DocumentTypeCode", code)
        child(ref, CBC, "DocumentType", text)


def _describe(root: etree._Element) -> Details | None:
    """The SGK box of an SGK invoice (as GİB's stylesheet prints it); None otherwise."""
    if not isinstance(root.tag, str):
        return None
    if text_at(root, f"{{{CBC}}}InvoiceTypeCode").upper() != domain.TYPE:
        return None
    rows: list[tuple[str, str]] = []
    kind = text_at(root, f"{{{CBC}}}AccountingCost")
    if kind:
        words = _KIND_WORDS.get(kind.upper())
        rows.append(("Sağlık Fatura Tipi", f"{kind} ({words})" if words else kind))
    for _key, code, label in _REFS:
        for ref in root.findall(f"{{{CAC}}}AdditionalDocumentReference"):
            if text_at(ref, f"{{{CBC}}}DocumentTypeCode").upper() == code:
                text = text_at(ref, f"{{{CBC}}}DocumentType")
                if text:
                    rows.append((label, text))
                break
    start = tr_date(text_at(root, f"{{{CAC}}}InvoicePeriod/{{{CBC}}}StartDate"))
    end = tr_date(text_at(root, f"{{{CAC}}}InvoicePeriod/{{{CBC}}}EndDate"))
    if start or end:
        rows.append(("Dönem", f"{start} / {end}"))
    if not rows:
        return None
    return Details(title=domain.TITLE, rows=tuple(rows))


UBL_KINDS = (UblKind(domain.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
