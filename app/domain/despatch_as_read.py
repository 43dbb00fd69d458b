"""A despatch advice (e-İrsaliye) and a receipt advice (irsaliye yanıtı) as read.

Plain frozen values with no XML in them: ``app.ubl.despatch_read`` fills them from a
document's bytes (a stranger's or ours), ``app.domain.receipt`` answers a ``Despatch`` with
a receipt, and ``app.ubl.receipt_build`` renders that answer. (What the shop owner fills in
to send a despatch is ``app.domain.despatch.DespatchData``.) Text is stripped, quantities
are ``Decimal``, dates and times typed; what a document does not carry is ``""`` / ``None``
/ ``()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal


@dataclass(frozen=True)
class DocAddress:
    """``cac:PostalAddress`` or ``cac:DeliveryAddress``."""

    street: str = ""
    building_name: str = ""
    building_no: str = ""
    district: str = ""  # CitySubdivisionName (ilçe)
    city: str = ""  # CityName (il)
    postal_code: str = ""
    region: str = ""
    country_code: str = ""  # Country/IdentificationCode
    country_name: str = ""  # Country/Name


@dataclass(frozen=True)
class DocParty:
    """A ``cac:Party``: the sender, the receiver, the buyer or the carrier."""

    vkn_tckn: str  # the PartyIdentification/ID whose schemeID is VKN or TCKN
    scheme: str  # "VKN" | "TCKN"
    name: str = ""  # PartyName/Name
    first_name: str = ""  # Person/FirstName
    family_name: str = ""  # Person/FamilyName
    tax_office: str = ""  # PartyTaxScheme/TaxScheme/Name
    address: DocAddress | None = None
    phone: str = ""
    email: str = ""
    web: str = ""
    other_ids: tuple[tuple[str, str], ...] = ()  # (schemeID, value): MUSTERINO, SEVKIYATNO …

    @property
    def display_name(self) -> str:
        """The title, else "FirstName FamilyName"."""
        return self.name or " ".join(filter(None, (self.first_name, self.family_name)))


@dataclass(frozen=True)
class ReadDriver:
    """``cac:ShipmentStage/cac:DriverPerson``."""

    first_name: str
    family_name: str
    title: str = ""
    nationality_id: str = ""  # NationalityID: the driver's TCKN in GİB's samples


@dataclass(frozen=True)
class Plate:
    """A licence plate: ``RoadTransport/LicensePlateID`` (schemeID PLAKA) or a trailer's
    ``TransportEquipment/ID`` (schemeID DORSEPLAKA)."""

    number: str
    scheme: str = ""


@dataclass(frozen=True)
class ShipmentInfo:
    """What ``cac:Shipment`` says about the transport."""

    carrier: DocParty | None = None  # Delivery/CarrierParty (with a VKN or TCKN)
    carrier_name: str = ""  # the carrier's name even when it carries no VKN/TCKN
    drivers: tuple[ReadDriver, ...] = ()
    plates: tuple[Plate, ...] = ()  # vehicles (PLAKA)
    trailers: tuple[Plate, ...] = ()  # trailers (DORSEPLAKA)
    delivery_address: DocAddress | None = None  # Delivery/DeliveryAddress
    despatch_date: date | None = None  # Delivery/Despatch/ActualDespatchDate
    despatch_time: time | None = None  # Delivery/Despatch/ActualDespatchTime
    delivery_date: date | None = None  # Delivery/ActualDeliveryDate (a receipt advice)
    delivery_time: time | None = None  # Delivery/ActualDeliveryTime


@dataclass(frozen=True)
class ReadRef:
    """A ``cac:…DocumentReference`` / ``cac:OrderReference``."""

    id: str
    issue_date: date | None = None
    type_code: str = ""
    type: str = ""


@dataclass(frozen=True)
class DespatchLine:
    """``cac:DespatchLine``."""

    line_id: str
    item_name: str
    quantity: Decimal  # DeliveredQuantity
    unit: str  # DeliveredQuantity/@unitCode, as written (C62, KGM …)
    seller_code: str = ""  # Item/SellersItemIdentification/ID
    note: str = ""
    outstanding: Decimal | None = None  # OutstandingQuantity (still to come)
    outstanding_reason: str = ""
    order_line_id: str = ""  # OrderLineReference/LineID
    # Item/AdditionalItemIdentification/ID: (schemeID, value) — the HKS künye (KUNYENO),
    # the İDİS label (ETIKETNO) …
    item_ids: tuple[tuple[str, str], ...] = ()
    # Shipment/GoodsItem/InvoiceLine: the informative price, as GİB's samples carry it
    unit_price: Decimal | None = None  # Price/PriceAmount
    amount: Decimal | None = None  # LineExtensionAmount
    currency: str = ""  # their currencyID


@dataclass(frozen=True)
class Despatch:
    """A DespatchAdvice (e-İrsaliye)."""

    number: str  # cbc:ID
    uuid: str  # cbc:UUID (ETTN), upper case
    customization: str
    profile: str  # TEMELIRSALIYE, HKSIRSALIYE, IDISIRSALIYE
    type_code: str  # SEVK, MATBUDAN
    issue_date: date
    issue_time: time | None
    supplier: DocParty  # DespatchSupplierParty: who sends the goods and the document
    customer: DocParty  # DeliveryCustomerParty: who receives them (and answers)
    buyer: DocParty | None
    shipment: ShipmentInfo
    lines: tuple[DespatchLine, ...]
    notes: tuple[str, ...] = ()
    orders: tuple[ReadRef, ...] = ()
    additional_refs: tuple[ReadRef, ...] = ()
    signed: bool = False  # a ds:Signature is present (not verified here)

    def line(self, line_id: str) -> DespatchLine | None:
        return next((ln for ln in self.lines if ln.line_id == line_id), None)


@dataclass(frozen=True)
class ReceiptLine:
    """``cac:ReceiptLine``: what arrived of one despatch line.

    As GİB's samples use them (IrsaliyeYaniti-Ornek3/4): ``received`` is what physically
    arrived; ``rejected`` is part of it and sent back; ``short`` is what was despatched and
    did not arrive, ``oversupply`` what arrived beyond the despatched quantity."""

    line_id: str
    despatch_line_id: str  # DespatchLineReference/LineID
    item_name: str
    unit: str
    received: Decimal | None = None
    rejected: Decimal | None = None
    short: Decimal | None = None
    oversupply: Decimal | None = None
    reject_reason: str = ""
    timing_complaint: str = ""
    note: str = ""
    seller_code: str = ""

    @property
    def accepted(self) -> Decimal:
        """Received and kept: received − rejected."""
        return (self.received or Decimal(0)) - (self.rejected or Decimal(0))


@dataclass(frozen=True)
class Receipt:
    """A ReceiptAdvice (irsaliye yanıtı)."""

    number: str
    uuid: str
    customization: str
    profile: str
    type_code: str  # SEVK
    issue_date: date
    issue_time: time | None
    despatch: ReadRef  # DespatchDocumentReference: the despatch it answers
    supplier: DocParty  # DespatchSupplierParty: the despatch's sender
    customer: DocParty  # DeliveryCustomerParty: who answers
    shipment: ShipmentInfo
    lines: tuple[ReceiptLine, ...]
    notes: tuple[str, ...] = ()
    orders: tuple[ReadRef, ...] = ()
    additional_refs: tuple[ReadRef, ...] = ()
    signed: bool = False

    @property
    def despatch_number(self) -> str:
        """The answered despatch's number when the receipt names it: GİB's samples put it
        in an AdditionalDocumentReference with DocumentTypeCode ``DespatchAdviceID``
        (IrsaliyeYaniti-Ornek1..4) while DespatchDocumentReference/ID holds the ETTN."""
        for ref in self.additional_refs:
            if ref.type_code == "DespatchAdviceID":
                return ref.id
        return ""
