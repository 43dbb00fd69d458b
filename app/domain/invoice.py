"""The invoice as the shop owner fills it: header, customer, lines. No XML here.

``InvoiceData.from_json`` reads the invoice JSON documented in ``docs/invoice-json.md`` and
checks it, raising ``UserError`` with a Turkish message that names the field to fix.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from app import clock
from app.domain import codes
from app.domain.codes import InvoiceType, Profile
from app.domain.errors import UserError
from app.domain.money import PRICE_PLACES, QUANTITY_PLACES, to_decimal
from app.domain.party import Party

SERIES_RE = re.compile(r"^[A-Z0-9]{3}$")
#: Series of a company that has not chosen its own.
DEFAULT_EFATURA_SERIES = "TZG"
DEFAULT_EARCHIVE_SERIES = "EAR"
INVOICE_NUMBER_RE = re.compile(r"^[A-Z0-9]{3}20[0-9]{2}[0-9]{9}$")  # schematron InvoiceIDCheck


@dataclass
class LineTax:
    """A tax other than KDV on a line (ÖTV, ÖİV, konaklama …)."""

    code: str
    rate: Decimal


@dataclass
class InvoiceLineData:
    name: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    kdv_rate: Decimal
    discount_rate: Decimal = Decimal(0)
    withholding_code: str = ""
    withholding_rate: Decimal | None = None
    exemption_code: str = ""
    exemption_reason: str = ""
    seller_code: str = ""
    description: str = ""
    other_taxes: list[LineTax] = field(default_factory=list)


@dataclass
class ReturnRef:
    number: str
    date: date


@dataclass
class Payment:
    iban: str = ""
    due_date: date | None = None
    note: str = ""


@dataclass
class InvoiceData:
    profile: Profile
    type: InvoiceType
    series: str
    issue_date: date
    issue_time: time
    customer: Party
    lines: list[InvoiceLineData]
    currency: str = "TRY"
    exchange_rate: Decimal | None = None
    notes: list[str] = field(default_factory=list)
    return_of: ReturnRef | None = None
    order_ref: str = ""
    order_date: date | None = None
    despatch_refs: list[tuple[str, date]] = field(default_factory=list)
    payment: Payment | None = None
    ettn: str = field(default_factory=lambda: str(uuid.uuid4()).upper())

    @property
    def is_earchive(self) -> bool:
        return self.profile is Profile.EARSIVFATURA

    # -- reading the JSON form -----------------------------------------------------------
    @classmethod
    def from_json(cls, data: dict[str, Any], *, customer: Party | None = None,
                  today: date | None = None) -> InvoiceData:
        if not isinstance(data, dict):
            raise UserError("Fatura JSON'u bir nesne olmalı.")
        profile = _enum(Profile, data.get("profile", "TEMELFATURA"), "profile")
        inv_type = _enum(InvoiceType, data.get("type", "SATIS"), "type")
        if inv_type not in codes.ALLOWED_TYPES[profile]:
            raise UserError(f"{codes.PROFILE_NAMES[profile]} senaryosunda "
                            f"{codes.INVOICE_TYPE_NAMES[inv_type]} tipi kullanılamaz.",
                            field="type")
        series = str(data.get("series", "")).strip().upper()
        if not SERIES_RE.match(series):
            raise UserError("Seri (series) üç karakter olmalı, yalnızca büyük harf ve rakam "
                            f"(örnek 'ABC'); '{data.get('series', '')}' uygun değil.",
                            field="series")
        now = clock.local_now()
        issue_date = _date(data.get("issue_date"), "issue_date") or (today or now.date())
        issue_time = _time(data.get("issue_time"), "issue_time") or now.time().replace(microsecond=0)
        if customer is None:
            raw = data.get("customer")
            if not isinstance(raw, dict):
                raise UserError("Müşteri (customer) bir nesne ya da kayıtlı müşterinin "
                                "VKN/TCKN'si olmalı.", field="customer")
            customer = Party.from_dict(raw, allow_final_consumer=profile is Profile.EARSIVFATURA,
                                       field_prefix="customer.")
        elif customer.vkn_tckn == "11111111111" and profile is not Profile.EARSIVFATURA:
            raise UserError("11111111111 yalnızca e-Arşiv faturasında kullanılabilir.",
                            field="customer")
        currency = str(data.get("currency", "TRY")).strip().upper()
        if currency not in codes.CURRENCIES:
            raise UserError(f"Para birimi '{currency}' desteklenmiyor; kullanılabilenler: "
                            + ", ".join(codes.CURRENCIES), field="currency")
        exchange_rate = None
        if currency != "TRY":
            if data.get("exchange_rate") in (None, ""):
                raise UserError(f"{currency} faturada döviz kuru (exchange_rate) yazılmalı.",
                                field="exchange_rate")
            exchange_rate = to_decimal(data["exchange_rate"], field="exchange_rate")
            if exchange_rate <= 0:
                raise UserError("Döviz kuru sıfırdan büyük olmalı.", field="exchange_rate")
        raw_lines = data.get("lines")
        if not isinstance(raw_lines, list) or not raw_lines:
            raise UserError("Faturada en az bir kalem (lines) olmalı.", field="lines")
        lines = [parse_line(raw, i + 1, inv_type) for i, raw in enumerate(raw_lines)]
        notes = data.get("notes") or []
        if isinstance(notes, str):
            notes = [notes]
        return_of = None
        if inv_type is InvoiceType.IADE:
            ref = data.get("return_of")
            if not isinstance(ref, dict) or not ref.get("number"):
                raise UserError("İade faturasında iade edilen faturanın numarası ve tarihi "
                                "(return_of.number, return_of.date) yazılmalı.", field="return_of")
            number = str(ref["number"]).strip().upper()
            if not INVOICE_NUMBER_RE.match(number):
                raise UserError(f"İade edilen fatura numarası '{number}' GİB biçiminde değil "
                                "(örnek ABC2026000000001).", field="return_of.number")
            ref_date = _date(ref.get("date"), "return_of.date")
            if ref_date is None:
                raise UserError("İade edilen faturanın tarihi (return_of.date) yazılmalı.",
                                field="return_of.date")
            return_of = ReturnRef(number, ref_date)
        despatch = []
        for i, d in enumerate(data.get("despatch_refs") or []):
            if isinstance(d, str):
                despatch.append((d, issue_date))
            elif isinstance(d, dict) and d.get("number"):
                despatch.append((str(d["number"]),
                                 _date(d.get("date"), f"despatch_refs[{i}].date") or issue_date))
            else:
                raise UserError(f"İrsaliye referansı {i + 1} anlaşılamadı; numara ve tarih yazın.",
                                field="despatch_refs")
        payment = None
        if isinstance(data.get("payment"), dict):
            p = data["payment"]
            payment = Payment(iban=str(p.get("iban") or "").replace(" ", "").upper(),
                              due_date=_date(p.get("due_date"), "payment.due_date"),
                              note=str(p.get("note") or ""))
        order_ref, order_date = "", None
        order = data.get("order_ref")
        if isinstance(order, dict):
            order_ref = str(order.get("number") or "")
            order_date = _date(order.get("date"), "order_ref.date")
        elif order:
            order_ref = str(order)
        result = cls(
            profile=profile, type=inv_type, series=series, issue_date=issue_date,
            issue_time=issue_time, customer=customer, lines=lines, currency=currency,
            exchange_rate=exchange_rate, notes=[str(n) for n in notes], return_of=return_of,
            order_ref=order_ref, order_date=order_date or (issue_date if order_ref else None),
            despatch_refs=despatch, payment=payment,
        )
        if data.get("ettn"):
            result.ettn = _ettn(str(data["ettn"]))
        result.check_type_needs()
        return result

    def check_type_needs(self) -> None:
        """What makes an invoice of this type: a withholding line on TEVKIFAT, an exempt
        line on ISTISNA and IHRACKAYITLI, a special-base code on OZELMATRAH."""
        if self.type is InvoiceType.TEVKIFAT and not any(ln.withholding_code for ln in self.lines):
            raise UserError("Tevkifat faturasında en az bir kalemde tevkifat kodu "
                            "(withholding_code) olmalı.", field="lines")
        if self.type in (InvoiceType.ISTISNA, InvoiceType.IHRACKAYITLI) and not any(
                ln.exemption_code for ln in self.lines):
            raise UserError(f"{codes.INVOICE_TYPE_NAMES[self.type]} faturasında en az bir kalem "
                            "KDV'siz (%0) ve istisna kodlu olmalı.", field="lines")
        if self.type is InvoiceType.OZELMATRAH and not any(
                ln.exemption_code in codes.SPECIAL_BASE_CODES for ln in self.lines):
            raise UserError("Özel matrah faturasında en az bir kalemde özel matrah kodu "
                            "(exemption_code, 801–812) olmalı.", field="lines")


def _ettn(value: str) -> str:
    try:
        return str(uuid.UUID(value)).upper()
    except ValueError:
        raise UserError(f"ETTN '{value}' UUID biçiminde değil.", field="ettn") from None


def _enum(enum: type, value: object, name: str):  # type: ignore[no-untyped-def]
    try:
        return enum(str(value).strip().upper())
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise UserError(f"{name}: '{value}' geçersiz; şunlardan biri olmalı: {allowed}.",
                        field=name) from None


def _date(value: object, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError(f"{name}: '{value}' bir tarih değil; 2026-11-27 ya da 27.11.2026 yazın.",
                    field=name)


def _time(value: object, name: str) -> time | None:
    if value in (None, ""):
        return None
    if isinstance(value, time):
        return value
    text = str(value).strip()
    for fmt in ("%H:%M:%S", "%H:%M"):
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise UserError(f"{name}: '{value}' bir saat değil; 14:30 ya da 14:30:00 yazın.", field=name)


def parse_line(raw: object, index: int, inv_type: InvoiceType) -> InvoiceLineData:
    """One line of the invoice JSON, checked (the editor calls it while the user types)."""
    where = f"{index}. kalem"
    if not isinstance(raw, dict):
        raise UserError(f"{where}: bir nesne olmalı.", field=f"lines[{index - 1}]")
    f = f"lines[{index - 1}]."
    name = str(raw.get("name") or "").strip()
    if not name:
        raise UserError(f"{where}: mal/hizmet adı (name) boş olamaz.", field=f + "name")
    quantity = to_decimal(raw.get("quantity", "1"), field=f"{where} miktar")
    if quantity <= 0:
        raise UserError(f"{where}: miktar sıfırdan büyük olmalı.", field=f + "quantity")
    if quantity != quantity.quantize(QUANTITY_PLACES):
        raise UserError(f"{where}: miktar en fazla 4 ondalık basamak olabilir.", field=f + "quantity")
    unit = str(raw.get("unit") or "C62").strip().upper()
    if unit not in codes.UNITS:
        raise UserError(f"{where}: birim '{unit}' bilinmiyor; örnek C62 (adet), KGM, LTR, MTR, HUR.",
                        field=f + "unit")
    price = to_decimal(raw.get("unit_price"), field=f"{where} birim fiyat")
    if price < 0:
        raise UserError(f"{where}: birim fiyat eksi olamaz.", field=f + "unit_price")
    if price != price.quantize(PRICE_PLACES):
        raise UserError(f"{where}: birim fiyat en fazla 8 ondalık basamak olabilir.",
                        field=f + "unit_price")
    discount = to_decimal(raw.get("discount_rate", "0") or "0", field=f"{where} iskonto oranı")
    if not (0 <= discount <= 100):
        raise UserError(f"{where}: iskonto oranı 0 ile 100 arasında olmalı.",
                        field=f + "discount_rate")
    kdv = to_decimal(raw.get("kdv_rate", "20"), field=f"{where} KDV oranı")
    if kdv not in codes.KDV_RATES:
        raise UserError(f"{where}: KDV oranı %{kdv} olamaz; 0, 1, 10 ya da 20 olmalı.",
                        field=f + "kdv_rate")
    line = InvoiceLineData(
        name=name, quantity=quantity, unit=unit, unit_price=price, kdv_rate=kdv,
        discount_rate=discount, seller_code=str(raw.get("seller_code") or ""),
        description=str(raw.get("description") or ""),
    )
    # Withholding (tevkifat): only on TEVKIFAT invoices, code + rate from GİB's list.
    wcode = str(raw.get("withholding_code") or "").strip()
    if inv_type is InvoiceType.TEVKIFAT:
        if wcode:
            rates = codes.withholding_rates(wcode)
            if not rates:
                raise UserError(f"{where}: tevkifat kodu '{wcode}' GİB listesinde yok.",
                                field=f + "withholding_code")
            rate_raw = raw.get("withholding_rate")
            rate = to_decimal(rate_raw, field=f"{where} tevkifat oranı") if rate_raw else rates[0]
            if rate not in rates:
                allowed = ", ".join(f"%{r}" for r in rates)
                raise UserError(f"{where}: {wcode} kodu için tevkifat oranı {allowed} olabilir.",
                                field=f + "withholding_rate")
            if kdv == 0:
                raise UserError(f"{where}: KDV'si %0 olan kalemde tevkifat olmaz.",
                                field=f + "withholding_code")
            line.withholding_code, line.withholding_rate = wcode, rate
    elif wcode:
        raise UserError(f"{where}: tevkifat kodu yalnızca TEVKIFAT tipindeki faturada olur.",
                        field=f + "withholding_code")
    # Exemptions: required when KDV is 0 (schematron TaxExemptionReasonCheck).
    ecode = str(raw.get("exemption_code") or "").strip()
    ereason = str(raw.get("exemption_reason") or "").strip()
    allowed_ex = codes.EXEMPTIONS_BY_TYPE.get(inv_type)
    if kdv == 0:
        if allowed_ex is not None:
            if not ecode:
                raise UserError(f"{where}: {codes.INVOICE_TYPE_NAMES[inv_type]} faturasında "
                                "KDV'si %0 olan kalem için istisna/muafiyet kodu "
                                "(exemption_code) yazılmalı.", field=f + "exemption_code")
            if ecode not in allowed_ex:
                raise UserError(f"{where}: '{ecode}' kodu {codes.INVOICE_TYPE_NAMES[inv_type]} "
                                "faturasında kullanılamaz.", field=f + "exemption_code")
        else:
            ecode = ecode or codes.ZERO_KDV_DEFAULT_CODE
            if ecode != codes.ZERO_KDV_DEFAULT_CODE and inv_type is not InvoiceType.IADE:
                raise UserError(f"{where}: {codes.INVOICE_TYPE_NAMES[inv_type]} faturasında "
                                f"%0 KDV için yalnızca 351 kodu kullanılabilir; başka istisna "
                                "için fatura tipini İSTİSNA seçin.", field=f + "exemption_code")
        all_names = {**codes.EXEMPTION_CODES, **codes.SPECIAL_BASE_CODES,
                     **codes.EXPORT_REGISTERED_CODES}
        line.exemption_code = ecode
        line.exemption_reason = ereason or all_names.get(ecode, ecode)
    elif inv_type is InvoiceType.OZELMATRAH and ecode:
        if ecode not in codes.SPECIAL_BASE_CODES:
            raise UserError(f"{where}: özel matrah kodu '{ecode}' geçersiz.",
                            field=f + "exemption_code")
        line.exemption_code = ecode
        line.exemption_reason = ereason or codes.SPECIAL_BASE_CODES[ecode]
    elif ecode:
        raise UserError(f"{where}: istisna kodu yalnızca KDV'si %0 olan kalemde yazılır.",
                        field=f + "exemption_code")
    for j, t in enumerate(raw.get("other_taxes") or []):
        code = str((t or {}).get("code", "")).strip()
        if code not in codes.LINE_TAX_CODES:
            raise UserError(f"{where}: vergi kodu '{code}' desteklenmiyor.",
                            field=f"{f}other_taxes[{j}].code")
        rate = to_decimal(t.get("rate"), field=f"{where} vergi oranı")
        line.other_taxes.append(LineTax(code, rate))
    return line
