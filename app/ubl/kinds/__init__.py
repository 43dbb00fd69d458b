"""The UBL side of each invoice kind (``app.domain.kinds``): what it adds to the invoice
XML after the common builder, and what it shows when the signed XML is read back.

Each module beside this one (same name as its domain module) declares ``UBL_KINDS``: a tuple
of ``UblKind`` whose ``key`` is the domain kind's key. ``build`` receives the finished
common invoice tree and adds its elements with ``app.ubl.order.place`` / ``child`` /
``ensure`` (so the XSD order holds whatever is already there); ``describe`` reads from the
signed XML what the PDF and the invoice view print for this kind — label, value pairs, on the
invoice and per line, only from what the signature covers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree

from app.xmlsafe import string_value

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals

_log = logging.getLogger(__name__)

#: (label, value) rows shown for one kind
Rows = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Details:
    """What one kind shows: a titled block of rows on the invoice, and rows per line
    (``lines[i]`` belongs to the i-th InvoiceLine, in document order)."""

    title: str
    rows: Rows = ()
    lines: tuple[Rows, ...] = ()


@dataclass(frozen=True)
class UblKind:
    key: str
    #: (invoice root, invoice, render context, totals) → adds elements in place
    build: Callable[[etree._Element, InvoiceData, Any, InvoiceTotals], None] | None = None
    #: invoice root (signed, as stored) → what to show, or None when absent
    describe: Callable[[etree._Element], Details | None] | None = None


def text_of(el: etree._Element | None, limit: int = 200) -> str:
    """What ``describe`` shows of an element: its whole text as the signature covers it (a
    comment or processing instruction inside does not cut it short — ``app.xmlsafe``),
    whitespace collapsed, at most ``limit`` characters; "" when there is no element."""
    return " ".join((string_value(el) or "").split())[:limit]


def text_at(el: etree._Element | None, path: str, limit: int = 200) -> str:
    """``text_of`` the first element at ``path`` below ``el``."""
    return "" if el is None else text_of(el.find(path), limit)


def tr_date(value: str) -> str:
    """``2026-11-27`` → ``27.11.2026``; anything else as written."""
    v = value.strip()
    digits = v[:4] + v[5:7] + v[8:]
    if len(v) == 10 and v[4] == "-" and v[7] == "-" and digits.isascii() and digits.isdigit():
        return f"{v[8:10]}.{v[5:7]}.{v[:4]}"
    return v


def _registered() -> tuple[UblKind, ...]:
    from app.ubl.kinds import registry

    return registry.UBL_KINDS


def apply(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    """Every active kind adds its part to the built invoice."""
    from app.domain import kinds

    active = {k.key for k in kinds.active(invoice.profile.value, invoice.type.value)}
    for ubl in _registered():
        if ubl.key in active and ubl.build is not None:
            ubl.build(root, invoice, ctx, totals)


_C = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
_B = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
#: Profiles and types no kind reads by itself (none of them is a kind's profile or type:
#: tests/unit/test_pdf_lazy_kinds.py checks them against every kind's constants).
PLAIN_PROFILES = frozenset({"TEMELFATURA", "TICARIFATURA", "EARSIVFATURA"})
PLAIN_TYPES = frozenset({"SATIS", "IADE", "TEVKIFAT", "ISTISNA", "OZELMATRAH", "IHRACKAYITLI"})
#: Elements only kind data brings (or that a kind reads): item identifications (market
#: hall, medicine, technology, İDİS), contract references (investment), the buyer and the
#: tax representative (traveller).
_KIND_PATHS = (f"{_C}InvoiceLine/{_C}Item/{_C}AdditionalItemIdentification",
               f"{_C}ContractDocumentReference", f"{_C}BuyerCustomerParty",
               f"{_C}TaxRepresentativeParty")
#: the İDİS shipment number scheme (``app.domain.kinds.idis.SHIPMENT_SCHEME``)
SHIPMENT_SCHEME = "SEVKIYATNO"


def may_have_kind_data(root: etree._Element) -> bool:
    """False only when no kind can show anything for this invoice, so that printing a plain
    invoice never imports the kind modules; True whenever in doubt."""
    if not isinstance(root.tag, str):
        return True
    if (text_at(root, f"{_B}ProfileID").upper() not in PLAIN_PROFILES
            or text_at(root, f"{_B}InvoiceTypeCode").upper() not in PLAIN_TYPES):
        return True
    if any(root.find(path) is not None for path in _KIND_PATHS):
        return True
    return any(str(i.get("schemeID") or "").strip().upper() == SHIPMENT_SCHEME
               for i in root.findall(f"{_C}AccountingSupplierParty/{_C}Party/"
                                     f"{_C}PartyIdentification/{_B}ID"))


def describe(root: etree._Element) -> tuple[Details, ...]:
    """What every kind present in this invoice shows (read from the XML only)."""
    return describe_all(root) if may_have_kind_data(root) else ()


def describe_all(root: etree._Element) -> tuple[Details, ...]:
    """``describe`` asking every kind, without the shortcut for plain invoices."""
    out = []
    for ubl in _registered():
        if ubl.describe is None:
            continue
        try:
            details = ubl.describe(root)
        except Exception:  # a received invoice is hostile: show the rest of it
            _log.warning("could not read the %s details of an invoice", ubl.key, exc_info=True)
            continue
        if details is not None and (details.rows or any(details.lines)):
            out.append(details)
    return tuple(out)


__all__ = ["Details", "Rows", "UblKind", "apply", "describe", "describe_all",
           "may_have_kind_data", "text_at", "text_of", "tr_date"]
