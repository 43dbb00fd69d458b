"""The e-Arşiv report of a day, built from e-Arşiv invoices issued the real way.

One module-scoped fixture issues a day of 50 signed e-Arşiv invoices (SATIS, IADE, TEVKIFAT,
ISTISNA; TRY, USD and EUR with a rate; tüzel and gerçek kişi buyers; one back-dated), plus one
created just before and one just after that day, through ``issue_invoice`` with the test
certificate, each at a moment set on the core's clock. The ORACLE below reads each signed
invoice with lxml on its own (it does not call ``app.earsiv`` or ``app.ubl.reader``) and
compares every ``fatura`` of the report with it.
"""

from __future__ import annotations

import hashlib
import time as _time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import text

from app import clock
from app.domain.errors import UserError
from app.earsiv import checks
from app.earsiv.report import (
    Cancellation,
    IssuedInvoice,
    build_daily_reports,
    build_report,
    report_day,
    signature_parent,
)
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import COMPANY, CUSTOMER, PERSON, invoice_json, make_context

IST = clock.ISTANBUL
DAY = date(2026, 11, 27)  # the reported day (the suite's pinned "today" is 2026-11-28)
EA = "{http://earsiv.efatura.gov.tr}"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC, "xades": "http://uri.etsi.org/01903/v1.3.2#"}
FINAL_CONSUMER = {**PERSON, "vkn_tckn": "11111111111", "first_name": "Nihai",
                  "family_name": "Tüketici"}


@dataclass(frozen=True)
class Issued:
    ettn: str
    number: str
    xml: bytes
    created_at: datetime  # issued_at as the database keeps it (naive Istanbul)
    kind: str


def _line(**kw: Any) -> dict[str, Any]:
    base = {"name": "Kırmızı şişe 1 lt", "quantity": "3", "unit": "C62",
            "unit_price": "19.99", "kdv_rate": "20"}
    return {**base, **kw}


def _draft(i: int) -> tuple[str, dict[str, Any]]:
    """The i-th invoice of the day: a mix of types, currencies and buyers."""
    tea = _line(name="Çay", quantity=str(1 + i % 4), unit="KGM", unit_price="245.50",
                kdv_rate="1")
    kinds: list[tuple[str, dict[str, Any]]] = [
        ("satis-try-tuzel", dict(customer=dict(CUSTOMER), lines=[_line(discount_rate="5"), tea])),
        ("satis-usd-gercek", dict(customer=dict(PERSON), currency="USD",
                                  exchange_rate="34.5678", lines=[_line(unit_price="12.50")])),
        ("tevkifat-tuzel", dict(type="TEVKIFAT", customer=dict(CUSTOMER),
                                lines=[_line(withholding_code="603", unit_price="1250"), tea])),
        ("istisna-eur-tuzel", dict(type="ISTISNA", customer=dict(CUSTOMER), currency="EUR",
                                   exchange_rate="36.1234",
                                   lines=[_line(kdv_rate="0", exemption_code="301")])),
        ("iade-gercek", dict(type="IADE", customer=dict(PERSON),
                             return_of={"number": "EAR2026000000001", "date": "2026-11-02"},
                             lines=[tea])),
        ("satis-nihai", dict(customer=dict(FINAL_CONSUMER), lines=[tea])),
        ("satis-otv-tuzel", dict(customer=dict(CUSTOMER),
                                 lines=[_line(other_taxes=[{"code": "0071", "rate": "25"}])])),
    ]
    kind, extra = kinds[i % len(kinds)]
    return kind, invoice_json(profile="EARSIVFATURA", series="EAR",
                              issue_date=DAY.isoformat(), issue_time="10:00:00", **extra)


@dataclass
class Day:
    ctx: Any
    issued: list[Issued]  # the 50 of DAY, in creation order (the back-dated one first)
    before: Issued  # created at 23:59:50 the day before
    after: Issued  # created at 00:00:05 the day after
    seconds: float  # how long issuing the 52 invoices took


