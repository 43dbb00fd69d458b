"""Pieces of a printed e-İrsaliye and irsaliye yanıtı: party blocks, the document facts,
the shipment and the notes, all from ``app.domain.despatch_as_read`` values.

Every text a document carries is a stranger's: it reaches a reportlab ``Paragraph`` only
through ``esc`` (so ``<b>`` or ``&amp;`` print as written), and table cells are drawn as
plain strings (``app.pdf.grid``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.despatch import PROFILE_NAMES, TYPE_NAMES
from app.domain.despatch_as_read import DocAddress, DocParty, ReadRef, ShipmentInfo

from .formatting import currency_label, tr_decimal, tr_quantity
from .header import logo_flowable
from .page import Para, Rule, Styles, esc

# cac:AdditionalDocumentReference/cbc:DocumentType → the label printed before its number
_REF_LABELS = {"MATBU": "Matbu İrsaliye No", "FATURA": "Fatura No"}


def tr_day(value: date | None) -> str:
    """``date(2026, 11, 29)`` → ``29.11.2026``; empty when missing."""
    return value.strftime("%d.%m.%Y") if value is not None else ""


def tr_clock(value: time | None) -> str:
    """``time(9, 5, 0)`` → ``09:05:00`` (as written in the document)."""
    return value.strftime("%H:%M:%S") if value is not None else ""


def tr_amount(value: Decimal | None, currency: str = "TRY") -> str:
    """``1.234,56 ₺`` for Turkish lira, ``1.234,56 USD`` for another currency."""
    if value is None:
        return ""
    unit = "₺" if currency_label(currency) == "TL" else currency
    return f"{tr_decimal(value)} {unit}"


def tr_price(value: Decimal | None, currency: str = "TRY") -> str:
    """A unit price keeps its written decimals (2 to 8): ``6.9324`` → ``6,9324 ₺``."""
    if value is None:
        return ""
    places = min(8, max(2, len(format(value.normalize(), "f").partition(".")[2])))
    unit = "₺" if currency_label(currency) == "TL" else currency
    return f"{tr_decimal(value, places)} {unit}"


def profile_text(code: str) -> str:
    return PROFILE_NAMES.get(code, code)  # type: ignore[call-overload]


def type_text(code: str) -> str:
    return TYPE_NAMES.get(code, code)  # type: ignore[call-overload]


def address_lines(a: DocAddress | None) -> list[str]:
    """An address as printed: street and building, then district / city / postal code,
    then the country (plain text, not escaped)."""
    if a is None:
        return []
    out: list[str] = []
    street = " ".join(filter(None, (a.street, a.building_name,
                                    f"No: {a.building_no}" if a.building_no else "")))
    if street:
        out.append(street)
    place = " / ".join(filter(None, (a.district, a.city)))
    place = " ".join(filter(None, (a.postal_code, place)))
    if a.region:
        place = " ".join(filter(None, (place, a.region)))
    if place:
        out.append(place)
    country = a.country_name or a.country_code
    if country:
        out.append(country)
    return out


def _party_lines(p: DocParty, st: Styles) -> list[str]:
    """A party's details as Paragraph mark-up lines (every value escaped)."""
    out = [esc(line) for line in address_lines(p.address)]
    if p.phone:
        out.append(f"Tel: {esc(p.phone)}")
    if p.email:
        out.append(f"E-Posta: {esc(p.email)}")
    if p.web:
        out.append(f"Web Sitesi: {esc(p.web)}")
    if p.tax_office:
        out.append(f"Vergi Dairesi: {esc(p.tax_office)}")
    if p.vkn_tckn:
        out.append(f"<font name='{st.bold}'>{esc(p.scheme or 'VKN/TCKN')}:</font> "
                   f"{esc(p.vkn_tckn)}")
    for scheme, value in p.other_ids:
        out.append(f"{esc(scheme)}: {esc(value)}")
    return out


