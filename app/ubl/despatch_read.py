"""Reading e-İrsaliye documents: a DespatchAdvice and a ReceiptAdvice, from untrusted bytes.

``read_despatch(data)`` → ``app.domain.despatch.Despatch``; ``read_receipt(data)`` →
``app.domain.despatch.Receipt``; ``read_despatch_document(data)`` → whichever of the two
the bytes hold. Each takes the bare document or a GİB envelope (StandardBusinessDocument)
holding it, parsed only through ``app.xmlsafe`` (no DTD, no entities, no network, a size
limit). Text is read as the signature covers it (``app.xmlsafe.string_value``).

What is required, each refused with a Turkish ``UserError`` naming the element:
the number (cbc:ID), the ETTN (cbc:UUID, GİB's UUIDCheck pattern), IssueDate, a sender
(DespatchSupplierParty) and a receiver (DeliveryCustomerParty) with a VKN or TCKN, at least
one line with a quantity and a unitCode (schematron DeliveredQuantityCheck); a receipt
advice also needs the DespatchDocumentReference it answers and each line's
DespatchLineReference. A date, time or number that is present but malformed is refused.
The rest is read leniently, as GİB's own samples are (Irsaliye-Ornek1 carries no
DeliveryAddress although DespatchAddressCheck asks for one): what is read is kept as read.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal, InvalidOperation

from lxml import etree

from app.domain.despatch_as_read import (
    Despatch,
    DespatchLine,
    DocAddress,
    DocParty,
    Plate,
    ReadDriver,
    ReadRef,
    Receipt,
    ReceiptLine,
    ShipmentInfo,
)
from app.domain.errors import UserError, shown
from app.ubl.namespaces import CAC, CBC, DESPATCH_ADVICE, DS, EXT, RECEIPT_ADVICE, SBDH
from app.xmlsafe import parse_bytes, string_value

# A despatch of a few thousand lines is a few megabytes; GİB's largest sample
# (IDIS_Irsaliye.xml) is 140 KB.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_LINES = 20_000
MAX_TEXT = 4000  # longer text is cut (notes, reasons); codes and numbers are refused
_MAX_NUMBER_TEXT = 40

_C = f"{{{CAC}}}"
_B = f"{{{CBC}}}"
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                      r"[0-9a-fA-F]{12}", re.ASCII)
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?", re.ASCII)
_DECIMAL_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_SIGNATURE = (f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent/"
              f"{{{DS}}}Signature")

_ROOTS = {
    f"{{{DESPATCH_ADVICE}}}DespatchAdvice": "irsaliye (DespatchAdvice)",
    f"{{{RECEIPT_ADVICE}}}ReceiptAdvice": "irsaliye yanıtı (ReceiptAdvice)",
}


# ---------------------------------------------------------------- text and values


def _clean(value: str | None) -> str:
    """Stripped, inner runs of white space kept as one space, control characters dropped."""
    if not value:
        return ""
    text = "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in value)
    return " ".join(text.split())[:MAX_TEXT]


def _text(el: etree._Element | None) -> str:
    return _clean(string_value(el))


def _child(el: etree._Element | None, path: str) -> str:
    return "" if el is None else _text(el.find(path))


def _where(el: etree._Element) -> str:
    return etree.QName(el).localname


def _decimal(el: etree._Element, label: str) -> Decimal:
    raw = (string_value(el) or "").strip()
    if not raw:
        raise UserError(f"{label} ({_where(el)}) boş.")
    if len(raw) > _MAX_NUMBER_TEXT or not _DECIMAL_RE.fullmatch(raw):
        raise UserError(f"{label} ({_where(el)}) bir sayı değil: '{shown(raw)}'.")
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise UserError(f"{label} ({_where(el)}) bir sayı değil: '{shown(raw)}'.") from None


def _date(el: etree._Element | None, label: str, *, required: bool = False) -> date | None:
    raw = _text(el)
    if not raw:
        if required:
            raise UserError(f"Belgede {label} yok ya da boş.")
        return None
    try:
        if not _DATE_RE.fullmatch(raw):  # xs:date, with an optional time zone
            raise ValueError(raw)
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise UserError(f"{label} YYYY-AA-GG biçiminde bir tarih değil: '{shown(raw)}'.") from None


def _time(el: etree._Element | None, label: str) -> time | None:
    raw = _text(el)
    if not raw:
        return None
    try:
        return time.fromisoformat(raw[:8])
    except ValueError:
        raise UserError(f"{label} SS:DD:ss biçiminde bir saat değil: '{shown(raw)}'.") from None


# ---------------------------------------------------------------- parts


def _address(el: etree._Element | None) -> DocAddress | None:
    if el is None:
        return None
    return DocAddress(
        street=_child(el, f"{_B}StreetName"),
        building_name=_child(el, f"{_B}BuildingName"),
        building_no=_child(el, f"{_B}BuildingNumber"),
        district=_child(el, f"{_B}CitySubdivisionName"),
        city=_child(el, f"{_B}CityName"),
        postal_code=_child(el, f"{_B}PostalZone"),
        region=_child(el, f"{_B}Region"),
        country_code=_child(el, f"{_C}Country/{_B}IdentificationCode"),
        country_name=_child(el, f"{_C}Country/{_B}Name"),
    )


def _party(el: etree._Element | None, label: str, *, required: bool) -> DocParty | None:
    """A ``cac:Party`` with exactly one VKN or TCKN (schematron
    PartyIdentificationPartyNamePersonCheck); ``None`` when absent and not required."""
    if el is None:
        if required:
            raise UserError(f"Belgede {label} bilgisi yok.")
        return None
    ids = [((i.get("schemeID") or "").strip(), _text(i))
           for i in el.iterfind(f"{_C}PartyIdentification/{_B}ID")]
    main = [(s.upper(), v) for s, v in ids if s.upper() in ("VKN", "TCKN")]
    if not main:
        if not required:
            return None
        raise UserError(f"{label}: schemeID'si VKN ya da TCKN olan bir "
                        "PartyIdentification/ID yok.")
    if len(main) > 1:
        raise UserError(f"{label}: birden fazla VKN/TCKN var; GİB tek bir VKN ya da TCKN ister.")
    scheme, value = main[0]
    if not (value.isascii() and value.isdigit() and len(value) == (10 if scheme == "VKN" else 11)):
        raise UserError(f"{label}: {scheme} {10 if scheme == 'VKN' else 11} haneli olmalı: "
                        f"'{shown(value)}'.")
    person = el.find(f"{_C}Person")
    contact = el.find(f"{_C}Contact")
    return DocParty(
        vkn_tckn=value, scheme=scheme,
        name=_child(el, f"{_C}PartyName/{_B}Name"),
        first_name=_child(person, f"{_B}FirstName"),
        family_name=_child(person, f"{_B}FamilyName"),
        tax_office=_child(el, f"{_C}PartyTaxScheme/{_C}TaxScheme/{_B}Name"),
        address=_address(el.find(f"{_C}PostalAddress")),
        phone=_child(contact, f"{_B}Telephone"),
        email=_child(contact, f"{_B}ElectronicMail"),
        web=_child(el, f"{_B}WebsiteURI"),
        other_ids=tuple((s, v) for s, v in ids if s.upper() not in ("VKN", "TCKN")),
    )


def _ref(el: etree._Element, label: str) -> ReadRef:
    return ReadRef(
        id=_child(el, f"{_B}ID"),
        issue_date=_date(el.find(f"{_B}IssueDate"), f"{label} tarihi (IssueDate)"),
        type_code=_child(el, f"{_B}DocumentTypeCode"),
        type=_child(el, f"{_B}DocumentType"),
    )


def _refs(root: etree._Element, name: str, label: str) -> tuple[ReadRef, ...]:
    return tuple(_ref(el, label) for el in root.iterfind(f"{_C}{name}"))


def _shipment(root: etree._Element) -> ShipmentInfo:
    sh = root.find(f"{_C}Shipment")
    if sh is None:
        return ShipmentInfo()
    delivery = sh.find(f"{_C}Delivery")
    carrier_el = delivery.find(f"{_C}CarrierParty") if delivery is not None else None
    despatch = delivery.find(f"{_C}Despatch") if delivery is not None else None
    drivers = tuple(
        ReadDriver(first_name=_child(d, f"{_B}FirstName"), family_name=_child(d, f"{_B}FamilyName"),
               title=_child(d, f"{_B}Title"), nationality_id=_child(d, f"{_B}NationalityID"))
        for d in sh.iterfind(f"{_C}ShipmentStage/{_C}DriverPerson"))
    plates = tuple(
        Plate(_text(p), (p.get("schemeID") or "").strip())
        for p in sh.iterfind(f"{_C}ShipmentStage/{_C}TransportMeans/{_C}RoadTransport/"
                             f"{_B}LicensePlateID") if _text(p))
    trailers = tuple(
        Plate(_text(p), (p.get("schemeID") or "").strip())
        for p in sh.iterfind(f"{_C}TransportHandlingUnit/{_C}TransportEquipment/{_B}ID")
        if _text(p))
    carrier_name = ""
    if carrier_el is not None:
        carrier_name = _child(carrier_el, f"{_C}PartyName/{_B}Name") or " ".join(filter(None, (
            _child(carrier_el, f"{_C}Person/{_B}FirstName"),
            _child(carrier_el, f"{_C}Person/{_B}FamilyName"))))
    return ShipmentInfo(
        carrier=_party(carrier_el, "Taşıyıcı (CarrierParty)", required=False),
        carrier_name=carrier_name,
        drivers=drivers, plates=plates, trailers=trailers,
        delivery_address=_address(delivery.find(f"{_C}DeliveryAddress"))
        if delivery is not None else None,
        despatch_date=_date(despatch.find(f"{_B}ActualDespatchDate"),
                            "Fiili sevk tarihi (ActualDespatchDate)")
        if despatch is not None else None,
        despatch_time=_time(despatch.find(f"{_B}ActualDespatchTime"),
                            "Fiili sevk zamanı (ActualDespatchTime)")
        if despatch is not None else None,
        delivery_date=_date(delivery.find(f"{_B}ActualDeliveryDate"),
                            "Teslim tarihi (ActualDeliveryDate)")
        if delivery is not None else None,
        delivery_time=_time(delivery.find(f"{_B}ActualDeliveryTime"),
                            "Teslim zamanı (ActualDeliveryTime)")
        if delivery is not None else None,
    )


def _quantity(line: etree._Element, name: str, where: str, *,
              required: bool = False) -> tuple[Decimal | None, str]:
    el = line.find(f"{_B}{name}")
    if el is None:
        if required:
            raise UserError(f"{where}: {name} yok.")
        return None, ""
    value = _decimal(el, f"{where}: miktar")
    if value < 0:
        raise UserError(f"{where}: {name} eksi olamaz: '{shown(str(value))}'.")
    unit = (el.get("unitCode") or "").strip()
    if not unit:
        # schematron DeliveredQuantityCheck: "unitCode niteliğine sahip olmalıdır"
        raise UserError(f"{where}: {name} elemanının birimi (unitCode) yok.")
    return value, unit


def _lines(root: etree._Element, name: str) -> list[etree._Element]:
    found = root.findall(f"{_C}{name}")
    if not found:
        raise UserError(f"Belgede hiç satır ({name}) yok.")
    if len(found) > MAX_LINES:
        raise UserError(f"Belgede {len(found)} satır var; en fazla {MAX_LINES} satır okunur.")
    return found


def _despatch_line(el: etree._Element, index: int) -> DespatchLine:
    line_id = _child(el, f"{_B}ID")
    where = f"{index}. irsaliye satırı (DespatchLine{f' {shown(line_id)}' if line_id else ''})"
    if not line_id:
        raise UserError(f"{where}: satır numarası (cbc:ID) yok.")
    quantity, unit = _quantity(el, "DeliveredQuantity", where, required=True)
    outstanding, _ = _quantity(el, "OutstandingQuantity", where)
    assert quantity is not None
    priced = el.find(f"{_C}Shipment/{_C}GoodsItem/{_C}InvoiceLine")
    price_el = priced.find(f"{_C}Price/{_B}PriceAmount") if priced is not None else None
    amount_el = priced.find(f"{_B}LineExtensionAmount") if priced is not None else None
    currency = next(((e.get("currencyID") or "").strip() for e in (price_el, amount_el)
                     if e is not None), "")
    return DespatchLine(
        line_id=line_id, item_name=_child(el, f"{_C}Item/{_B}Name"), quantity=quantity,
        unit=unit, seller_code=_child(el, f"{_C}Item/{_C}SellersItemIdentification/{_B}ID"),
        note=" ".join(filter(None, (_text(n) for n in el.iterfind(f"{_B}Note")))),
        outstanding=outstanding, outstanding_reason=_child(el, f"{_B}OutstandingReason"),
        order_line_id=_child(el, f"{_C}OrderLineReference/{_B}LineID"),
        item_ids=tuple(((i.get("schemeID") or "").strip(), _text(i))
                       for i in el.iterfind(f"{_C}Item/{_C}AdditionalItemIdentification/{_B}ID")
                       if _text(i)),
        unit_price=_decimal(price_el, f"{where}: birim fiyat") if price_el is not None else None,
        amount=_decimal(amount_el, f"{where}: tutar") if amount_el is not None else None,
        currency=currency,
    )


def _receipt_line(el: etree._Element, index: int) -> ReceiptLine:
    line_id = _child(el, f"{_B}ID")
    where = f"{index}. yanıt satırı (ReceiptLine{f' {shown(line_id)}' if line_id else ''})"
    if not line_id:
        raise UserError(f"{where}: satır numarası (cbc:ID) yok.")
    ref = _child(el, f"{_C}DespatchLineReference/{_B}LineID")
    if not ref:
        raise UserError(f"{where}: hangi irsaliye satırına yanıt olduğu "
                        "(DespatchLineReference/LineID) yok.")
    values: dict[str, Decimal | None] = {}
    units: set[str] = set()
    for key, name in (("received", "ReceivedQuantity"), ("rejected", "RejectedQuantity"),
                      ("short", "ShortQuantity"), ("oversupply", "OversupplyQuantity")):
        value, unit = _quantity(el, name, where)
        values[key] = value
        if unit:
            units.add(unit)
    if len(units) > 1:
        raise UserError(f"{where}: miktarların birimleri farklı ({', '.join(sorted(units))}); "
                        "aynı birim bekleniyordu.")
    return ReceiptLine(
        line_id=line_id, despatch_line_id=ref, item_name=_child(el, f"{_C}Item/{_B}Name"),
        unit=next(iter(units), ""),
        received=values["received"], rejected=values["rejected"], short=values["short"],
        oversupply=values["oversupply"],
        reject_reason=" ".join(filter(None, (_text(r) for r in el.iterfind(f"{_B}RejectReason")))),
        timing_complaint=_child(el, f"{_B}TimingComplaint"),
        note=" ".join(filter(None, (_text(n) for n in el.iterfind(f"{_B}Note")))),
        seller_code=_child(el, f"{_C}Item/{_C}SellersItemIdentification/{_B}ID"),
    )


def _header(root: etree._Element, what: str) -> tuple[str, str, date, time | None]:
    number = _child(root, f"{_B}ID")
    if not number:
        raise UserError(f"{what} numarası (cbc:ID) yok ya da boş.")
    if len(number) > 64:
        raise UserError(f"{what} numarası (cbc:ID) çok uzun: '{shown(number)}'.")
    uuid = _child(root, f"{_B}UUID")
    if not uuid:
        raise UserError(f"{what} ETTN'si (cbc:UUID) yok ya da boş.")
    if not _UUID_RE.fullmatch(uuid):
        # schematron UUIDCheck
        raise UserError(f"{what} ETTN'si (cbc:UUID) UUID biçiminde değil: '{shown(uuid)}'.")
    issue_date = _date(root.find(f"{_B}IssueDate"), f"{what} tarihi (IssueDate)", required=True)
    assert issue_date is not None
    issue_time = _time(root.find(f"{_B}IssueTime"), f"{what} saati (IssueTime)")
    return number, uuid.upper(), issue_date, issue_time


def _notes(root: etree._Element) -> tuple[str, ...]:
    return tuple(filter(None, (_text(n) for n in root.iterfind(f"{_B}Note"))))


# ---------------------------------------------------------------- entry points


def _document_root(data: bytes) -> etree._Element:
    root = parse_bytes(data, max_bytes=MAX_DOCUMENT_BYTES).getroot()
    if root.tag in _ROOTS:
        return root
    if root.tag == f"{{{SBDH}}}StandardBusinessDocument":
        for el in root.iter(*_ROOTS):
            return el
        raise UserError("Zarfta irsaliye (DespatchAdvice) ya da irsaliye yanıtı "
                        "(ReceiptAdvice) yok.")
    name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    raise UserError(f"Belge bir irsaliye (DespatchAdvice) ya da irsaliye yanıtı "
                    f"(ReceiptAdvice) değil: kök eleman '{shown(name)}'.")


def despatch_from_root(root: etree._Element) -> Despatch:
    """Read a parsed ``DespatchAdvice`` element (see the module docstring)."""
    what = "İrsaliye"
    number, uuid, issue_date, issue_time = _header(root, what)
    return Despatch(
        number=number, uuid=uuid,
        customization=_child(root, f"{_B}CustomizationID"),
        profile=_child(root, f"{_B}ProfileID"),
        type_code=_child(root, f"{_B}DespatchAdviceTypeCode"),
        issue_date=issue_date, issue_time=issue_time,
        supplier=_required_party(root, "DespatchSupplierParty", "Gönderen"),
        customer=_required_party(root, "DeliveryCustomerParty", "Alıcı"),
        buyer=_party(root.find(f"{_C}BuyerCustomerParty/{_C}Party"),
                     "Satın alan (BuyerCustomerParty)", required=False),
        shipment=_shipment(root),
        lines=tuple(_despatch_line(el, i)
                    for i, el in enumerate(_lines(root, "DespatchLine"), start=1)),
        notes=_notes(root),
        orders=_refs(root, "OrderReference", "Sipariş"),
        additional_refs=_refs(root, "AdditionalDocumentReference", "Ek belge"),
        signed=root.find(_SIGNATURE) is not None,
    )


def receipt_from_root(root: etree._Element) -> Receipt:
    """Read a parsed ``ReceiptAdvice`` element (see the module docstring)."""
    what = "İrsaliye yanıtı"
    number, uuid, issue_date, issue_time = _header(root, what)
    refs = root.findall(f"{_C}DespatchDocumentReference")
    if not refs:
        raise UserError("İrsaliye yanıtında hangi irsaliyeye yanıt verildiği "
                        "(DespatchDocumentReference) yok.")
    despatch = _ref(refs[0], "Yanıtlanan irsaliye")
    if not despatch.id:
        raise UserError("İrsaliye yanıtında DespatchDocumentReference/ID boş.")
    return Receipt(
        number=number, uuid=uuid,
        customization=_child(root, f"{_B}CustomizationID"),
        profile=_child(root, f"{_B}ProfileID"),
        type_code=_child(root, f"{_B}ReceiptAdviceTypeCode"),
        issue_date=issue_date, issue_time=issue_time, despatch=despatch,
        supplier=_required_party(root, "DespatchSupplierParty", "İrsaliyeyi gönderen"),
        customer=_required_party(root, "DeliveryCustomerParty", "Yanıtı gönderen (alıcı)"),
        shipment=_shipment(root),
        lines=tuple(_receipt_line(el, i)
                    for i, el in enumerate(_lines(root, "ReceiptLine"), start=1)),
        notes=_notes(root),
        orders=_refs(root, "OrderReference", "Sipariş"),
        additional_refs=_refs(root, "AdditionalDocumentReference", "Ek belge"),
        signed=root.find(_SIGNATURE) is not None,
    )


def _required_party(root: etree._Element, role: str, label: str) -> DocParty:
    party = _party(root.find(f"{_C}{role}/{_C}Party"), f"{label} ({role})", required=True)
    assert party is not None
    return party


def read_despatch(data: bytes) -> Despatch:
    """A DespatchAdvice (bare or in an envelope) from untrusted bytes."""
    root = _document_root(data)
    if etree.QName(root).localname != "DespatchAdvice":
        raise UserError("Bu belge bir irsaliye yanıtı (ReceiptAdvice); irsaliye "
                        "(DespatchAdvice) bekleniyordu.")
    return despatch_from_root(root)


def read_receipt(data: bytes) -> Receipt:
    """A ReceiptAdvice (bare or in an envelope) from untrusted bytes."""
    root = _document_root(data)
    if etree.QName(root).localname != "ReceiptAdvice":
        raise UserError("Bu belge bir irsaliye (DespatchAdvice); irsaliye yanıtı "
                        "(ReceiptAdvice) bekleniyordu.")
    return receipt_from_root(root)


def read_despatch_document(data: bytes) -> Despatch | Receipt:
    """Whichever of a DespatchAdvice or a ReceiptAdvice ``data`` holds."""
    root = _document_root(data)
    if etree.QName(root).localname == "DespatchAdvice":
        return despatch_from_root(root)
    return receipt_from_root(root)


__all__ = ["DESPATCH_ADVICE", "MAX_DOCUMENT_BYTES", "RECEIPT_ADVICE", "despatch_from_root",
           "read_despatch", "read_despatch_document", "read_receipt", "receipt_from_root"]
