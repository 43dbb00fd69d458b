"""Reading UBL-TR invoices (received ones, GİB's samples, our own) into plain values.

Reading is lenient where GİB's own samples are (fake VKNs, older rules, inconsistent
sums): what is read is kept as read. ``to_invoice_data`` turns what was read into the
model Tezgâh renders from, for the profiles and types Tezgâh issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from lxml import etree

from app.domain.codes import InvoiceType, Profile
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData, InvoiceLineData, LineTax, ReturnRef
from app.domain.party import Address, Party
from app.ubl.namespaces import INVOICE, NS
from app.xmlsafe import parse_bytes


@dataclass
class ParsedLine:
    name: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    net: Decimal
    discount: Decimal
    kdv_rate: Decimal
    kdv_amount: Decimal
    exemption_code: str = ""
    exemption_reason: str = ""
    withholding_code: str = ""
    withholding_rate: Decimal | None = None
    other_taxes: list[LineTax] = field(default_factory=list)
    seller_code: str = ""


@dataclass
class ParsedInvoice:
    number: str
    ettn: str
    profile: str
    type: str
    issue_date: date
    issue_time: time | None
    currency: str
    exchange_rate: Decimal | None
    supplier: Party
    customer: Party
    lines: list[ParsedLine]
    notes: list[str]
    line_extension: Decimal
    tax_exclusive: Decimal
    tax_inclusive: Decimal
    allowance_total: Decimal
    payable: Decimal
    tax_total: Decimal
    withholding_total: Decimal
    return_refs: list[tuple[str, date]]
    signed: bool


def _t(el: etree._Element, path: str, default: str = "") -> str:
    found = el.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else default


def _d(el: etree._Element, path: str, default: str = "0") -> Decimal:
    text = _t(el, path, default).replace(",", "") or default
    try:
        return Decimal(text)
    except InvalidOperation:
        raise UserError(f"{path} sayı değil: '{text}'.") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise UserError(f"Tarih okunamadı: '{text}'.") from None


def _party(p: etree._Element | None) -> Party:
    if p is None:
        raise UserError("Faturada taraf bilgisi (Party) yok.")
    vkn = ""
    for pid in p.findall("cac:PartyIdentification/cbc:ID", NS):
        if pid.get("schemeID") in ("VKN", "TCKN"):
            vkn = (pid.text or "").strip()
            break
    other = {pid.get("schemeID"): (pid.text or "").strip()
             for pid in p.findall("cac:PartyIdentification/cbc:ID", NS)}
    addr = p.find("cac:PostalAddress", NS)
    address = Address()
    if addr is not None:
        address = Address(street=_t(addr, "cbc:StreetName"), building_no=_t(addr, "cbc:BuildingNumber"),
                          district=_t(addr, "cbc:CitySubdivisionName"), city=_t(addr, "cbc:CityName"),
                          postal_code=_t(addr, "cbc:PostalZone"),
                          country=_t(addr, "cac:Country/cbc:IdentificationCode", "TR") or "TR")
    return Party(
        vkn_tckn=vkn, name=_t(p, "cac:PartyName/cbc:Name"),
        first_name=_t(p, "cac:Person/cbc:FirstName"), family_name=_t(p, "cac:Person/cbc:FamilyName"),
        tax_office=_t(p, "cac:PartyTaxScheme/cac:TaxScheme/cbc:Name"), address=address,
        email=_t(p, "cac:Contact/cbc:ElectronicMail"), phone=_t(p, "cac:Contact/cbc:Telephone"),
        web=_t(p, "cbc:WebsiteURI"), mersis_no=other.get("MERSISNO", ""),
        trade_registry_no=other.get("TICARETSICILNO", ""),
    )


def _line(il: etree._Element) -> ParsedLine:
    kdv_rate, kdv_amount = Decimal(0), Decimal(0)
    ecode = ereason = ""
    others: list[LineTax] = []
    for sub in il.findall("cac:TaxTotal/cac:TaxSubtotal", NS):
        code = _t(sub, "cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode")
        rate = _d(sub, "cbc:Percent")
        if code == "0015":
            kdv_rate, kdv_amount = rate, _d(sub, "cbc:TaxAmount")
            ecode = _t(sub, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
            ereason = _t(sub, "cac:TaxCategory/cbc:TaxExemptionReason")
        elif code:
            others.append(LineTax(code, rate))
    wsub = il.find("cac:WithholdingTaxTotal/cac:TaxSubtotal", NS)
    discount = sum((_d(ac, "cbc:Amount") for ac in il.findall("cac:AllowanceCharge", NS)
                    if _t(ac, "cbc:ChargeIndicator") == "false"), Decimal(0))
    qty = il.find("cbc:InvoicedQuantity", NS)
    return ParsedLine(
        name=_t(il, "cac:Item/cbc:Name") or _t(il, "cac:Item/cbc:Description") or "-",
        quantity=_d(il, "cbc:InvoicedQuantity", "1"),
        unit=(qty.get("unitCode") if qty is not None else None) or "C62",
        unit_price=_d(il, "cac:Price/cbc:PriceAmount"), net=_d(il, "cbc:LineExtensionAmount"),
        discount=discount, kdv_rate=kdv_rate, kdv_amount=kdv_amount, exemption_code=ecode,
        exemption_reason=ereason,
        withholding_code=_t(wsub, "cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode") if wsub is not None else "",
        withholding_rate=_d(wsub, "cbc:Percent") if wsub is not None else None,
        other_taxes=others, seller_code=_t(il, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
    )


def parse_invoice_tree(root: etree._Element) -> ParsedInvoice:
    if root.tag != f"{{{INVOICE}}}Invoice":
        local = etree.QName(root).localname
        raise UserError(f"Bu dosya bir UBL-TR fatura değil (kök eleman: {local}). "
                        "Zarf dosyaları için içindeki faturayı seçin.")
    number = _t(root, "cbc:ID")
    ettn = _t(root, "cbc:UUID").upper()
    if not number or not ettn:
        raise UserError("Faturada numara (cbc:ID) ya da ETTN (cbc:UUID) yok.")
    issue_time = None
    if _t(root, "cbc:IssueTime"):
        try:
            issue_time = time.fromisoformat(_t(root, "cbc:IssueTime")[:8])
        except ValueError:
            issue_time = None
    rate_el = next((el for el in (root.find(f"cac:{name}", NS) for name in (
        "PricingExchangeRate", "TaxExchangeRate", "PaymentExchangeRate")) if el is not None), None)
    lmt = root.find("cac:LegalMonetaryTotal", NS)
    if lmt is None:
        raise UserError("Faturada parasal toplamlar (LegalMonetaryTotal) yok.")
    returns = [(_t(r, "cbc:ID"), _date(_t(r, "cbc:IssueDate", "1970-01-01")))
               for r in root.findall("cac:BillingReference/cac:InvoiceDocumentReference", NS)]
    return ParsedInvoice(
        number=number, ettn=ettn, profile=_t(root, "cbc:ProfileID"),
        type=_t(root, "cbc:InvoiceTypeCode"), issue_date=_date(_t(root, "cbc:IssueDate")),
        issue_time=issue_time, currency=_t(root, "cbc:DocumentCurrencyCode", "TRY"),
        exchange_rate=_d(rate_el, "cbc:CalculationRate") if rate_el is not None else None,
        supplier=_party(root.find("cac:AccountingSupplierParty/cac:Party", NS)),
        customer=_party(root.find("cac:AccountingCustomerParty/cac:Party", NS)),
        lines=[_line(il) for il in root.findall("cac:InvoiceLine", NS)],
        notes=[(n.text or "") for n in root.findall("cbc:Note", NS)],
        line_extension=_d(lmt, "cbc:LineExtensionAmount"),
        tax_exclusive=_d(lmt, "cbc:TaxExclusiveAmount"),
        tax_inclusive=_d(lmt, "cbc:TaxInclusiveAmount"),
        allowance_total=_d(lmt, "cbc:AllowanceTotalAmount"),
        payable=_d(lmt, "cbc:PayableAmount"),
        tax_total=sum((_d(tt, "cbc:TaxAmount") for tt in root.findall("cac:TaxTotal", NS)), Decimal(0)),
        withholding_total=sum((_d(tt, "cbc:TaxAmount")
                               for tt in root.findall("cac:WithholdingTaxTotal", NS)), Decimal(0)),
        return_refs=returns,
        signed=root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/ds:Signature",
                         NS) is not None,
    )


def parse_invoice(data: bytes) -> ParsedInvoice:
    return parse_invoice_tree(parse_bytes(data).getroot())


def to_invoice_data(parsed: ParsedInvoice, *, series: str = "IMP") -> InvoiceData:
    """The model of what was read, for re-rendering (Tezgâh's profiles and types only)."""
    try:
        profile = Profile(parsed.profile)
        inv_type = InvoiceType(parsed.type)
    except ValueError:
        raise UserError(f"{parsed.profile}/{parsed.type} faturaları Tezgâh'ta yeniden "
                        "oluşturulamaz; yalnızca arşivde saklanır.") from None
    customer = parsed.customer
    if customer.is_person and not (customer.first_name and customer.family_name) and customer.name:
        first, _, family = customer.name.rpartition(" ")
        customer = replace(customer, first_name=first or family, family_name=family, name="")
    lines = []
    for ln in parsed.lines:
        gross = ln.net + ln.discount
        rate = (ln.discount / gross * 100) if ln.discount and gross else Decimal(0)
        lines.append(InvoiceLineData(
            name=ln.name, quantity=ln.quantity, unit=ln.unit, unit_price=ln.unit_price,
            kdv_rate=ln.kdv_rate, discount_rate=rate.quantize(Decimal("0.0001")),
            withholding_code=ln.withholding_code, withholding_rate=ln.withholding_rate,
            exemption_code=ln.exemption_code, exemption_reason=ln.exemption_reason,
            seller_code=ln.seller_code, other_taxes=list(ln.other_taxes)))
    return InvoiceData(
        profile=profile, type=inv_type, series=series, issue_date=parsed.issue_date,
        issue_time=parsed.issue_time or datetime.min.time(), customer=customer,
        lines=lines, currency=parsed.currency, exchange_rate=parsed.exchange_rate,
        return_of=ReturnRef(*parsed.return_refs[0]) if parsed.return_refs else None,
        ettn=parsed.ettn,
    )
