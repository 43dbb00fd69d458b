"""Rendering our receipt advice (irsaliye yanıtı) as UBL-TR 2.1 ``ReceiptAdvice``.

Shaped like GİB's samples (UBL-TR 1.2.1 package, ``IrsaliyeYaniti-Ornek1..4.xml``) and in
the element order of GİB's ``UBL-ReceiptAdvice-2.1.xsd``:

* UBLVersionID 2.1, CustomizationID TR1.2, the despatch's ProfileID, our 16-character ID
  (schematron ``ReceiptAdviceIDCheck``), CopyIndicator, UUID, IssueDate/Time,
  ReceiptAdviceTypeCode ``SEVK`` (the only value of ``ReceiptAdviceTypeCodeList``);
* ``DespatchDocumentReference``: the despatch's ETTN and date, and an
  ``AdditionalDocumentReference`` with its number (DocumentTypeCode ``DespatchAdviceID``),
  as the samples write them;
* the signature placeholder exactly as invoices and KABUL / RED answers have it (an empty
  ``ext:ExtensionContent`` first; ``cac:Signature`` pointing at ``#Signature_<ID>``; every
  namespace declared on the root), so XAdES signing works the same;
* ``DeliveryCustomerParty`` (us, who answer) and ``DespatchSupplierParty`` copied from the
  despatch as read; ``Shipment`` with the delivery date; one ``ReceiptLine`` per answered
  despatch line with ``DespatchLineReference``.

It travels in a POSTBOXENVELOPE, like a KABUL / RED answer (POSTBOX-NOTES.md).
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from lxml import etree

from app import clock
from app.domain.despatch_as_read import DocAddress, DocParty
from app.domain.errors import UserError, shown
from app.domain.receipt import ReceiptData
from app.ubl.namespaces import CAC, CBC, DS, EXT, RECEIPT_ADVICE, XADES, XSI, q

CUSTOMIZATION_ID = "TR1.2"
TYPE_CODE = "SEVK"  # UBL-TR_Codelist.xml ReceiptAdviceTypeCodeList: ",SEVK,"
SCHEMA_LOCATION = f"{RECEIPT_ADVICE} UBL-ReceiptAdvice-2.1.xsd"
DESPATCH_NUMBER_TYPE_CODE = "DespatchAdviceID"  # IrsaliyeYaniti-Ornek1..4
DESPATCH_NUMBER_TYPE = "DespatchAdvice ID"

RECEIPT_NSMAP: dict[str | None, str] = {
    None: RECEIPT_ADVICE,
    "cac": CAC,
    "cbc": CBC,
    "ds": DS,
    "ext": EXT,
    "xades": XADES,
    "xsi": XSI,
}

# GİB's document number: 3 letters or digits, the year, a 9-digit sequence (InvoiceIDCheck;
# ReceiptAdviceIDCheck itself only asks for 16 characters)
# UBL-TR_Codelist.xml PartyIdentificationIDType, less VKN and TCKN (written first)
PARTY_ID_SCHEMES = frozenset((
    "HIZMETNO", "MUSTERINO", "TESISATNO", "TELEFONNO", "DISTRIBUTORNO", "TICARETSICILNO",
    "TAPDKNO", "BAYINO", "ABONENO", "SAYACNO", "EPDKNO", "SUBENO", "PASAPORTNO",
    "ARACIKURUMETIKET", "ARACIKURUMVKN", "CIFTCINO", "IMALATCINO", "DOSYANO", "HASTANO",
    "MERSISNO", "URETICINO", "GTB_REFNO", "GTB_GCB_TESCILNO", "GTB_FIILI_IHRACAT_TARIHI",
    "ARACKIMLIKNO", "PLAKA", "SEVKIYATNO"))
_NUMBER_RE = re.compile(r"[A-Z0-9]{3}20[0-9]{2}[0-9]{9}", re.ASCII)
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                      r"[0-9a-fA-F]{12}", re.ASCII)


def receipt_signature_id(number: str) -> str:
    """``ds:Signature/@Id`` of a receipt advice (like invoices: ``Signature_<ID>``)."""
    return f"Signature_{number}"


def _cbc(parent: etree._Element, name: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(CBC, name), attrs)
    if text is not None:
        el.text = text
    return el


def _cac(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, q(CAC, name))


def _quantity_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _address(holder: etree._Element, a: DocAddress | None, name: str = "PostalAddress") -> None:
    a = a or DocAddress()
    addr = _cac(holder, name)
    if a.street:
        _cbc(addr, "StreetName", a.street)
    if a.building_name:
        _cbc(addr, "BuildingName", a.building_name)
    if a.building_no:
        _cbc(addr, "BuildingNumber", a.building_no)
    _cbc(addr, "CitySubdivisionName", a.district)
    _cbc(addr, "CityName", a.city)
    if a.postal_code:
        _cbc(addr, "PostalZone", a.postal_code)
    if a.region:
        _cbc(addr, "Region", a.region)
    country = _cac(addr, "Country")
    if a.country_code:
        _cbc(country, "IdentificationCode", a.country_code)
    name_text = a.country_name or ("Türkiye" if a.country_code in ("", "TR") else a.country_code)
    _cbc(country, "Name", name_text)


def _party(holder: etree._Element, p: DocParty) -> None:
    """``cac:Party`` from a party as read (PartyType order)."""
    party = _cac(holder, "Party")
    if p.web:
        _cbc(party, "WebsiteURI", p.web)
    _cbc(_cac(party, "PartyIdentification"), "ID", p.vkn_tckn, schemeID=p.scheme)
    for scheme, value in p.other_ids:
        # only what PartyIdentificationSchemeIDCheck accepts: a stranger's odd schemeID
        # must not make our answer fail GİB's rules
        if value and scheme in PARTY_ID_SCHEMES:
            attrs = {"schemeID": scheme} if scheme else {}
            _cbc(_cac(party, "PartyIdentification"), "ID", value, **attrs)
    if p.name:
        _cbc(_cac(party, "PartyName"), "Name", p.name)
    _address(party, p.address)
    if p.tax_office:
        _cbc(_cac(_cac(party, "PartyTaxScheme"), "TaxScheme"), "Name", p.tax_office)
    if p.phone or p.email:
        contact = _cac(party, "Contact")
        if p.phone:
            _cbc(contact, "Telephone", p.phone)
        if p.email:
            _cbc(contact, "ElectronicMail", p.email)
    if p.scheme == "TCKN" or (p.first_name and p.family_name):
        first, family = p.first_name, p.family_name
        if not (first and family):
            words = p.name.split(" ")
            first, family = " ".join(words[:-1]) or words[-1], words[-1]
        person = _cac(party, "Person")
        _cbc(person, "FirstName", first)
        _cbc(person, "FamilyName", family)


def _check_party(p: DocParty, label: str) -> None:
    # schematron PartyIdentificationPartyNamePersonCheck
    if p.scheme == "VKN" and not p.name:
        raise UserError(f"{label} VKN'li ama unvanı (PartyName) yok; yanıt yazılamaz.")
    if p.scheme == "TCKN" and not ((p.first_name and p.family_name) or " " in p.name.strip()):
        raise UserError(f"{label} TCKN'li ama adı ve soyadı (Person) yok; yanıt yazılamaz.")


def build_receipt(receipt: ReceiptData, *, number: str, uuid: str, created: datetime,
                  our_vkn: str | None = None) -> etree._Element:
    """The unsigned ``ReceiptAdvice`` element answering ``receipt.despatch``.

    ``number``: our receipt's cbc:ID (GİB's 16-character form, e.g. ``IRY2026000000001``);
    ``uuid``: its ETTN; ``created``: the moment of the answer (an aware datetime is turned
    into Türkiye's time, a naive one is taken as it). ``our_vkn``, when given, must be the
    despatch's receiver: we can answer only what was sent to us."""
    d = receipt.despatch
    if not _NUMBER_RE.fullmatch(number or ""):
        raise UserError(f"İrsaliye yanıtının numarası 'ABC2026000000001' biçiminde olmalı: "
                        f"'{shown(number)}'.", field="number")
    if not _UUID_RE.fullmatch(uuid or ""):
        raise UserError(f"İrsaliye yanıtının ETTN'si (UUID) geçersiz: '{shown(uuid)}'.",
                        field="uuid")
    if our_vkn is not None and our_vkn.strip() != d.customer.vkn_tckn:
        raise UserError(f"Bu irsaliye size değil, {d.customer.vkn_tckn} numaralı alıcıya "
                        "gönderilmiş; yanıtı yalnızca alıcısı verebilir.")
    _check_party(d.customer, "İrsaliyenin alıcısı")
    _check_party(d.supplier, "İrsaliyeyi gönderen")
    moment = clock.to_istanbul(created).replace(tzinfo=None) if created.tzinfo else created
    if moment.date() < d.issue_date:
        raise UserError("Yanıt tarihi irsaliyenin tarihinden önce olamaz.")

    root = etree.Element(q(RECEIPT_ADVICE, "ReceiptAdvice"), nsmap=RECEIPT_NSMAP)
    root.set(q(XSI, "schemaLocation"), SCHEMA_LOCATION)
    ext = etree.SubElement(etree.SubElement(root, q(EXT, "UBLExtensions")), q(EXT, "UBLExtension"))
    etree.SubElement(ext, q(EXT, "ExtensionContent"))  # the XAdES signature goes here
    _cbc(root, "UBLVersionID", "2.1")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", d.profile)
    _cbc(root, "ID", number)
    _cbc(root, "CopyIndicator", "false")
    _cbc(root, "UUID", uuid.upper())
    _cbc(root, "IssueDate", moment.date().isoformat())
    _cbc(root, "IssueTime", moment.strftime("%H:%M:%S"))
    _cbc(root, "ReceiptAdviceTypeCode", TYPE_CODE)
    if receipt.note:
        _cbc(root, "Note", receipt.note)
    _cbc(root, "LineCountNumeric", str(len(receipt.lines)))
    ref = _cac(root, "DespatchDocumentReference")
    _cbc(ref, "ID", d.uuid)
    _cbc(ref, "IssueDate", d.issue_date.isoformat())
    extra = _cac(root, "AdditionalDocumentReference")
    _cbc(extra, "ID", d.number)
    _cbc(extra, "IssueDate", d.issue_date.isoformat())
    _cbc(extra, "DocumentTypeCode", DESPATCH_NUMBER_TYPE_CODE)
    _cbc(extra, "DocumentType", DESPATCH_NUMBER_TYPE)

    us = d.customer
    sig = _cac(root, "Signature")
    _cbc(sig, "ID", us.vkn_tckn, schemeID="VKN_TCKN")
    signatory = _cac(sig, "SignatoryParty")
    _cbc(_cac(signatory, "PartyIdentification"), "ID", us.vkn_tckn, schemeID=us.scheme)
    _address(signatory, us.address)
    ext_ref = _cac(_cac(sig, "DigitalSignatureAttachment"), "ExternalReference")
    _cbc(ext_ref, "URI", f"#{receipt_signature_id(number)}")

    _party(_cac(root, "DeliveryCustomerParty"), us)
    _party(_cac(root, "DespatchSupplierParty"), d.supplier)

    shipment = _cac(root, "Shipment")
    _cbc(shipment, "ID")  # required by the XSD; GİB's samples leave it empty
    if receipt.delivered_on is not None:
        _cbc(_cac(shipment, "Delivery"), "ActualDeliveryDate", receipt.delivered_on.isoformat())

    for index, answer in enumerate(receipt.lines, start=1):
        despatched = d.line(answer.line_id)
        assert despatched is not None  # ReceiptData checked it
        unit = despatched.unit
        line = _cac(root, "ReceiptLine")
        _cbc(line, "ID", str(index))  # schematron DespatchLineIdCheck: a number
        if answer.note:
            _cbc(line, "Note", answer.note)
        _cbc(line, "ReceivedQuantity", _quantity_text(answer.received), unitCode=unit)
        if answer.short > 0:
            _cbc(line, "ShortQuantity", _quantity_text(answer.short), unitCode=unit)
        if answer.rejected > 0:
            _cbc(line, "RejectedQuantity", _quantity_text(answer.rejected), unitCode=unit)
            _cbc(line, "RejectReason", answer.reject_reason)
        if answer.oversupply > 0:
            _cbc(line, "OversupplyQuantity", _quantity_text(answer.oversupply), unitCode=unit)
        if despatched.order_line_id:
            _cbc(_cac(line, "OrderLineReference"), "LineID", despatched.order_line_id)
        _cbc(_cac(line, "DespatchLineReference"), "LineID", despatched.line_id)
        item = _cac(line, "Item")
        # schematron ItemNameCheck: a non-empty Item/Name
        _cbc(item, "Name", despatched.item_name or f"Satır {despatched.line_id}")
        if despatched.seller_code:
            _cbc(_cac(item, "SellersItemIdentification"), "ID", despatched.seller_code)
        for scheme, value in despatched.item_ids:  # the künye / label of the goods
            attrs = {"schemeID": scheme} if scheme else {}
            _cbc(_cac(item, "AdditionalItemIdentification"), "ID", value, **attrs)
    return root


def render_receipt(receipt: ReceiptData, *, number: str, uuid: str, created: datetime,
                   our_vkn: str | None = None) -> bytes:
    """``build_receipt`` as UTF-8 bytes with an XML declaration, ready for signing."""
    root = build_receipt(receipt, number=number, uuid=uuid, created=created, our_vkn=our_vkn)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


__all__ = ["CUSTOMIZATION_ID", "TYPE_CODE", "build_receipt", "receipt_signature_id",
           "render_receipt"]
