"""The printable content of a UBL-TR invoice, read from its XML into plain dataclasses.

The reader never changes the document: it parses the stored bytes with the project's safe
parser and copies what a printed invoice shows. Amounts stay ``Decimal`` exactly as written.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from lxml import etree

from app.domain.errors import UserError
from app.ubl.namespaces import CAC, CBC, INVOICE
from app.xmlsafe import parse_bytes

KDV_CODE = "0015"  # UBL-TR tax type code of KDV (Katma Değer Vergisi)
EARSIV_PROFILE = "EARSIVFATURA"
YOLCU_BERABER_PROFILE = "YOLCUBERABERFATURA"

_C = f"{{{CAC}}}"
_B = f"{{{CBC}}}"


@dataclass(frozen=True)
class Party:
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
class EmbeddedXslt:
    filename: str
    content: bytes


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
    supplier: Party
    customer: Party
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
    buyer: Party | None = None
    tax_representative_vkn: str = ""
    sending_type: str = ""
    sending_note: str = ""  # the note that states the sending type, printed as a field
    internet_sale: InternetSale | None = None
    embedded_xslt: EmbeddedXslt | None = None
    extra: dict[str, str] = field(default_factory=dict)

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


def _text(el: etree._Element | None) -> str:
    if el is None or el.text is None:
        return ""
    return " ".join(el.text.split())


def _child_text(el: etree._Element | None, path: str) -> str:
    if el is None:
        return ""
    return _text(el.find(path))


def _dec(el: etree._Element | None) -> Decimal | None:
    t = _text(el)
    if not t:
        return None
    try:
        return Decimal(t)
    except InvalidOperation as exc:
        raise UserError(
            f"Faturadaki '{etree.QName(el).localname}' alanı sayı değil: '{t}'. "
            "Belgeyi düzeltip yeniden deneyin."
        ) from exc


def _dec0(el: etree._Element | None) -> Decimal:
    v = _dec(el)
    return v if v is not None else Decimal(0)


def _party(party: etree._Element | None) -> Party:
    if party is None:
        return Party()
    name = _child_text(party, f"{_C}PartyName/{_B}Name")
    if not name:
        person = party.find(f"{_C}Person")
        if person is not None:
            name = " ".join(
                t
                for t in (
                    _child_text(person, f"{_B}Title"),
                    _child_text(person, f"{_B}FirstName"),
                    _child_text(person, f"{_B}MiddleName"),
                    _child_text(person, f"{_B}FamilyName"),
                )
                if t
            )
    ids = tuple(
        (el.get("schemeID", ""), _text(el))
        for el in party.iterfind(f"{_C}PartyIdentification/{_B}ID")
        if _text(el)
    )
    addr = party.find(f"{_C}PostalAddress")
    lines: list[str] = []
    if addr is not None:
        street = " ".join(
            t
            for t in (
                _child_text(addr, f"{_B}StreetName"),
                _child_text(addr, f"{_B}BuildingName"),
                _child_text(addr, f"{_B}BuildingNumber"),
            )
            if t
        )
        room = _child_text(addr, f"{_B}Room")
        if room:
            street = f"{street} No: {room}".strip()
        if street:
            lines.append(street)
        district = _child_text(addr, f"{_B}CitySubdivisionName")
        city = _child_text(addr, f"{_B}CityName")
        zone = _child_text(addr, f"{_B}PostalZone")
        country = _child_text(addr, f"{_C}Country/{_B}Name")
        place = " ".join(t for t in (zone, district) if t)
        place = " / ".join(t for t in (place, city, country) if t)
        if place:
            lines.append(place)
    contact = party.find(f"{_C}Contact")
    return Party(
        name=name,
        ids=ids,
        tax_office=_child_text(party, f"{_C}PartyTaxScheme/{_C}TaxScheme/{_B}Name"),
        address_lines=tuple(lines),
        phone=_child_text(contact, f"{_B}Telephone"),
        fax=_child_text(contact, f"{_B}Telefax"),
        email=_child_text(contact, f"{_B}ElectronicMail"),
        website=_child_text(party, f"{_B}WebsiteURI"),
    )


def _subtotal(st: etree._Element) -> TaxSubtotal:
    scheme = st.find(f"{_C}TaxCategory/{_C}TaxScheme")
    taxable = _dec(st.find(f"{_B}TaxableAmount"))
    amount = _dec0(st.find(f"{_B}TaxAmount"))
    percent = _dec(st.find(f"{_B}Percent"))
    code = _child_text(scheme, f"{_B}TaxTypeCode")
    if percent is None and taxable and code == KDV_CODE:
        # Percent is optional in UBL; older documents omit it. The KDV rate is then the
        # whole percentage the amounts imply (e.g. 2.73 / 15.15 → 18). Not for taxes
        # charged per unit (ÖTV lists), whose amounts imply no rate.
        percent = (amount * 100 / taxable).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return TaxSubtotal(
        code=code,
        name=_child_text(scheme, f"{_B}Name"),
        percent=percent,
        taxable=taxable,
        amount=amount,
        exemption_code=_child_text(st, f"{_C}TaxCategory/{_B}TaxExemptionReasonCode"),
        exemption_reason=_child_text(st, f"{_C}TaxCategory/{_B}TaxExemptionReason"),
    )


def _line(el: etree._Element) -> InvoiceLine:
    qty_el = el.find(f"{_B}InvoicedQuantity")
    amount_el = el.find(f"{_B}LineExtensionAmount")
    allowance = Decimal(0)
    charge = Decimal(0)
    rate: Decimal | None = None
    for ac in el.iterfind(f"{_C}AllowanceCharge"):
        amt = _dec0(ac.find(f"{_B}Amount"))
        if _child_text(ac, f"{_B}ChargeIndicator").lower() == "true":
            charge += amt
        else:
            allowance += amt
            if rate is None and amt:
                rate = _dec(ac.find(f"{_B}MultiplierFactorNumeric"))
    kdv_percent: Decimal | None = None
    kdv_amount: Decimal | None = None
    others: list[LineTax] = []
    for st in el.iterfind(f"{_C}TaxTotal/{_C}TaxSubtotal"):
        sub = _subtotal(st)
        if sub.is_kdv:
            if kdv_percent is None:
                kdv_percent = sub.percent
            kdv_amount = (kdv_amount or Decimal(0)) + sub.amount
        else:
            others.append(LineTax(sub.code, sub.name, sub.percent, sub.amount))
    for st in el.iterfind(f"{_C}WithholdingTaxTotal/{_C}TaxSubtotal"):
        sub = _subtotal(st)
        others.append(LineTax(sub.code, sub.name, sub.percent, sub.amount, withholding=True))
    item = el.find(f"{_C}Item")
    return InvoiceLine(
        number=_child_text(el, f"{_B}ID"),
        name=_child_text(item, f"{_B}Name"),
        description=_child_text(item, f"{_B}Description"),
        quantity=_dec(qty_el),
        unit_code=(qty_el.get("unitCode", "") if qty_el is not None else ""),
        price=_dec(el.find(f"{_C}Price/{_B}PriceAmount")),
        allowance=allowance,
        allowance_rate=rate,
        charge=charge,
        kdv_percent=kdv_percent,
        kdv_amount=kdv_amount,
        other_taxes=tuple(others),
        amount=_dec0(amount_el),
        currency=(amount_el.get("currencyID", "") if amount_el is not None else ""),
    )


def _ref(el: etree._Element) -> DocumentRef:
    return DocumentRef(
        id=_child_text(el, f"{_B}ID"),
        date=_child_text(el, f"{_B}IssueDate"),
        kind=_child_text(el, f"{_B}DocumentType") or _child_text(el, f"{_B}DocumentTypeCode"),
    )


_SENDING_KEYS = {"SENDINGTYPE", "GONDERIMSEKLI", "GONDERIM_SEKLI", "GÖNDERİMŞEKLİ"}
_SENDING_VALUES = {"ELEKTRONIK", "KAGIT"}


def _sending_type(root: etree._Element) -> str:
    """e-Arşiv sending type (ELEKTRONIK / KAGIT) from an AdditionalDocumentReference whose
    DocumentTypeCode or DocumentType says "SendingType"; the value is its ID (or the
    DocumentType when the ID carries the key)."""
    for ref in root.iterfind(f"{_C}AdditionalDocumentReference"):
        code = _child_text(ref, f"{_B}DocumentTypeCode").upper().replace(" ", "")
        kind = _child_text(ref, f"{_B}DocumentType").upper().replace(" ", "")
        ident = _child_text(ref, f"{_B}ID").upper()
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


def _embedded_xslt(root: etree._Element) -> EmbeddedXslt | None:
    for obj in root.iterfind(f"{_C}AdditionalDocumentReference/{_C}Attachment/"
                             f"{_B}EmbeddedDocumentBinaryObject"):
        ref = obj.getparent().getparent()
        filename = obj.get("filename", "")
        kind = _child_text(ref, f"{_B}DocumentType").upper()
        if not (filename.lower().endswith((".xslt", ".xsl")) or kind == "XSLT"):
            continue
        data = "".join((obj.text or "").split())
        if not data:
            continue
        try:
            content = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            continue
        return EmbeddedXslt(filename=filename, content=content)
    return None


def _internet_sale(root: etree._Element, supplier: Party) -> InternetSale | None:
    """Internet-sale details an e-Arşiv print shows (VUK 509 V.5.2): web address, payment
    means and date, despatch date and carrier. Read from Delivery/CarrierParty and
    PaymentMeans; present only when the invoice carries a carrier or a web-sale reference."""
    marked = any(
        "INTERNET" in (_child_text(r, f"{_B}DocumentTypeCode") + _child_text(r, f"{_B}DocumentType")
                       + _child_text(r, f"{_B}ID")).upper()
        for r in root.iterfind(f"{_C}AdditionalDocumentReference")
    )
    delivery = root.find(f"{_C}Delivery")
    carrier = delivery.find(f"{_C}CarrierParty") if delivery is not None else None
    if not marked and carrier is None:
        return None
    carrier_party = _party(carrier)
    means = root.find(f"{_C}PaymentMeans")
    return InternetSale(
        website=supplier.website,
        payment_means=_child_text(means, f"{_B}PaymentMeansCode"),
        payment_date=_child_text(means, f"{_B}PaymentDueDate"),
        despatch_date=_child_text(delivery, f"{_C}Despatch/{_B}ActualDespatchDate")
        or _child_text(delivery, f"{_B}ActualDeliveryDate"),
        carrier_name=carrier_party.name,
        carrier_id=carrier_party.vkn_tckn or (carrier_party.ids[0][1] if carrier_party.ids else ""),
    )


# ---------------------------------------------------------------- entry point


def read_invoice_root(root: etree._Element) -> Invoice:
    if root.tag != f"{{{INVOICE}}}Invoice":
        raise UserError(
            "Belge bir UBL-TR faturası değil (kök eleman Invoice olmalı). "
            "Zarf (StandardBusinessDocument) açtıysanız içindeki faturayı seçin."
        )
    supplier = _party(root.find(f"{_C}AccountingSupplierParty/{_C}Party"))
    customer = _party(root.find(f"{_C}AccountingCustomerParty/{_C}Party"))
    buyer_el = root.find(f"{_C}BuyerCustomerParty/{_C}Party")
    lmt = root.find(f"{_C}LegalMonetaryTotal")

    payments = tuple(
        Payment(
            means_code=_child_text(pm, f"{_B}PaymentMeansCode"),
            account=_child_text(pm, f"{_C}PayeeFinancialAccount/{_B}ID"),
            account_note=_child_text(pm, f"{_C}PayeeFinancialAccount/{_B}PaymentNote"),
            due_date=_child_text(pm, f"{_B}PaymentDueDate"),
            channel=_child_text(pm, f"{_B}PaymentChannelCode"),
        )
        for pm in root.iterfind(f"{_C}PaymentMeans")
    )
    terms = []
    for pt in root.iterfind(f"{_C}PaymentTerms"):
        note = _child_text(pt, f"{_B}Note")
        due = _child_text(pt, f"{_B}PaymentDueDate")
        if note or due:
            terms.append((note, due))

    notes = tuple(_text(n) for n in root.iterfind(f"{_B}Note") if _text(n))
    sending_type = _sending_type(root)
    note_type, sending_note = _sending_note(notes)
    aracikurum = ""
    for el in root.iterfind(f"{_C}TaxRepresentativeParty/{_C}PartyIdentification/{_B}ID"):
        if el.get("schemeID", "").upper() == "ARACIKURUMVKN":
            aracikurum = _text(el)
            break

    return Invoice(
        customization=_child_text(root, f"{_B}CustomizationID"),
        profile=_child_text(root, f"{_B}ProfileID"),
        type_code=_child_text(root, f"{_B}InvoiceTypeCode"),
        number=_child_text(root, f"{_B}ID"),
        uuid=_child_text(root, f"{_B}UUID"),
        issue_date=_child_text(root, f"{_B}IssueDate"),
        issue_time=_child_text(root, f"{_B}IssueTime"),
        currency=_child_text(root, f"{_B}DocumentCurrencyCode"),
        supplier=supplier,
        customer=customer,
        lines=tuple(_line(el) for el in root.iterfind(f"{_C}InvoiceLine")),
        tax_subtotals=tuple(
            _subtotal(st) for st in root.iterfind(f"{_C}TaxTotal/{_C}TaxSubtotal")
        ),
        withholding_subtotals=tuple(
            _subtotal(st) for st in root.iterfind(f"{_C}WithholdingTaxTotal/{_C}TaxSubtotal")
        ),
        tax_total=_sum_or_none(root.iterfind(f"{_C}TaxTotal/{_B}TaxAmount")),
        line_extension=_dec(lmt.find(f"{_B}LineExtensionAmount")) if lmt is not None else None,
        tax_exclusive=_dec(lmt.find(f"{_B}TaxExclusiveAmount")) if lmt is not None else None,
        tax_inclusive=_dec(lmt.find(f"{_B}TaxInclusiveAmount")) if lmt is not None else None,
        allowance_total=_dec(lmt.find(f"{_B}AllowanceTotalAmount")) if lmt is not None else None,
        charge_total=_dec(lmt.find(f"{_B}ChargeTotalAmount")) if lmt is not None else None,
        payable=_dec(lmt.find(f"{_B}PayableAmount")) if lmt is not None else None,
        notes=notes,
        orders=tuple(_ref(r) for r in root.iterfind(f"{_C}OrderReference")),
        despatches=tuple(_ref(r) for r in root.iterfind(f"{_C}DespatchDocumentReference")),
        billing_refs=tuple(
            _ref(r) for r in root.iterfind(f"{_C}BillingReference/{_C}InvoiceDocumentReference")
        ),
        contracts=tuple(
            DocumentRef(id=_child_text(r, f"{_B}ID"), date=_child_text(r, f"{_B}IssueDate"),
                        kind=(r.find(f"{_B}ID").get("schemeID", "")
                              if r.find(f"{_B}ID") is not None else ""))
            for r in root.iterfind(f"{_C}ContractDocumentReference")
        ),
        payments=payments,
        payment_terms=tuple(
            f"{note} (Vade: {_tr_date(due)})" if note and due else (note or f"Vade: {_tr_date(due)}")
            for note, due in terms
        ),
        exchange_rate=_dec(root.find(f"{_C}PricingExchangeRate/{_B}CalculationRate")),
        passport_no=_child_text(
            buyer_el, f"{_C}Person/{_C}IdentityDocumentReference/{_B}ID"
        ),
        buyer=_party(buyer_el) if buyer_el is not None else None,
        tax_representative_vkn=aracikurum,
        sending_type=sending_type or note_type,
        sending_note=sending_note if (note_type and not sending_type) else "",
        internet_sale=_internet_sale(root, supplier),
        embedded_xslt=_embedded_xslt(root),
    )


def _sum_or_none(elements) -> Decimal | None:
    total: Decimal | None = None
    for el in elements:
        v = _dec(el)
        if v is not None:
            total = (total or Decimal(0)) + v
    return total


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _tr_date(value: str) -> str:
    m = _DATE.match(value or "")
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else (value or "")


def read_invoice(xml: bytes) -> Invoice:
    """Read the stored invoice XML (signed or not) into an :class:`Invoice`."""
    return read_invoice_root(parse_bytes(xml).getroot())
