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
from app.ubl.kinds import Details, UblKind
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, ensure

SCHEME = "YTBNO"
_NS = {"cac": CAC, "cbc": CBC}
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


def _text(el: etree._Element, path: str) -> str:
    found = el.xpath(path, namespaces=_NS)
    return " ".join(str(x).strip() for x in found if str(x).strip())


def _describe(root: etree._Element) -> Details | None:
    ids = root.xpath("cac:ContractDocumentReference[cbc:ID/@schemeID='YTBNO']", namespaces=_NS)
    if not ids:
        return None
    ref = ids[0]
    rows = [("Yatırım teşvik belgesi no", _text(ref, "cbc:ID/text()"))]
    issued = _text(ref, "cbc:IssueDate/text()")
    if issued:
        rows.append(("Teşvik belgesi tarihi", issued))
    lines = []
    for il in root.xpath("cac:InvoiceLine", namespaces=_NS):
        code = _text(il, "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/text()")
        row: list[tuple[str, str]] = []
        if code:
            words = _WORDS.get(code)
            row.append(("Harcama tipi", f"{code} – {words}" if words else code))
        for label, path in (("Makine adı", "cac:Item/cbc:ModelName/text()"),
                            ("Makine sıra no", "cac:Item/cac:ItemInstance/cbc:ProductTraceID/text()"),
                            ("Makine ID", "cac:Item/cac:ItemInstance/cbc:SerialID/text()")):
            text = _text(il, path)
            if text:
                row.append((label, text))
        lines.append(tuple(row))
    return Details("Yatırım teşvik", tuple(rows), tuple(lines))


UBL_KINDS = (UblKind(KEY, build=_build, describe=_describe),)
