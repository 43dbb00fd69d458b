"""UBL-TR 2.1 e-İrsaliye (DespatchAdvice) XML from a ``DespatchData``.

Element order is GİB's ``UBL-DespatchAdvice-2.1.xsd`` (``order_table.SEQUENCES
['DespatchAdvice']``) and the common aggregates'; namespace prefixes are those of GİB's
samples, all declared on the root before signing, as for invoices. The signature slot is the
invoice builder's own (``app.ubl.build``): an empty ``ext:ExtensionContent`` where the XAdES
signature goes (or the unsigned development marker) and ``cac:Signature`` pointing at
``#Signature_<number>``, so that signing works the same for both documents. The parties are
written by the invoice builder's party writer too.

What goes where (GİB's samples Irsaliye-Ornek1..3, Irsaliye-Matbudan, IDIS_Irsaliye and
GİB's ``irsaliye.xslt``, which shows these elements):

* the vehicle plate: ``Shipment/ShipmentStage/TransportMeans/RoadTransport/LicensePlateID``
  with schemeID ``PLAKA`` (LicensePlateIDSchemeIDCheck: PLAKA or DORSE), one stage per
  vehicle, the driver (``DriverPerson``) in the first;
* trailer plates: ``Shipment/TransportHandlingUnit/TransportEquipment/ID`` with schemeID
  ``DORSEPLAKA`` (Irsaliye-Ornek1; irsaliye.xslt reads exactly this);
* the carrier: ``Shipment/Delivery/CarrierParty``; the delivery address
  ``Shipment/Delivery/DeliveryAddress``; the actual despatch date, time and the despatch
  address ``Shipment/Delivery/Despatch``;
* the informative price of a line: ``DespatchLine/Shipment/GoodsItem/InvoiceLine`` (its
  LineExtensionAmount and Price, as GİB's samples), their sum
  ``Shipment/GoodsItem/ValueAmount``;
* the printed note of a MATBUDAN despatch: ``AdditionalDocumentReference`` with DocumentType
  ``MATBU`` (Irsaliye-Matbudan.xml); invoices the goods go with: DocumentType ``FATURA``;
* HKS künye: ``Item/AdditionalItemIdentification/ID[@schemeID='KUNYENO']``; İDİS labels
  ``ETIKETNO`` on the items and the shipment number ``SEVKIYATNO`` on the despatching party.
"""

from __future__ import annotations

from lxml import etree

from app.domain.codes import COUNTRY_NAMES
from app.domain.despatch import (
    INVOICE_DOCUMENT_TYPE,
    PRINTED_DOCUMENT_TYPE,
    DespatchData,
    DespatchLineData,
    LinkedDocument,
    despatch_number_ok,
)
from app.domain.errors import UserError, shown
from app.domain.kinds import idis, market_hall
from app.domain.money import xml_amount, xml_decimal
from app.domain.party import Address
from app.ubl.build import UNSIGNED_NS, RenderContext, _cac, _cbc, _party, _signature
from app.ubl.namespaces import CAC, CBC, DESPATCH_ADVICE, DS, EXT, XADES, XSI, q
from app.ubl.order import place

#: GİB's despatch samples say TR1.2.1 (IDIS_Irsaliye.xml TR1.2); CustomizationIDCheck takes both.
CUSTOMIZATION_ID = "TR1.2.1"
SCHEMA_LOCATION = f"{DESPATCH_ADVICE} UBL-DespatchAdvice-2.1.xsd"
DESPATCH_NSMAP: dict[str | None, str] = {
    None: DESPATCH_ADVICE, "cac": CAC, "cbc": CBC, "ds": DS, "ext": EXT, "xades": XADES,
    "xsi": XSI,
}
VEHICLE_PLATE_SCHEME = "PLAKA"
TRAILER_PLATE_SCHEME = "DORSEPLAKA"


