"""UBL-TR 2.1 invoice XML from an ``InvoiceData`` — one small function per aggregate.

Element order follows GİB's XSDs (``UBL-Invoice-2.1.xsd`` and the common aggregate
components); namespace prefixes are those of GİB's samples, all declared on the root
before signing (XADES-NOTES). The document carries an empty ``ext:ExtensionContent`` where
the XAdES signature will go, and ``cac:Signature`` pointing at ``#Signature_<number>``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from lxml import etree

from app.domain.codes import COUNTRY_NAMES, KAMU_IBAN_RE, OTHER_TAXES, Profile
from app.domain.errors import UserError
from app.domain.invoice import DELIVERY_ELECTRONIC, DELIVERY_PAPER, InvoiceData
from app.domain.money import (
    amount_in_words,
    format_decimal_tr,
    round_money,
    xml_amount,
    xml_decimal,
)
from app.domain.party import Party
from app.domain.totals import InvoiceTotals, TaxPart, invoice_totals
from app.ubl import kinds as ubl_kinds
from app.ubl.karekod import karekod_document_reference, karekod_png, karekod_text, payload_of_built
from app.ubl.namespaces import CAC, CBC, EXT, INVOICE, INVOICE_NSMAP, XSI, q
from app.ubl.stylesheet import xslt_document_reference

CUSTOMIZATION_ID = "TR1.2"
SCHEMA_LOCATION = f"{INVOICE} UBL-Invoice-2.1.xsd"
UNSIGNED_NS = "urn:tezgah:unsigned-development-copy"
KDV_NAME = "KDV"  # cac:TaxScheme/cbc:Name for 0015 in GİB's samples ("KDV" / "KDV GERCEK")


@dataclass
class RenderContext:
    """What the builder needs beyond the invoice itself."""

    supplier: Party
    number: str
    xslt: bytes | None = None  # visualisation stylesheet to embed; default: Tezgâh's own
    unsigned: bool = False  # development copy: a marker instead of the signature slot


def _cbc(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(CBC, name), attrs)
    if text is not None:
        el.text = text
    return el


def _cac(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, q(CAC, name))


def _amount(parent: etree._Element, name: str, value: Decimal, currency: str) -> etree._Element:
    return _cbc(parent, name, xml_amount(value), currencyID=currency)


def signature_id(number: str) -> str:
    """``ds:Signature/@Id``; GİB's samples use ``Signature_<invoice number>``."""
    return f"Signature_{number}"


