"""GİB karekod (QR) content of an invoice, read from the signed XML for printing.

The rules (Karekod Standardı Kılavuzu V1.2 §2.1, §2.1.1, §2.2) are in ``app.ubl.karekod``;
this module feeds them what ``app.pdf.printable`` reads, from any producer's invoice.
§3: the karekod is placed at the top right corner of the document.
"""

from __future__ import annotations

import base64

from lxml import etree

from app.ubl.karekod import (
    amount_text,
    compose,
    karekod_png,
    karekod_text,
    rate_text,
)

from .printable import KDV_CODE, Invoice, read_invoice, read_invoice_root

__all__ = ["amount_text", "karekod_payload", "karekod_picture", "karekod_text",
           "payload_from_invoice", "rate_text"]


def _is_kdv(code: str, name: str) -> bool:
    if code:
        return code == KDV_CODE
    upper = name.upper()
    return "KDV" in upper or "KATMA" in upper


def payload_from_invoice(inv: Invoice) -> dict[str, str]:
    """The karekod object of an invoice as read for printing (``app.ubl.karekod.compose``
    holds the rules); a document-level subtotal is KDV by code 0015, or by its name when
    the code is missing."""
    return compose(
        supplier=inv.supplier.vkn_tckn, customer=inv.customer.vkn_tckn, profile=inv.profile,
        type_code=inv.type_code, issue_date=inv.issue_date, number=inv.number, uuid=inv.uuid,
        currency=inv.currency, line_extension=inv.line_extension,
        kdv=[(st.percent, st.taxable, st.amount) for st in inv.tax_subtotals
             if _is_kdv(st.code, st.name)],
        tax_inclusive=inv.tax_inclusive, payable=inv.payable, passport_no=inv.passport_no,
        intermediary_vkn=inv.tax_representative_vkn)


def karekod_payload(xml: bytes) -> dict[str, str]:
    """The karekod JSON object of the invoice ``xml`` (keys exactly as GİB's guide)."""
    return payload_from_invoice(read_invoice(xml))


def karekod_picture(root: etree._Element) -> str:
    """Base64 PNG of the karekod of the invoice ``root``, read from its data (what
    Tezgâh's view shows instead of a picture the invoice carries)."""
    return base64.b64encode(karekod_png(karekod_text(
        payload_from_invoice(read_invoice_root(root))))).decode("ascii")
