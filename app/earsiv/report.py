"""The unsigned e-Arşiv report (``eArsivRaporu``) of one day, built from plain inputs.

No database here: the use case gives the company's VKN/TCKN, the e-Arşiv invoices as their
stored signed bytes with the moment Tezgâh created (issued) each, and the cancellations as
plain values. Everything a ``fatura`` entry says is read from the signed invoice itself
(``app.ubl.reader`` on the project's safe parser): number, ETTN, type, dates, totals, taxes,
withholdings, currency and rate, buyer, delivery method, internet-sale data and the XAdES
SigningTime; ``ozetDeger`` is the SHA-256 of exactly the bytes given. The XML shape comes
from ``app.earsiv.report_schema`` alone.

Reports are day-based: one report per day of creation (Europe/Istanbul), its period and its
only part both that day, ``bolumNo`` 1. The duty is "oluşturulduğu günü takip eden gün
akşamına kadar" (EARSIV-NOTES.md), so a day's report is complete and due together, whatever
the month; a monthly report in parts would add nothing but bookkeeping. A back-dated invoice
is reported on the day it was created; its ``duzenlenmeTarihi`` stays its IssueDate. A
cancellation is reported on the day it was made; an invoice created and cancelled on the
same day appears as both ``fatura`` and ``faturaIptal``.

Signing (done later by the use case through ``app.signing``): the report is signed with an
enveloped XAdES signature whose ``ds:Signature`` is appended as the last child of ``baslik``
(after ``bolumNo``; :func:`signature_parent` finds it), with one ``ds:Reference URI=""`` and
the enveloped-signature transform, inclusive C14N 1.0 like the invoice's signature
(``app.signing.sign_enveloped``; exclusive C14N is the web service's WS-Security) and
``rsa-sha256`` (or ECDSA for an EC mali mühür); the guide asks for XAdES-A (EARSIV-NOTES.md "Signing the report"). Nothing
else of the built bytes may change after they are signed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from app import clock
from app.domain import deadlines
from app.domain.errors import UserError
from app.earsiv import report_schema as rs
from app.ubl.namespaces import XADES
from app.ubl.reader import UblInvoice, UblParty, read_ubl_root
from app.xmlsafe import parse_bytes, string_value

# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class IssuedInvoice:
    """An e-Arşiv invoice as stored: its exact signed bytes and when Tezgâh created it
    (aware, or naive Istanbul wall-clock time as the database keeps it)."""

    signed_xml: bytes
    created_at: datetime


@dataclass(frozen=True)
class Cancellation:
    """A cancelled e-Arşiv invoice: its number, when it was cancelled, its total."""

    number: str
    cancelled_at: datetime
    total: Decimal


# ---------------------------------------------------------------- which day, when due


@dataclass(frozen=True)
class ReportDay:
    """The day a report covers (its period and its only part) and when it is due."""

    day: date
    due: datetime  # aware, Europe/Istanbul

    def overdue(self, at: datetime | None = None) -> bool:
        return deadlines.earsiv_report_overdue(self.day, at)


def report_day(created_at: datetime) -> ReportDay:
    """The report a document created (or cancelled) at ``created_at`` belongs to: the
    Istanbul day of that moment, due at 23:59:59 Istanbul time of the next day
    (``app.domain.deadlines.earsiv_report_due``). A naive moment is Istanbul wall-clock
    time."""
    return report_day_of(clock.to_istanbul(created_at).date())


def report_day_of(day: date) -> ReportDay:
    """The report of the Istanbul day ``day`` and when it is due."""
    return ReportDay(day, deadlines.earsiv_report_due(day))


# ---------------------------------------------------------------- one fatura entry


@dataclass(frozen=True)
class Tax:
    code: str
    taxable: Decimal
    amount: Decimal
    percent: Decimal


@dataclass(frozen=True)
class Buyer:
    vkn_tckn: str
    name: str

    @property
    def is_person(self) -> bool:
        return len(self.vkn_tckn) == 11


@dataclass(frozen=True)
class Carrier:
    vkn_tckn: str
    name: str


@dataclass(frozen=True)
class InternetSale:
    web_address: str
    payment_type: str  # report_schema.INTERNET_PAYMENT_MEANS value (DIGER with its text)
    payment_date: str
    despatch_date: str = ""
    carrier: Carrier | None = None


@dataclass(frozen=True)
class InvoiceEntry:
    """What one ``fatura`` says, read from the signed invoice."""

    number: str
    uuid: str
    type_code: str
    sending_type: str
    file_name: str
    digest: str  # SHA-256 hex of the stored bytes
    issue_date: str
    issue_time: str
    line_extension: Decimal
    allowance_total: Decimal
    payable: Decimal
    currency: str
    exchange_rate: Decimal
    tax_total: Decimal
    taxes: tuple[Tax, ...]
    withholdings: tuple[Tax, ...]
    buyer: Buyer
    internet_sale: InternetSale | None
    signing_time: str
    supplier_vkn_tckn: str


def _need(value: Decimal | None, what: str, number: str) -> Decimal:
    if value is None:
        raise UserError(f"{number or 'Fatura'}: {what} okunamadı; e-Arşiv raporuna yazılamaz.")
    return value


def _tax(st, number: str) -> Tax:  # type: ignore[no-untyped-def]
    return Tax(code=st.code, taxable=_need(st.taxable, "vergi matrahı", number),
               amount=_need(st.amount, "vergi tutarı", number),
               percent=_need(st.percent, "vergi oranı", number))


def _vkn_tckn(party: UblParty | None) -> str:
    if party is None:
        return ""
    for scheme, value in party.ids:
        if scheme in ("VKN", "TCKN"):
            return value
    return ""


def _person_name(party: UblParty) -> str:
    return " ".join(x for x in (party.first_name, party.middle_name, party.family_name) if x)


def _buyer(ubl: UblInvoice) -> Buyer:
    party = ubl.customer
    number = _vkn_tckn(party)
    if party is None or not (rs.VKN_RE.fullmatch(number) or rs.TCKN_RE.fullmatch(number)):
        raise UserError(f"{ubl.number}: alıcının VKN/TCKN'si okunamadı; e-Arşiv raporuna "
                        "yazılamaz.")
    if len(number) == 10:
        name = party.name or _person_name(party)
    else:
        name = _person_name(party) or party.name
    return Buyer(number, name)


def _sending_type(ubl: UblInvoice) -> str:
    for ref in ubl.additional_refs:
        if ref.document_type_code == rs.SENDING_TYPE_CODE:
            value = ref.document_type.strip().upper()
            if value in rs.SENDING_TYPES:
                return value
            raise UserError(f"{ubl.number}: gönderim şekli '{ref.document_type}' anlaşılamadı "
                            f"({' ya da '.join(sorted(rs.SENDING_TYPES))} olmalı).")
    if rs.SENDING_TYPE_NOTE:
        for note in ubl.notes:
            text = note.strip()
            if text.startswith(rs.SENDING_TYPE_NOTE):
                value = text[len(rs.SENDING_TYPE_NOTE):].strip().upper()
                if value in rs.SENDING_TYPES:
                    return value
    return rs.DEFAULT_SENDING_TYPE


def _internet_sale(ubl: UblInvoice) -> InternetSale | None:
    web = ubl.supplier.website if ubl.supplier is not None else ""
    means = [pm for pm in ubl.payment_means if pm.code in rs.INTERNET_PAYMENT_MEANS]
    if not means or not web:
        return None
    pm = means[0]
    kind = rs.INTERNET_PAYMENT_MEANS[pm.code]
    if kind == "DIGER":
        kind = rs.OTHER_PAYMENT_PREFIX + (pm.account_note or "Diğer")
    carrier = None
    despatch = ""
    if ubl.delivery is not None and ubl.delivery.carrier is not None:
        c = ubl.delivery.carrier
        carrier = Carrier(_vkn_tckn(c), c.name or _person_name(c))
        despatch = (ubl.delivery.despatch_date or ubl.delivery.actual_delivery_date
                    or ubl.issue_date)
    return InternetSale(web_address=web, payment_type=kind,
                        payment_date=pm.due_date or ubl.issue_date,
                        despatch_date=despatch, carrier=carrier)


def _signing_time(root: etree._Element, number: str) -> str:
    el = root.find(f".//{{{XADES}}}SignedSignatureProperties/{{{XADES}}}SigningTime")
    text = (string_value(el) or "").strip()
    if not text:
        raise UserError(f"{number}: faturada imza zamanı (XAdES SigningTime) yok; imzasız bir "
                        "fatura e-Arşiv raporuna yazılamaz.")
    return text


def read_entry(signed_xml: bytes) -> InvoiceEntry:
    """Read what the report says of one signed e-Arşiv invoice (``UserError`` in Turkish
    when the document is not a signed e-Arşiv invoice or misses something the report needs)."""
    root = parse_bytes(signed_xml).getroot()
    ubl = read_ubl_root(root)
    number = ubl.number
    if ubl.profile != "EARSIVFATURA":
        raise UserError(f"{number}: senaryosu {ubl.profile or '(yok)'}; e-Arşiv raporuna yalnızca "
                        "EARSIVFATURA senaryolu faturalar yazılır.")
    if not ubl.signed:
        raise UserError(f"{number}: fatura imzalı değil; e-Arşiv raporuna yazılamaz.")
    mt = ubl.monetary_total
    if mt is None:
        raise UserError(f"{number}: faturanın parasal toplamları yok.")
    rate = None
    if ubl.currency != "TRY":
        rate = ubl.exchange_rate(*rs.EXCHANGE_RATE_ELEMENTS)
        if rate is None:
            raise UserError(f"{number}: {ubl.currency} faturada döviz kuru yok.")
    tax_total = sum((_need(a, "vergi toplamı", number) for a in ubl.tax_amounts), Decimal(0))
    return InvoiceEntry(
        number=number,
        uuid=ubl.uuid,
        type_code=ubl.type_code,
        sending_type=_sending_type(ubl),
        file_name=rs.file_name(ubl.uuid),
        digest=hashlib.new(rs.DIGEST_ALGORITHM, signed_xml).hexdigest(),
        issue_date=ubl.issue_date,
        issue_time=ubl.issue_time,
        line_extension=_need(mt.line_extension, "mal/hizmet toplamı", number),
        allowance_total=mt.allowance_total if mt.allowance_total is not None else Decimal(0),
        payable=_need(mt.payable, "ödenecek tutar", number),
        currency=ubl.currency,
        exchange_rate=rate if rate is not None else rs.NO_EXCHANGE_RATE,
        tax_total=tax_total,
        taxes=tuple(_tax(st, number) for st in ubl.tax_subtotals),
        withholdings=tuple(_tax(st, number) for st in ubl.withholding_subtotals),
        buyer=_buyer(ubl),
        internet_sale=_internet_sale(ubl),
        signing_time=_signing_time(root, number),
        supplier_vkn_tckn=_vkn_tckn(ubl.supplier),
    )


# ---------------------------------------------------------------- XML


def _el(parent: etree._Element, local: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, rs.q(local))
    if text is not None:
        el.text = text
    return el


def _vkn_tckn_el(parent: etree._Element, local: str, number: str) -> None:
    holder = _el(parent, local)
    _el(holder, rs.VKN if len(number) == 10 else rs.TCKN, number)


def _party_el(parent: etree._Element, local: str, number: str, name: str) -> None:
    holder = _el(parent, local)
    if len(number) == 10:
        kisi = _el(holder, rs.TUZEL_KISI)
        for child, value in zip(rs.TUZEL_KISI_CHILDREN, (number, name), strict=True):
            _el(kisi, child, value)
    else:
        kisi = _el(holder, rs.GERCEK_KISI)
        for child, value in zip(rs.GERCEK_KISI_CHILDREN, (number, name), strict=True):
            _el(kisi, child, value)


def _tax_el(parent: etree._Element, tax: Tax) -> None:
    vergi = _el(parent, "vergi")
    values = {"matrah": rs.format_amount(tax.taxable), "vergiKodu": tax.code,
              "vergiTutari": rs.format_amount(tax.amount), "vergiOrani": rs.format_rate(tax.percent)}
    for child in rs.VERGI_CHILDREN:
        _el(vergi, child, values[child])


def _withholding_el(parent: etree._Element, tax: Tax) -> None:
    tevkifat = _el(parent, "tevkifat")
    values = {"tevkifatKodu": tax.code, "tevkifatTutari": rs.format_amount(tax.amount),
              "tevkifatOrani": rs.format_rate(tax.percent)}
    for child in rs.TEVKIFAT_CHILDREN:
        _el(tevkifat, child, values[child])


def _internet_sale_el(parent: etree._Element, sale: InternetSale) -> None:
    holder = _el(parent, "internetSatisBilgi")
    for child in rs.INTERNET_SATIS_CHILDREN:
        if child == "webAdresi":
            _el(holder, child, sale.web_address)
        elif child == "odemeSekli":
            _el(holder, child, sale.payment_type)
        elif child == "odemeTarihi":
            _el(holder, child, sale.payment_date)
        elif child == "gonderiBilgileri" and sale.carrier is not None:
            info = _el(holder, child)
            for sub in rs.GONDERI_BILGILERI_CHILDREN:
                if sub == "gonderimTarihi":
                    _el(info, sub, sale.despatch_date)
                else:
                    _party_el(info, sub, sale.carrier.vkn_tckn, sale.carrier.name)


def _fatura_el(root: etree._Element, e: InvoiceEntry) -> None:
    fatura = _el(root, rs.FATURA)
    simple = {
        "faturaNo": e.number, "faturaUUID": e.uuid, "faturaTip": e.type_code,
        "gonderimSekli": e.sending_type, "dosyaAdi": e.file_name, "ozetDeger": e.digest,
        "duzenlenmeTarihi": e.issue_date, "duzenlenmeZamani": e.issue_time,
        "toplamTutar": rs.format_amount(e.line_extension),
        "toplamIskonto": rs.format_amount(e.allowance_total),
        "odenecekTutar": rs.format_amount(e.payable), "paraBirimi": e.currency,
        "dovizKuru": rs.format_exchange_rate(e.exchange_rate), "imzaZamani": e.signing_time,
    }
    for child in rs.FATURA_ORDER:
        if child in simple:
            _el(fatura, child, simple[child])
        elif child == "vergiBilgisi":
            vb = _el(fatura, child)
            for sub in rs.VERGI_BILGISI_CHILDREN:
                if sub == "vergilerToplami":
                    _el(vb, sub, rs.format_amount(e.tax_total))
                elif sub == "vergi":
                    for tax in e.taxes:
                        _tax_el(vb, tax)
                else:
                    for tax in e.withholdings:
                        _withholding_el(vb, tax)
        elif child == "aliciBilgileri":
            _party_el(fatura, child, e.buyer.vkn_tckn, e.buyer.name)
        elif child == "internetSatisBilgi" and e.internet_sale is not None:
            _internet_sale_el(fatura, e.internet_sale)


def _iptal_el(root: etree._Element, c: Cancellation) -> None:
    el = _el(root, rs.FATURA_IPTAL)
    values = {"faturaNo": c.number,
              "iptalTarihi": rs.format_date(clock.to_istanbul(c.cancelled_at).date()),
              "toplamTutar": rs.format_amount(c.total)}
    for child in rs.FATURA_IPTAL_CHILDREN:
        _el(el, child, values[child])


def signature_parent(report_root: etree._Element) -> etree._Element:
    """The element the report's ``ds:Signature`` is appended to (as its last child)."""
    el = report_root.find(rs.q(rs.SIGNATURE_PARENT))
    if el is None:
        raise UserError("Raporda başlık (baslik) yok; imzalanamaz.")
    return el


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class BuiltReport:
    """An unsigned report of one day: its bytes and what it holds."""

    report_no: str
    day: ReportDay
    xml: bytes
    entries: tuple[InvoiceEntry, ...]
    cancellations: tuple[Cancellation, ...]

    @property
    def file_name(self) -> str:
        """``<raporNo>.xml``, the name inside ``<raporNo>.zip`` (EARSIV-NOTES.md)."""
        return f"{self.report_no}.xml"


