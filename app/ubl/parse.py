"""What import keeps of a UBL-TR invoice (received ones, GİB's samples, our own).

The document is read by ``app.ubl.reader``; this view requires what an archived invoice
needs (number, ETTN, parties, totals) and turns amounts and dates into typed values.
Reading is lenient where GİB's own samples are (fake VKNs, older rules, inconsistent
sums): what is read is kept as read. ``to_invoice_data`` turns what was read into the
model Tezgâh renders from, for the profiles and types Tezgâh issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal

from app.domain import kinds
from app.domain.codes import InvoiceType, Profile
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData, InvoiceLineData, LineTax, ReturnRef
from app.domain.party import Address, Party
from app.ubl.reader import UblInvoice, UblLine, UblParty, read_ubl


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


def _amount(value: Decimal | None, default: Decimal = Decimal(0)) -> Decimal:
    return default if value is None else value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise UserError(f"Tarih okunamadı: '{text}'.") from None


def _first_id(p: UblParty, *schemes: str) -> str:
    return next((value for scheme, value in p.ids if scheme in schemes), "")


def _party(p: UblParty | None) -> Party:
    if p is None:
        raise UserError("Faturada taraf bilgisi (Party) yok.")
    a = p.address
    address = Address() if a is None else Address(
        street=a.street, building_no=a.building_number, district=a.district, city=a.city,
        postal_code=a.postal_zone, country=a.country_code or "TR")
    other = dict(p.ids)  # the last of each schemeID
    return Party(
        vkn_tckn=_first_id(p, "VKN", "TCKN"), name=p.name, first_name=p.first_name,
        family_name=p.family_name, tax_office=p.tax_office, address=address, email=p.email,
        phone=p.phone, web=p.website, mersis_no=other.get("MERSISNO", ""),
        trade_registry_no=other.get("TICARETSICILNO", ""),
    )


def _line(ln: UblLine) -> ParsedLine:
    kdv_rate, kdv_amount = Decimal(0), Decimal(0)
    ecode = ereason = ""
    others: list[LineTax] = []
    for sub in ln.taxes:
        rate = _amount(sub.percent)
        if sub.is_kdv:
            kdv_rate, kdv_amount = rate, _amount(sub.amount)
            ecode, ereason = sub.exemption_code, sub.exemption_reason
        elif sub.code:
            others.append(LineTax(sub.code, rate))
    wsub = ln.withholdings[0] if ln.withholdings else None
    discount = sum((_amount(ac.amount) for ac in ln.allowance_charges if not ac.charge),
                   Decimal(0))
    return ParsedLine(
        name=ln.name or ln.description or "-",
        quantity=_amount(ln.quantity, Decimal(1)),
        unit=ln.unit_code or "C62",
        unit_price=_amount(ln.price), net=_amount(ln.amount),
        discount=discount, kdv_rate=kdv_rate, kdv_amount=kdv_amount, exemption_code=ecode,
        exemption_reason=ereason,
        withholding_code=wsub.code if wsub is not None else "",
        withholding_rate=_amount(wsub.percent) if wsub is not None else None,
        other_taxes=others, seller_code=ln.seller_code,
    )


def parsed_invoice(ubl: UblInvoice) -> ParsedInvoice:
    """What import keeps of an invoice read by ``app.ubl.reader``."""
    ettn = ubl.uuid.upper()
    if not ubl.number or not ettn:
        raise UserError("Faturada numara (cbc:ID) ya da ETTN (cbc:UUID) yok.")
    issue_time = None
    if ubl.issue_time:
        try:
            issue_time = time.fromisoformat(ubl.issue_time[:8])
        except ValueError:
            issue_time = None
    lmt = ubl.monetary_total
    if lmt is None:
        raise UserError("Faturada parasal toplamlar (LegalMonetaryTotal) yok.")
    rate = None
    if ubl.exchange_rates:  # the first present of Pricing-, Tax-, PaymentExchangeRate
        rate = _amount(ubl.exchange_rates[0][1])
    return ParsedInvoice(
        number=ubl.number, ettn=ettn, profile=ubl.profile, type=ubl.type_code,
        issue_date=_date(ubl.issue_date), issue_time=issue_time,
        currency=ubl.currency or "TRY", exchange_rate=rate,
        supplier=_party(ubl.supplier), customer=_party(ubl.customer),
        lines=[_line(ln) for ln in ubl.lines],
        notes=list(ubl.notes),
        line_extension=_amount(lmt.line_extension),
        tax_exclusive=_amount(lmt.tax_exclusive),
        tax_inclusive=_amount(lmt.tax_inclusive),
        allowance_total=_amount(lmt.allowance_total),
        payable=_amount(lmt.payable),
        tax_total=sum((_amount(a) for a in ubl.tax_amounts), Decimal(0)),
        withholding_total=sum((_amount(a) for a in ubl.withholding_amounts), Decimal(0)),
        return_refs=[(r.id, _date(r.issue_date or "1970-01-01")) for r in ubl.billing_refs],
        signed=ubl.signed,
    )


def parse_invoice(data: bytes) -> ParsedInvoice:
    return parsed_invoice(read_ubl(data))


def to_invoice_data(parsed: ParsedInvoice, *, series: str = "IMP") -> InvoiceData:
    """The model of what was read, for re-rendering (Tezgâh's profiles and types only)."""
    try:
        profile = Profile(parsed.profile)
        inv_type = InvoiceType(parsed.type)
    except ValueError:
        raise UserError(f"{parsed.profile}/{parsed.type} faturaları Tezgâh'ta yeniden "
                        "oluşturulamaz; yalnızca arşivde saklanır.") from None
    carried = [k.title for k in kinds.active(profile.value, inv_type.value)
               if k.fields or k.line_fields]
    if carried:
        # what a scenario adds (künye, customs, traveller …) is not read back into a model:
        # re-rendering would silently drop it
        raise UserError(f"{parsed.profile}/{parsed.type} faturası ({', '.join(carried)}) "
                        "Tezgâh'ta yeniden oluşturulamaz; yalnızca arşivde saklanır.")
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
