"""The e-İrsaliye (despatch advice) as the shop owner fills it: header, receiver, shipment,
lines. No XML here (``app.ubl.despatch_build`` renders it; a despatch as read from XML is
``app.domain.despatch_as_read``).

``DespatchData.from_json`` reads the despatch JSON documented in ``docs/despatch-json.md``
and checks it, raising ``UserError`` with a Turkish message that names the field to fix
(``UserError.field`` is the JSON path, as for the invoice JSON).

GİB's rules behind the checks (UBL-TR_Common_Schematron.xml, pattern ``despatchadvice`` of
UBL-TR_Main_Schematron.xml):

* ``ProfileIDTypeDespatchAdvice``: TEMELIRSALIYE, HKSIRSALIYE, IDISIRSALIYE;
  ``DespatchAdviceTypeCheck``: SEVK, MATBUDAN — a MATBUDAN despatch (the electronic copy of a
  printed despatch note) names the printed document in an ``AdditionalDocumentReference``
  with its ID and IssueDate (GİB's sample Irsaliye-Matbudan.xml: DocumentType ``MATBU``);
* ``InvoiceIDCheck`` applies to the despatch number too: ``ABC2026000000001``;
* ``TimeCheck`` (the general rule on every ``cbc:IssueDate``): no date of the document, nor
  of a document it names, after today — the dates of the printed note, the order and the
  invoices are checked here; the despatch's own date when it is issued, as for invoices;
* ``DespatchDateCheck`` / ``DespatchTimeCheck``: the actual despatch date and time;
* ``DespatchAddressCheck``: the delivery address has its district, city, country and a
  Turkish postal code (``01000``–``81999``);
* ``DespatchCarrierDriverCheck``: a carrier (``CarrierParty``) or a driver
  (``ShipmentStage/DriverPerson`` with first name, family name and TCKN). The rule reads the
  drivers' names with ``string()``, which on two drivers is an XPath 2.0 error (GİB's own
  samples with two drivers cannot be evaluated): a despatch carries at most one driver;
* ``DespatchAdviceHKSKunyeCheck``: on HKSIRSALIYE every line has a 19-character künye
  (``AdditionalItemIdentification/ID[@schemeID='KUNYENO']``);
* ``DespatchIdisEtiketNoCheck`` / ``DespatchIdisSevkiyatNoCheck``: on IDISIRSALIYE every line
  has an İDİS label (``ETIKETNO``, two letters and seven digits) and the despatching party a
  shipment number (``SEVKIYATNO``, ``SE-0000000``);
* ``PartyIdentificationPartyNamePersonCheck`` on the despatching and the receiving party: a
  VKN with a name, a TCKN with a person's first and family name (``Party.check``).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app import clock
from app.domain import codes, fields
from app.domain.errors import UserError, shown
from app.domain.identity import check_vkn_tckn, scheme_of
from app.domain.invoice import INVOICE_NUMBER_RE, SERIES_RE
from app.domain.invoice import _date as _read_date
from app.domain.invoice import _ettn as _read_ettn
from app.domain.invoice import _time as _read_time
from app.domain.kinds import Scope, idis, market_hall
from app.domain.money import PRICE_PLACES, QUANTITY_PLACES, round_money
from app.domain.party import Address, Party


class DespatchProfile(StrEnum):
    """cbc:ProfileID of a DespatchAdvice (UBL-TR_Codelist ``ProfileIDTypeDespatchAdvice``)."""

    TEMELIRSALIYE = "TEMELIRSALIYE"
    HKSIRSALIYE = "HKSIRSALIYE"
    IDISIRSALIYE = "IDISIRSALIYE"


class DespatchType(StrEnum):
    """cbc:DespatchAdviceTypeCode (UBL-TR_Codelist ``DespatchAdviceTypeCodeList``)."""

    SEVK = "SEVK"
    MATBUDAN = "MATBUDAN"


PROFILE_NAMES: dict[DespatchProfile, str] = {
    DespatchProfile.TEMELIRSALIYE: "Temel irsaliye",
    DespatchProfile.HKSIRSALIYE: "HKS irsaliyesi (Hal Kayıt Sistemi)",
    DespatchProfile.IDISIRSALIYE: "İDİS irsaliyesi (inşaat demiri)",
}
TYPE_NAMES: dict[DespatchType, str] = {
    DespatchType.SEVK: "Sevk irsaliyesi",
    DespatchType.MATBUDAN: "Matbudan (kâğıt irsaliyenin elektronik kopyası)",
}

#: Series of a company that has not chosen its own despatch series.
DEFAULT_DESPATCH_SERIES = "IRS"
#: InvoiceIDCheck applies to cbc:ID of a DespatchAdvice too.
DESPATCH_NUMBER_RE = INVOICE_NUMBER_RE
#: DespatchAddressCheck: cbc:PostalZone of the delivery address.
POSTAL_CODE_RE = re.compile(r"(0[1-9]|[1-7][0-9]|8[01])[0-9]{3}", re.ASCII)
#: A vehicle or trailer plate after spaces and dashes are removed: Latin letters and digits
#: (Turkish plates are 06ABC123-like; foreign ones differ, so only the characters are checked).
PLATE_RE = re.compile(r"[A-Z0-9]{2,15}", re.ASCII)
MAX_TRAILERS = 5
MAX_VEHICLES = 5
#: cac:AdditionalDocumentReference/cbc:DocumentType of the printed despatch note (GİB's sample
#: Irsaliye-Matbudan.xml) and of an invoice the despatch goes with (Tezgâh's own).
PRINTED_DOCUMENT_TYPE = "MATBU"
INVOICE_DOCUMENT_TYPE = "FATURA"


@dataclass
class LinkedDocument:
    """Another document named by the despatch: its number and date."""

    number: str
    date: date


@dataclass
class DespatchDriver:
    """cac:ShipmentStage/cac:DriverPerson."""

    first_name: str
    family_name: str
    tckn: str  # cbc:NationalityID (GİB's samples: the driver's T.C. kimlik numarası)
    title: str = ""  # e.g. "Şoför"


@dataclass
class DespatchCarrier:
    """cac:Shipment/cac:Delivery/cac:CarrierParty: the transport company (or person)."""

    vkn_tckn: str
    name: str
    district: str  # its address: UBL-TR's Party has a PostalAddress
    city: str

    @property
    def scheme(self) -> str:
        return scheme_of(self.vkn_tckn)


@dataclass
class DespatchLineData:
    name: str
    quantity: Decimal  # cbc:DeliveredQuantity
    unit: str  # unitCode, from codes.UNITS
    unit_price: Decimal | None = None  # for information only (the despatch is not an invoice)
    seller_code: str = ""  # SellersItemIdentification
    buyer_code: str = ""  # BuyersItemIdentification
    description: str = ""  # cbc:Note of the line
    kunye_no: str = ""  # HKSIRSALIYE: the HKS künye (19 digits)
    etiket_no: list[str] = field(default_factory=list)  # IDISIRSALIYE: İDİS labels

    @property
    def amount(self) -> Decimal | None:
        """quantity × unit price, rounded to kuruş; None when no price was given."""
        if self.unit_price is None:
            return None
        return round_money(self.quantity * self.unit_price)


@dataclass
class DespatchData:
    profile: DespatchProfile
    type: DespatchType
    series: str
    issue_date: date
    issue_time: time
    despatch_date: date  # cbc:ActualDespatchDate
    despatch_time: time  # cbc:ActualDespatchTime
    customer: Party  # the receiver: cac:DeliveryCustomerParty
    delivery_address: Address  # cac:Shipment/cac:Delivery/cac:DeliveryAddress
    lines: list[DespatchLineData]
    carrier: DespatchCarrier | None = None
    driver: DespatchDriver | None = None
    vehicle_plates: list[str] = field(default_factory=list)  # LicensePlateID schemeID PLAKA
    trailer_plates: list[str] = field(default_factory=list)  # TransportEquipment DORSEPLAKA
    despatch_address: Address | None = None  # where the goods leave from, when not the company
    buyer: Party | None = None  # cac:BuyerCustomerParty, when not the receiver
    seller: Party | None = None  # cac:SellerSupplierParty, when not the company
    notes: list[str] = field(default_factory=list)
    order_ref: LinkedDocument | None = None
    printed: LinkedDocument | None = None  # MATBUDAN: the printed despatch note
    invoice_refs: list[LinkedDocument] = field(default_factory=list)
    sevkiyat_no: str = ""  # IDISIRSALIYE: the İDİS shipment number (SE-0000000)
    currency: str = "TRY"  # of the informative prices
    ettn: str = field(default_factory=lambda: str(uuid.uuid4()).upper())

    @property
    def goods_value(self) -> Decimal | None:
        """Sum of the priced lines (cac:Shipment/cac:GoodsItem/cbc:ValueAmount), or None."""
        amounts = [ln.amount for ln in self.lines if ln.amount is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    # -- reading the JSON form -----------------------------------------------------------
    @classmethod
    def from_json(cls, data: dict[str, Any], *, customer: Party | None = None) -> DespatchData:
        """Read and check the despatch JSON (``docs/despatch-json.md``). ``customer``: a
        stored receiver chosen elsewhere, used instead of the JSON's ``customer``."""
        if not isinstance(data, dict):
            raise UserError("İrsaliye JSON'u bir nesne ({…}) olmalı.")
        profile = _enum(DespatchProfile, data.get("profile", "TEMELIRSALIYE"), "profile",
                        "Senaryo")
        kind = _enum(DespatchType, data.get("type", "SEVK"), "type", "İrsaliye tipi")
        series = fields.text(data.get("series"), "series", "Seri", max_len=10).upper()
        if not SERIES_RE.fullmatch(series):
            raise UserError("Seri üç karakter olmalı, yalnızca büyük harf ve rakam "
                            f"(örnek 'IRS'); '{shown(series)}' uygun değil.", field="series")
        now = clock.local_now()
        issue_date = _date(data.get("issue_date"), "issue_date", "İrsaliye tarihi") \
            or now.date()
        _check_year(issue_date, "issue_date", "İrsaliye tarihi")
        issue_time = _time(data.get("issue_time"), "issue_time", "İrsaliye saati") \
            or now.time().replace(microsecond=0)
        despatch_date = _date(data.get("despatch_date"), "despatch_date", "Sevk tarihi") \
            or issue_date
        _check_year(despatch_date, "despatch_date", "Sevk tarihi")
        despatch_time = _time(data.get("despatch_time"), "despatch_time", "Sevk saati") \
            or issue_time

        if customer is None:
            raw = data.get("customer")
            if not isinstance(raw, dict):
                raise UserError("Alıcı (malı teslim alan) yazılmalı: müşteri bilgileri ya da "
                                "kayıtlı müşterinin VKN/TCKN'si.", field="customer")
            customer = Party.from_dict(raw, field_prefix="customer.")
        buyer = _optional_party(data.get("buyer"), "buyer.")
        seller = _optional_party(data.get("seller"), "seller.")

        shipment = fields.mapping(data.get("shipment"), "shipment", "Taşıma bilgileri")
        delivery_address = _delivery_address(shipment.get("delivery_address"), customer)
        despatch_address = None
        if shipment.get("despatch_address") not in (None, {}):
            despatch_address = Address.from_dict(shipment["despatch_address"],
                                                 "shipment.despatch_")
            _need_district_and_city(despatch_address, "shipment.despatch_address",
                                    "Sevk (çıkış) adresi")
        carrier = _carrier(shipment.get("carrier"))
        driver = _driver(shipment.get("driver"))
        if shipment.get("drivers") is not None:
            raise UserError("Şoför 'driver' alanına tek bir nesne olarak yazılır: GİB'in "
                            "kuralı (DespatchCarrierDriverCheck) bir irsaliyede birden çok "
                            "şoförü denetleyemiyor.", field="shipment.drivers")
        vehicles = _plates(shipment.get("vehicle_plates"), "shipment.vehicle_plates",
                           "Araç plakası", MAX_VEHICLES)
        trailers = _plates(shipment.get("trailer_plates"), "shipment.trailer_plates",
                           "Dorse plakası", MAX_TRAILERS)
        if carrier is None and driver is None:
            raise UserError("Taşıyan firma (carrier) ya da şoför (driver) ile araç plakası "
                            "yazılmalı: GİB, irsaliyede bunlardan en az birini ister "
                            "(DespatchCarrierDriverCheck).", field="shipment.carrier")
        if driver is not None and not vehicles:
            raise UserError("Şoförün kullandığı aracın plakası yazılmalı.",
                            field="shipment.vehicle_plates")

        raw_lines = fields.sequence(data.get("lines"), "lines", "Kalemler",
                                    max_items=fields.MAX_LINES)
        if not raw_lines:
            raise UserError("İrsaliyede en az bir kalem olmalı.", field="lines")
        lines = [parse_despatch_line(raw, i + 1, profile) for i, raw in enumerate(raw_lines)]

        raw_notes = data.get("notes")
        if isinstance(raw_notes, str):
            raw_notes = [raw_notes]
        notes = [fields.text(n, f"notes[{i}]", "Not", max_len=fields.LONG_TEXT, multiline=True)
                 for i, n in enumerate(fields.sequence(raw_notes, "notes", "Notlar",
                                                       max_items=fields.MAX_NOTES))]
        currency = fields.text(data.get("currency", "TRY"), "currency", "Para birimi",
                               max_len=10).upper() or "TRY"
        if currency not in codes.CURRENCIES:
            raise UserError(f"Para birimi '{shown(currency)}' desteklenmiyor; kullanılabilenler: "
                            + ", ".join(codes.CURRENCIES), field="currency")

        printed = None
        if kind is DespatchType.MATBUDAN:
            if not isinstance(data.get("printed"), dict):
                raise UserError("Matbudan irsaliyede kâğıt (matbu) irsaliyenin numarası ve "
                                "tarihi yazılmalı (GİB kuralı DespatchAdviceTypeCodeCheck).",
                                field="printed")
            printed = _document_ref(data["printed"], "printed", "Matbu irsaliye",
                                    need_date=True)
        elif data.get("printed") not in (None, {}):
            raise UserError("Matbu irsaliye bilgisi yalnızca MATBUDAN tipinde yazılır.",
                            field="printed")
        order_ref = None
        if data.get("order_ref") not in (None, "", {}):
            raw = data["order_ref"]
            if not isinstance(raw, dict):
                raw = {"number": raw}
            order_ref = _document_ref(raw, "order_ref", "Sipariş", need_date=False,
                                      default_date=issue_date)
        invoice_refs = [
            _document_ref(raw, f"invoice_refs[{i}]", "Fatura", need_date=False,
                          default_date=issue_date)
            for i, raw in enumerate(fields.sequence(data.get("invoice_refs"), "invoice_refs",
                                                    "Faturalar", max_items=fields.MAX_REFS))]

        sevkiyat_no = ""
        block = fields.mapping(data.get("idis"), "idis", "İDİS")
        if profile is DespatchProfile.IDISIRSALIYE:
            scope = Scope(profile.value, kind.value, "idis.")
            raw = fields.text(block.get("sevkiyat_no"), "idis.sevkiyat_no",
                              "İDİS sevkiyat numarası", max_len=20)
            if not raw:
                raise UserError("İDİS irsaliyesinde İDİS'in verdiği sevkiyat numarası "
                                "(SE-0000000) yazılmalı (GİB kuralı DespatchIdisSevkiyatNoCheck).",
                                field="idis.sevkiyat_no")
            assert idis.KIND.parse is not None
            sevkiyat_no = idis.KIND.parse({"sevkiyat_no": raw}, scope)["sevkiyat_no"]

        result = cls(
            profile=profile, type=kind, series=series, issue_date=issue_date,
            issue_time=issue_time, despatch_date=despatch_date, despatch_time=despatch_time,
            customer=customer, delivery_address=delivery_address, lines=lines,
            carrier=carrier, driver=driver, vehicle_plates=vehicles, trailer_plates=trailers,
            despatch_address=despatch_address, buyer=buyer, seller=seller,
            notes=[n for n in notes if n], order_ref=order_ref, printed=printed,
            invoice_refs=invoice_refs, sevkiyat_no=sevkiyat_no, currency=currency,
        )
        if data.get("ettn"):
            result.ettn = _read_ettn(data["ettn"])
        return result