def _issue(ctx: Any, sign: Any, data: dict[str, Any], kind: str, at: datetime,
           moment: list[datetime]) -> Issued:
    moment[0] = at
    ettn = create_draft(ctx, data)
    result = issue_invoice(ctx, ettn, sign=sign)
    assert result.signed
    with ctx.db.session() as s:
        raw = s.execute(text("SELECT issued_at FROM invoices WHERE ettn = :e"),
                        {"e": ettn}).scalar_one()
    created = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return Issued(ettn, result.number, invoice_xml(ctx, ettn), created, kind)


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory, installed_rules_dir: Path) -> Day:
    from app.signing import create_test_certificate, open_signer, sign_invoice

    moment = [datetime(2026, 11, 26, 9, 0, tzinfo=IST)]
    clock.set_clock(lambda: moment[0])
    try:
        ctx = make_context(tmp_path_factory.mktemp("earsiv") / "data", installed_rules_dir)
        cfg = create_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
        started = _time.perf_counter()
        with open_signer(cfg, None, expected_vkn_tckn=COMPANY["vkn_tckn"]) as signer:
            def sign(xml: bytes) -> bytes:
                return sign_invoice(xml, signer)

            kind, data = _draft(0)
            before = _issue(ctx, sign, {**data, "issue_date": "2026-11-26"}, kind,
                            datetime(2026, 11, 26, 23, 59, 50, tzinfo=IST), moment)
            issued = []
            # Back-dated: created on DAY just after midnight, dated a week earlier (its own
            # series: a series keeps its dates in order).
            kind, data = _draft(1)
            issued.append(_issue(ctx, sign, {**data, "series": "EBD", "issue_date": "2026-11-20"},
                                 "back-dated", datetime(2026, 11, 27, 0, 0, 1, tzinfo=IST),
                                 moment))
            for i in range(1, 50):
                kind, data = _draft(i)
                at = datetime(2026, 11, 27, 0, 5, tzinfo=IST) + timedelta(minutes=28 * i)
                issued.append(_issue(ctx, sign, data, kind, at, moment))
            kind, data = _draft(2)
            after = _issue(ctx, sign, {**data, "issue_date": "2026-11-28"}, kind,
                           datetime(2026, 11, 28, 0, 0, 5, tzinfo=IST), moment)
        seconds = _time.perf_counter() - started
    finally:
        clock.set_clock(None)
    return Day(ctx, issued, before, after, seconds)


def _cancellation(inv: Issued, at: datetime) -> Cancellation:
    payable = etree.fromstring(inv.xml).findtext(f"{{{CAC}}}LegalMonetaryTotal/{{{CBC}}}PayableAmount")
    return Cancellation(inv.number, at, Decimal(payable))


def _inputs(invoices: list[Issued]) -> list[IssuedInvoice]:
    return [IssuedInvoice(i.xml, i.created_at) for i in invoices]


# ---------------------------------------------------------------- the oracle


def _d(value: str | None) -> Decimal:
    assert value is not None
    return Decimal(value.strip())


