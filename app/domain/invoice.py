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
from app.domain import codes, combinations, fields, kinds
from app.domain.codes import InvoiceType, Profile
from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.field_labels import label as field_label
from app.domain.identity import check_vkn_tckn
from app.domain.kinds import export, traveller
from app.domain.money import PRICE_PLACES, QUANTITY_PLACES
from app.domain.party import Party, iban_ok

SERIES_RE = re.compile(r"^[A-Z0-9]{3}$", re.ASCII)
#: Series of a company that has not chosen its own.
DEFAULT_EFATURA_SERIES = "TZG"
DEFAULT_EARCHIVE_SERIES = "EAR"
INVOICE_NUMBER_RE = re.compile(r"^[A-Z0-9]{3}20[0-9]{2}[0-9]{9}$", re.ASCII)  # schematron InvoiceIDCheck
#: How an e-Arşiv invoice reaches its buyer (Gönderim Şekli): on paper or electronically
#: (e-mail with the PDF and the signed XML).
DELIVERY_PAPER = "KAGIT"
DELIVERY_ELECTRONIC = "ELEKTRONIK"
DELIVERY_METHODS = (DELIVERY_ELECTRONIC, DELIVERY_PAPER)
RETURN_TYPES = codes.RETURN_TYPES  # types that name the invoice they return
#: Types whose lines may carry a KDV withholding code: TEVKIFAT; TEVKIFATIADE, whose lines
#: name the withholding of the returned invoice (the KDV returned is the part not withheld);
#: SGK (GeneralWithholdingTaxTotalCheck allows WithholdingTaxTotal on SGK invoices).
WITHHOLDING_TYPES = frozenset({"TEVKIFAT", "TEVKIFATIADE", "SGK", "YTBTEVKIFAT",
                               "YTBTEVKIFATIADE"})