def parse_despatch_line(raw: object, index: int,
                        profile: DespatchProfile = DespatchProfile.TEMELIRSALIYE
                        ) -> DespatchLineData:
    """One line of the despatch JSON, checked (a form may call it while the user types)."""
    where = f"{index}. kalem"
    f = f"lines[{index - 1}]."
    if not isinstance(raw, dict):
        raise UserError(f"{where}: bir nesne olmalı.", field=f"lines[{index - 1}]")
    name = fields.text(raw.get("name"), f + "name", f"{where}: mal adı")
    if not name:
        raise UserError(f"{where}: mal adı boş olamaz.", field=f + "name")
    quantity = fields.number(raw.get("quantity", "1"), f + "quantity", f"{where}: miktar",
                             places=fields.places_of(QUANTITY_PLACES))
    if quantity <= 0:
        raise UserError(f"{where}: miktar sıfırdan büyük olmalı.", field=f + "quantity")
    unit = fields.text(raw.get("unit"), f + "unit", f"{where}: birim",
                       max_len=fields.SHORT_TEXT).upper() or "C62"
    if unit not in codes.UNITS:
        raise UserError(f"{where}: birim '{shown(unit)}' bilinmiyor; örnek C62 (adet), KGM, "
                        "LTR, MTR.", field=f + "unit")
    price = None
    if raw.get("unit_price") not in (None, ""):
        price = fields.number(raw["unit_price"], f + "unit_price", f"{where}: birim fiyat",
                              places=fields.places_of(PRICE_PLACES))
        if quantity * price > fields.MAX_AMOUNT:
            raise UserError(f"{where}: miktar × birim fiyat GİB'in kabul ettiği en büyük "
                            "tutarı aşıyor.", field=f + "unit_price")
    line = DespatchLineData(
        name=name, quantity=quantity, unit=unit, unit_price=price,
        seller_code=fields.text(raw.get("seller_code"), f + "seller_code",
                                f"{where}: satıcı ürün kodu", max_len=fields.SHORT_TEXT),
        buyer_code=fields.text(raw.get("buyer_code"), f + "buyer_code",
                               f"{where}: alıcı ürün kodu", max_len=fields.SHORT_TEXT),
        description=fields.text(raw.get("description"), f + "description",
                                f"{where}: açıklama", max_len=fields.LONG_TEXT,
                                multiline=True),
    )
    if profile is DespatchProfile.HKSIRSALIYE:
        block = fields.mapping(raw.get("hks"), f + "hks", f"{where}: HKS")
        kunye = fields.text(block.get("kunye_no"), f + "hks.kunye_no", f"{where}: künye no",
                            max_len=fields.SHORT_TEXT)
        if not kunye:
            raise UserError(f"{where}: HKS irsaliyesinde her kalemde Hal Kayıt Sistemi'nin "
                            "verdiği 19 haneli künye numarası yazılmalı (GİB kuralı "
                            "DespatchAdviceHKSKunyeCheck).", field=f + "hks.kunye_no")
        assert market_hall.MARKET_HALL.parse_line is not None
        scope = Scope(profile.value, "SEVK", f + "hks.", index)
        line.kunye_no = market_hall.MARKET_HALL.parse_line({"kunye_no": kunye}, scope)["kunye_no"]
    if profile is DespatchProfile.IDISIRSALIYE:
        block = fields.mapping(raw.get("idis"), f + "idis", f"{where}: İDİS")
        labels = fields.text(block.get("etiket_no"), f + "idis.etiket_no",
                             f"{where}: İDİS etiket no", max_len=idis.LABEL.max_len)
        assert idis.KIND.parse_line is not None
        scope = Scope(profile.value, "SEVK", f + "idis.", index)
        parsed = idis.KIND.parse_line({"etiket_no": labels}, scope)["etiket_no"]
        line.etiket_no = idis.labels(parsed)
    return line