def oracle_entry(xml: bytes) -> dict[str, Any]:
    """What a report must say of this signed invoice, read with lxml alone."""
    root = etree.fromstring(xml)

    def one(path: str) -> str:
        found = root.xpath(path, namespaces=NS)
        assert len(found) == 1, path
        return str(found[0]).strip()

    currency = one("cbc:DocumentCurrencyCode/text()")
    rates = root.xpath("cac:PricingExchangeRate/cbc:CalculationRate/text()", namespaces=NS)
    customer = root.xpath("cac:AccountingCustomerParty/cac:Party", namespaces=NS)[0]
    ids = {i.get("schemeID"): i.text for i in customer.xpath("cac:PartyIdentification/cbc:ID",
                                                            namespaces=NS)}
    if "VKN" in ids:
        buyer = ("tuzelKisi", ids["VKN"], customer.findtext(f"{{{CAC}}}PartyName/{{{CBC}}}Name"))
    else:
        person = customer.find(f"{{{CAC}}}Person")
        buyer = ("gercekKisi", ids["TCKN"], f"{person.findtext(f'{{{CBC}}}FirstName')} "
                 f"{person.findtext(f'{{{CBC}}}FamilyName')}")

    def subtotals(path: str) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        return [(st.xpath("string(cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode)", namespaces=NS),
                 _d(st.findtext(f"{{{CBC}}}TaxableAmount")), _d(st.findtext(f"{{{CBC}}}TaxAmount")),
                 _d(st.findtext(f"{{{CBC}}}Percent")))
                for st in root.xpath(path, namespaces=NS)]

    return {
        "faturaNo": one("cbc:ID/text()"),
        "faturaUUID": one("cbc:UUID/text()"),
        "faturaTip": one("cbc:InvoiceTypeCode/text()"),
        "ozetDeger": hashlib.sha256(xml).hexdigest(),
        "dosyaAdi": one("cbc:UUID/text()") + ".xml",
        "duzenlenmeTarihi": one("cbc:IssueDate/text()"),
        "duzenlenmeZamani": one("cbc:IssueTime/text()"),
        "toplamTutar": _d(one("cac:LegalMonetaryTotal/cbc:LineExtensionAmount/text()")),
        "toplamIskonto": _d(one("cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount/text()")),
        "odenecekTutar": _d(one("cac:LegalMonetaryTotal/cbc:PayableAmount/text()")),
        "paraBirimi": currency,
        "dovizKuru": _d(rates[0]) if rates else Decimal(1),
        "vergilerToplami": _d(one("cac:TaxTotal/cbc:TaxAmount/text()")),
        "vergi": subtotals("cac:TaxTotal/cac:TaxSubtotal"),
        "tevkifat": subtotals("cac:WithholdingTaxTotal/cac:TaxSubtotal"),
        "alici": buyer,
        "imzaZamani": one("//xades:SignedSignatureProperties/xades:SigningTime/text()"),
    }


def report_entry(fatura: etree._Element) -> dict[str, Any]:
    """The same values, read from one ``fatura`` of the report."""
    def t(name: str, el: etree._Element = fatura) -> str:
        found = el.find(EA + name)
        assert found is not None, name
        return found.text or ""

    vb = fatura.find(EA + "vergiBilgisi")
    alici = fatura.find(EA + "aliciBilgileri")[0]
    kind = etree.QName(alici).localname
    return {
        **{n: t(n) for n in ("faturaNo", "faturaUUID", "faturaTip", "ozetDeger", "dosyaAdi",
                             "duzenlenmeTarihi", "duzenlenmeZamani", "paraBirimi",
                             "imzaZamani")},
        **{n: Decimal(t(n)) for n in ("toplamTutar", "toplamIskonto", "odenecekTutar",
                                      "dovizKuru")},
        "vergilerToplami": Decimal(t("vergilerToplami", vb)),
        "vergi": [(t("vergiKodu", v), Decimal(t("matrah", v)), Decimal(t("vergiTutari", v)),
                   Decimal(t("vergiOrani", v))) for v in vb.iterfind(EA + "vergi")],
        "tevkifat": [(t("tevkifatKodu", v), None, Decimal(t("tevkifatTutari", v)),
                      Decimal(t("tevkifatOrani", v))) for v in vb.iterfind(EA + "tevkifat")],
        "alici": (kind, t("vkn" if kind == "tuzelKisi" else "tckn", alici),
                  t("unvan" if kind == "tuzelKisi" else "adiSoyadi", alici)),
    }


def _compare(expected: dict[str, Any], got: dict[str, Any]) -> None:
    # The report's tevkifat carries no base: compare code, amount and rate.
    expected = {**expected, "tevkifat": [(c, None, a, p) for c, _b, a, p in expected["tevkifat"]]}
    assert got == expected, expected["faturaNo"]


# ---------------------------------------------------------------- tests


