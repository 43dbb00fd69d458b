"""The printable view of a UBL-TR invoice: what the PDF, its karekod and the HTML show.

Built on ``app.ubl.reader`` (the one reader of UBL-TR invoices): this module does not walk
the XML again, it only shapes what was read for printing (names joined, address lines,
whitespace collapsed, the e-Arşiv sending type and internet-sale details worked out).
Amounts stay ``Decimal`` exactly as written; the document is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from app.ubl.kinds import Details
from app.ubl.reader import (
    KDV_CODE,
    UblDocumentRef,
    UblInvoice,
    UblLine,
    UblParty,
    UblTaxSubtotal,
    read_ubl,
    read_ubl_root,
)
from app.ubl.stylesheet import EmbeddedXslt, embedded_xslt

EARSIV_PROFILE = "EARSIVFATURA"
YOLCU_BERABER_PROFILE = "YOLCUBERABERFATURA"


@dataclass(frozen=True)
class PrintedParty:
    name: str = ""
    ids: tuple[tuple[str, str], ...] = ()  # (schemeID, value) in document order
    tax_office: str = ""
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    fax: str = ""
    email: str = ""
    website: str = ""

    @property
    def vkn_tckn(self) -> str:
        """The VKN or TCKN (schemeID VKN/TCKN), as the karekod guide §2.1 requires."""
        for scheme, value in self.ids:
            if scheme.upper() in ("VKN", "TCKN"):
                return value
        return ""

    @property
    def id_scheme(self) -> str:
        for scheme, _value in self.ids:
            if scheme.upper() in ("VKN", "TCKN"):
                return scheme.upper()
        return ""


@dataclass(frozen=True)
class LineTax:
    code: str
    name: str
    percent: Decimal | None
    amount: Decimal
    withholding: bool = False


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    name: str
    description: str
    quantity: Decimal | None
    unit_code: str
    price: Decimal | None
    allowance: Decimal  # sum of line discounts (ChargeIndicator false)
    allowance_rate: Decimal | None  # MultiplierFactorNumeric of the first discount (0.05 = %5)
    charge: Decimal  # sum of line charges (ChargeIndicator true)
    kdv_percent: Decimal | None
    kdv_amount: Decimal | None
    other_taxes: tuple[LineTax, ...]
    amount: Decimal  # LineExtensionAmount
    currency: str


@dataclass(frozen=True)
class TaxSubtotal:
    code: str
    name: str
    percent: Decimal | None
    taxable: Decimal | None
    amount: Decimal
    exemption_code: str = ""
    exemption_reason: str = ""

    @property
    def is_kdv(self) -> bool:
        return self.code == KDV_CODE


@dataclass(frozen=True)
class DocumentRef:
    id: str
    date: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Payment:
    means_code: str = ""
    account: str = ""  # IBAN or account number
    account_note: str = ""
    due_date: str = ""
    channel: str = ""


@dataclass(frozen=True)
class InternetSale:
    website: str = ""
    payment_means: str = ""
    payment_date: str = ""
    despatch_date: str = ""
    carrier_name: str = ""
    carrier_id: str = ""


@dataclass(frozen=True)
class Invoice:
    customization: str
    profile: str
    type_code: str
    number: str
    uuid: str
    issue_date: str
    issue_time: str
    currency: str
    supplier: PrintedParty
    customer: PrintedParty
    lines: tuple[InvoiceLine, ...]
    tax_subtotals: tuple[TaxSubtotal, ...]
    withholding_subtotals: tuple[TaxSubtotal, ...]
    tax_total: Decimal | None
    line_extension: Decimal | None
    tax_exclusive: Decimal | None
    tax_inclusive: Decimal | None
    allowance_total: Decimal | None
    charge_total: Decimal | None
    payable: Decimal | None
    notes: tuple[str, ...] = ()
    orders: tuple[DocumentRef, ...] = ()
    despatches: tuple[DocumentRef, ...] = ()
    billing_refs: tuple[DocumentRef, ...] = ()
    contracts: tuple[DocumentRef, ...] = ()  # e.g. Yatırım Teşvik Belgesi (schemeID YTBNO)
    payments: tuple[Payment, ...] = ()
    payment_terms: tuple[str, ...] = ()
    exchange_rate: Decimal | None = None
    passport_no: str = ""
    buyer: PrintedParty | None = None
    tax_representative_vkn: str = ""
    sending_type: str = ""
    sending_note: str = ""  # the note that states the sending type, printed as a field
    internet_sale: InternetSale | None = None
    embedded_xslt: EmbeddedXslt | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: what the scenario or type adds, as the signed XML says it (app.ubl.kinds)
    details: tuple[Details, ...] = ()

    @property
    def is_earsiv(self) -> bool:
        return self.profile == EARSIV_PROFILE

    @property
    def amount_in_words(self) -> str:
        """The note carrying the amount in words ("Yalnız …"), if the issuer wrote one."""
        for note in self.notes:
            if note.strip().lower().startswith(("yalnız", "yalniz", "yazı ile", "yalnız:")):
                return note.strip()
        return ""

    @property
    def other_notes(self) -> tuple[str, ...]:
        skip = {self.amount_in_words, self.sending_note.strip()}
        return tuple(n for n in self.notes if n.strip() and n.strip() not in skip)


# ---------------------------------------------------------------- helpers


# Control characters have no glyph and print as boxes. C1 controls (0x80–0x9F) in a
# received invoice are almost always Windows-1252 bytes read as Latin-1 ("KDV\x92den"), so
# they become the character Windows-1252 meant (’); the rest become spaces.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CP1252 = {c: bytes([c]).decode("cp1252", errors="replace") for c in range(0x80, 0xA0)}


def _control(m: re.Match[str]) -> str:
    ch = _CP1252.get(ord(m.group()), " ")
    return " " if ch == "\ufffd" else ch


def _n(text: str) -> str:
    """Whitespace collapsed and control characters replaced, as printed."""
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(_control, text)
    return " ".join(text.split())


# "No : 56" / "Kapı No: 5" written into BuildingNumber / Room: the label is printed once
_NO_LABEL = re.compile(r"^(?:kap[ıiIİ]\s*)?no\b\s*[:.]?\s*", re.IGNORECASE)


def _numbered(label: str, value: str) -> str:
    v = _n(value)
    if not v:
        return ""
    return f"{label}{_NO_LABEL.sub('', v, count=1) or v}"


def _zero(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


def _party(p: UblParty | None) -> PrintedParty:
    if p is None:
        return PrintedParty()
    name = _n(p.name) or " ".join(
        _n(t) for t in (p.person_title, p.first_name, p.middle_name, p.family_name) if _n(t))
    ids = tuple((scheme, _n(value)) for scheme, value in p.ids if _n(value))
    lines: list[str] = []
    a = p.address
    if a is not None:
        # as GİB's general.xslt builds it: StreetName BuildingName No:BuildingNumber
        # Kapı No:Room, then PostalZone CitySubdivisionName / CityName / Country; the
        # neighbourhood (District, or Region as the e-Arşiv Portal writes it) after them
        street = " ".join(t for t in (_n(a.street), _n(a.building_name),
                                      _numbered("No:", a.building_number),
                                      _numbered("Kapı No:", a.room)) if t)
        if street:
            lines.append(street)
        place = " ".join(_n(t) for t in (a.postal_zone, a.district) if _n(t))
        place = " / ".join(t for t in (place, _n(a.city), _n(a.country_name)) if t)
        if place:
            lines.append(place)
        quarter = " / ".join(dict.fromkeys(t for t in (_n(a.neighbourhood), _n(a.region)) if t))
        if quarter:
            lines.append(quarter)
    return PrintedParty(
        name=name,
        ids=ids,
        tax_office=_n(p.tax_office),
        address_lines=tuple(lines),
        phone=_n(p.phone),
        fax=_n(p.fax),
        email=_n(p.email),
        website=_n(p.website),
    )


def _subtotal(st: UblTaxSubtotal) -> TaxSubtotal:
    amount = _zero(st.amount)
    percent = st.percent
    code = _n(st.code)
    if percent is None and st.taxable and code == KDV_CODE:
        # Percent is optional in UBL; older documents omit it. The KDV rate is then the
        # whole percentage the amounts imply (e.g. 2.73 / 15.15 → 18). Not for taxes
        # charged per unit (ÖTV lists), whose amounts imply no rate.
        percent = (amount * 100 / st.taxable).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return TaxSubtotal(
        code=code,
        name=_n(st.name),
        percent=percent,
        taxable=st.taxable,
        amount=amount,
        exemption_code=_n(st.exemption_code),
        exemption_reason=_n(st.exemption_reason),
    )


def _line(ln: UblLine) -> InvoiceLine:
    allowance = Decimal(0)
    charge = Decimal(0)
    rate: Decimal | None = None
    for ac in ln.allowance_charges:
        amt = _zero(ac.amount)
        if ac.charge:
            charge += amt
        else:
            allowance += amt
            if rate is None and amt:
                rate = ac.multiplier
    kdv_percent: Decimal | None = None
    kdv_amount: Decimal | None = None
    others: list[LineTax] = []
    for st in ln.taxes:
        sub = _subtotal(st)
        if sub.is_kdv:
            if kdv_percent is None:
                kdv_percent = sub.percent
            kdv_amount = (kdv_amount or Decimal(0)) + sub.amount
        else:
            others.append(LineTax(sub.code, sub.name, sub.percent, sub.amount))
    for st in ln.withholdings:
        sub = _subtotal(st)
        others.append(LineTax(sub.code, sub.name, sub.percent, sub.amount, withholding=True))
    return InvoiceLine(
        number=_n(ln.id),
        name=_n(ln.name),
        description=_n(ln.description),
        quantity=ln.quantity,
        unit_code=ln.unit_code,
        price=ln.price,
        allowance=allowance,
        allowance_rate=rate,
        charge=charge,
        kdv_percent=kdv_percent,
        kdv_amount=kdv_amount,
        other_taxes=tuple(others),
        amount=_zero(ln.amount),
        currency=ln.currency,
    )


def _ref(r: UblDocumentRef) -> DocumentRef:
    return DocumentRef(id=_n(r.id), date=_n(r.issue_date),
                       kind=_n(r.document_type) or _n(r.document_type_code))


_SENDING_KEYS = {"SENDINGTYPE", "GONDERIMSEKLI", "GONDERIM_SEKLI", "GÖNDERİMŞEKLİ"}
_SENDING_VALUES = {"ELEKTRONIK", "KAGIT"}


def _sending_type(inv: UblInvoice) -> str:
    """e-Arşiv sending type (ELEKTRONIK / KAGIT) from an AdditionalDocumentReference whose
    DocumentTypeCode or DocumentType says "SendingType"; the value is its ID (or the
    DocumentType when the ID carries the key)."""
    for ref in inv.additional_refs:
        code = _n(ref.document_type_code).upper().replace(" ", "")
        kind = _n(ref.document_type).upper().replace(" ", "")
        ident = _n(ref.id).upper()
        if code in _SENDING_KEYS or kind in _SENDING_KEYS:
            for value in (ident, kind, code):
                if value in _SENDING_VALUES:
                    return value
            return ident
        if ident in _SENDING_KEYS and kind in _SENDING_VALUES:
            return kind
    return ""


_SENDING_NOTE = re.compile(r"^G[öo]nderim\s+[ŞS]ekli\s*:\s*(ELEKTRON[İI]K|KA[ĞG]IT)\b", re.I)


def _sending_note(notes: tuple[str, ...]) -> tuple[str, str]:
    """(sending type, the note saying it) from a note "Gönderim Şekli: ELEKTRONIK"."""
    for note in notes:
        m = _SENDING_NOTE.match(note.strip())
        if m:
            value = m.group(1).upper().replace("İ", "I").replace("Ğ", "G")
            return value, note
    return "", ""


def _internet_sale(inv: UblInvoice, supplier: PrintedParty) -> InternetSale | None:
    """Internet-sale details an e-Arşiv print shows (VUK 509 V.5.2): web address, payment
    means and date, despatch date and carrier. Read from Delivery/CarrierParty and
    PaymentMeans; present only when the invoice carries a carrier or a web-sale reference."""
    marked = any(
        "INTERNET" in (_n(r.document_type_code) + _n(r.document_type) + _n(r.id)).upper()
        for r in inv.additional_refs
    )
    delivery = inv.delivery
    carrier = delivery.carrier if delivery is not None else None
    if not marked and carrier is None:
        return None
    carrier_party = _party(carrier)
    means = inv.payment_means[0] if inv.payment_means else None
    return InternetSale(
        website=supplier.website,
        payment_means=_n(means.code) if means else "",
        payment_date=_n(means.due_date) if means else "",
        despatch_date=(_n(delivery.despatch_date) or _n(delivery.actual_delivery_date))
        if delivery is not None else "",
        carrier_name=carrier_party.name,
        carrier_id=carrier_party.vkn_tckn or (carrier_party.ids[0][1] if carrier_party.ids else ""),
    )


def _sum_or_none(values: tuple[Decimal | None, ...]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _tr_date(value: str) -> str:
    m = _DATE.match(value or "")
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else (value or "")


# ---------------------------------------------------------------- entry points


def printable(inv: UblInvoice) -> Invoice:
    """The printable view of an invoice read by ``app.ubl.reader``."""
    supplier = _party(inv.supplier)
    lmt = inv.monetary_total
    terms = []
    for note, due in inv.payment_terms:
        note, due = _n(note), _n(due)
        if note or due:
            terms.append((note, due))
    notes = tuple(_n(n) for n in inv.notes if _n(n))
    sending_type = _sending_type(inv)
    note_type, sending_note = _sending_note(notes)
    aracikurum = next((_n(value) for scheme, value in inv.tax_representative_ids
                       if scheme.upper() == "ARACIKURUMVKN"), "")
    return Invoice(
        customization=_n(inv.customization),
        profile=_n(inv.profile),
        type_code=_n(inv.type_code),
        number=_n(inv.number),
        uuid=_n(inv.uuid),
        issue_date=_n(inv.issue_date),
        issue_time=_n(inv.issue_time),
        currency=_n(inv.currency),
        supplier=supplier,
        customer=_party(inv.customer),
        lines=tuple(_line(ln) for ln in inv.lines),
        tax_subtotals=tuple(_subtotal(st) for st in inv.tax_subtotals),
        withholding_subtotals=tuple(_subtotal(st) for st in inv.withholding_subtotals),
        tax_total=_sum_or_none(inv.tax_amounts),
        line_extension=lmt.line_extension if lmt is not None else None,
        tax_exclusive=lmt.tax_exclusive if lmt is not None else None,
        tax_inclusive=lmt.tax_inclusive if lmt is not None else None,
        allowance_total=lmt.allowance_total if lmt is not None else None,
        charge_total=lmt.charge_total if lmt is not None else None,
        payable=lmt.payable if lmt is not None else None,
        notes=notes,
        orders=tuple(_ref(r) for r in inv.orders),
        despatches=tuple(_ref(r) for r in inv.despatches),
        billing_refs=tuple(_ref(r) for r in inv.billing_refs),
        contracts=tuple(DocumentRef(id=_n(r.id), date=_n(r.issue_date), kind=r.id_scheme)
                        for r in inv.contracts),
        payments=tuple(
            Payment(means_code=_n(pm.code), account=_n(pm.account),
                    account_note=_n(pm.account_note), due_date=_n(pm.due_date),
                    channel=_n(pm.channel))
            for pm in inv.payment_means
        ),
        payment_terms=tuple(
            f"{note} (Vade: {_tr_date(due)})" if note and due else (note or f"Vade: {_tr_date(due)}")
            for note, due in terms
        ),
        exchange_rate=inv.exchange_rate("PricingExchangeRate"),
        passport_no=_n(inv.buyer.identity_document) if inv.buyer is not None else "",
        buyer=_party(inv.buyer) if inv.buyer is not None else None,
        tax_representative_vkn=aracikurum,
        sending_type=sending_type or note_type,
        sending_note=sending_note if (note_type and not sending_type) else "",
        internet_sale=_internet_sale(inv, supplier),
        embedded_xslt=embedded_xslt(inv),
        details=tuple(Details(_n(d.title), tuple((_n(k), _n(v)) for k, v in d.rows),
                              tuple(tuple((_n(k), _n(v)) for k, v in rows) for rows in d.lines))
                      for d in inv.kind_details),
    )


def read_invoice_root(root: etree._Element) -> Invoice:
    return printable(read_ubl_root(root))


def read_invoice(xml: bytes) -> Invoice:
    """Read the stored invoice XML (signed or not) into an :class:`Invoice`."""
    return printable(read_ubl(xml))
