"""The UBL side of the technology support sale (``app.domain.kinds.technology``): each line's
device as ``Item/AdditionalItemIdentification/ID`` with schemeID ``TELEFON`` (the IMEI) or
``TABLET_PC`` (the serial number) — GİB's ``TeknolojiDestekAdditionalItemIdentificationCheck``.
The PDF shows the number under the line's name."""

from __future__ import annotations

from typing import Any

from lxml import etree

from app.domain.kinds import technology
from app.domain.kinds import value as kv
from app.ubl.kinds import Details, UblKind, text_of
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child

_C, _B = f"{{{CAC}}}", f"{{{CBC}}}"
_LABELS = {technology.PHONE: "IMEI (telefon)", technology.TABLET: "Seri No (tablet)"}


def _build(root: etree._Element, invoice: Any, ctx: Any, totals: Any) -> None:
    for il, line in zip(root.findall(f"{_C}InvoiceLine"), invoice.lines, strict=False):
        block = line.kinds.get(technology.KEY)
        item = il.find(f"{_C}Item")
        if not kv(block, "number") or item is None:
            continue
        ident = child(item, CAC, "AdditionalItemIdentification")
        child(ident, CBC, "ID", kv(block, "number"), schemeID=kv(block, "device"))


def _describe(root: etree._Element) -> Details | None:
    lines = []
    for il in root.findall(f"{_C}InvoiceLine"):
        rows = []
        for ident in il.findall(f"{_C}Item/{_C}AdditionalItemIdentification/{_B}ID"):
            label = _LABELS.get(ident.get("schemeID") or "")
            if label and text_of(ident):
                rows.append((label, text_of(ident)))
        lines.append(tuple(rows))
    if not any(lines):
        return None
    return Details("Teknoloji Destek", (), tuple(lines))


UBL_KINDS = (UblKind(technology.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