def test_a_day_of_invoices_is_reported_as_the_oracle_reads_them(day: Day) -> None:
    print(f"issuing {len(day.issued) + 2} signed e-Arşiv invoices took {day.seconds:.1f} s")
    cancelled = day.issued[7]
    cancellation = _cancellation(cancelled, datetime(2026, 11, 27, 18, 0, tzinfo=IST))
    built = build_report(DAY, COMPANY["vkn_tckn"], _inputs(day.issued), [cancellation])
    assert checks.check_report(built.xml).problems == ()
    root = etree.fromstring(built.xml)
    assert root.tag == EA + "eArsivRaporu"
    baslik = root.find(EA + "baslik")
    assert [etree.QName(c).localname for c in baslik] == [
        "versiyon", "mukellef", "hazirlayan", "raporNo", "donemBaslangicTarihi",
        "donemBitisTarihi", "bolumBaslangicTarihi", "bolumBitisTarihi", "bolumNo"]
    assert baslik.findtext(f"{EA}mukellef/{EA}vkn") == COMPANY["vkn_tckn"]
    assert baslik.findtext(f"{EA}hazirlayan/{EA}vkn") == COMPANY["vkn_tckn"]
    assert baslik.findtext(EA + "raporNo") == built.report_no
    assert {baslik.findtext(EA + n) for n in ("donemBaslangicTarihi", "donemBitisTarihi",
                                               "bolumBaslangicTarihi", "bolumBitisTarihi")} \
        == {"2026-11-27"}
    assert baslik.findtext(EA + "bolumNo") == "1"
    assert signature_parent(root) is baslik

    faturas = root.findall(EA + "fatura")
    assert [f.findtext(EA + "faturaNo") for f in faturas] == [i.number for i in day.issued]
    for inv, fatura in zip(day.issued, faturas, strict=True):
        _compare(oracle_entry(inv.xml), report_entry(fatura))
        # the invoice's own SendingType reference (its delivery: no buyer e-mail → KAGIT)
        sending = etree.fromstring(inv.xml).xpath(
            "cac:AdditionalDocumentReference[cbc:DocumentTypeCode='SendingType']/cbc:DocumentType",
            namespaces={"cac": CAC, "cbc": CBC})
        assert fatura.findtext(EA + "gonderimSekli") == sending[0].text
    # The mix the fixture promised is really there.
    kinds = {i.kind for i in day.issued}
    assert {"tevkifat-tuzel", "istisna-eur-tuzel", "iade-gercek", "satis-usd-gercek"} <= kinds
    types = {f.findtext(EA + "faturaTip") for f in faturas}
    assert types == {"SATIS", "IADE", "TEVKIFAT", "ISTISNA"}
    assert {f.findtext(EA + "paraBirimi") for f in faturas} == {"TRY", "USD", "EUR"}
    assert any(f.find(f"{EA}vergiBilgisi/{EA}tevkifat") is not None for f in faturas)
    assert {etree.QName(f.find(EA + "aliciBilgileri")[0]).localname for f in faturas} \
        == {"tuzelKisi", "gercekKisi"}
    # Created and cancelled the same day: both a fatura and a faturaIptal, the iptal last.
    iptal = root.findall(EA + "faturaIptal")
    assert [(i.findtext(EA + "faturaNo"), i.findtext(EA + "iptalTarihi"),
             Decimal(i.findtext(EA + "toplamTutar"))) for i in iptal] == [
        (cancelled.number, "2026-11-27", cancellation.total)]
    assert etree.QName(root[-1]).localname == "faturaIptal"


def test_a_back_dated_invoice_is_reported_on_its_creation_day(day: Day) -> None:
    back = day.issued[0]
    assert back.kind == "back-dated"
    assert report_day(back.created_at).day == DAY
    built = build_report(DAY, COMPANY["vkn_tckn"], _inputs([back]))
    fatura = etree.fromstring(built.xml).find(EA + "fatura")
    assert fatura.findtext(EA + "faturaNo") == back.number
    assert fatura.findtext(EA + "duzenlenmeTarihi") == "2026-11-20"


