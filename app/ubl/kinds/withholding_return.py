"""TEVKIFATIADE (the return of a withholding invoice) as GİB's stylesheet reads it: on such
an invoice the KDV subtotal of a line is not "rate × base" but "İade Edilen Mal Oranı"
(``cbc:Percent``) of the "Tevkifatsız KDV Tutarı" (``cbc:TaxableAmount``), the KDV the seller
collected and now returns (``general.xslt``, InvoiceTypeCode = 'TEVKIFATIADE'). The PDF's
line table names its columns so (``app.pdf.tables``); these rows say what the figures mean. Nothing
is added to the XML (the type needs only the common builder, see
``app.domain.totals.returned_withholding_line``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from lxml import etree

from app.domain.codes import WITHHOLDING_RETURN_TYPES
from app.domain.money import format_decimal_tr
from app.ubl.kinds import Details, Rows, UblKind, text_at, text_of
from app.ubl.namespaces import CAC, CBC

KEY = "withholding_return"
TITLE = "Tevkifat iade"
_KDV = "0015"


def _amount(text: str) -> str:
    try:
        return format_decimal_tr(Decimal(text))
    except (InvalidOperation, ValueError):
        return text


def _describe(root: etree._Element) -> Details | None:
    if not isinstance(root.tag, str):
        return None
    if text_at(root, f"{{{CBC}}}InvoiceTypeCode").upper() not in WITHHOLDING_RETURN_TYPES:
        return None
    per_line: list[Rows] = []
    for il in root.findall(f"{{{CAC}}}InvoiceLine"):
        rows: list[tuple[str, str]] = []
        for sub in il.findall(f"{{{CAC}}}TaxTotal/{{{CAC}}}TaxSubtotal"):
            code = text_at(sub, f"{{{CAC}}}TaxCategory/{{{CAC}}}TaxScheme/{{{CBC}}}TaxTypeCode")
            if code != _KDV:
                continue
            taxable = sub.find(f"{{{CBC}}}TaxableAmount")
            if taxable is not None:
                cur = " ".join((taxable.get("currencyID") or "").split())[:10]
                cur = "TL" if cur in ("TRY", "TRL") else cur
                rows.append(("Tevkifatsız KDV Tutarı", f"{_amount(text_of(taxable, 60))} {cur}".strip()))
            percent = text_at(sub, f"{{{CBC}}}Percent", 60)
            if percent:
                rows.append(("İade Edilen Mal Oranı", f"%{_amount(percent).removesuffix(',00')}"))
            break
        per_line.append(tuple(rows))
    note = ("Tevkifatlı faturanın iadesi: yalnızca tevkif edilmeyen KDV iade edilir; kalemlerin "
            "KDV tutarı tevkifatsız KDV'dir, yüzdesi GİB'e göre iade edilen mal oranıdır.")
    return Details(title=TITLE, rows=(("Tevkifat iade", note),), lines=tuple(per_line))


UBL_KINDS = (UblKind(KEY, describe=_describe),)

__all__ = ["UBL_KINDS"]