def build_invoice(invoice: InvoiceData, ctx: RenderContext,
                  totals: InvoiceTotals | None = None) -> etree._Element:
    """The Invoice element tree (unsigned)."""
    totals = totals or invoice_totals(invoice)
    cur = invoice.currency
    root = etree.Element(q(INVOICE, "Invoice"), nsmap=INVOICE_NSMAP)
    root.set(q(XSI, "schemaLocation"), SCHEMA_LOCATION)
    ext = etree.SubElement(etree.SubElement(root, q(EXT, "UBLExtensions")), q(EXT, "UBLExtension"))
    content = etree.SubElement(ext, q(EXT, "ExtensionContent"))
    if ctx.unsigned:
        # ExtensionContent must hold one element (XSD); an unsigned development copy says so
        # in a namespace of its own, which GİB will refuse (no ds:Signature) as it should.
        marker = etree.SubElement(content, f"{{{UNSIGNED_NS}}}UnsignedCopy",
                                  nsmap={"tz": UNSIGNED_NS})
        marker.text = "İMZASIZ GELİŞTİRME KOPYASI - GEÇERLİ FATURA DEĞİLDİR"
    _cbc(root, "UBLVersionID", "2.1")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", invoice.profile.value)
    _cbc(root, "ID", ctx.number)
    _cbc(root, "CopyIndicator", "false")
    _cbc(root, "UUID", invoice.ettn)
    _cbc(root, "IssueDate", invoice.issue_date.isoformat())
    _cbc(root, "IssueTime", invoice.issue_time.strftime("%H:%M:%S"))
    _cbc(root, "InvoiceTypeCode", invoice.type.value)
    for note in _notes(invoice, totals):
        _cbc(root, "Note", note)
    _cbc(root, "DocumentCurrencyCode", cur)
    if cur != "TRY":
        _cbc(root, "PricingCurrencyCode", cur)
    _cbc(root, "LineCountNumeric", str(len(invoice.lines)))
    if invoice.order_ref:
        order = _cac(root, "OrderReference")
        _cbc(order, "ID", invoice.order_ref)
        _cbc(order, "IssueDate", (invoice.order_date or invoice.issue_date).isoformat())
    if invoice.return_of:
        _billing_reference(root, invoice.return_of.number, invoice.return_of.date)
    for number, d in invoice.despatch_refs:
        desp = _cac(root, "DespatchDocumentReference")
        _cbc(desp, "ID", number)
        _cbc(desp, "IssueDate", d.isoformat())
    xslt_ref = _xslt_reference(root, invoice, ctx)
    _sending_reference(root, invoice)
    _signature(root, ctx)
    supplier = ctx.supplier
    if invoice.internet_sale is not None:  # the web address of the sale
        supplier = replace(supplier, web=invoice.internet_sale.web)
    _party(_cac(root, "AccountingSupplierParty"), supplier, supplier=True)
    _party(_cac(root, "AccountingCustomerParty"), invoice.customer, supplier=False)
    _delivery(root, invoice)
    _internet_payment(root, invoice)
    _payment_means(root, invoice, ctx)
    if cur != "TRY" and invoice.exchange_rate is not None:
        rate = _cac(root, "PricingExchangeRate")
        _cbc(rate, "SourceCurrencyCode", cur)
        _cbc(rate, "TargetCurrencyCode", "TRY")
        _cbc(rate, "CalculationRate", xml_decimal(invoice.exchange_rate))
        _cbc(rate, "Date", invoice.issue_date.isoformat())
    _tax_total(root, totals.tax_subtotals, cur)
    if totals.withholding_subtotals:
        _withholding_total(root, totals.withholding_subtotals, cur)
    _monetary_total(root, totals, cur)
    for index, (line, lt) in enumerate(zip(invoice.lines, totals.lines, strict=True), start=1):
        _invoice_line(root, index, line, lt, cur)
    # what the scenario or type adds (IHRACAT customs, HKS künye …), each at its XSD place
    ubl_kinds.apply(root, invoice, ctx, totals)
    # the karekod picture the view shows, from what this tree now carries (app.ubl.karekod)
    xslt_ref.addnext(karekod_document_reference(
        ctx.number, invoice.issue_date.isoformat(),
        karekod_png(karekod_text(payload_of_built(root)))))
    return root


def render_invoice(invoice: InvoiceData, ctx: RenderContext,
                   totals: InvoiceTotals | None = None) -> bytes:
    """Serialised UTF-8 bytes with an XML declaration, ready to be signed."""
    root = build_invoice(invoice, ctx, totals)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- aggregates -------------------------------------------------------------------------

def _notes(invoice: InvoiceData, totals: InvoiceTotals) -> list[str]:
    notes = list(invoice.notes)
    notes.append(amount_in_words(totals.payable, invoice.currency))
    if invoice.currency != "TRY" and invoice.exchange_rate is not None:
        notes.append(f"Kur: 1 {invoice.currency} = {format_decimal_tr(invoice.exchange_rate, 4)} TL; "
                     f"Ödenecek tutar TL karşılığı: "
                     f"{format_decimal_tr(round_money(totals.payable * invoice.exchange_rate))} TL")
    if invoice.profile is Profile.EARSIVFATURA:
        # the same value as the SendingType reference (read by the e-Arşiv report and the PDF)
        notes.append(f"Gönderim Şekli: {_sending_type(invoice)}")
    return notes