def test_reports_are_one_per_day_of_creation(day: Day) -> None:
    everything = [day.before, *day.issued, day.after]
    cancel_next_day = _cancellation(day.issued[3], datetime(2026, 11, 28, 9, 30, tzinfo=IST))
    reports = build_daily_reports(COMPANY["vkn_tckn"], _inputs(everything), [cancel_next_day])
    assert [r.day.day for r in reports] == [date(2026, 11, 26), DAY, date(2026, 11, 28)]
    assert [e.number for e in reports[0].entries] == [day.before.number]
    assert len(reports[1].entries) == 50 and not reports[1].cancellations
    assert [e.number for e in reports[2].entries] == [day.after.number]
    assert [c.number for c in reports[2].cancellations] == [day.issued[3].number]
    assert len({r.report_no for r in reports}) == 3
    for r in reports:
        assert checks.check_report(r.xml).ok, r.day
    with pytest.raises(ValueError):  # the caller picked an invoice of another day
        build_report(DAY, COMPANY["vkn_tckn"], _inputs([day.after]))


def test_only_the_companys_own_signed_e_archive_invoices_are_reported(day: Day) -> None:
    with pytest.raises(UserError, match="mükellefin"):
        build_report(DAY, "1234567890", _inputs(day.issued[:1]))
    unsigned = etree.fromstring(day.issued[1].xml)
    for sig in unsigned.iter("{http://www.w3.org/2000/09/xmldsig#}Signature"):
        sig.getparent().remove(sig)
    with pytest.raises(UserError, match="imza"):
        build_report(DAY, COMPANY["vkn_tckn"],
                     [IssuedInvoice(etree.tostring(unsigned), day.issued[1].created_at)])


def _fatura_problems(xml: bytes, change) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    root = etree.fromstring(xml)
    change(root)
    return checks.check_report(etree.tostring(root, xml_declaration=True,
                                              encoding="UTF-8")).problems


def test_structural_checks_catch_a_missing_element_and_a_bad_digest(day: Day) -> None:
    built = build_report(DAY, COMPANY["vkn_tckn"], _inputs(day.issued[:3]))
    result = checks.check_report(built.xml)
    assert result.ok and result.checked_with == (checks.TEZGAH,)

    def drop(name: str):  # type: ignore[no-untyped-def]
        def change(root: etree._Element) -> None:
            el = root.find(f"{EA}fatura/{EA}{name}")
            el.getparent().remove(el)
        return change

    def set_digest(value: str):  # type: ignore[no-untyped-def]
        def change(root: etree._Element) -> None:
            root.find(f"{EA}fatura/{EA}ozetDeger").text = value
        return change

    assert any("ozetDeger" in p and "zorunlu" in p
               for p in _fatura_problems(built.xml, drop("ozetDeger")))
    assert any("imzaZamani" in p for p in _fatura_problems(built.xml, drop("imzaZamani")))
    for bad in ("abc", "Z" * 64, "0" * 63, hashlib.sha1(b"x").hexdigest()):
        assert any("SHA-256" in p for p in _fatura_problems(built.xml, set_digest(bad))), bad

    def swap(root: etree._Element) -> None:
        f = root.find(EA + "fatura")
        f.insert(0, f.find(EA + "dosyaAdi"))

    assert any("sırada" in p for p in _fatura_problems(built.xml, swap))

    def short_vkn(root: etree._Element) -> None:
        root.find(f"{EA}baslik/{EA}mukellef/{EA}vkn").text = "123456789"

    assert any("VKN" in p for p in _fatura_problems(built.xml, short_vkn))

    def bad_amount(root: etree._Element) -> None:
        root.find(f"{EA}fatura/{EA}odenecekTutar").text = "12,50"

    assert any("odenecekTutar" in p for p in _fatura_problems(built.xml, bad_amount))


