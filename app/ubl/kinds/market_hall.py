"""HKS in the invoice XML: each line's künye number (and the owner of the goods, when given)
as ``cac:Item/cac:AdditionalItemIdentification/cbc:ID`` with GİB's schemeIDs ``KUNYENO``,
``MALSAHIBIVKNTCKN``, ``MALSAHIBIADSOYADUNVAN`` (HKSInvioceCheck; GİB's HKS-Ornek1.xml)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from app.domain.kinds import market_hall as domain
from app.domain.kinds import value
from app.ubl.kinds import Details, Rows, UblKind, text_of
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, ensure

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals

_SCHEMES = (
    ("kunye_no", domain.SCHEME_KUNYE),
    ("owner_id", domain.SCHEME_OWNER_ID),
    ("owner_name", domain.SCHEME_OWNER_NAME),
)
_LABELS = {
    domain.SCHEME_KUNYE: domain.KUNYE_LABEL,
    domain.SCHEME_OWNER_ID: "Mal Sahibi VKN/TCKN",
    domain.SCHEME_OWNER_NAME: "Mal Sahibi",
}


def _build(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    lines = root.findall(f"{{{CAC}}}InvoiceLine")
    for il, line in zip(lines, invoice.lines, strict=True):
        block = line.kinds.get(domain.KEY)
        item = ensure(il, CAC, "Item")
        for key, scheme in _SCHEMES:
            text = value(block, key)
            if text:
                ident = child(item, CAC, "AdditionalItemIdentification")
                child(ident, CBC, "ID", str(text), schemeID=scheme)


def _describe(root: etree._Element) -> Details | None:
    """Künye No (and the owner) per line, as the signed XML says; None without any."""
    if not isinstance(root.tag, str):
        return None
    per_line: list[Rows] = []
    found = False
    for il in root.findall(f"{{{CAC}}}InvoiceLine"):
        rows: list[tuple[str, str]] = []
        for ident in il.findall(f"{{{CAC}}}Item/{{{CAC}}}AdditionalItemIdentification/"
                                f"{{{CBC}}}ID"):
            label = _LABELS.get(str(ident.get("schemeID") or "").strip().upper())
            text = text_of(ident)
            if label and text:
                rows.append((label, text))
        found = found or bool(rows)
        per_line.append(tuple(rows))
    if not found:
        return None
    return Details(title=domain.TITLE, lines=tuple(per_line))


UBL_KINDS = (UblKind(domain.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