# -- helpers ------------------------------------------------------------------------------

def _enum(enum: type[StrEnum], value: object, name: str, label: str):  # type: ignore[no-untyped-def]
    text = value.strip().upper() if isinstance(value, str) else None
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise UserError(f"{label}: '{shown(value)}' geçersiz; şunlardan biri olmalı: "
                        f"{allowed}.", field=name) from None


def _date(value: object, name: str, label: str) -> date | None:
    try:
        return _read_date(value, name)
    except UserError:
        raise UserError(f"{label}: '{shown(value)}' bir tarih değil; 2026-11-27 ya da "
                        "27.11.2026 yazın.", field=name) from None


def _time(value: object, name: str, label: str) -> time | None:
    try:
        return _read_time(value, name)
    except UserError:
        raise UserError(f"{label}: '{shown(value)}' bir saat değil; 14:30 ya da 14:30:00 "
                        "yazın.", field=name) from None


def _check_year(d: date, name: str, label: str) -> None:
    # the number carries the year as 20YY (InvoiceIDCheck), as for invoices
    if not (fields.FIRST_ISSUE_DATE <= d <= fields.LAST_ISSUE_DATE):
        raise UserError(f"{label} ({d.isoformat()}) 01.01.2005 ile 31.12.2099 arasında "
                        "olmalı.", field=name)