def sender_block(p: DocParty, st: Styles, logo: bytes | None) -> list[Flowable]:
    """The issuer at the top left (the business's logo above it, as on an invoice)."""
    items: list[Flowable] = []
    if logo:
        items.append(logo_flowable(logo))
        items.append(Spacer(1, 2 * mm))
    items.append(Para(esc(p.display_name), st.name))
    items.append(Para("<br/>".join(_party_lines(p, st)), st.small))
    return items


def receiver_block(p: DocParty, st: Styles, *, buyer: DocParty | None = None) -> list[Flowable]:
    """"SAYIN" and the addressee; the buyer, when the document names another one."""
    items: list[Flowable] = [
        Para("SAYIN", st.normal),
        Para(esc(p.display_name), st.name),
        Para("<br/>".join(_party_lines(p, st)), st.small),
    ]
    if buyer is not None and buyer.vkn_tckn != p.vkn_tckn:
        lines = [f"<font name='{st.bold}'>Alıcı:</font> {esc(buyer.display_name)}",
                 *_party_lines(buyer, st)]
        items.append(Spacer(1, 1.5 * mm))
        items.append(Para("<br/>".join(lines), st.small))
    return items


def ref_rows(orders: Sequence[ReadRef], additional: Sequence[ReadRef]) -> list[tuple[str, str]]:
    """The orders and other documents the document names, as (label, value) rows."""
    rows: list[tuple[str, str]] = []
    for ref in orders:
        rows.append(("Sipariş No", ref.id))
        if ref.issue_date:
            rows.append(("Sipariş Tarihi", tr_day(ref.issue_date)))
    for ref in additional:
        if ref.type_code == "DespatchAdviceID":
            continue  # a receipt advice's answered despatch, printed with its own label
        label = _REF_LABELS.get(ref.type.upper(), "Ek Belge")
        kind = "" if ref.type.upper() in _REF_LABELS or not ref.type else f" ({ref.type})"
        rows.append((label, f"{ref.id}{kind} {tr_day(ref.issue_date)}".strip()))
    return rows


def shipment_rows(sh: ShipmentInfo) -> list[tuple[str, str]]:
    """Carrier or drivers, plates, trailer plates and the delivery address."""
    rows: list[tuple[str, str]] = []
    if sh.carrier is not None:
        name = sh.carrier.display_name or sh.carrier_name
        rows.append(("Taşıyıcı", f"{name} ({sh.carrier.scheme}: {sh.carrier.vkn_tckn})"
                     if name else f"{sh.carrier.scheme}: {sh.carrier.vkn_tckn}"))
    elif sh.carrier_name:
        rows.append(("Taşıyıcı", sh.carrier_name))
    for d in sh.drivers:
        name = " ".join(filter(None, (d.first_name, d.family_name)))
        who = f"{name} (TCKN: {d.nationality_id})" if d.nationality_id else name
        rows.append(("Şoför", who))
    if sh.plates:
        rows.append(("Araç Plakası", ", ".join(p.number for p in sh.plates)))
    if sh.trailers:
        rows.append(("Dorse Plakası", ", ".join(p.number for p in sh.trailers)))
    if sh.delivery_address is not None:
        rows.append(("Teslim Adresi", ", ".join(address_lines(sh.delivery_address))))
    return rows


def quantity_text(value: Decimal | None) -> str:
    """``1234.5`` → ``1.234,5``; empty when missing."""
    return tr_quantity(value)


def notes_flowables(notes: Sequence[str], st: Styles) -> list[Flowable]:
    """The document's notes under a thin rule (escaped: printed as written)."""
    if not notes:
        return []
    items: list[Flowable] = [Spacer(1, 3 * mm), Rule(), Spacer(1, 1 * mm)]
    for note in notes:
        items.append(Para(f"<font name='{st.bold}'>Not:</font> {esc(note)}", st.note))
    return items
