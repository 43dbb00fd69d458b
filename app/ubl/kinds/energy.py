"""The UBL side of electric vehicle charging (``app.domain.kinds.energy``), as GİB's samples
``SARJ.xml`` and ``SARJANLIK.xml`` write it: the charging period in ``cac:InvoicePeriod``,
the vehicle's plate and identity number as the buyer's ``PartyIdentification`` (schemeID
``PLAKA``, ``ARACKIMLIKNO``), the charging unit's report as an ``AdditionalDocumentReference``
(schemeID ``ESURaporID``) and each line's unit serial in ``Item/ItemInstance/SerialID``.

What the PDF shows follows GİB's ``general.xslt``: the period ("Dönem: başlangıç / bitiş");
the buyer's identifications are printed with the buyer (``PLAKA: 06GIB06``) by the common
party block, so they are not repeated here.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from app.domain.kinds import energy
from app.domain.kinds import value as kv
from app.ubl.kinds import Details, UblKind, text_at, text_of, tr_date
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, ensure

_C, _B = f"{{{CAC}}}", f"{{{CBC}}}"


def _build(root: etree._Element, invoice: Any, ctx: Any, totals: Any) -> None:
    block = invoice.kinds.get(energy.KEY) or {}
    start, end = kv(block, "start_date", None), kv(block, "end_date", None)
    if start is not None or end is not None:
        period = child(root, CAC, "InvoicePeriod")
        if start is not None:
            child(period, CBC, "StartDate", start.isoformat())
            if kv(block, "start_time"):
                child(period, CBC, "StartTime", kv(block, "start_time"))
        if end is not None:
            child(period, CBC, "EndDate", end.isoformat())
            if kv(block, "end_time"):
                child(period, CBC, "EndTime", kv(block, "end_time"))
    if kv(block, "report_id"):
        ref = child(root, CAC, "AdditionalDocumentReference")
        child(ref, CBC, "ID", kv(block, "report_id"), schemeID="ESURaporID")
        child(ref, CBC, "IssueDate", (start or invoice.issue_date).isoformat())
    party = root.find(f"{_C}AccountingCustomerParty/{_C}Party")
    if party is not None:
        for key, scheme in (("plate", "PLAKA"), ("vehicle_id", "ARACKIMLIKNO")):
            if kv(block, key):
                child(child(party, CAC, "PartyIdentification"), CBC, "ID", kv(block, key),
                      schemeID=scheme)
    for il, line in zip(root.findall(f"{_C}InvoiceLine"), invoice.lines, strict=False):
        serial = kv(line.kinds.get(energy.KEY), "serial")
        item = il.find(f"{_C}Item")
        if serial and item is not None:
            child(ensure(item, CAC, "ItemInstance"), CBC, "SerialID", serial)


def _moment(period: etree._Element, day: str, hour: str) -> str:
    d, t = text_at(period, f"{_B}{day}"), text_at(period, f"{_B}{hour}")
    return " ".join(p for p in (tr_date(d), t[:5]) if p)


def _describe(root: etree._Element) -> Details | None:
    kind = text_at(root, f"{_B}InvoiceTypeCode")
    if kind not in energy.TYPES and text_at(root, f"{_B}ProfileID") != energy.PROFILE:
        return None
    rows: list[tuple[str, str]] = []
    period = root.find(f"{_C}InvoicePeriod")
    if period is not None:
        start, end = _moment(period, "StartDate", "StartTime"), _moment(period, "EndDate",
                                                                        "EndTime")
        if start or end:
            rows.append(("Şarj Dönemi", f"{start} / {end}"))
    for ref in root.findall(f"{_C}AdditionalDocumentReference"):
        ref_id = ref.find(f"{_B}ID")
        if ref_id is not None and ref_id.get("schemeID") == "ESURaporID" and text_of(ref_id):
            rows.append(("Şarj Ünitesi Rapor No", text_of(ref_id)))
    lines = tuple(
        tuple(("Şarj Ünitesi Seri No", s) for s in
              [text_at(il, f"{_C}Item/{_C}ItemInstance/{_B}SerialID")] if s)
        for il in root.findall(f"{_C}InvoiceLine"))
    return Details("Elektrikli Araç Şarjı", tuple(rows), lines)


UBL_KINDS = (UblKind(energy.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
