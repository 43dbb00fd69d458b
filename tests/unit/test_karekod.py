"""karekod_payload against GİB's Karekod Standardı Kılavuzu V1.2 and against values read
from the XML with plain XPath (an independent path from app.ubl.reader)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.pdf import karekod_payload, karekod_text
from tests.unit.test_pdf_support import (
    CAC,
    CBC,
    NS,
    SAMPLES,
    parse,
    sample_bytes,
    text,
    tezgah_invoice,
    to_bytes,
    with_currency,
)

BASE_KEYS = ["vkntckn", "avkntckn", "senaryo", "tip", "tarih", "no", "ettn", "parabirimi",
             "malhizmettoplam"]


def two(s: str) -> str:
    return str(Decimal(s).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def expected_by_xpath(xml: bytes) -> dict[str, str]:
    t = parse(xml)
    party_id = "cac:Party/cac:PartyIdentification/cbc:ID[@schemeID='VKN' or @schemeID='TCKN']"
    exp = {
        "vkntckn": text(t, f"/inv:Invoice/cac:AccountingSupplierParty/{party_id}"),
        "avkntckn": text(t, f"/inv:Invoice/cac:AccountingCustomerParty/{party_id}"),
        "senaryo": text(t, "/inv:Invoice/cbc:ProfileID"),
        "tip": text(t, "/inv:Invoice/cbc:InvoiceTypeCode"),
        "tarih": text(t, "/inv:Invoice/cbc:IssueDate"),
        "no": text(t, "/inv:Invoice/cbc:ID"),
        "ettn": text(t, "/inv:Invoice/cbc:UUID"),
        "parabirimi": text(t, "/inv:Invoice/cbc:DocumentCurrencyCode"),
        "malhizmettoplam": two(text(t, "//cac:LegalMonetaryTotal/cbc:LineExtensionAmount")),
        "vergidahil": two(text(t, "//cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")),
        "odenecek": two(text(t, "//cac:LegalMonetaryTotal/cbc:PayableAmount")),
    }
    if exp["senaryo"] == "YOLCUBERABERFATURA":
        exp["pasaportno"] = text(t, "/inv:Invoice/cac:BuyerCustomerParty/cac:Party/cac:Person/"
                                    "cac:IdentityDocumentReference/cbc:ID")
        exp["aracikurumvkn"] = text(t, "/inv:Invoice/cac:TaxRepresentativeParty/"
                                       "cac:PartyIdentification/cbc:ID[@schemeID='ARACIKURUMVKN']")
    sums: dict[str, list[Decimal]] = {}
    for st in t.xpath("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal"
                      "[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode='0015']", namespaces=NS):
        taxable = Decimal(st.xpath("string(cbc:TaxableAmount)", namespaces=NS).strip())
        amount = Decimal(st.xpath("string(cbc:TaxAmount)", namespaces=NS).strip())
        rate = st.xpath("string(cbc:Percent)", namespaces=NS).strip()
        if not rate:  # TemelFaturaOrnegi: no Percent; the rate the amounts imply
            rate = str(round(amount / taxable * 100))
        rate = str(int(Decimal(rate))) if Decimal(rate) == int(Decimal(rate)) else rate
        s = sums.setdefault(rate, [Decimal(0), Decimal(0)])
        s[0] += taxable
        s[1] += amount
    for rate, (taxable, amount) in sums.items():
        exp[f"kdvmatrah({rate})"] = two(str(taxable))
        exp[f"hesaplanankdv({rate})"] = two(str(amount))
    return exp


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_payload_equals_plain_xpath_reading(ubl_samples_dir: Path, key: str) -> None:
    xml = sample_bytes(ubl_samples_dir, key)
    payload = karekod_payload(xml)
    assert payload == expected_by_xpath(xml)
    assert list(payload)[:2] == ["vkntckn", "avkntckn"]
    assert list(payload)[-2:] == ["vergidahil", "odenecek"]
    for k, v in payload.items():
        assert isinstance(v, str)
        if k.startswith(("kdvmatrah", "hesaplanankdv")) or k in (
                "malhizmettoplam", "vergidahil", "odenecek"):
            assert v.count(".") == 1 and len(v.split(".")[1]) == 2, (k, v)


def test_guide_example_2_1_reproduced(ubl_samples_dir: Path) -> None:
    """The exact example object of §2.1 from an invoice carrying the same facts."""
    root = etree.fromstring(tezgah_invoice(ubl_samples_dir, lines=1, rates=(8,),
                                           price=Decimal("1000"), profile="TEMELFATURA"))
    for path, value in [
        ("cbc:ID", "GIB2022000000001"),
        ("cbc:UUID", "04e26a62-7c00-46d0-878c-6f7c60834525"),
        ("cbc:IssueDate", "2022-08-17"),
    ]:
        root.find(path, NS).text = value
    for party in ("AccountingSupplierParty", "AccountingCustomerParty"):
        root.find(f"cac:{party}/cac:Party/cac:PartyIdentification/cbc:ID", NS).text = "1111111111"
    line = root.find("cac:InvoiceLine", NS)
    line.find("cbc:InvoicedQuantity", NS).text = "1"
    for el in line.iter(f"{CBC}LineExtensionAmount", f"{CBC}TaxableAmount"):
        el.text = "1000"
    for el in line.iter(f"{CBC}TaxAmount"):
        el.text = "80"
    st = root.find("cac:TaxTotal", NS)
    st.find("cbc:TaxAmount", NS).text = "80"
    st.find("cac:TaxSubtotal/cbc:TaxableAmount", NS).text = "1000"
    st.find("cac:TaxSubtotal/cbc:TaxAmount", NS).text = "80"
    lmt = root.find("cac:LegalMonetaryTotal", NS)
    for name, value in [("LineExtensionAmount", "1000"), ("TaxExclusiveAmount", "1000"),
                        ("TaxInclusiveAmount", "1080"), ("PayableAmount", "1080")]:
        lmt.find(f"cbc:{name}", NS).text = value
    guide = json.loads(
        '{"vkntckn":"1111111111","avkntckn":"1111111111","senaryo":"TEMELFATURA",'
        '"tip":"SATIS","tarih":"2022-08-17","no":"GIB2022000000001",'
        '"ettn":"04e26a62-7c00-46d0-878c-6f7c60834525","parabirimi":"TRY",'
        '"malhizmettoplam":"1000.00","kdvmatrah(8)":"1000.00","hesaplanankdv(8)":"80.00",'
        '"vergidahil":"1080.00","odenecek":"1080.00"}'
    )
    payload = karekod_payload(to_bytes(root))
    assert payload == guide
    assert list(payload) == list(guide)  # the guide's key order too


def test_yolcu_beraber_keys_follow_section_2_1_1(ubl_samples_dir: Path) -> None:
    payload = karekod_payload(sample_bytes(ubl_samples_dir, "yolcuberaber"))
    assert list(payload)[:5] == ["vkntckn", "avkntckn", "pasaportno", "aracikurumvkn", "senaryo"]
    assert payload["aracikurumvkn"] == "1111111111"
    assert payload["senaryo"] == "YOLCUBERABERFATURA"


def test_earsiv_uses_its_profile_and_the_same_keys(ubl_samples_dir: Path) -> None:
    payload = karekod_payload(sample_bytes(ubl_samples_dir, "earsiv_satis"))
    assert payload["senaryo"] == "EARSIVFATURA"
    assert list(payload)[: len(BASE_KEYS)] == BASE_KEYS
    assert "pasaportno" not in payload


def test_one_pair_per_kdv_rate(ubl_samples_dir: Path) -> None:
    xml = tezgah_invoice(ubl_samples_dir, lines=7, rates=(1, 10, 20))
    payload = karekod_payload(xml)
    rate_keys = [k for k in payload if "(" in k]
    assert sorted(rate_keys) == sorted(
        [f"{kind}({r})" for r in (1, 10, 20) for kind in ("kdvmatrah", "hesaplanankdv")])
    assert payload == expected_by_xpath(xml)
    total_tax = sum(Decimal(payload[f"hesaplanankdv({r})"]) for r in (1, 10, 20))
    assert Decimal(payload["vergidahil"]) - Decimal(payload["malhizmettoplam"]) == total_tax


def test_two_subtotals_with_the_same_rate_are_added(ubl_samples_dir: Path) -> None:
    root = etree.fromstring(tezgah_invoice(ubl_samples_dir, lines=2, rates=(20,)))
    tax_total = root.find(f"{CAC}TaxTotal")
    st = tax_total.find(f"{CAC}TaxSubtotal")
    st.find(f"{CBC}TaxableAmount").text = "100"
    st.find(f"{CBC}TaxAmount").text = "20"
    twin = etree.fromstring(etree.tostring(st))
    twin.find(f"{CBC}TaxableAmount").text = "50.5"
    twin.find(f"{CBC}TaxAmount").text = "10.1"
    tax_total.append(twin)
    payload = karekod_payload(to_bytes(root))
    assert payload["kdvmatrah(20)"] == "150.50"
    assert payload["hesaplanankdv(20)"] == "30.10"


def test_foreign_currency(ubl_samples_dir: Path) -> None:
    xml = with_currency(sample_bytes(ubl_samples_dir, "ticari"), "USD")
    payload = karekod_payload(xml)
    assert payload["parabirimi"] == "USD"
    assert payload == expected_by_xpath(xml)


def test_amounts_rounded_half_up_to_two_decimals(ubl_samples_dir: Path) -> None:
    root = etree.fromstring(tezgah_invoice(ubl_samples_dir, lines=1))
    root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS).text = "10.005"
    root.find("cac:LegalMonetaryTotal/cbc:LineExtensionAmount", NS).text = "7"
    payload = karekod_payload(to_bytes(root))
    assert payload["odenecek"] == "10.01"
    assert payload["malhizmettoplam"] == "7.00"


def test_karekod_text_is_compact_json(ubl_samples_dir: Path) -> None:
    payload = karekod_payload(sample_bytes(ubl_samples_dir, "ticari"))
    s = karekod_text(payload)
    assert ": " not in s and ", " not in s
    assert json.loads(s) == payload


def test_non_invoice_is_refused_in_turkish(ubl_samples_dir: Path) -> None:
    with pytest.raises(UserError, match="fatura"):
        karekod_payload((ubl_samples_dir / "KabulUygulamaYanitiOrnegi.xml").read_bytes())
    with pytest.raises(UserError):
        karekod_payload(b"<Invoice")


def test_non_numeric_amount_is_a_user_error(ubl_samples_dir: Path) -> None:
    root = etree.fromstring(tezgah_invoice(ubl_samples_dir, lines=1))
    root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS).text = "12,50"
    with pytest.raises(UserError, match="PayableAmount"):
        karekod_payload(to_bytes(root))
