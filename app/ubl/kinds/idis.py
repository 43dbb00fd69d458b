"""İDİS in the invoice XML, as GİB's sample ``IDIS_Fatura.xml`` writes it: the shipment
number as the seller's ``cac:PartyIdentification/cbc:ID[@schemeID='SEVKIYATNO']``
(IdisSevkiyatNoCheck, context ``AccountingSupplierParty/Party``) and each line's label
numbers as ``cac:Item/cac:AdditionalItemIdentification/cbc:ID[@schemeID='ETIKETNO']``
(IdisEtiketNoCheck)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from app.domain.kinds import idis as domain
from app.domain.kinds import value
from app.ubl.kinds import Details, Rows, UblKind, text_of
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, ensure

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals

SHIPMENT_LABEL = "Sevkiyat No (İDİS)"
LABEL_LABEL = "İDİS Etiket No"
_MAX_SHOWN = 60  # label numbers shown per line (a hostile invoice may carry thousands)


def _build(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    number = value(invoice.kinds.get(domain.KEY), "sevkiyat_no")
    if number:
        party = ensure(ensure(root, CAC, "AccountingSupplierParty"), CAC, "Party")
        ident = child(party, CAC, "PartyIdentification")  # after the VKN/TCKN
        child(ident, CBC, "ID", str(number), schemeID=domain.SHIPMENT_SCHEME)
    for il, line in zip(root.findall(f"{{{CAC}}}InvoiceLine"), invoice.lines, strict=True):
        item = ensure(il, CAC, "Item")
        for label in domain.labels(value(line.kinds.get(domain.KEY), "etiket_no")):
            ident = child(item, CAC, "AdditionalItemIdentification")
            child(ident, CBC, "ID", label, schemeID=domain.LABEL_SCHEME)


def _scheme(el: etree._Element) -> str:
    return str(el.get("schemeID") or "").strip().upper()


def _describe(root: etree._Element) -> Details | None:
    """The shipment number and each line's label numbers; None without any."""
    if not isinstance(root.tag, str):
        return None
    rows: list[tuple[str, str]] = []
    for ident in root.findall(f"{{{CAC}}}AccountingSupplierParty/{{{CAC}}}Party/"
                              f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
        text = text_of(ident, 100)
        if _scheme(ident) == domain.SHIPMENT_SCHEME and text:
            rows.append((SHIPMENT_LABEL, text))
    per_line: list[Rows] = []
    for il in root.findall(f"{{{CAC}}}InvoiceLine"):
        found = [text_of(i, 100) for i in il.findall(
            f"{{{CAC}}}Item/{{{CAC}}}AdditionalItemIdentification/{{{CBC}}}ID")
            if _scheme(i) == domain.LABEL_SCHEME and text_of(i, 100)]
        shown = ", ".join(found[:_MAX_SHOWN]) + (" …" if len(found) > _MAX_SHOWN else "")
        per_line.append(((LABEL_LABEL, shown),) if found else ())
    if not rows and not any(per_line):
        return None
    return Details(title=domain.TITLE, rows=tuple(rows[:5]), lines=tuple(per_line))


UBL_KINDS = (UblKind(domain.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
