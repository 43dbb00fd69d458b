"""Yatırım teşvik in UBL (``app.domain.kinds.investment``): the certificate as
``cac:ContractDocumentReference`` (``cbc:ID schemeID="YTBNO"`` + ``cbc:IssueDate``), and on
each line the harcama tipi as ``Item/CommodityClassification/ItemClassificationCode``; a
machinery line (01) also carries ``Item/ModelName`` (makine adı) and
``Item/ItemInstance/ProductTraceID`` (makine teçhizat sıra no) and ``SerialID`` (makine ID),
as in GİB's samples YTB_*.xml and GİB's general.xslt."""

from __future__ import annotations

from typing import Any

from lxml import etree

from app.domain.kinds import value
from app.domain.kinds.investment import ITEM_CLASSES, KEY
from app.ubl.kinds import Details, UblKind, text_at, tr_date
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, ensure

SCHEME = "YTBNO"
_WORDS = dict(ITEM_CLASSES)


def _build(root: etree._Element, invoice: Any, ctx: Any, totals: Any) -> None:
    block = invoice.kinds.get(KEY) or {}
    ref = child(root, CAC, "ContractDocumentReference")
    child(ref, CBC, "ID", value(block, "ytb_no"), schemeID=SCHEME)
    child(ref, CBC, "IssueDate", value(block, "ytb_date").isoformat())
    for line, il in zip(invoice.lines, root.findall(f"{{{CAC}}}InvoiceLine"), strict=True):
        data = line.kinds.get(KEY) or {}
        item = ensure(il, CAC, "Item")
        if value(data, "model_name"):
            child(item, CBC, "ModelName", value(data, "model_name"))
        child(child(item, CAC, "CommodityClassification"), CBC, "ItemClassificationCode",
              value(data, "item_class"))
        if value(data, "trace_id") or value(data, "serial"):
            instance = child(item, CAC, "ItemInstance")
            if value(data, "trace_id"):
                child(instance, CBC, "ProductTraceID", value(data, "trace_id"))
            if value(data, "serial"):
                child(instance, CBC, "SerialID", value(data, "serial"))


_C, _B = f"{{{CAC}}}", f"{{{CBC}}}"


def _describe(root: etree._Element) -> Details | None:
    ref = next((r for r in root.findall(f"{_C}ContractDocumentReference")
                if (r.find(f"{_B}ID") is not None
                    and r.find(f"{_B}ID").get("schemeID") == "YTBNO")), None)
    if ref is None:
        return None
    rows = [("Yatırım teşvik belgesi no", text_at(ref, f"{_B}ID"))]
    issued = text_at(ref, f"{_B}IssueDate")
    if issued:
        rows.append(("Teşvik belgesi tarihi", tr_date(issued)))
    lines = []
    for il in root.findall(f"{_C}InvoiceLine"):
        code = text_at(il, f"{_C}Item/{_C}CommodityClassification/{_B}ItemClassificationCode")
        row: list[tuple[str, str]] = []
        if code:
            words = _WORDS.get(code)
            row.append(("Harcama tipi", f"{code} – {words}" if words else code))
        for label, path in (("Makine adı", f"{_C}Item/{_B}ModelName"),
                            ("Makine sıra no", f"{_C}Item/{_C}ItemInstance/{_B}ProductTraceID"),
                            ("Makine ID", f"{_C}Item/{_C}ItemInstance/{_B}SerialID")):
            text = text_at(il, path)
            if text:
                row.append((label, text))
        lines.append(tuple(row))
    return Details("Yatırım teşvik", tuple(rows), tuple(lines))


UBL_KINDS = (UblKind(KEY, build=_build, describe=_describe),)
