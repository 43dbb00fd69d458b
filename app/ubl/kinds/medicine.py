"""İlaç ve tıbbi cihaz in the invoice XML: each line's product number as
``cac:Item/cac:AdditionalItemIdentification/cbc:ID`` with schemeID ``ILAC``, ``TIBBICIHAZ``
or ``DIGER`` (IlacTibbiCihazAdditionalItemIdentificationCheck; the schemes of GİB's code list
``AdditionalItemIdentificationIDType``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from app.domain.kinds import medicine as domain
from app.domain.kinds import value
from app.ubl.kinds import Details, Rows, UblKind, text_of
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, ensure

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals


def _build(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    for il, line in zip(root.findall(f"{{{CAC}}}InvoiceLine"), invoice.lines, strict=True):
        block = line.kinds.get(domain.KEY)
        scheme, code = value(block, "scheme"), value(block, "code")
        if scheme and code:
            ident = child(ensure(il, CAC, "Item"), CAC, "AdditionalItemIdentification")
            child(ident, CBC, "ID", str(code), schemeID=str(scheme))


def _describe(root: etree._Element) -> Details | None:
    """Each line's medicine / device / product number; None without any."""
    if not isinstance(root.tag, str):
        return None
    per_line: list[Rows] = []
    for il in root.findall(f"{{{CAC}}}InvoiceLine"):
        rows: list[tuple[str, str]] = []
        for ident in il.findall(f"{{{CAC}}}Item/{{{CAC}}}AdditionalItemIdentification/"
                                f"{{{CBC}}}ID"):
            label = domain.SCHEME_LABELS.get(str(ident.get("schemeID") or "").strip().upper())
            text = text_of(ident)
            if label and text and len(rows) < 10:
                rows.append((label, text))
        per_line.append(tuple(rows))
    if not any(per_line):
        return None
    return Details(title=domain.TITLE, lines=tuple(per_line))


UBL_KINDS = (UblKind(domain.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
