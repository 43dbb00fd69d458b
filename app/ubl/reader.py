"""The one reader of UBL-TR invoices: every element Tezgâh uses, read once into plain values.

What is read is kept as written, and it is what a signature covers: each element's whole
string value (a comment or processing instruction inside it does not cut it short). Text
is stripped (notes are kept exactly), amounts are ``Decimal`` (``None`` when the element is
absent or empty), codes and dates stay strings.
The views built on it decide how strict to be: ``app.ubl.parse`` (import) requires a
number, an ETTN and the monetary totals; ``app.pdf.printable`` (the printed invoice, its
karekod and HTML) shows whatever the document carries.

The reader never changes the document; ``read_ubl`` takes the bytes and parses them with
the project's safe parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree

from app.domain.errors import UserError
from app.ubl.kinds import Details
from app.ubl.kinds import describe as describe_kinds
from app.ubl.namespaces import CAC, CBC, DS, EXT, INVOICE
from app.xmlsafe import parse_bytes, string_value

KDV_CODE = "0015"  # UBL-TR tax type code of KDV (Katma Değer Vergisi)

_C = f"{{{CAC}}}"
_B = f"{{{CBC}}}"


@dataclass(frozen=True)
class UblAddress:
    """``cac:PostalAddress``."""

    street: str = ""
    building_name: str = ""
    building_number: str = ""
    room: str = ""
    district: str = ""  # CitySubdivisionName (ilçe)
    city: str = ""
    postal_zone: str = ""
    region: str = ""  # Region (the e-Arşiv Portal writes the mahalle here)
    neighbourhood: str = ""  # District (mahalle / semt)
    country_code: str = ""  # Country/IdentificationCode
    country_name: str = ""  # Country/Name


@dataclass(frozen=True)
class UblParty:
    """``cac:Party`` (supplier, customer, buyer, carrier)."""

    ids: tuple[tuple[str, str], ...] = ()  # PartyIdentification/ID: (schemeID, value), in order
    name: str = ""  # PartyName/Name
    person_title: str = ""
    first_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    identity_document: str = ""  # Person/IdentityDocumentReference/ID (e.g. a passport)
    tax_office: str = ""  # PartyTaxScheme/TaxScheme/Name
    address: UblAddress | None = None
    phone: str = ""
    fax: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class UblTaxSubtotal:
    """``cac:TaxSubtotal`` of a TaxTotal or a WithholdingTaxTotal."""

    code: str  # TaxCategory/TaxScheme/TaxTypeCode
    name: str  # TaxCategory/TaxScheme/Name
    percent: Decimal | None
    taxable: Decimal | None
    amount: Decimal | None
    exemption_code: str = ""
    exemption_reason: str = ""

    @property
    def is_kdv(self) -> bool:
        return self.code == KDV_CODE


@dataclass(frozen=True)
class UblAllowanceCharge:
    charge: bool  # ChargeIndicator (xs:boolean): True a charge, False an allowance (discount)
    amount: Decimal | None
    multiplier: Decimal | None  # MultiplierFactorNumeric (0.05 = %5)


@dataclass(frozen=True)
class UblLine:
    """``cac:InvoiceLine``."""

    id: str
    name: str  # Item/Name
    description: str  # Item/Description
    seller_code: str  # Item/SellersItemIdentification/ID
    quantity: Decimal | None
    unit_code: str  # InvoicedQuantity/@unitCode, as written
    price: Decimal | None  # Price/PriceAmount
    amount: Decimal | None  # LineExtensionAmount
    currency: str  # LineExtensionAmount/@currencyID
    allowance_charges: tuple[UblAllowanceCharge, ...] = ()
    taxes: tuple[UblTaxSubtotal, ...] = ()  # TaxTotal/TaxSubtotal
    withholdings: tuple[UblTaxSubtotal, ...] = ()  # WithholdingTaxTotal/TaxSubtotal


@dataclass(frozen=True)
class UblAttachment:
    """``cac:Attachment/cbc:EmbeddedDocumentBinaryObject``; ``data`` is its text (base64)."""

    filename: str
    mime_code: str
    data: str


@dataclass(frozen=True)
class UblDocumentRef:
    """A document reference (order, despatch, billing, contract, additional document)."""

    id: str
    id_scheme: str = ""  # ID/@schemeID
    issue_date: str = ""
    document_type: str = ""
    document_type_code: str = ""
    attachment: UblAttachment | None = None


@dataclass(frozen=True)
class UblPaymentMeans:
    code: str = ""  # PaymentMeansCode
    due_date: str = ""
    channel: str = ""  # PaymentChannelCode
    account: str = ""  # PayeeFinancialAccount/ID (IBAN or account number)
    account_note: str = ""  # PayeeFinancialAccount/PaymentNote


@dataclass(frozen=True)
class UblDelivery:
    """The first ``cac:Delivery``."""

    actual_delivery_date: str = ""
    despatch_date: str = ""  # Despatch/ActualDespatchDate
    carrier: UblParty | None = None  # CarrierParty


@dataclass(frozen=True)
class UblMonetaryTotal:
    """``cac:LegalMonetaryTotal``."""

    line_extension: Decimal | None = None
    tax_exclusive: Decimal | None = None
    tax_inclusive: Decimal | None = None
    allowance_total: Decimal | None = None
    charge_total: Decimal | None = None
    payable: Decimal | None = None


@dataclass(frozen=True)
class UblInvoice:
    customization: str
    profile: str
    type_code: str
    number: str  # cbc:ID
    uuid: str  # cbc:UUID (ETTN), as written
    issue_date: str
    issue_time: str
    currency: str  # DocumentCurrencyCode
    notes: tuple[str, ...]  # cbc:Note, exactly as written (empty ones too)
    supplier: UblParty | None
    customer: UblParty | None
    buyer: UblParty | None  # BuyerCustomerParty
    tax_representative_ids: tuple[tuple[str, str], ...]  # TaxRepresentativeParty ids
    lines: tuple[UblLine, ...]
    tax_subtotals: tuple[UblTaxSubtotal, ...]  # TaxTotal/TaxSubtotal
    withholding_subtotals: tuple[UblTaxSubtotal, ...]  # WithholdingTaxTotal/TaxSubtotal
    tax_amounts: tuple[Decimal | None, ...]  # TaxTotal/TaxAmount, one per TaxTotal
    withholding_amounts: tuple[Decimal | None, ...]  # WithholdingTaxTotal/TaxAmount
    monetary_total: UblMonetaryTotal | None
    # (element name, CalculationRate) for each of Pricing-, Tax-, PaymentExchangeRate present
    exchange_rates: tuple[tuple[str, Decimal | None], ...]
    orders: tuple[UblDocumentRef, ...]
    despatches: tuple[UblDocumentRef, ...]
    billing_refs: tuple[UblDocumentRef, ...]  # BillingReference/InvoiceDocumentReference
    contracts: tuple[UblDocumentRef, ...]
    additional_refs: tuple[UblDocumentRef, ...]  # AdditionalDocumentReference
    payment_means: tuple[UblPaymentMeans, ...]
    payment_terms: tuple[tuple[str, str], ...]  # (Note, PaymentDueDate)
    delivery: UblDelivery | None
    signed: bool  # a ds:Signature in ext:UBLExtensions
    #: what the scenario or type adds (export, traveller, künye …): app.ubl.kinds.describe
    kind_details: tuple[Details, ...] = ()

    def exchange_rate(self, *elements: str) -> Decimal | None:
        """CalculationRate of the first of ``elements`` (e.g. "PricingExchangeRate") present."""
        rates = dict(self.exchange_rates)
        for name in elements:
            if name in rates:
                return rates[name]
        return None


# ---------------------------------------------------------------- helpers


def _raw(el: etree._Element | None) -> str:
    """The element's whole text, as the signature covers it: a comment, a processing
    instruction or a CDATA section inside it does not cut it short (``app.xmlsafe``)."""
    return string_value(el) or ""


def _text(el: etree._Element | None) -> str:
    return _raw(el).strip()


def _child(el: etree._Element | None, path: str) -> str:
    return "" if el is None else _text(el.find(path))


def _number(el: etree._Element | None) -> Decimal | None:
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


def _child_number(el: etree._Element | None, path: str) -> Decimal | None:
    return None if el is None else _number(el.find(path))


def _ids(parent: etree._Element | None, path: str) -> tuple[tuple[str, str], ...]:
    if parent is None:
        return ()
    return tuple((el.get("schemeID", ""), _text(el)) for el in parent.iterfind(path))


def _address(addr: etree._Element | None) -> UblAddress | None:
    if addr is None:
        return None
    return UblAddress(
        street=_child(addr, f"{_B}StreetName"),
        building_name=_child(addr, f"{_B}BuildingName"),
        building_number=_child(addr, f"{_B}BuildingNumber"),
        room=_child(addr, f"{_B}Room"),
        district=_child(addr, f"{_B}CitySubdivisionName"),
        city=_child(addr, f"{_B}CityName"),
        postal_zone=_child(addr, f"{_B}PostalZone"),
        region=_child(addr, f"{_B}Region"),
        neighbourhood=_child(addr, f"{_B}District"),
        country_code=_child(addr, f"{_C}Country/{_B}IdentificationCode"),
        country_name=_child(addr, f"{_C}Country/{_B}Name"),
    )


def _party(p: etree._Element | None) -> UblParty | None:
    if p is None:
        return None
    person = p.find(f"{_C}Person")
    contact = p.find(f"{_C}Contact")
    return UblParty(
        ids=_ids(p, f"{_C}PartyIdentification/{_B}ID"),
        name=_child(p, f"{_C}PartyName/{_B}Name"),
        person_title=_child(person, f"{_B}Title"),
        first_name=_child(person, f"{_B}FirstName"),
        middle_name=_child(person, f"{_B}MiddleName"),
        family_name=_child(person, f"{_B}FamilyName"),
        identity_document=_child(person, f"{_C}IdentityDocumentReference/{_B}ID"),
        tax_office=_child(p, f"{_C}PartyTaxScheme/{_C}TaxScheme/{_B}Name"),
        address=_address(p.find(f"{_C}PostalAddress")),
        phone=_child(contact, f"{_B}Telephone"),
        fax=_child(contact, f"{_B}Telefax"),
        email=_child(contact, f"{_B}ElectronicMail"),
        website=_child(p, f"{_B}WebsiteURI"),
    )


def _subtotal(st: etree._Element) -> UblTaxSubtotal:
    scheme = st.find(f"{_C}TaxCategory/{_C}TaxScheme")
    return UblTaxSubtotal(
        code=_child(scheme, f"{_B}TaxTypeCode"),
        name=_child(scheme, f"{_B}Name"),
        percent=_child_number(st, f"{_B}Percent"),
        taxable=_child_number(st, f"{_B}TaxableAmount"),
        amount=_child_number(st, f"{_B}TaxAmount"),
        exemption_code=_child(st, f"{_C}TaxCategory/{_B}TaxExemptionReasonCode"),
        exemption_reason=_child(st, f"{_C}TaxCategory/{_B}TaxExemptionReason"),
    )


def _subtotals(parent: etree._Element, total: str) -> tuple[UblTaxSubtotal, ...]:
    return tuple(_subtotal(st) for st in parent.iterfind(f"{_C}{total}/{_C}TaxSubtotal"))


def _allowance_charge(ac: etree._Element) -> UblAllowanceCharge:
    return UblAllowanceCharge(
        charge=_child(ac, f"{_B}ChargeIndicator").lower() in ("true", "1"),
        amount=_child_number(ac, f"{_B}Amount"),
        multiplier=_child_number(ac, f"{_B}MultiplierFactorNumeric"),
    )


def _line(il: etree._Element) -> UblLine:
    qty = il.find(f"{_B}InvoicedQuantity")
    amount = il.find(f"{_B}LineExtensionAmount")
    item = il.find(f"{_C}Item")
    return UblLine(
        id=_child(il, f"{_B}ID"),
        name=_child(item, f"{_B}Name"),
        description=_child(item, f"{_B}Description"),
        seller_code=_child(item, f"{_C}SellersItemIdentification/{_B}ID"),
        quantity=_number(qty),
        unit_code=qty.get("unitCode", "") if qty is not None else "",
        price=_child_number(il, f"{_C}Price/{_B}PriceAmount"),
        amount=_number(amount),
        currency=amount.get("currencyID", "") if amount is not None else "",
        allowance_charges=tuple(_allowance_charge(ac)
                                for ac in il.iterfind(f"{_C}AllowanceCharge")),
        taxes=_subtotals(il, "TaxTotal"),
        withholdings=_subtotals(il, "WithholdingTaxTotal"),
    )


def _attachment(ref: etree._Element) -> UblAttachment | None:
    obj = ref.find(f"{_C}Attachment/{_B}EmbeddedDocumentBinaryObject")
    if obj is None:
        return None
    return UblAttachment(filename=obj.get("filename", ""), mime_code=obj.get("mimeCode", ""),
                         data=_raw(obj))


def _ref(el: etree._Element) -> UblDocumentRef:
    ident = el.find(f"{_B}ID")
    return UblDocumentRef(
        id=_text(ident),
        id_scheme=ident.get("schemeID", "") if ident is not None else "",
        issue_date=_child(el, f"{_B}IssueDate"),
        document_type=_child(el, f"{_B}DocumentType"),
        document_type_code=_child(el, f"{_B}DocumentTypeCode"),
        attachment=_attachment(el),
    )


def _refs(root: etree._Element, path: str) -> tuple[UblDocumentRef, ...]:
    return tuple(_ref(el) for el in root.iterfind(path))


def _payment_means(pm: etree._Element) -> UblPaymentMeans:
    return UblPaymentMeans(
        code=_child(pm, f"{_B}PaymentMeansCode"),
        due_date=_child(pm, f"{_B}PaymentDueDate"),
        channel=_child(pm, f"{_B}PaymentChannelCode"),
        account=_child(pm, f"{_C}PayeeFinancialAccount/{_B}ID"),
        account_note=_child(pm, f"{_C}PayeeFinancialAccount/{_B}PaymentNote"),
    )


def _delivery(d: etree._Element | None) -> UblDelivery | None:
    if d is None:
        return None
    return UblDelivery(
        actual_delivery_date=_child(d, f"{_B}ActualDeliveryDate"),
        despatch_date=_child(d, f"{_C}Despatch/{_B}ActualDespatchDate"),
        carrier=_party(d.find(f"{_C}CarrierParty")),
    )


def _monetary_total(lmt: etree._Element | None) -> UblMonetaryTotal | None:
    if lmt is None:
        return None
    return UblMonetaryTotal(
        line_extension=_child_number(lmt, f"{_B}LineExtensionAmount"),
        tax_exclusive=_child_number(lmt, f"{_B}TaxExclusiveAmount"),
        tax_inclusive=_child_number(lmt, f"{_B}TaxInclusiveAmount"),
        allowance_total=_child_number(lmt, f"{_B}AllowanceTotalAmount"),
        charge_total=_child_number(lmt, f"{_B}ChargeTotalAmount"),
        payable=_child_number(lmt, f"{_B}PayableAmount"),
    )


_EXCHANGE_RATES = ("PricingExchangeRate", "TaxExchangeRate", "PaymentExchangeRate")
_SIGNATURE = (f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent/"
              f"{{{DS}}}Signature")


# ---------------------------------------------------------------- entry points


def read_ubl_root(root: etree._Element) -> UblInvoice:
    """Read a parsed ``Invoice`` element; ``UserError`` when the root is something else."""
    if root.tag != f"{{{INVOICE}}}Invoice":
        local = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise UserError(f"Bu dosya bir UBL-TR fatura değil (kök eleman: {local}). "
                        "Zarf (StandardBusinessDocument) açtıysanız içindeki faturayı seçin.")
    return UblInvoice(
        customization=_child(root, f"{_B}CustomizationID"),
        profile=_child(root, f"{_B}ProfileID"),
        type_code=_child(root, f"{_B}InvoiceTypeCode"),
        number=_child(root, f"{_B}ID"),
        uuid=_child(root, f"{_B}UUID"),
        issue_date=_child(root, f"{_B}IssueDate"),
        issue_time=_child(root, f"{_B}IssueTime"),
        currency=_child(root, f"{_B}DocumentCurrencyCode"),
        notes=tuple(_raw(n) for n in root.iterfind(f"{_B}Note")),
        supplier=_party(root.find(f"{_C}AccountingSupplierParty/{_C}Party")),
        customer=_party(root.find(f"{_C}AccountingCustomerParty/{_C}Party")),
        buyer=_party(root.find(f"{_C}BuyerCustomerParty/{_C}Party")),
        tax_representative_ids=_ids(root.find(f"{_C}TaxRepresentativeParty"),
                                    f"{_C}PartyIdentification/{_B}ID"),
        lines=tuple(_line(il) for il in root.iterfind(f"{_C}InvoiceLine")),
        tax_subtotals=_subtotals(root, "TaxTotal"),
        withholding_subtotals=_subtotals(root, "WithholdingTaxTotal"),
        tax_amounts=tuple(_child_number(tt, f"{_B}TaxAmount")
                          for tt in root.iterfind(f"{_C}TaxTotal")),
        withholding_amounts=tuple(_child_number(tt, f"{_B}TaxAmount")
                                  for tt in root.iterfind(f"{_C}WithholdingTaxTotal")),
        monetary_total=_monetary_total(root.find(f"{_C}LegalMonetaryTotal")),
        exchange_rates=tuple(
            (name, _child_number(el, f"{_B}CalculationRate"))
            for name in _EXCHANGE_RATES if (el := root.find(f"{_C}{name}")) is not None
        ),
        orders=_refs(root, f"{_C}OrderReference"),
        despatches=_refs(root, f"{_C}DespatchDocumentReference"),
        billing_refs=_refs(root, f"{_C}BillingReference/{_C}InvoiceDocumentReference"),
        contracts=_refs(root, f"{_C}ContractDocumentReference"),
        additional_refs=_refs(root, f"{_C}AdditionalDocumentReference"),
        payment_means=tuple(_payment_means(pm) for pm in root.iterfind(f"{_C}PaymentMeans")),
        payment_terms=tuple((_child(pt, f"{_B}Note"), _child(pt, f"{_B}PaymentDueDate"))
                            for pt in root.iterfind(f"{_C}PaymentTerms")),
        delivery=_delivery(root.find(f"{_C}Delivery")),
        signed=root.find(_SIGNATURE) is not None,
        kind_details=describe_kinds(root),
    )


def read_ubl(data: bytes) -> UblInvoice:
    """Read invoice bytes (signed or not; untrusted input is fine: parsed by app.xmlsafe)."""
    return read_ubl_root(parse_bytes(data).getroot())
