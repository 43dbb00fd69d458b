"""GİB karekod (QR) content of an invoice.

Karekod Standardı Kılavuzu V1.2: §2.1 (e-Fatura), §2.1.1 (Yolcu Beraber Eşya, adds
``pasaportno`` and ``aracikurumvkn``), §2.2 (e-Arşiv Fatura: same keys, senaryo
EARSIVFATURA). Every value is taken from the signed XML; amounts carry two decimals
("1000.00"), the KDV rate goes inside the key's parentheses (``kdvmatrah(8)``).
§3: the karekod is placed at the top right corner of the document.
"""

from __future__ import annotations

import json
from decimal import Decimal

from app.domain.money import xml_amount

from .printable import KDV_CODE, YOLCU_BERABER_PROFILE, Invoice, read_invoice


def amount_text(value: Decimal | None) -> str:
    """Two decimals, dot separator, no grouping: ``Decimal('1080')`` → ``'1080.00'``."""
    return "" if value is None else xml_amount(value)


def rate_text(percent: Decimal | None) -> str:
    """The rate as GİB's example writes it: ``18`` (not ``18.0``), ``0.5`` kept."""
    if percent is None:
        return "0"
    if percent == percent.to_integral_value():
        return str(int(percent))
    return format(percent.normalize(), "f")


def _is_kdv(code: str, name: str) -> bool:
    if code:
        return code == KDV_CODE
    upper = name.upper()
    return "KDV" in upper or "KATMA" in upper


def payload_from_invoice(inv: Invoice) -> dict[str, str]:
    data: dict[str, str] = {
        "vkntckn": inv.supplier.vkn_tckn,
        "avkntckn": inv.customer.vkn_tckn,
    }
    if inv.profile == YOLCU_BERABER_PROFILE:
        # §2.1.1: passport of the traveller (BuyerCustomerParty) and the intermediary's VKN
        data["pasaportno"] = inv.passport_no
        data["aracikurumvkn"] = inv.tax_representative_vkn
    data.update(
        {
            "senaryo": inv.profile,
            "tip": inv.type_code,
            "tarih": inv.issue_date,
            "no": inv.number,
            "ettn": inv.uuid,
            "parabirimi": inv.currency,
            "malhizmettoplam": amount_text(inv.line_extension),
        }
    )
    # One kdvmatrah/hesaplanankdv pair per KDV rate (document-level TaxSubtotal); two
    # subtotals with the same rate are added together.
    per_rate: dict[str, list[Decimal]] = {}
    for st in inv.tax_subtotals:
        if not _is_kdv(st.code, st.name):
            continue
        sums = per_rate.setdefault(rate_text(st.percent), [Decimal(0), Decimal(0)])
        sums[0] += st.taxable or Decimal(0)
        sums[1] += st.amount
    for rate, (taxable, amount) in per_rate.items():
        data[f"kdvmatrah({rate})"] = amount_text(taxable)
        data[f"hesaplanankdv({rate})"] = amount_text(amount)
    data["vergidahil"] = amount_text(inv.tax_inclusive)
    data["odenecek"] = amount_text(inv.payable)
    return data


def karekod_payload(xml: bytes) -> dict[str, str]:
    """The karekod JSON object of the invoice ``xml`` (keys exactly as GİB's guide)."""
    return payload_from_invoice(read_invoice(xml))


def karekod_text(payload: dict[str, str]) -> str:
    """The string encoded in the QR code: compact JSON, keys in the guide's order."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