#: Types whose 0 % KDV lines may carry any exemption, special-base or export code
#: (TaxExemptionReasonCodeCheck lists IADE and SGK beside the types of each list).
ANY_EXEMPTION_TYPES = frozenset({"IADE", "SGK", "YTBIADE"})
#: Internet sale payment methods (PaymentMeansCode; e-Arşiv report odemeSekli).
INTERNET_PAYMENT_METHODS: dict[str, str] = {
    "48": "Kredi kartı / banka kartı", "46": "EFT / havale", "10": "Kapıda ödeme", "1": "Diğer",
}


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
    #: KDV computed and shown but not added to the total (CalculationSequenceNumeric -1):
    #: an investment-incentive İSTİSNA line (``codes.investment_exempt``)
    kdv_not_added: bool = False
    #: what a scenario or type adds to the line (``app.domain.kinds``), by kind key
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)


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
class InternetSale:
    """İnternet satışı: the shop's web address, how and when the buyer paid and, for goods
    sent, the carrier and the shipment date."""

    web: str
    payment_method: str  # a key of INTERNET_PAYMENT_METHODS
    payment_date: date
    payment_note: str = ""  # what "1 Diğer" was
    carrier_name: str = ""
    carrier_vkn_tckn: str = ""
    carrier_district: str = ""  # the carrier's address (UBL-TR: a party has a PostalAddress)
    carrier_city: str = ""
    shipment_date: date | None = None


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
    delivery: str = ""  # e-Arşiv only: DELIVERY_ELECTRONIC or DELIVERY_PAPER
    internet_sale: InternetSale | None = None  # e-Arşiv only
    #: what the scenario or type adds to the invoice (``app.domain.kinds``), by kind key
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def is_earchive(self) -> bool:
        return self.profile is Profile.EARSIVFATURA

    # -- reading the JSON form -----------------------------------------------------------
    @classmethod
    def from_json(cls, data: dict[str, Any], *, customer: Party | None = None,
                  today: date | None = None) -> InvoiceData:
        """Read and check the invoice JSON. Every field is checked for its type, range and
        characters (``app.domain.fields``) so that an accepted draft can be issued."""
        if not isinstance(data, dict):
            raise UserError("Fatura JSON'u bir nesne ({…}) olmalı.")
        _check_combination(data.get("profile", "TEMELFATURA"), data.get("type", "SATIS"))
        profile = _enum(Profile, data.get("profile", "TEMELFATURA"), "profile")
        inv_type = _enum(InvoiceType, data.get("type", "SATIS"), "type")
        if inv_type not in codes.ALLOWED_TYPES[profile]:
            raise UserError(f"{codes.PROFILE_NAMES[profile]} senaryosunda "
                            f"{codes.INVOICE_TYPE_NAMES[inv_type]} tipi kullanılamaz.",
                            field="type")
        series = fields.text(data.get("series"), "series", "Seri", max_len=10).upper()
        if not SERIES_RE.fullmatch(series):
            raise UserError("Seri üç karakter olmalı, yalnızca büyük harf ve rakam "
                            f"(örnek 'ABC'); '{_shown(series)}' uygun değil.", field="series")
        now = clock.local_now()
        issue_date = _date(data.get("issue_date"), "issue_date") or (today or now.date())
        if not (fields.FIRST_ISSUE_DATE <= issue_date <= fields.LAST_ISSUE_DATE):
            # GİB schematron: IssueDate not before 01.01.2005; the number carries the year 20YY.
            raise UserError(f"Fatura tarihi ({issue_date.isoformat()}) 01.01.2005 ile "
                            "31.12.2099 arasında olmalı.", field="issue_date")
        issue_time = _time(data.get("issue_time"), "issue_time") or now.time().replace(microsecond=0)
        if profile.value == traveller.PROFILE:
            # TaxFreeInvoiceCheck: a tax-free invoice goes to GTB, written when none is given
            customer = traveller.customer_of(data.get("customer"), customer)
        if profile.value == export.PROFILE:
            # İhracat: the invoice goes to GTB (customs), written when none is given
            customer = export.customer_of(data.get("customer"), customer)
        if customer is None:
            raw = data.get("customer")
            if not isinstance(raw, dict):
                raise UserError("Müşteri seçilmeli: müşteri bilgileri ya da kayıtlı müşterinin "
                                "VKN/TCKN'si yazılmalı.", field="customer")
            customer = Party.from_dict(raw, allow_final_consumer=profile is Profile.EARSIVFATURA,
                                       field_prefix="customer.")
        elif customer.vkn_tckn == "11111111111" and profile is not Profile.EARSIVFATURA:
            raise UserError("11111111111 yalnızca e-Arşiv faturasında kullanılabilir.",
                            field="customer")
        currency = fields.text(data.get("currency", "TRY"), "currency", "Para birimi",
                               max_len=10).upper() or "TRY"
        if currency not in codes.CURRENCIES:
            raise UserError(f"Para birimi '{currency}' desteklenmiyor; kullanılabilenler: "
                            + ", ".join(codes.CURRENCIES), field="currency")
        exchange_rate = None
        if currency != "TRY":
            if data.get("exchange_rate") in (None, ""):
                raise UserError(f"{currency} faturada döviz kuru yazılmalı.",
                                field="exchange_rate")
            exchange_rate = fields.number(data["exchange_rate"], "exchange_rate", "Döviz kuru",
                                          places=fields.EXCHANGE_RATE_PLACES, above_minimum=True)
        raw_lines = fields.sequence(data.get("lines"), "lines", "Kalemler",
                                    max_items=fields.MAX_LINES)
        if not raw_lines:
            raise UserError("Faturada en az bir kalem olmalı.", field="lines")
        lines = [parse_line(raw, i + 1, inv_type, profile) for i, raw in enumerate(raw_lines)]
        _check_demirbas_kdv(lines, profile, inv_type.value)
        if inv_type is InvoiceType.KONAKLAMAVERGISI and not any(
                t.code == codes.ACCOMMODATION_TAX_CODE for ln in lines for t in ln.other_taxes):
            raise UserError("Konaklama Vergisi tipindeki faturada konaklama bedelinin kalemine "
                            "konaklama vergisi (0059, örn. %2) yazılmalı.",
                            field="lines[0].other_taxes")
        raw_notes = data.get("notes")
        if isinstance(raw_notes, str):
            raw_notes = [raw_notes]
        notes = [fields.text(n, f"notes[{i}]", "Not", max_len=fields.LONG_TEXT, multiline=True)
                 for i, n in enumerate(fields.sequence(raw_notes, "notes", "Notlar",
                                                       max_items=fields.MAX_NOTES))]
        notes = [n for n in notes if n]
        return_of = None
        if inv_type.value in RETURN_TYPES:
            ref = data.get("return_of")
            if not isinstance(ref, dict) or not ref.get("number"):
                raise UserError("İade faturasında iade edilen faturanın numarası ve tarihi "
                                "yazılmalı.", field="return_of")
            number = fields.text(ref["number"], "return_of.number", "İade edilen fatura numarası",
                                 max_len=fields.SHORT_TEXT).upper()
            if not INVOICE_NUMBER_RE.fullmatch(number):
                raise UserError(f"İade edilen fatura numarası '{number}' GİB biçiminde değil "
                                "(örnek ABC2026000000001).", field="return_of.number")
            ref_date = _date(ref.get("date"), "return_of.date")
            if ref_date is None:
                raise UserError("İade edilen faturanın tarihi yazılmalı.",
                                field="return_of.date")
            return_of = ReturnRef(number, ref_date)
        despatch = []
        raw_despatch = fields.sequence(data.get("despatch_refs"), "despatch_refs",
                                       "İrsaliye referansları", max_items=fields.MAX_REFS)
        for i, d in enumerate(raw_despatch):
            where = f"despatch_refs[{i}]"
            if isinstance(d, dict):
                number = fields.text(d.get("number"), f"{where}.number", "İrsaliye numarası",
                                     max_len=fields.SHORT_TEXT)
                d_date = _date(d.get("date"), f"{where}.date") or issue_date
            else:
                number = fields.text(d, where, "İrsaliye numarası", max_len=fields.SHORT_TEXT)
                d_date = issue_date
            if not number:
                raise UserError(f"İrsaliye referansı {i + 1} anlaşılamadı; numara ve tarih yazın.",
                                field=where)
            despatch.append((number, d_date))
        payment = None
        if data.get("payment") is not None:
            p = fields.mapping(data["payment"], "payment", "Ödeme")
            iban = fields.text(p.get("iban"), "payment.iban", "IBAN",
                               max_len=fields.SHORT_TEXT).replace(" ", "").upper()
            if iban and not iban_ok(iban):
                raise UserError(f"Ödeme IBAN'ı geçersiz: '{iban}'. TR ile başlayan 26 karakterli "
                                "IBAN yazın (kontrol haneleri tutmalı).", field="payment.iban")
            if iban and profile is Profile.KAMU and not codes.KAMU_IBAN_RE.fullmatch(iban):
                raise UserError("KAMU senaryosunda ödemenin yapılacağı hesap bir Türkiye IBAN'ı "
                                "olmalı (TR ile başlayan 26 karakter).", field="payment.iban")
            payment = Payment(iban=iban, due_date=_date(p.get("due_date"), "payment.due_date"),
                              note=fields.text(p.get("note"), "payment.note", "Ödeme notu",
                                               max_len=fields.LONG_TEXT, multiline=True))
        order_ref, order_date = "", None
        order = data.get("order_ref")
        if isinstance(order, dict):
            order_ref = fields.text(order.get("number"), "order_ref.number", "Sipariş numarası",
                                    max_len=fields.SHORT_TEXT)
            order_date = _date(order.get("date"), "order_ref.date")
        elif order:
            order_ref = fields.text(order, "order_ref", "Sipariş numarası",
                                    max_len=fields.SHORT_TEXT)
        result = cls(
            profile=profile, type=inv_type, series=series, issue_date=issue_date,
            issue_time=issue_time, customer=customer, lines=lines, currency=currency,
            exchange_rate=exchange_rate, notes=notes, return_of=return_of,
            order_ref=order_ref, order_date=order_date or (issue_date if order_ref else None),
            despatch_refs=despatch, payment=payment,
            delivery=_delivery(data.get("delivery"), profile, customer),
            internet_sale=_internet_sale(data.get("internet_sale"), profile),
        )
        result.kinds = kinds.parse_invoice_blocks(data, profile.value, inv_type.value)
        if data.get("ettn"):
            result.ettn = _ettn(data["ettn"])
        result.check_type_needs()
        result.check_totals()
        return result

    def check_totals(self) -> None:
        """Every total fits GİB's amount format (schematron decimalCheck: at most 15 digits
        before the point), in the invoice's currency and converted to TL."""
        from app.domain.totals import invoice_totals  # totals imports this module

        totals = invoice_totals(self)
        largest = max(totals.line_extension, totals.tax_inclusive, totals.tax_exclusive)
        if self.exchange_rate is not None:
            largest = max(largest, totals.tax_inclusive * self.exchange_rate)
        if largest > fields.MAX_AMOUNT:
            raise UserError("Fatura toplamı GİB'in kabul ettiği en büyük tutarı "
                            f"({format(fields.MAX_AMOUNT, ',f')}) aşıyor; miktarları ya da "
                            "fiyatları kontrol edin.", field="lines")

    def check_type_needs(self) -> None:
        """What makes an invoice of this type: a withholding line on TEVKIFAT, an exempt
        line on ISTISNA and IHRACKAYITLI, a special-base code on OZELMATRAH."""
        if self.type.value in ("TEVKIFAT", "YTBTEVKIFAT") and not any(
                ln.withholding_code for ln in self.lines):
            raise UserError("Tevkifat faturasında en az bir kalemde tevkifat kodu "
                            "(withholding_code) olmalı.", field="lines")
        if self.type.value in codes.WITHHOLDING_RETURN_TYPES and not any(
                ln.withholding_code for ln in self.lines):
            raise UserError("Tevkifat iade faturasında en az bir kalemde, iade edilen "
                            "faturadaki tevkifat kodu (withholding_code) yazılmalı; tevkifatsız "
                            "bir faturanın iadesi için fatura tipini İADE seçin.",
                            field="lines[0].withholding_code")
        if self.type.value in ("ISTISNA", "IHRACKAYITLI", "YTBISTISNA") and not any(
                ln.exemption_code for ln in self.lines):
            raise UserError(f"{codes.INVOICE_TYPE_NAMES[self.type]} faturasında en az bir kalem "
                            "KDV'siz (%0) ve istisna kodlu olmalı.", field="lines")
        if self.type is InvoiceType.OZELMATRAH and not any(
                ln.exemption_code in codes.SPECIAL_BASE_CODES for ln in self.lines):
            raise UserError("Özel matrah faturasında en az bir kalemde özel matrah kodu "
                            "(exemption_code, 801–812) olmalı.", field="lines")
        kinds.check_invoice(self)