def build_despatch(despatch: DespatchData, ctx: RenderContext) -> etree._Element:
    """The DespatchAdvice element tree (unsigned). ``ctx.supplier`` is the company (the
    despatching party), ``ctx.number`` the despatch number (``IRS2026000000001``)."""
    if not despatch_number_ok(ctx.number):
        raise UserError(f"İrsaliye numarası '{shown(ctx.number)}' GİB biçiminde değil "
                        "(örnek IRS2026000000001).", field="number")
    root = etree.Element(q(DESPATCH_ADVICE, "DespatchAdvice"), nsmap=DESPATCH_NSMAP)
    root.set(q(XSI, "schemaLocation"), SCHEMA_LOCATION)
    _extensions(root, ctx)
    _cbc(root, "UBLVersionID", "2.1")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", despatch.profile.value)
    _cbc(root, "ID", ctx.number)
    _cbc(root, "CopyIndicator", "false")
    _cbc(root, "UUID", despatch.ettn)
    _cbc(root, "IssueDate", despatch.issue_date.isoformat())
    _cbc(root, "IssueTime", despatch.issue_time.strftime("%H:%M:%S"))
    _cbc(root, "DespatchAdviceTypeCode", despatch.type.value)
    for note in despatch.notes:
        _cbc(root, "Note", note)
    _cbc(root, "LineCountNumeric", str(len(despatch.lines)))
    if despatch.order_ref is not None:
        order = _cac(root, "OrderReference")
        _cbc(order, "ID", despatch.order_ref.number)
        _cbc(order, "IssueDate", despatch.order_ref.date.isoformat())
    if despatch.printed is not None:
        _document_reference(root, despatch.printed, PRINTED_DOCUMENT_TYPE, "Matbu irsaliye")
    for ref in despatch.invoice_refs:
        _document_reference(root, ref, INVOICE_DOCUMENT_TYPE, "Fatura")
    _signature(root, ctx)
    supplier = _cac(root, "DespatchSupplierParty")
    _party(supplier, ctx.supplier, supplier=True)
    if despatch.sevkiyat_no:  # DespatchIdisSevkiyatNoCheck
        ident = place(supplier.find(q(CAC, "Party")),
                      etree.Element(q(CAC, "PartyIdentification")))
        _cbc(ident, "ID", despatch.sevkiyat_no, schemeID=idis.SHIPMENT_SCHEME)
    _party(_cac(root, "DeliveryCustomerParty"), despatch.customer, supplier=False)
    if despatch.buyer is not None:
        _party(_cac(root, "BuyerCustomerParty"), despatch.buyer, supplier=False)
    if despatch.seller is not None:
        _party(_cac(root, "SellerSupplierParty"), despatch.seller, supplier=False)
    _shipment(root, despatch)
    for index, line in enumerate(despatch.lines, start=1):
        _despatch_line(root, index, line, despatch.currency)
    return root


def render_despatch(despatch: DespatchData, ctx: RenderContext) -> bytes:
    """Serialised UTF-8 bytes with an XML declaration, ready to be signed."""
    root = build_despatch(despatch, ctx)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- aggregates -------------------------------------------------------------------------

def _extensions(root: etree._Element, ctx: RenderContext) -> None:
    """The signature slot, as ``app.ubl.build.build_invoice`` makes it."""
    ext = etree.SubElement(etree.SubElement(root, q(EXT, "UBLExtensions")),
                           q(EXT, "UBLExtension"))
    content = etree.SubElement(ext, q(EXT, "ExtensionContent"))
    if ctx.unsigned:
        marker = etree.SubElement(content, f"{{{UNSIGNED_NS}}}UnsignedCopy",
                                  nsmap={"tz": UNSIGNED_NS})
        marker.text = "İMZASIZ GELİŞTİRME KOPYASI - GEÇERLİ İRSALİYE DEĞİLDİR"


def _document_reference(root: etree._Element, ref: LinkedDocument, doc_type: str,
                        description: str) -> None:
    # DespatchAdviceTypeCodeCheck: a MATBUDAN despatch has a reference with ID and IssueDate
    el = _cac(root, "AdditionalDocumentReference")
    _cbc(el, "ID", ref.number)
    _cbc(el, "IssueDate", ref.date.isoformat())
    _cbc(el, "DocumentType", doc_type)
    _cbc(el, "DocumentDescription", description)


def _address(holder: etree._Element, name: str, a: Address) -> None:
    addr = _cac(holder, name)
    if a.street:
        _cbc(addr, "StreetName", a.street)
    if a.building_no:
        _cbc(addr, "BuildingNumber", a.building_no)
    _cbc(addr, "CitySubdivisionName", a.district)
    _cbc(addr, "CityName", a.city)
    if a.postal_code:
        _cbc(addr, "PostalZone", a.postal_code)
    country = _cac(addr, "Country")
    code = a.country or "TR"
    _cbc(country, "IdentificationCode", code)
    _cbc(country, "Name", COUNTRY_NAMES.get(code, code))


