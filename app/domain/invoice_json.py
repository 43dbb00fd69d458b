"""``InvoiceData`` ↔ the invoice JSON of docs/invoice-json.md (amounts as strings)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain import kinds
from app.domain.invoice import InvoiceData


def _s(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def invoice_to_json(inv: InvoiceData) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ettn": inv.ettn,
        "profile": inv.profile.value,
        "type": inv.type.value,
        "series": inv.series,
        "issue_date": inv.issue_date.isoformat(),
        "issue_time": inv.issue_time.strftime("%H:%M:%S"),
        "currency": inv.currency,
        "customer": inv.customer.to_dict(),
        "lines": [
            {
                "name": ln.name,
                "quantity": _s(ln.quantity),
                "unit": ln.unit,
                "unit_price": _s(ln.unit_price),
                "discount_rate": _s(ln.discount_rate),
                "kdv_rate": _s(ln.kdv_rate),
                "withholding_code": ln.withholding_code,
                "withholding_rate": _s(ln.withholding_rate),
                "exemption_code": ln.exemption_code,
                "exemption_reason": ln.exemption_reason,
                "seller_code": ln.seller_code,
                "description": ln.description,
                "other_taxes": [{"code": t.code, "rate": _s(t.rate)} for t in ln.other_taxes],
                **_line_blocks(ln.kinds),
            }
            for ln in inv.lines
        ],
        "notes": list(inv.notes),
    }
    if inv.exchange_rate is not None:
        data["exchange_rate"] = _s(inv.exchange_rate)
    if inv.return_of:
        data["return_of"] = {"number": inv.return_of.number,
                             "date": inv.return_of.date.isoformat()}
    if inv.order_ref:
        data["order_ref"] = {"number": inv.order_ref,
                             "date": inv.order_date.isoformat() if inv.order_date else None}
    if inv.despatch_refs:
        data["despatch_refs"] = [{"number": n, "date": d.isoformat()} for n, d in inv.despatch_refs]
    if inv.payment:
        data["payment"] = {"iban": inv.payment.iban,
                           "due_date": inv.payment.due_date.isoformat() if inv.payment.due_date else None,
                           "note": inv.payment.note}
    if inv.delivery:
        data["delivery"] = inv.delivery
    sale = inv.internet_sale
    if sale:
        data["internet_sale"] = {
            "web": sale.web, "payment_method": sale.payment_method,
            "payment_date": sale.payment_date.isoformat(), "payment_note": sale.payment_note,
            "carrier": {"name": sale.carrier_name, "vkn_tckn": sale.carrier_vkn_tckn,
                        "district": sale.carrier_district, "city": sale.carrier_city},
            "shipment_date": sale.shipment_date.isoformat() if sale.shipment_date else None,
        }
    for kind in kinds.all_kinds():
        if kind.key in inv.kinds and kind.fields:
            data[kind.key] = kinds.to_json(inv.kinds[kind.key], kind.fields)
    return data


def _line_blocks(blocks: dict[str, Any]) -> dict[str, Any]:
    return {kind.key: kinds.to_json(blocks[kind.key], kind.line_fields)
            for kind in kinds.all_kinds() if kind.key in blocks and kind.line_fields}