def _sending_type(invoice: InvoiceData) -> str:
    return invoice.delivery or (DELIVERY_ELECTRONIC if invoice.customer.email else DELIVERY_PAPER)


def _sending_reference(root: etree._Element, invoice: InvoiceData) -> None:
    """e-Arşiv delivery method: an AdditionalDocumentReference whose DocumentTypeCode is
    ``SendingType`` and whose ID and DocumentType are ``KAGIT`` or ``ELEKTRONIK`` (izibiz
    convention; EARSIV-NOTES "Delivery and internet sales")."""
    if invoice.profile is not Profile.EARSIVFATURA:
        return
    value = _sending_type(invoice)
    ref = _cac(root, "AdditionalDocumentReference")
    _cbc(ref, "ID", value)
    _cbc(ref, "IssueDate", invoice.issue_date.isoformat())
    _cbc(ref, "DocumentTypeCode", "SendingType")
    _cbc(ref, "DocumentType", value)


def _delivery(root: etree._Element, invoice: InvoiceData) -> None:
    """Internet sale with goods sent: the carrier and the shipment date."""
    sale = invoice.internet_sale
    if sale is None or not sale.carrier_vkn_tckn:
        return
    delivery = _cac(root, "Delivery")
    carrier = _cac(delivery, "CarrierParty")
    scheme = "VKN" if len(sale.carrier_vkn_tckn) == 10 else "TCKN"
    _cbc(_cac(carrier, "PartyIdentification"), "ID", sale.carrier_vkn_tckn, schemeID=scheme)
    _cbc(_cac(carrier, "PartyName"), "Name", sale.carrier_name)
    addr = _cac(carrier, "PostalAddress")
    _cbc(addr, "CitySubdivisionName", sale.carrier_district)
    _cbc(addr, "CityName", sale.carrier_city)
    country = _cac(addr, "Country")
    _cbc(country, "IdentificationCode", "TR")
    _cbc(country, "Name", COUNTRY_NAMES.get("TR", "Türkiye"))
    if sale.shipment_date is not None:
        _cbc(_cac(delivery, "Despatch"), "ActualDespatchDate", sale.shipment_date.isoformat())


def _internet_payment(root: etree._Element, invoice: InvoiceData) -> None:
    """Internet sale: how (48 card, 46 EFT/havale, 10 kapıda ödeme, 1 other) and when the
    buyer paid."""
    sale = invoice.internet_sale
    if sale is None:
        return
    pm = _cac(root, "PaymentMeans")
    _cbc(pm, "PaymentMeansCode", sale.payment_method)
    _cbc(pm, "PaymentDueDate", sale.payment_date.isoformat())
    if sale.payment_note:
        _cbc(pm, "InstructionNote", sale.payment_note)


def _billing_reference(root: etree._Element, number: str, d: date) -> None:
    # Schematron IADEInvioceCheck: DocumentTypeCode 'IADE' and a 16-character ID.
    ref = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
    _cbc(ref, "ID", number)
    _cbc(ref, "IssueDate", d.isoformat())
    _cbc(ref, "DocumentTypeCode", "IADE")


def _xslt_reference(root: etree._Element, invoice: InvoiceData,
                    ctx: RenderContext) -> etree._Element:
    ref = xslt_document_reference(ctx.number, invoice.issue_date.isoformat(),
                                  ref_id=invoice.ettn, xslt=ctx.xslt)
    root.append(ref)
    return ref


