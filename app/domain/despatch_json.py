"""``DespatchData`` ↔ the despatch JSON of docs/despatch-json.md, and a despatch prefilled
from an invoice draft.

``despatch_to_json(d)`` writes what ``DespatchData.from_json`` reads back to an equal
``DespatchData`` (quantities and prices as strings). ``from_invoice_json(invoice)`` takes
the invoice JSON (docs/invoice-json.md, or an ``InvoiceData``) and gives a despatch JSON with
the customer, the goods and their quantities, units, prices and seller codes, the order
and the invoice's HKS künye / İDİS numbers; the shipment (carrier or driver and plate) is
left for the user to fill in.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from app.domain.despatch import (
    DEFAULT_DESPATCH_SERIES,
    DespatchData,
    DespatchProfile,
    LinkedDocument,
)
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.party import Address, Party

# Invoice profile → the despatch profile whose lines carry the same numbers.
_PROFILE_OF_INVOICE = {"HKS": DespatchProfile.HKSIRSALIYE, "IDIS": DespatchProfile.IDISIRSALIYE}
_HKS_INVOICE_TYPES = ("HKSSATIS", "HKSKOMISYONCU")


def _s(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _address(a: Address) -> dict[str, str]:
    return {"street": a.street, "building_no": a.building_no, "district": a.district,
            "city": a.city, "postal_code": a.postal_code, "country": a.country}


def _party(p: Party) -> dict[str, Any]:
    return p.to_dict()


def _ref(r: LinkedDocument) -> dict[str, str]:
    return {"number": r.number, "date": r.date.isoformat()}


def despatch_to_json(d: DespatchData) -> dict[str, Any]:
    shipment: dict[str, Any] = {"delivery_address": _address(d.delivery_address)}
    if d.despatch_address is not None:
        shipment["despatch_address"] = _address(d.despatch_address)
    if d.carrier is not None:
        shipment["carrier"] = {"vkn_tckn": d.carrier.vkn_tckn, "name": d.carrier.name,
                               "district": d.carrier.district, "city": d.carrier.city}
    if d.driver is not None:
        shipment["driver"] = {"first_name": d.driver.first_name,
                              "family_name": d.driver.family_name, "tckn": d.driver.tckn,
                              "title": d.driver.title}
    if d.vehicle_plates:
        shipment["vehicle_plates"] = list(d.vehicle_plates)
    if d.trailer_plates:
        shipment["trailer_plates"] = list(d.trailer_plates)
    lines = []
    for ln in d.lines:
        line: dict[str, Any] = {"name": ln.name, "quantity": _s(ln.quantity), "unit": ln.unit}
        if ln.unit_price is not None:
            line["unit_price"] = _s(ln.unit_price)
        for key in ("seller_code", "buyer_code", "description"):
            if getattr(ln, key):
                line[key] = getattr(ln, key)
        if ln.kunye_no:
            line["hks"] = {"kunye_no": ln.kunye_no}
        if ln.etiket_no:
            line["idis"] = {"etiket_no": ", ".join(ln.etiket_no)}
        lines.append(line)
    data: dict[str, Any] = {
        "ettn": d.ettn,
        "profile": d.profile.value,
        "type": d.type.value,
        "series": d.series,
        "issue_date": d.issue_date.isoformat(),
        "issue_time": d.issue_time.strftime("%H:%M:%S"),
        "despatch_date": d.despatch_date.isoformat(),
        "despatch_time": d.despatch_time.strftime("%H:%M:%S"),
        "customer": _party(d.customer),
        "shipment": shipment,
        "lines": lines,
        "notes": list(d.notes),
        "currency": d.currency,
    }
    if d.buyer is not None:
        data["buyer"] = _party(d.buyer)
    if d.seller is not None:
        data["seller"] = _party(d.seller)
    if d.order_ref is not None:
        data["order_ref"] = _ref(d.order_ref)
    if d.printed is not None:
        data["printed"] = _ref(d.printed)
    if d.invoice_refs:
        data["invoice_refs"] = [_ref(r) for r in d.invoice_refs]
    if d.sevkiyat_no:
        data["idis"] = {"sevkiyat_no": d.sevkiyat_no}
    return data


def from_invoice_json(invoice: dict[str, Any] | InvoiceData, *,
                      series: str = DEFAULT_DESPATCH_SERIES) -> dict[str, Any]:
    """A despatch JSON prefilled from an invoice draft (its JSON or an ``InvoiceData``):
    the customer as receiver, the goods with their quantities, units, prices and seller
    codes, the order reference, and on an HKS or İDİS invoice the künye / İDİS numbers with
    the matching despatch profile. The shipment is left empty; ``DespatchData.from_json``
    asks for it."""
    if isinstance(invoice, InvoiceData):
        from app.domain.invoice_json import invoice_to_json

        invoice = invoice_to_json(invoice)
    if not isinstance(invoice, dict):
        raise UserError("Fatura JSON'u bir nesne ({…}) olmalı.")
    profile_code = str(invoice.get("profile") or "").upper()
    type_code = str(invoice.get("type") or "").upper()
    profile = _PROFILE_OF_INVOICE.get(profile_code, DespatchProfile.TEMELIRSALIYE)
    if type_code in _HKS_INVOICE_TYPES:
        profile = DespatchProfile.HKSIRSALIYE
    lines = []
    for raw in invoice.get("lines") or []:
        if not isinstance(raw, dict):
            continue
        line: dict[str, Any] = {"name": raw.get("name"), "quantity": raw.get("quantity", "1"),
                                "unit": raw.get("unit") or "C62"}
        for key in ("unit_price", "seller_code", "description"):
            if raw.get(key) not in (None, ""):
                line[key] = raw[key]
        if profile is DespatchProfile.HKSIRSALIYE and isinstance(raw.get("hks"), dict):
            line["hks"] = {"kunye_no": raw["hks"].get("kunye_no", "")}
        if profile is DespatchProfile.IDISIRSALIYE and isinstance(raw.get("idis"), dict):
            line["idis"] = {"etiket_no": raw["idis"].get("etiket_no", "")}
        lines.append(line)
    data: dict[str, Any] = {
        "profile": profile.value,
        "type": "SEVK",
        "series": series,
        "customer": copy.deepcopy(invoice.get("customer")),
        "shipment": {},
        "lines": lines,
        "notes": [],
    }
    if invoice.get("currency") not in (None, "", "TRY"):
        data["currency"] = invoice["currency"]
    if invoice.get("order_ref"):
        data["order_ref"] = copy.deepcopy(invoice["order_ref"])
    if profile is DespatchProfile.IDISIRSALIYE and isinstance(invoice.get("idis"), dict):
        data["idis"] = {"sevkiyat_no": invoice["idis"].get("sevkiyat_no", "")}
    return data


__all__ = ["despatch_to_json", "from_invoice_json"]