def _optional_party(raw: object, prefix: str) -> Party | None:
    if raw in (None, {}):
        return None
    if not isinstance(raw, dict):
        raise UserError(f"{prefix.rstrip('.')}: bir JSON nesnesi ({{…}}) olmalı.",
                        field=prefix.rstrip("."))
    return Party.from_dict(raw, field_prefix=prefix)


def _need_district_and_city(address: Address, where: str, label: str) -> None:
    if not address.district:
        raise UserError(f"{label}: ilçe yazılmalı.", field=f"{where}.district")
    if not address.city:
        raise UserError(f"{label}: il yazılmalı.", field=f"{where}.city")


def _delivery_address(raw: object, customer: Party) -> Address:
    """The delivery address (DespatchAddressCheck: district, city, country, postal code); the
    receiver's own address when none is given."""
    where = "shipment.delivery_address"
    if raw in (None, {}):
        address = customer.address
        label = "Teslim adresi (alıcının adresi)"
    else:
        address = Address.from_dict(raw, "shipment.delivery_")
        label = "Teslim adresi"
    _need_district_and_city(address, where, label)
    if not POSTAL_CODE_RE.fullmatch(address.postal_code):
        got = f"; '{shown(address.postal_code)}' uygun değil" if address.postal_code else ""
        raise UserError(f"{label}: beş haneli posta kodu yazılmalı (örnek 06100){got}. GİB, "
                        "irsaliyede teslim adresinin posta kodunu ister "
                        "(DespatchAddressCheck).", field=f"{where}.postal_code")
    return address