def _signature(root: etree._Element, ctx: RenderContext) -> None:
    sig = _cac(root, "Signature")
    _cbc(sig, "ID", ctx.supplier.vkn_tckn, schemeID="VKN_TCKN")
    signatory = _cac(sig, "SignatoryParty")
    _cbc(_cac(signatory, "PartyIdentification"), "ID", ctx.supplier.vkn_tckn,
         schemeID=ctx.supplier.scheme)
    _address(_cac(signatory, "PostalAddress"), ctx.supplier)
    ext = _cac(_cac(sig, "DigitalSignatureAttachment"), "ExternalReference")
    _cbc(ext, "URI", f"#{signature_id(ctx.number)}")


def _address(addr: etree._Element, party: Party) -> None:
    a = party.address
    if a.street:
        _cbc(addr, "StreetName", a.street)
    if a.building_no:
        _cbc(addr, "BuildingNumber", a.building_no)
    _cbc(addr, "CitySubdivisionName", a.district)
    _cbc(addr, "CityName", a.city)
    if a.postal_code:
        _cbc(addr, "PostalZone", a.postal_code)
    country = _cac(addr, "Country")
    _cbc(country, "IdentificationCode", a.country or "TR")
    _cbc(country, "Name", COUNTRY_NAMES.get(a.country or "TR", a.country))


def _party(holder: etree._Element, party: Party, *, supplier: bool) -> None:
    p = _cac(holder, "Party")
    if party.web:
        _cbc(p, "WebsiteURI", party.web)
    _cbc(_cac(p, "PartyIdentification"), "ID", party.vkn_tckn, schemeID=party.scheme)
    if supplier and party.mersis_no:
        _cbc(_cac(p, "PartyIdentification"), "ID", party.mersis_no, schemeID="MERSISNO")
    if supplier and party.trade_registry_no:
        _cbc(_cac(p, "PartyIdentification"), "ID", party.trade_registry_no,
             schemeID="TICARETSICILNO")
    if not party.is_person:
        _cbc(_cac(p, "PartyName"), "Name", party.name)
    _address(_cac(p, "PostalAddress"), party)
    if party.tax_office:
        scheme = _cac(_cac(p, "PartyTaxScheme"), "TaxScheme")
        _cbc(scheme, "Name", party.tax_office)
    if party.phone or party.email:
        contact = _cac(p, "Contact")
        if party.phone:
            _cbc(contact, "Telephone", party.phone)
        if party.email:
            _cbc(contact, "ElectronicMail", party.email)
    if party.is_person:
        person = _cac(p, "Person")
        _cbc(person, "FirstName", party.first_name)
        _cbc(person, "FamilyName", party.family_name)


def _payment_means(root: etree._Element, invoice: InvoiceData, ctx: RenderContext) -> None:
    iban = (invoice.payment.iban if invoice.payment else "") or ctx.supplier.iban
    if invoice.profile is Profile.KAMU and not KAMU_IBAN_RE.fullmatch(iban or ""):
        # GİB's schematron (ProfileID rule): a KAMU invoice names the Turkish IBAN the
        # public administration pays into.
        raise UserError("KAMU senaryosundaki faturada ödemenin yapılacağı Türkiye IBAN'ı "
                        "zorunludur: faturaya ödeme IBAN'ını yazın ya da Ayarlar → Firma "
                        "bilgilerine IBAN ekleyin.", field="payment.iban")
    due = invoice.payment.due_date if invoice.payment else None
    if not iban and not due:
        return
    pm = _cac(root, "PaymentMeans")
    _cbc(pm, "PaymentMeansCode", "42" if iban else "ZZZ")
    if due:
        _cbc(pm, "PaymentDueDate", due.isoformat())
    if invoice.payment and invoice.payment.note:
        _cbc(pm, "InstructionNote", invoice.payment.note)
    if iban:
        acc = _cac(pm, "PayeeFinancialAccount")
        _cbc(acc, "ID", iban)
        _cbc(acc, "CurrencyCode", invoice.currency)


