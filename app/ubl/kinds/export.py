"""IHRACAT in the invoice XML, as GİB's sample IHRACAT.xml writes it:

- ``cac:BuyerCustomerParty/cac:Party``: ``PartyIdentification/ID`` ``EXPORT`` (schemeID
  ``PARTYTYPE``, IhracatYolcuBeraberCheck), ``PartyName``, the foreign ``PostalAddress`` and
  ``PartyLegalEntity`` with ``RegistrationName`` (OfficelTitleCheck) and the buyer's own tax
  number as ``CompanyID``;
- on every ``cac:InvoiceLine`` a ``cac:Delivery`` with the ``DeliveryAddress`` (the place of
  delivery and payment), ``DeliveryTerms/ID`` schemeID ``INCOTERMS``, and a ``Shipment`` with
  the GTİP (``GoodsItem/RequiredCustomsID``), the transport mode
  (``ShipmentStage/TransportModeCode``) and the packages
  (``TransportHandlingUnit/ActualPackage``) — LineDeliveryCheck, DeliveryCodeCheck;
- the supplier's tax office is required (PartyVDCheck): an export is refused before signing
  when the company has none.

The customer (AccountingCustomerParty) is GTB, written by the common builder from
``InvoiceData.customer`` (``app.domain.kinds.export.customer_of``).

``describe`` reads the same elements from any invoice (an OZELFATURA or a received export
too), as GİB's general.xslt shows them: delivery terms, transport mode, place of delivery,
GTİP and packages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from app.domain.codes import COUNTRY_NAMES
from app.domain.errors import UserError
from app.domain.kinds import export as domain
from app.domain.kinds import value
from app.ubl.kinds import Details, UblKind, text_at, text_of
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, place

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals

PARTY_TYPE, PARTY_TYPE_SCHEME = "EXPORT", "PARTYTYPE"
INCOTERMS_SCHEME = "INCOTERMS"
EXPORT_PROFILES = ("IHRACAT", "OZELFATURA")
_C, _B = f"{{{CAC}}}", f"{{{CBC}}}"
_INCOTERMS_WORDS = dict(domain.INCOTERMS)
_PACKAGE_WORDS = dict(domain.PACKAGE_KINDS)


def _address(parent: etree._Element, name: str, street: str, city: str,
             country: str) -> None:
    addr = child(parent, CAC, name)
    if street:
        child(addr, CBC, "StreetName", street)
    # UBL-TR's address needs a CitySubdivisionName; a foreign address often has no ilçe
    # (GİB's sample leaves it empty).
    child(addr, CBC, "CitySubdivisionName", "")
    child(addr, CBC, "CityName", city)
    c = child(addr, CAC, "Country")
    child(c, CBC, "IdentificationCode", country)
    child(c, CBC, "Name", COUNTRY_NAMES.get(country, country))


def _build(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    if not ctx.supplier.tax_office:
        # PartyVDCheck: the supplier's PartyTaxScheme/TaxScheme/Name on an IHRACAT invoice.
        raise UserError("İhracat faturasında firmanızın vergi dairesi yazılı olmalı: Ayarlar → "
                        "Firma bilgilerine vergi dairesini ekleyin.", field="company.tax_office")
    block = invoice.kinds.get(domain.KEY) or {}

    def v(key: str) -> str:
        return str(value(block, key))

    buyer = place(root, etree.Element(f"{_C}BuyerCustomerParty"))
    party = child(buyer, CAC, "Party")
    child(child(party, CAC, "PartyIdentification"), CBC, "ID", PARTY_TYPE,
          schemeID=PARTY_TYPE_SCHEME)
    child(child(party, CAC, "PartyName"), CBC, "Name", v("buyer_name"))
    _address(party, "PostalAddress", v("buyer_address"), v("buyer_city"), v("buyer_country"))
    legal = child(party, CAC, "PartyLegalEntity")
    child(legal, CBC, "RegistrationName", v("buyer_name"))
    if v("buyer_tax_id"):
        child(legal, CBC, "CompanyID", v("buyer_tax_id"))

    if v("delivery_city"):
        place_ = (v("delivery_address"), v("delivery_city"),
                  v("delivery_country") or v("buyer_country"))
    else:
        place_ = (v("delivery_address") or v("buyer_address"), v("buyer_city"),
                  v("delivery_country") or v("buyer_country"))
    for il, line in zip(root.findall(f"{_C}InvoiceLine"), invoice.lines, strict=True):
        own = line.kinds.get(domain.KEY) or {}
        delivery = child(il, CAC, "Delivery")
        _address(delivery, "DeliveryAddress", *place_)
        child(child(delivery, CAC, "DeliveryTerms"), CBC, "ID", v("incoterms"),
              schemeID=INCOTERMS_SCHEME)
        shipment = child(delivery, CAC, "Shipment")
        child(shipment, CBC, "ID", "")  # required by UBL, empty in GİB's sample
        child(child(shipment, CAC, "GoodsItem"), CBC, "RequiredCustomsID",
              str(value(own, "gtip")))
        child(child(shipment, CAC, "ShipmentStage"), CBC, "TransportModeCode",
              v("transport_mode"))
        kind, count = str(value(own, "package_kind")), value(own, "package_count", None)
        number = str(value(own, "package_no"))
        if kind or count is not None or number:
            package = child(child(shipment, CAC, "TransportHandlingUnit"), CAC, "ActualPackage")
            child(package, CBC, "ID", number)
            if count is not None:
                child(package, CBC, "Quantity", str(int(count)))
            if kind:
                child(package, CBC, "PackagingTypeCode", kind)


# --- reading back ----------------------------------------------------------------------

def _coded(code: str, words: dict[str, str]) -> str:
    said = words.get(code.upper())
    return f"{code} — {said}" if said else code


def _place(addr: etree._Element | None) -> str:
    if addr is None:
        return ""
    country = text_at(addr, f"{_C}Country/{_B}IdentificationCode")
    country_name = text_at(addr, f"{_C}Country/{_B}Name") or COUNTRY_NAMES.get(country.upper(), "")
    parts = [text_at(addr, f"{_B}{n}") for n in ("StreetName", "BuildingNumber", "PostalZone",
                                                 "CityName")]
    parts.append(country_name or country)
    return ", ".join(p for p in parts if p)


def _delivery_rows(delivery: etree._Element | None) -> list[tuple[str, str]]:
    """Teslim şartı, gönderilme şekli and teslim yeri of one Delivery."""
    if delivery is None:
        return []
    rows = []
    terms = [text_of(i, 20)
             for i in delivery.findall(f"{_C}DeliveryTerms/{_B}ID")
             if (i.get("schemeID") or "").strip().upper() == INCOTERMS_SCHEME]
    if terms and terms[0]:
        rows.append(("Teslim Şartı", _coded(terms[0], _INCOTERMS_WORDS)))
    mode = text_at(delivery, f"{_C}Shipment/{_C}ShipmentStage/{_B}TransportModeCode")
    if mode:
        rows.append(("Gönderilme Şekli", _coded(mode, domain.TRANSPORT_MODE_WORDS)))
    where = _place(delivery.find(f"{_C}DeliveryAddress"))
    if where:
        rows.append(("Teslim/Bedel Ödeme Yeri", where))
    return rows


def _goods_rows(delivery: etree._Element | None) -> list[tuple[str, str]]:
    """GTİP and the packages of one line."""
    if delivery is None:
        return []
    rows = []
    shipment = delivery.find(f"{_C}Shipment")
    gtip = text_at(shipment, f"{_C}GoodsItem/{_B}RequiredCustomsID")
    if gtip:
        rows.append(("GTİP", gtip))
    package = shipment.find(f"{_C}TransportHandlingUnit/{_C}ActualPackage") \
        if shipment is not None else None
    kind = text_at(package, f"{_B}PackagingTypeCode")
    count = text_at(package, f"{_B}Quantity")
    number = text_at(package, f"{_B}ID")
    if kind or count:
        said = _PACKAGE_WORDS.get(kind.upper(), kind)
        rows.append(("Kap", " ".join(p for p in (count, said) if p)))
    if number:
        rows.append(("Kap No", number))
    return rows


def _describe(root: etree._Element) -> Details | None:
    """The foreign buyer, delivery terms, transport mode and place (on the invoice when all
    lines agree, else per line) and each line's GTİP and packages; None when the invoice has
    none of them."""
    if not isinstance(root.tag, str):
        return None
    # GİB's general.xslt shows the export columns for these two scenarios only (an
    # IHRACKAYITLI 702 line carries a GTİP too, shown with that type).
    profile = text_at(root, f"{_B}ProfileID").upper()
    if profile not in EXPORT_PROFILES:
        return None
    rows: list[tuple[str, str]] = []
    for party in root.findall(f"{_C}BuyerCustomerParty/{_C}Party"):
        ids = [((i.get("schemeID") or "").strip().upper(), text_of(i))
               for i in party.findall(f"{_C}PartyIdentification/{_B}ID")]
        if (PARTY_TYPE_SCHEME, PARTY_TYPE) not in ids:
            continue
        name = (text_at(party, f"{_C}PartyLegalEntity/{_B}RegistrationName")
                or text_at(party, f"{_C}PartyName/{_B}Name"))
        if name:
            rows.append(("Yabancı Alıcı", name))
        tax_id = text_at(party, f"{_C}PartyLegalEntity/{_B}CompanyID")
        if tax_id:
            rows.append(("Alıcının Vergi No", tax_id))
        break
    lines = root.findall(f"{_C}InvoiceLine")
    invoice_level = _delivery_rows(root.find(f"{_C}Delivery"))
    per_line = [_delivery_rows(il.find(f"{_C}Delivery")) for il in lines]
    shared = bool(per_line) and all(r == per_line[0] for r in per_line)
    if shared:
        invoice_level = invoice_level + [r for r in per_line[0] if r not in invoice_level]
    rows.extend(invoice_level)
    line_rows = []
    for il, own in zip(lines, per_line, strict=True):
        goods = _goods_rows(il.find(f"{_C}Delivery"))
        line_rows.append(tuple(goods if shared else [*goods, *own]))
    if not rows and not any(line_rows):
        return None
    return Details(title="İhracat", rows=tuple(rows), lines=tuple(line_rows))


UBL_KINDS = (UblKind(domain.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