def _carrier(raw: object) -> DespatchCarrier | None:
    if raw in (None, {}):
        return None
    block = fields.mapping(raw, "shipment.carrier", "Taşıyan firma")
    f = "shipment.carrier."
    name = fields.text(block.get("name"), f + "name", "Taşıyan firmanın adı")
    number = fields.text(block.get("vkn_tckn"), f + "vkn_tckn", "Taşıyan firmanın VKN/TCKN'si",
                         max_len=fields.SHORT_TEXT)
    district = fields.text(block.get("district"), f + "district", "Taşıyan firmanın ilçesi",
                           max_len=fields.SHORT_TEXT)
    city = fields.text(block.get("city"), f + "city", "Taşıyan firmanın ili",
                       max_len=fields.SHORT_TEXT)
    try:
        number = check_vkn_tckn(number, field=f + "vkn_tckn")
    except UserError as exc:
        raise UserError(f"Taşıyan firma: {exc.message}", field=exc.field) from None
    if not name:
        raise UserError("Taşıyan firmanın adı (unvanı) yazılmalı.", field=f + "name")
    if not district:
        raise UserError("Taşıyan firmanın adresinin ilçesi yazılmalı.", field=f + "district")
    if not city:
        raise UserError("Taşıyan firmanın adresinin ili yazılmalı.", field=f + "city")
    return DespatchCarrier(vkn_tckn=number, name=name, district=district, city=city)