_UUID_RE = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}",
                      re.ASCII)  # schematron: cbc:UUID in UUID format
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{4}", re.ASCII)
_TIME_RE = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)


def _delivery(value: object, profile: Profile, customer: Party) -> str:
    """The e-Arşiv delivery method; by default ELEKTRONIK when the buyer has an e-mail
    address, else KAGIT. Other profiles have none (GİB delivers them)."""
    if profile is not Profile.EARSIVFATURA:
        return ""
    text = value.strip().upper().replace("Ğ", "G") if isinstance(value, str) else value
    if text in (None, ""):
        return DELIVERY_ELECTRONIC if customer.email else DELIVERY_PAPER
    if text not in DELIVERY_METHODS:
        raise UserError(f"Gönderim şekli '{_shown(value)}' geçersiz; ELEKTRONIK ya da KAGIT "
                        "olmalı.", field="delivery")
    return str(text)


def _internet_sale(value: object, profile: Profile) -> InternetSale | None:
    """İnternet satışı bilgileri (e-Arşiv): web address, payment method and date required;
    the carrier's name, VKN/TCKN and the shipment date go together."""
    if value in (None, {}, ""):
        return None
    if profile is not Profile.EARSIVFATURA:
        raise UserError("İnternet satışı bilgileri yalnızca e-Arşiv faturasında yazılır.",
                        field="internet_sale")
    raw = fields.mapping(value, "internet_sale", "İnternet satışı")
    f = "internet_sale."
    web = fields.text(raw.get("web"), f + "web", "İnternet satışı: web adresi",
                      max_len=fields.SHORT_TEXT)
    if not web:
        raise UserError("İnternet satışında satışın yapıldığı web adresi yazılmalı.",
                        field=f + "web")
    if any(c.isspace() for c in web) or "." not in web:
        raise UserError(f"Web adresi '{_shown(web)}' geçersiz (örnek https://dukkan.com.tr).",
                        field=f + "web")
    method = fields.text(raw.get("payment_method"), f + "payment_method",
                         "İnternet satışı: ödeme şekli", max_len=fields.SHORT_TEXT)
    if method not in INTERNET_PAYMENT_METHODS:
        raise UserError("İnternet satışında ödeme şekli yazılmalı: "
                        + ", ".join(f"{k} {v}" for k, v in INTERNET_PAYMENT_METHODS.items())
                        + (f"; '{_shown(method)}' geçersiz." if method else "."),
                        field=f + "payment_method")
    payment_date = _date(raw.get("payment_date"), f + "payment_date")
    if payment_date is None:
        raise UserError("İnternet satışında ödeme tarihi yazılmalı.", field=f + "payment_date")
    note = fields.text(raw.get("payment_note"), f + "payment_note",
                       "İnternet satışı: ödeme açıklaması", max_len=fields.SHORT_TEXT)
    carrier = fields.mapping(raw.get("carrier"), f + "carrier", "Taşıyıcı")
    name = fields.text(carrier.get("name"), f + "carrier.name", "Taşıyıcı firma adı")
    number = fields.text(carrier.get("vkn_tckn"), f + "carrier.vkn_tckn", "Taşıyıcı VKN/TCKN",
                         max_len=fields.SHORT_TEXT)
    district = fields.text(carrier.get("district"), f + "carrier.district", "Taşıyıcı ilçe")
    city = fields.text(carrier.get("city"), f + "carrier.city", "Taşıyıcı il")
    shipped = _date(raw.get("shipment_date"), f + "shipment_date")
    if name or number or shipped or district or city:
        if not name:
            raise UserError("Taşıyıcı firmanın adı yazılmalı.", field=f + "carrier.name")
        number = check_vkn_tckn(number, field=f + "carrier.vkn_tckn")
        if not (district and city):
            raise UserError("Taşıyıcı firmanın adresinin ilçesi ve ili yazılmalı.",
                            field=f + ("carrier.city" if district else "carrier.district"))
        if shipped is None:
            raise UserError("Gönderim (kargoya veriliş) tarihi yazılmalı.",
                            field=f + "shipment_date")
    return InternetSale(web=web, payment_method=method, payment_date=payment_date,
                        payment_note=note, carrier_name=name, carrier_vkn_tckn=number,
                        carrier_district=district, carrier_city=city, shipment_date=shipped)