def test_due_time_is_the_end_of_the_next_day_in_istanbul() -> None:
    last_second = report_day(datetime(2026, 11, 27, 23, 59, 59, tzinfo=IST))
    assert last_second.day == date(2026, 11, 27)
    assert last_second.due == datetime(2026, 11, 28, 23, 59, 59, tzinfo=IST)
    # 21:00 UTC is already midnight in Istanbul: the next day's report.
    midnight = report_day(datetime(2026, 11, 27, 21, 0, 0, tzinfo=UTC))
    assert midnight.day == date(2026, 11, 28)
    assert midnight.due == datetime(2026, 11, 29, 23, 59, 59, tzinfo=IST)
    assert report_day(datetime(2026, 11, 27, 20, 59, 59, tzinfo=UTC)).day == date(2026, 11, 27)
    # A naive moment (how the database keeps issued_at) is Istanbul wall-clock time.
    assert report_day(datetime(2026, 11, 27, 0, 0, 0)).day == date(2026, 11, 27)
    # No daylight saving in Türkiye: the same +03:00 around Europe's switch dates.
    for d in (date(2026, 3, 28), date(2026, 3, 29), date(2026, 10, 24), date(2026, 10, 25),
              date(2026, 7, 1)):
        due = report_day(datetime(d.year, d.month, d.day, 12, tzinfo=IST)).due
        assert due.utcoffset() == timedelta(hours=3)
        assert due.astimezone(UTC) == datetime(d.year, d.month, d.day, 20, 59, 59,
                                               tzinfo=UTC) + timedelta(days=1)
    assert not last_second.overdue(datetime(2026, 11, 28, 23, 59, 59, tzinfo=IST))
    assert last_second.overdue(datetime(2026, 11, 28, 21, 0, 0, tzinfo=UTC))


_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://earsiv.efatura.gov.tr"
  xmlns="http://earsiv.efatura.gov.tr" elementFormDefault="qualified">
  <xs:element name="eArsivRaporu"><xs:complexType><xs:sequence>
    <xs:element name="baslik"><xs:complexType><xs:sequence>
      <xs:any processContents="skip" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
    <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
"""

_SCHEMATRON_XSL = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:svrl="http://purl.oclc.org/dsdl/svrl" xmlns:e="http://earsiv.efatura.gov.tr">
  <xsl:template match="/">
    <svrl:schematron-output>
      <xsl:if test="not(exists(//e:faturaIptal))">
        <svrl:failed-assert test="exists(//e:faturaIptal)" location="/e:eArsivRaporu">
          <svrl:text>faturaIptal yok</svrl:text>
        </svrl:failed-assert>
      </xsl:if>
    </svrl:schematron-output>
  </xsl:template>
</xsl:stylesheet>
"""


def test_validation_with_an_installed_package_says_what_was_used(tmp_path: Path,
                                                                  day: Day) -> None:
    """GİB's package is not available here: a stand-in XSD and XSLT check the plumbing."""
    built = build_report(DAY, COMPANY["vkn_tckn"], _inputs(day.issued[:2]))
    xsd = tmp_path / "eArsiv.xsd"
    xsd.write_text(_XSD, encoding="utf-8")
    only_xsd = checks.validate_with_package(built.xml, xsd)
    assert only_xsd.ok and only_xsd.checked_with == (checks.GIB_XSD,)
    assert only_xsd.notes and "şematron" in only_xsd.notes[0]
    assert "XSD" in only_xsd.description

    (tmp_path / checks.SCHEMATRON_FILE).write_text(_SCHEMATRON_XSL, encoding="utf-8")
    both = checks.validate_with_package(built.xml, xsd)
    assert both.checked_with == (checks.GIB_XSD, checks.GIB_SCHEMATRON)
    assert [p.split(" [")[0] for p in both.problems] == ["faturaIptal yok"]

    broken = etree.fromstring(built.xml)
    broken.remove(broken.find(EA + "baslik"))
    result = checks.validate_with_package(etree.tostring(broken), xsd)
    assert not result.ok and any("şemasına uymuyor" in p for p in result.problems)