def _driver(raw: object) -> DespatchDriver | None:
    if raw in (None, {}):
        return None
    block = fields.mapping(raw, "shipment.driver", "Şoför")
    f = "shipment.driver."
    first = fields.text(block.get("first_name"), f + "first_name", "Şoförün adı",
                        max_len=fields.SHORT_TEXT)
    family = fields.text(block.get("family_name"), f + "family_name", "Şoförün soyadı",
                         max_len=fields.SHORT_TEXT)
    number = fields.text(block.get("tckn"), f + "tckn", "Şoförün T.C. kimlik numarası",
                         max_len=fields.SHORT_TEXT)
    title = fields.text(block.get("title"), f + "title", "Şoförün unvanı",
                        max_len=fields.SHORT_TEXT)
    if not first:
        raise UserError("Şoförün adı yazılmalı.", field=f + "first_name")
    if not family:
        raise UserError("Şoförün soyadı yazılmalı.", field=f + "family_name")
    cleaned = number.replace(" ", "")
    if len(cleaned) != 11:
        raise UserError("Şoförün 11 haneli T.C. kimlik numarası yazılmalı.", field=f + "tckn")
    try:
        cleaned = check_vkn_tckn(cleaned, field=f + "tckn")
    except UserError as exc:
        raise UserError(f"Şoför: {exc.message}", field=exc.field) from None
    return DespatchDriver(first_name=first, family_name=family, tckn=cleaned, title=title)


