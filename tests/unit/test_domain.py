"""Identity numbers, money, parties and the invoice JSON: the rules a user meets first."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import UserError
from app.domain.identity import (
    check_vkn_tckn,
    is_valid_tckn,
    is_valid_vkn,
    tckn_from_prefix,
    vkn_check_digit,
)
from app.domain.invoice import InvoiceData
from app.domain.money import amount_in_words, format_money, round_money, to_decimal
from tests.fixtures.app import CUSTOMER, invoice_json


@pytest.mark.parametrize("vkn", ["3900383669", "1460415308", "7750409379", "3900892152"])
def test_real_public_vkns_pass_the_check_digit(vkn: str) -> None:
    # GİB, Gümrük, SGK: VKNs printed in GİB's own schematron.
    assert is_valid_vkn(vkn)


@given(st.from_regex(r"[0-9]{9}", fullmatch=True), st.integers(1, 9))
def test_vkn_check_digit_catches_any_wrong_last_digit(nine: str, delta: int) -> None:
    good = nine + vkn_check_digit(nine)
    assert is_valid_vkn(good)
    bad = nine + str((int(good[-1]) + delta) % 10)
    assert not is_valid_vkn(bad)


@given(st.from_regex(r"[1-9][0-9]{8}", fullmatch=True), st.integers(0, 10), st.integers(1, 9))
def test_tckn_check_digits_catch_a_changed_digit(nine: str, pos: int, delta: int) -> None:
    good = tckn_from_prefix(nine)
    assert is_valid_tckn(good)
    changed = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1:]
    if changed[0] != "0":
        assert not is_valid_tckn(changed)


def test_final_consumer_tckn_only_when_allowed() -> None:
    with pytest.raises(UserError, match="e-Arşiv"):
        check_vkn_tckn("11111111111")
    assert check_vkn_tckn("11111111111", allow_final_consumer=True) == "11111111111"


@pytest.mark.parametrize(("value", "message"), [
    ("", "boş olamaz"), ("12345", "10, TCKN 11 haneli"), ("12345678AB", "rakam"),
    ("1234567891", "kontrol hanesi"), ("10000000147", "kontrol haneleri"),
])
def test_bad_identity_numbers_say_what_is_wrong_in_turkish(value: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        check_vkn_tckn(value)


def test_rounding_is_half_up_to_the_kurus() -> None:
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert round_money(Decimal("2.675")) == Decimal("2.68")  # a float would give 2.67
    assert round_money(Decimal("-1.005")) == Decimal("-1.01")


def test_money_is_formatted_the_turkish_way() -> None:
    assert format_money(Decimal("1234.56")) == "1.234,56 ₺"
    assert format_money(Decimal("1234567.5"), "EUR") == "1.234.567,50 EUR"
    assert format_money(Decimal("-0.5")) == "-0,50 ₺"


@pytest.mark.parametrize(("amount", "words"), [
    ("0", "Yalnız sıfır Türk Lirası"),
    ("1", "Yalnız bir Türk Lirası"),
    ("1000", "Yalnız bin Türk Lirası"),
    ("1234.56", "Yalnız bin iki yüz otuz dört Türk Lirası elli altı Kuruş"),
    ("2001100.05", "Yalnız iki milyon bin yüz Türk Lirası beş Kuruş"),
    ("100", "Yalnız yüz Türk Lirası"),
])
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_floats_are_refused_strings_and_turkish_commas_accepted() -> None:
    with pytest.raises(UserError):
        to_decimal(0.1)
    assert to_decimal("1.234,50") == Decimal("1234.50")
    assert to_decimal("12,5") == Decimal("12.5")
    with pytest.raises(UserError, match="sayı değil"):
        to_decimal("on iki")


@pytest.mark.parametrize(("change", "message"), [
    ({"series": "AB"}, "Seri"),
    ({"profile": "YOKBOYLE"}, "Senaryo"),
    ({"profile": "TICARIFATURA", "type": "IADE"}, "TICARIFATURA senaryosunda kesilemez"),
    ({"lines": []}, "en az bir kalem"),
    ({"currency": "USD"}, "döviz kuru"),
    ({"type": "IADE"}, "iade edilen faturanın numarası"),
    ({"type": "TEVKIFAT"}, "tevkifat kodu"),
    ({"type": "ISTISNA"}, "istisna kodlu"),
    ({"issue_date": "31.02.2026"}, "bir tarih değil"),
])
def test_invoice_json_mistakes_name_the_field(change: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        InvoiceData.from_json(invoice_json(**change))


@pytest.mark.parametrize(("change", "field"), [
    ({"customer": None}, "customer"),
    ({"customer": {**CUSTOMER, "name": ""}}, "customer.name"),
    ({"series": "AB"}, "series"),
    ({"lines": []}, "lines"),
    ({"lines": [{"name": "", "unit_price": "1"}]}, "lines[0].name"),
    ({"currency": "USD"}, "exchange_rate"),
    ({"issue_date": "31.02.2026"}, "issue_date"),
])
def test_messages_name_fields_in_words_and_carry_the_json_path(change: dict, field: str) -> None:
    """The JSON name is in ``field`` (the command line shows it), never in the words."""
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(invoice_json(**change))
    assert caught.value.field == field
    assert f"({field.split('.')[-1].split('[')[0]})" not in caught.value.message
    assert field.split("[")[0].split(".")[-1] not in caught.value.message.split(":")[0]


@pytest.mark.parametrize(("line", "message"), [
    ({"quantity": "0"}, "miktar sıfırdan büyük"),
    ({"kdv_rate": "18"}, "KDV oranı %18 olamaz"),
    ({"unit": "XYZ"}, "birim 'XYZ' bilinmiyor"),
    ({"unit_price": "-1"}, "eksi olamaz"),
    ({"discount_rate": "120"}, "0 ile 100"),
    ({"withholding_code": "601"}, "yalnızca TEVKIFAT"),
    ({"name": ""}, "adı"),
])
def test_line_mistakes_name_the_line(line: dict, message: str) -> None:
    base = {"name": "Kalem", "quantity": "1", "unit": "C62", "unit_price": "10", "kdv_rate": "20"}
    with pytest.raises(UserError, match=message) as exc:
        InvoiceData.from_json(invoice_json(lines=[{**base, **line}]))
    assert "1. kalem" in exc.value.message


def test_zero_kdv_sale_gets_gibs_non_exemption_code() -> None:
    data = invoice_json(lines=[{"name": "Kitap", "quantity": "1", "unit_price": "10",
                                "kdv_rate": "0"}])
    line = InvoiceData.from_json(data).lines[0]
    assert line.exemption_code == "351"