def _ettn(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not _UUID_RE.fullmatch(text):
        raise UserError(f"ETTN '{_shown(value)}' UUID biçiminde değil "
                        "(örnek 3F2504E0-4F89-11D3-9A0C-0305E82C3301).", field="ettn")
    return str(uuid.UUID(text)).upper()


def _check_demirbas_kdv(lines: list[InvoiceLineData], profile: Profile,
                        type_code: str = "") -> None:
    """GİB's DemirbasKDVTaxExemptionCheck (2026-03): an invoice carrying code 555 is a
    TEMELFATURA, TICARIFATURA or EARSIVFATURA, and none of its KDV figures — on any line, not
    only the 555 one — may be 0 % or 0,00."""
    if not any(ln.exemption_code == codes.DEMIRBAS_KDV_CODE for ln in lines):
        return
    from app.domain.totals import line_totals, returned_withholding_line  # reads this module

    for i, ln in enumerate(lines):
        where = f"{i + 1}. kalem"
        if profile.value not in codes.DEMIRBAS_KDV_PROFILES:
            if ln.exemption_code == codes.DEMIRBAS_KDV_CODE:
                raise UserError(f"{where}: {codes.PROFILE_NAMES[profile]} senaryolu faturada "
                                "555 (demirbaş KDV) kodu kullanılamaz (GİB kuralı: yalnızca "
                                "Temel, Ticari ve e-Arşiv faturada).",
                                field=f"lines[{i}].exemption_code")
            continue
        lt = line_totals(ln)
        if type_code == "TEVKIFATIADE":  # the KDV stated is the part not withheld
            lt = returned_withholding_line(lt)
        if ln.kdv_rate == 0 or lt.kdv.amount == 0:
            raise UserError(f"{where}: 555 (demirbaş KDV) kodlu bir faturada KDV'si %0 ya da "
                            "0,00 olan kalem olamaz (GİB kuralı); bu kalemi ayrı bir faturada "
                            "kesin ya da tutarını ve KDV oranını yazın.",
                            field=f"lines[{i}].kdv_rate")


def _check_combination(profile: object, type_code: object) -> None:
    """A scenario × type pair GİB's rules refuse is refused with GİB's reason
    (``app.domain.combinations``, proven against the schematron); one GİB allows but Tezgâh
    does not issue yet says so, instead of "invalid"."""
    p = profile.strip().upper() if isinstance(profile, str) else ""
    t = type_code.strip().upper() if isinstance(type_code, str) else ""
    if p not in combinations.GIB_PROFILES or t not in combinations.GIB_TYPES:
        return  # not a GİB code at all: _enum says what the valid ones are
    problem = combinations.combination_problem(p, t)
    if problem:
        raise UserError(problem, field="type")
    supported = p in Profile.__members__ and t in InvoiceType.__members__
    if not supported:
        missing = p if p not in Profile.__members__ else t
        field_name = "profile" if missing == p else "type"
        words = codes.profile_words(p) if missing == p else codes.type_words(t)
        raise UserError(
            f"{missing} ({words}) GİB'in tanıdığı bir {'senaryo' if missing == p else 'fatura tipi'}"
            f"; Tezgâh bu sürümde henüz bu {'senaryoda' if missing == p else 'tipte'} fatura "
            f"düzenleyemiyor. Şimdilik şunlar kullanılabilir: senaryo "
            f"{', '.join(x.value for x in Profile)}; tip {', '.join(x.value for x in InvoiceType)}.",
            field=field_name)


def _enum(enum: type, value: object, name: str):  # type: ignore[no-untyped-def]
    text = value.strip().upper() if isinstance(value, str) else None
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise UserError(f"{field_label(name)}: '{_shown(value)}' geçersiz; şunlardan biri olmalı: {allowed}.",
                        field=name) from None


def _date(value: object, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if _DATE_RE.fullmatch(text):
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise UserError(f"{field_label(name)}: '{_shown(value)}' bir tarih değil; 2026-11-27 ya da 27.11.2026 "
                    "yazın.", field=name)


def _time(value: object, name: str) -> time | None:
    if value in (None, ""):
        return None
    if isinstance(value, time):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if _TIME_RE.fullmatch(text):
        for fmt in ("%H:%M:%S", "%H:%M"):
            try:
                return datetime.strptime(text, fmt).time()
            except ValueError:
                continue
    raise UserError(f"{field_label(name)}: '{_shown(value)}' bir saat değil; 14:30 ya da 14:30:00 yazın.",
                    field=name)


def parse_line(raw: object, index: int, inv_type: InvoiceType,
               profile: Profile | None = None) -> InvoiceLineData:
    """One line of the invoice JSON, checked (the editor calls it while the user types).
    Without ``profile`` the fields a scenario adds to a line are read when present."""
    where = f"{index}. kalem"
    if not isinstance(raw, dict):
        raise UserError(f"{where}: bir nesne olmalı.", field=f"lines[{index - 1}]")
    f = f"lines[{index - 1}]."
    name = fields.text(raw.get("name"), f + "name", f"{where}: mal/hizmet adı")
    if not name:
        raise UserError(f"{where}: mal/hizmet adı boş olamaz.", field=f + "name")
    quantity = _line_number(raw.get("quantity", "1"), f + "quantity", f"{where}: miktar",
                            places=fields.places_of(QUANTITY_PLACES))
    if quantity <= 0:
        raise UserError(f"{where}: miktar sıfırdan büyük olmalı.", field=f + "quantity")
    unit = fields.text(raw.get("unit"), f + "unit", f"{where}: birim",
                       max_len=fields.SHORT_TEXT).upper() or "C62"
    if unit not in codes.UNITS:
        raise UserError(f"{where}: birim '{_shown(unit)}' bilinmiyor; örnek C62 (adet), KGM, "
                        "LTR, MTR, HUR.", field=f + "unit")
    price = _line_number(raw.get("unit_price"), f + "unit_price", f"{where}: birim fiyat",
                         places=fields.places_of(PRICE_PLACES))
    if price < 0:
        raise UserError(f"{where}: birim fiyat eksi olamaz.", field=f + "unit_price")
    if quantity * price > fields.MAX_AMOUNT:
        raise UserError(f"{where}: miktar × birim fiyat GİB'in kabul ettiği en büyük tutarı "
                        "aşıyor.", field=f + "unit_price")
    discount = _line_number(raw.get("discount_rate", "0") or "0", f + "discount_rate",
                            f"{where}: iskonto oranı", places=fields.RATE_PLACES)
    if not (0 <= discount <= 100):
        raise UserError(f"{where}: iskonto oranı 0 ile 100 arasında olmalı.",
                        field=f + "discount_rate")
    kdv = _line_number(raw.get("kdv_rate", "20"), f + "kdv_rate", f"{where}: KDV oranı",
                       places=fields.RATE_PLACES)
    if kdv not in codes.KDV_RATES:
        raise UserError(f"{where}: KDV oranı %{kdv} olamaz; 0, 1, 10 ya da 20 olmalı.",
                        field=f + "kdv_rate")
    kdv = next(r for r in codes.KDV_RATES if r == kdv)  # "20.00", "2E+1" → 20
    line = InvoiceLineData(
        name=name, quantity=quantity, unit=unit, unit_price=price, kdv_rate=kdv,
        discount_rate=discount,
        seller_code=fields.text(raw.get("seller_code"), f + "seller_code",
                                f"{where}: satıcı ürün kodu", max_len=fields.SHORT_TEXT),
        description=fields.text(raw.get("description"), f + "description",
                                f"{where}: açıklama", max_len=fields.LONG_TEXT, multiline=True),
    )
    # Withholding (tevkifat): only on TEVKIFAT invoices, code + rate from GİB's list.
    wcode = fields.text(raw.get("withholding_code"), f + "withholding_code",
                        f"{where}: tevkifat kodu", max_len=fields.SHORT_TEXT)
    if inv_type.value in WITHHOLDING_TYPES:
        if wcode:
            rates = codes.withholding_rates(wcode)
            if not rates:
                raise UserError(f"{where}: tevkifat kodu '{wcode}' GİB listesinde yok.",
                                field=f + "withholding_code")
            rate_raw = raw.get("withholding_rate")
            rate = _line_number(rate_raw, f + "withholding_rate", f"{where}: tevkifat oranı",
                                places=fields.RATE_PLACES) if rate_raw else rates[0]
            if rate not in rates:
                allowed = ", ".join(f"%{r}" for r in rates)
                raise UserError(f"{where}: {wcode} kodu için tevkifat oranı {allowed} olabilir.",
                                field=f + "withholding_rate")
            if kdv == 0:
                raise UserError(f"{where}: KDV'si %0 olan kalemde tevkifat olmaz.",
                                field=f + "withholding_code")
            line.withholding_code, line.withholding_rate = wcode, rate
    elif wcode:
        raise UserError(f"{where}: tevkifat kodu yalnızca TEVKIFAT, TEVKIFATIADE ve SGK "
                        "tipindeki faturada olur.",
                        field=f + "withholding_code")
    # Exemptions: required when KDV is 0 (schematron TaxExemptionReasonCheck).
    ecode = fields.text(raw.get("exemption_code"), f + "exemption_code",
                        f"{where}: istisna kodu", max_len=fields.SHORT_TEXT)
    ereason = fields.text(raw.get("exemption_reason"), f + "exemption_reason",
                          f"{where}: istisna sebebi", max_len=fields.LONG_TEXT)
    allowed_ex = codes.EXEMPTIONS_BY_TYPE.get(inv_type)
    if ecode == codes.DEMIRBAS_KDV_CODE:
        # DemirbasKDVTaxExemptionCheck (2026-03): on a line with KDV, never with KDV %0.
        if kdv == 0:
            raise UserError(f"{where}: 555 (demirbaş KDV) kodlu kalemde KDV %0 olamaz; KDV "
                            "oranını yazın.", field=f + "kdv_rate")
        if inv_type.value in codes.DEMIRBAS_KDV_REFUSED_TYPES:
            raise UserError(f"{where}: {codes.INVOICE_TYPE_NAMES[inv_type]} faturasında 555 "
                            "(demirbaş KDV) kodu kullanılamaz (GİB kuralı).",
                            field=f + "exemption_code")
        line.exemption_code = ecode
        line.exemption_reason = ereason or codes.DEMIRBAS_KDV_NAME
    elif kdv == 0:
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
            if ecode != codes.ZERO_KDV_DEFAULT_CODE and inv_type.value not in ANY_EXEMPTION_TYPES:
                raise UserError(f"{where}: {codes.INVOICE_TYPE_NAMES[inv_type]} faturasında "
                                f"%0 KDV için yalnızca 351 kodu kullanılabilir; başka istisna "
                                "için fatura tipini İSTİSNA seçin.", field=f + "exemption_code")
        all_names = {**codes.exemption_codes_with_unnamed(), **codes.SPECIAL_BASE_CODES,
                     **codes.EXPORT_REGISTERED_CODES}
        line.exemption_code = ecode
        line.exemption_reason = ereason or all_names.get(ecode, ecode)
    elif inv_type is InvoiceType.OZELMATRAH and ecode:
        if ecode not in codes.SPECIAL_BASE_CODES:
            raise UserError(f"{where}: özel matrah kodu '{ecode}' geçersiz.",
                            field=f + "exemption_code")
        line.exemption_code = ecode
        line.exemption_reason = ereason or codes.SPECIAL_BASE_CODES[ecode]
    elif codes.investment_exempt(profile.value if profile else None, inv_type.value):
        # Investment-incentive İSTİSNA (YatirimTesvik…IstisnaCalculationSequenceNumericCheck,
        # …308Check, …339Check): the KDV is computed and shown, not added to the total, and
        # the line names 308 (harcama tipi 01) or 339 (02); by default from its harcama tipi.
        block = raw.get("investment")
        item_class = str(block.get("item_class") or "") if isinstance(block, dict) else ""
        ecode = ecode or codes.INVESTMENT_EXEMPTION_BY_CLASS.get(item_class, "")
        if ecode not in codes.INVESTMENT_EXEMPTIONS:
            raise UserError(f"{where}: yatırım teşvik istisna faturasında kalemin istisna kodu "
                            "308 (harcama tipi 01, makine ve teçhizat) ya da 339 (harcama tipi "
                            "02, inşaat) olmalı.", field=f + "exemption_code")
        line.exemption_code = ecode
        line.exemption_reason = ereason or codes.INVESTMENT_EXEMPTIONS[ecode]
        line.kdv_not_added = True
    elif ecode:
        raise UserError(f"{where}: istisna kodu yalnızca KDV'si %0 olan kalemde yazılır.",
                        field=f + "exemption_code")
    raw_taxes = fields.sequence(raw.get("other_taxes"), f + "other_taxes",
                                f"{where}: diğer vergiler", max_items=len(codes.LINE_TAX_CODES))
    for j, t in enumerate(raw_taxes):
        tf = f"{f}other_taxes[{j}]"
        t = fields.mapping(t, tf, f"{where}: vergi", optional=False)
        code = fields.text(t.get("code"), tf + ".code", f"{where}: vergi kodu",
                           max_len=fields.SHORT_TEXT)
        if code not in codes.LINE_TAX_CODES:
            raise UserError(f"{where}: vergi kodu '{_shown(code)}' desteklenmiyor.",
                            field=tf + ".code")
        if any(existing.code == code for existing in line.other_taxes):
            raise UserError(f"{where}: {code} vergisi bir kez yazılabilir.", field=tf + ".code")
        if t.get("rate") in (None, ""):
            raise UserError(f"{where}: {code} vergisinin oranı yazılmalı.",
                            field=tf + ".rate")
        rate = _line_number(t.get("rate"), tf + ".rate", f"{where}: vergi oranı",
                            places=fields.RATE_PLACES)
        if rate < 0:
            raise UserError(f"{where}: vergi oranı eksi olamaz.", field=tf + ".rate")
        if rate > MAX_OTHER_TAX_RATE:
            raise UserError(f"{where}: vergi oranı en fazla %{MAX_OTHER_TAX_RATE} olabilir.",
                            field=tf + ".rate")
        line.other_taxes.append(LineTax(code, rate))
    line.kinds = kinds.parse_line_blocks(raw, index, profile.value if profile else None,
                                         inv_type.value)
    return line


# ÖTV rates reach a few hundred percent (ÖTV (II) and (III) lists); no other tax on a line is
# higher. Tezgâh's bound, well above any rate in force.
MAX_OTHER_TAX_RATE = Decimal(1000)


def _line_number(value: object, field: str, label: str, *, places: int) -> Decimal:
    """A number on a line: the sign is checked by the caller (with its own message)."""
    return fields.number(value, field, label, places=places, minimum=-fields.MAX_AMOUNT)