def _plates(raw: object, where: str, label: str, most: int) -> list[str]:
    if isinstance(raw, str):
        raw = [raw] if raw.strip() else []
    plates = []
    for i, value in enumerate(fields.sequence(raw, where, label, max_items=most)):
        text = fields.text(value, f"{where}[{i}]", label, max_len=fields.SHORT_TEXT)
        plate = "".join(text.split()).replace("-", "").upper()
        if not PLATE_RE.fullmatch(plate):
            raise UserError(f"{label} '{shown(text)}' geçersiz: yalnızca harf (Türkçe "
                            "karakter olmadan) ve rakam yazın (örnek 06 ABC 123).",
                            field=f"{where}[{i}]")
        if plate in plates:
            raise UserError(f"{label} {plate} iki kez yazılmış.", field=f"{where}[{i}]")
        plates.append(plate)
    return plates


def _document_ref(raw: object, where: str, label: str, *, need_date: bool,
                  default_date: date | None = None) -> LinkedDocument:
    block = fields.mapping(raw, where, label, optional=False)
    number = fields.text(block.get("number"), f"{where}.number", f"{label} numarası",
                         max_len=fields.SHORT_TEXT)
    if not number:
        raise UserError(f"{label} numarası yazılmalı.", field=f"{where}.number")
    d = _date(block.get("date"), f"{where}.date", f"{label} tarihi")
    if d is None:
        if need_date or default_date is None:
            raise UserError(f"{label} tarihi yazılmalı.", field=f"{where}.date")
        d = default_date
    else:
        _check_year(d, f"{where}.date", f"{label} tarihi")
        if d > clock.today():
            # TimeCheck (every cbc:IssueDate of the document): not after today
            raise UserError(f"{label} tarihi ({d.isoformat()}) bugünden ileri olamaz.",
                            field=f"{where}.date")
    return LinkedDocument(number=number, date=d)


def despatch_number_ok(number: str) -> bool:
    """``ABC2026000000001``: the form GİB's InvoiceIDCheck asks of a DespatchAdvice ID."""
    return bool(DESPATCH_NUMBER_RE.fullmatch(number))


__all__ = [
    "DEFAULT_DESPATCH_SERIES",
    "DespatchCarrier",
    "DespatchData",
    "DespatchDriver",
    "DespatchLineData",
    "DespatchProfile",
    "DespatchType",
    "LinkedDocument",
    "despatch_number_ok",
    "parse_despatch_line",
]