def _edited(xml: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """The invoice with ``change`` applied (the signature no longer verifies; the report is
    built from what the document says, signature checks belong to verification)."""
    root = etree.fromstring(xml)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _sub(parent: etree._Element, ns: str, local: str, value: str | None = None,
         **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{local}", **attrs)
    el.text = value
    return el


def _entry(xml: bytes, created_at: datetime) -> etree._Element:
    built = build_report(DAY, COMPANY["vkn_tckn"], [IssuedInvoice(xml, created_at)])
    assert checks.check_report(built.xml).ok, checks.check_report(built.xml).problems
    return etree.fromstring(built.xml).find(EA + "fatura")


def test_delivery_method_comes_from_the_invoice(day: Day) -> None:
    inv = day.issued[5]

    def no_reference(root: etree._Element) -> None:  # the one Tezgâh wrote
        for ref in root.findall(f"{{{CAC}}}AdditionalDocumentReference"):
            if ref.findtext(f"{{{CBC}}}DocumentTypeCode") == "SendingType":
                root.remove(ref)

    def sending_type(value: str):  # type: ignore[no-untyped-def]
        def change(root: etree._Element) -> None:
            no_reference(root)
            ref = etree.Element(f"{{{CAC}}}AdditionalDocumentReference")
            _sub(ref, CBC, "ID", "GT")
            _sub(ref, CBC, "IssueDate", DAY.isoformat())
            _sub(ref, CBC, "DocumentTypeCode", "SendingType")
            _sub(ref, CBC, "DocumentType", value)
            root.find(f"{{{CAC}}}Signature").addprevious(ref)
        return change

    def no_note(root: etree._Element) -> None:
        no_reference(root)
        for note in root.findall(f"{{{CBC}}}Note"):
            if (note.text or "").startswith("Gönderim Şekli"):
                root.remove(note)

    kagit = _entry(_edited(inv.xml, sending_type("KAGIT")), inv.created_at)
    assert kagit.findtext(EA + "gonderimSekli") == "KAGIT"  # the reference wins over the note
    assert _entry(_edited(inv.xml, no_note), inv.created_at).findtext(EA + "gonderimSekli") \
        == "KAGIT"  # nothing said: KAGIT
    with pytest.raises(UserError, match="gönderim şekli"):
        _entry(_edited(inv.xml, sending_type("FAKS")), inv.created_at)


def test_internet_sale_data_is_reported_when_the_invoice_has_it(day: Day) -> None:
    inv = day.issued[1]

    def internet(root: etree._Element) -> None:
        party = root.find(f"{{{CAC}}}AccountingSupplierParty/{{{CAC}}}Party")
        party.insert(0, etree.Element(f"{{{CBC}}}WebsiteURI"))
        party[0].text = "https://magaza.invalid"
        delivery = etree.Element(f"{{{CAC}}}Delivery")
        _sub(_sub(delivery, CAC, "Despatch"), CBC, "ActualDespatchDate", "2026-11-27")
        carrier = _sub(delivery, CAC, "CarrierParty")
        _sub(_sub(carrier, CAC, "PartyIdentification"), CBC, "ID", "4700582260",
             schemeID="VKN")
        _sub(_sub(carrier, CAC, "PartyName"), CBC, "Name", "Hızlı Kargo A.Ş.")
        pm = etree.Element(f"{{{CAC}}}PaymentMeans")
        _sub(pm, CBC, "PaymentMeansCode", "48")
        _sub(pm, CBC, "PaymentDueDate", "2026-11-27")
        root.find(f"{{{CAC}}}TaxTotal").addprevious(delivery)
        root.find(f"{{{CAC}}}TaxTotal").addprevious(pm)

    fatura = _entry(_edited(inv.xml, internet), inv.created_at)
    isb = fatura.find(EA + "internetSatisBilgi")
    assert isb is not None
    assert [etree.QName(c).localname for c in isb] == [
        "webAdresi", "odemeSekli", "odemeTarihi", "gonderiBilgileri"]
    assert isb.findtext(EA + "webAdresi") == "https://magaza.invalid"
    assert isb.findtext(EA + "odemeSekli") == "KREDIKARTI/BANKAKARTI"
    assert isb.findtext(EA + "odemeTarihi") == "2026-11-27"
    gb = isb.find(EA + "gonderiBilgileri")
    assert gb.findtext(EA + "gonderimTarihi") == "2026-11-27"
    assert gb.findtext(f"{EA}gonderiTasiyan/{EA}tuzelKisi/{EA}unvan") == "Hızlı Kargo A.Ş."
    # In its place: after aliciBilgileri, before imzaZamani.
    names = [etree.QName(c).localname for c in fatura]
    assert names.index("internetSatisBilgi") == names.index("aliciBilgileri") + 1
    assert _entry(inv.xml, inv.created_at).find(EA + "internetSatisBilgi") is None