def _tax_subtotal(parent: etree._Element, part: TaxPart, cur: str) -> None:
    sub = _cac(parent, "TaxSubtotal")
    _amount(sub, "TaxableAmount", part.base, cur)
    _amount(sub, "TaxAmount", part.amount, cur)
    if not part.added:  # shown, not added to the total (investment-incentive İSTİSNA)
        _cbc(sub, "CalculationSequenceNumeric", "-1")
    _cbc(sub, "Percent", xml_decimal(part.rate))
    cat = _cac(sub, "TaxCategory")
    if part.exemption_code:
        _cbc(cat, "TaxExemptionReasonCode", part.exemption_code)
        _cbc(cat, "TaxExemptionReason", part.exemption_reason or part.exemption_code)
    scheme = _cac(cat, "TaxScheme")
    _cbc(scheme, "Name", KDV_NAME if part.code == "0015" else OTHER_TAXES.get(part.code, part.code))
    _cbc(scheme, "TaxTypeCode", part.code)


def _tax_total(parent: etree._Element, parts: list[TaxPart], cur: str) -> None:
    total = _cac(parent, "TaxTotal")
    _amount(total, "TaxAmount", sum((p.amount for p in parts if p.added), Decimal(0)), cur)
    for part in parts:
        _tax_subtotal(total, part, cur)


def _withholding_total(parent: etree._Element, parts: list[TaxPart], cur: str) -> None:
    total = _cac(parent, "WithholdingTaxTotal")
    _amount(total, "TaxAmount", sum((p.amount for p in parts), Decimal(0)), cur)
    for part in parts:
        sub = _cac(total, "TaxSubtotal")
        _amount(sub, "TaxableAmount", part.base, cur)
        _amount(sub, "TaxAmount", part.amount, cur)
        _cbc(sub, "Percent", xml_decimal(part.rate).removesuffix(".00"))
        scheme = _cac(_cac(sub, "TaxCategory"), "TaxScheme")
        _cbc(scheme, "Name", "KDV TEVKİFAT")
        _cbc(scheme, "TaxTypeCode", part.code)


def _monetary_total(root: etree._Element, totals: InvoiceTotals, cur: str) -> None:
    lmt = _cac(root, "LegalMonetaryTotal")
    _amount(lmt, "LineExtensionAmount", totals.line_extension, cur)
    _amount(lmt, "TaxExclusiveAmount", totals.tax_exclusive, cur)
    _amount(lmt, "TaxInclusiveAmount", totals.tax_inclusive, cur)
    _amount(lmt, "AllowanceTotalAmount", totals.allowance_total, cur)
    _amount(lmt, "PayableAmount", totals.payable, cur)


def _invoice_line(root: etree._Element, index: int, line, lt, cur: str) -> None:  # type: ignore[no-untyped-def]
    il = _cac(root, "InvoiceLine")
    _cbc(il, "ID", str(index))
    if line.description:
        _cbc(il, "Note", line.description)
    _cbc(il, "InvoicedQuantity", xml_decimal(line.quantity), unitCode=line.unit)
    _amount(il, "LineExtensionAmount", lt.net, cur)
    if lt.discount:
        ac = _cac(il, "AllowanceCharge")
        _cbc(ac, "ChargeIndicator", "false")
        _cbc(ac, "MultiplierFactorNumeric", xml_decimal(line.discount_rate / 100))
        _amount(ac, "Amount", lt.discount, cur)
        _amount(ac, "BaseAmount", lt.gross, cur)
    _tax_total(il, [*lt.other_taxes, lt.kdv], cur)
    if lt.withholding:
        _withholding_total(il, [lt.withholding], cur)
    item = _cac(il, "Item")
    _cbc(item, "Name", line.name)
    if line.seller_code:
        _cbc(_cac(item, "SellersItemIdentification"), "ID", line.seller_code)
    price = _cac(il, "Price")
    _cbc(price, "PriceAmount", xml_decimal(line.unit_price), currencyID=cur)


__all__ = ["RenderContext", "build_invoice", "render_invoice", "signature_id"]