def _check_company(vkn_tckn: str) -> str:
    v = (vkn_tckn or "").strip()
    if not (rs.VKN_RE.fullmatch(v) or rs.TCKN_RE.fullmatch(v)):
        raise UserError(f"Firmanın VKN/TCKN'si ({vkn_tckn!r}) 10 ya da 11 haneli olmalı.")
    return v


def build_report(day: date, company_vkn_tckn: str, invoices: Iterable[IssuedInvoice],
                 cancellations: Iterable[Cancellation] = (), *,
                 report_no: str | None = None,
                 preparer_vkn_tckn: str | None = None) -> BuiltReport:
    """The unsigned report of ``day``: every invoice created and every cancellation made
    on that Istanbul day. Anything given from another day is refused (``ValueError``: the
    caller chose the wrong rows); an invoice of another issuer, an unsigned one or one that
    is not e-Arşiv is refused in Turkish (``UserError``). ``preparer_vkn_tckn`` is the
    company's own number for a self-issuer (the default)."""
    company = _check_company(company_vkn_tckn)
    preparer = _check_company(preparer_vkn_tckn) if preparer_vkn_tckn else company
    report_no = report_no or str(uuid.uuid4())
    if not rs.UUID_RE.fullmatch(report_no):
        raise ValueError(f"report_no must be a UUID: {report_no!r}")
    entries = []
    for inv in invoices:
        if report_day(inv.created_at).day != day:
            raise ValueError(f"invoice created at {inv.created_at} is not of {day}")
        entry = read_entry(inv.signed_xml)
        if entry.supplier_vkn_tckn != company:
            raise UserError(f"{entry.number}: satıcısı {entry.supplier_vkn_tckn or '(yok)'}; "
                            f"bu rapor {company} numaralı mükellefin.")
        entries.append(entry)
    cancelled = []
    for c in cancellations:
        if report_day(c.cancelled_at).day != day:
            raise ValueError(f"cancellation at {c.cancelled_at} is not of {day}")
        if not rs.INVOICE_NUMBER_RE.fullmatch(c.number):
            raise UserError(f"İptal edilen fatura numarası '{c.number}' GİB biçiminde değil.")
        cancelled.append(c)
    root = etree.Element(rs.q(rs.ROOT), nsmap=rs.NSMAP)
    baslik = _el(root, "baslik")
    header = {"versiyon": rs.VERSION, "raporNo": report_no,
              "donemBaslangicTarihi": rs.format_date(day), "donemBitisTarihi": rs.format_date(day),
              "bolumBaslangicTarihi": rs.format_date(day), "bolumBitisTarihi": rs.format_date(day),
              "bolumNo": str(rs.PART_NUMBER)}
    for child in rs.BASLIK_CHILDREN:
        if child == "mukellef":
            _vkn_tckn_el(baslik, child, company)
        elif child == "hazirlayan":
            _vkn_tckn_el(baslik, child, preparer)
        else:
            _el(baslik, child, header[child])
    for entry in entries:
        _fatura_el(root, entry)
    for c in cancelled:
        _iptal_el(root, c)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return BuiltReport(report_no, report_day_of(day), xml, tuple(entries), tuple(cancelled))


def build_daily_reports(company_vkn_tckn: str, invoices: Iterable[IssuedInvoice],
                        cancellations: Iterable[Cancellation] = ()) -> list[BuiltReport]:
    """One report per Istanbul day on which something was created or cancelled, oldest
    first."""
    by_day: dict[date, tuple[list[IssuedInvoice], list[Cancellation]]] = {}
    for inv in invoices:
        by_day.setdefault(report_day(inv.created_at).day, ([], []))[0].append(inv)
    for c in cancellations:
        by_day.setdefault(report_day(c.cancelled_at).day, ([], []))[1].append(c)
    return [build_report(day, company_vkn_tckn, invs, cans)
            for day, (invs, cans) in sorted(by_day.items())]