def _shipment(root: etree._Element, despatch: DespatchData) -> None:
    shipment = _cac(root, "Shipment")
    _cbc(shipment, "ID")  # empty, as in every GİB sample
    value = despatch.goods_value
    if value is not None:
        _cbc(_cac(shipment, "GoodsItem"), "ValueAmount", xml_amount(value),
             currencyID=despatch.currency)
    for i, plate in enumerate(despatch.vehicle_plates):
        stage = _cac(shipment, "ShipmentStage")
        road = _cac(_cac(stage, "TransportMeans"), "RoadTransport")
        _cbc(road, "LicensePlateID", plate, schemeID=VEHICLE_PLATE_SCHEME)
        if i == 0 and despatch.driver is not None:
            # DespatchCarrierDriverCheck: FirstName, FamilyName and NationalityID
            d = despatch.driver
            person = _cac(stage, "DriverPerson")
            _cbc(person, "FirstName", d.first_name)
            _cbc(person, "FamilyName", d.family_name)
            if d.title:
                _cbc(person, "Title", d.title)
            _cbc(person, "NationalityID", d.tckn)
    delivery = _cac(shipment, "Delivery")
    _address(delivery, "DeliveryAddress", despatch.delivery_address)
    if despatch.carrier is not None:
        c = despatch.carrier
        party = _cac(delivery, "CarrierParty")
        _cbc(_cac(party, "PartyIdentification"), "ID", c.vkn_tckn, schemeID=c.scheme)
        _cbc(_cac(party, "PartyName"), "Name", c.name)
        _address(party, "PostalAddress", Address(district=c.district, city=c.city))
    desp = _cac(delivery, "Despatch")
    _cbc(desp, "ActualDespatchDate", despatch.despatch_date.isoformat())
    _cbc(desp, "ActualDespatchTime", despatch.despatch_time.strftime("%H:%M:%S"))
    if despatch.despatch_address is not None:
        _address(desp, "DespatchAddress", despatch.despatch_address)
    if despatch.trailer_plates:
        unit = _cac(shipment, "TransportHandlingUnit")
        for plate in despatch.trailer_plates:
            _cbc(_cac(unit, "TransportEquipment"), "ID", plate, schemeID=TRAILER_PLATE_SCHEME)


def _despatch_line(root: etree._Element, index: int, line: DespatchLineData,
                   currency: str) -> None:
    el = _cac(root, "DespatchLine")
    _cbc(el, "ID", str(index))  # DespatchLineIdCheck: a number
    if line.description:
        _cbc(el, "Note", line.description)
    _cbc(el, "DeliveredQuantity", xml_decimal(line.quantity), unitCode=line.unit)
    # UBL 2.1: a DespatchLine has an OrderLineReference (GİB's samples: the line's number)
    _cbc(_cac(el, "OrderLineReference"), "LineID", str(index))
    item = _cac(el, "Item")
    _cbc(item, "Name", line.name)
    if line.buyer_code:
        _cbc(_cac(item, "BuyersItemIdentification"), "ID", line.buyer_code)
    if line.seller_code:
        _cbc(_cac(item, "SellersItemIdentification"), "ID", line.seller_code)
    if line.kunye_no:  # DespatchAdviceHKSKunyeCheck
        _cbc(_cac(item, "AdditionalItemIdentification"), "ID", line.kunye_no,
             schemeID=market_hall.SCHEME_KUNYE)
    for label in line.etiket_no:  # DespatchIdisEtiketNoCheck
        _cbc(_cac(item, "AdditionalItemIdentification"), "ID", label,
             schemeID=idis.LABEL_SCHEME)
    amount = line.amount
    if amount is not None and line.unit_price is not None:
        shipment = _cac(el, "Shipment")
        _cbc(shipment, "ID")
        invoice_line = _cac(_cac(shipment, "GoodsItem"), "InvoiceLine")
        _cbc(invoice_line, "ID", str(index))
        _cbc(invoice_line, "InvoicedQuantity", xml_decimal(line.quantity), unitCode=line.unit)
        _cbc(invoice_line, "LineExtensionAmount", xml_amount(amount), currencyID=currency)
        _cbc(_cac(invoice_line, "Item"), "Name", line.name)
        _cbc(_cac(invoice_line, "Price"), "PriceAmount", xml_decimal(line.unit_price),
             currencyID=currency)


__all__ = ["CUSTOMIZATION_ID", "RenderContext", "build_despatch", "render_despatch"]
