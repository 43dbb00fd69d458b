"""Turkish formatting on the printed invoice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.pdf.formatting import (
    tr_date,
    tr_decimal,
    tr_money,
    tr_percent,
    tr_quantity,
    tr_time,
    tr_unit_price,
    unit_name,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "0,00"),
        ("5", "5,00"),
        ("1234.56", "1.234,56"),
        ("1234567.891", "1.234.567,89"),
        ("0.005", "0,01"),  # ROUND_HALF_UP
        ("-1234.5", "-1.234,50"),
        ("999999999999.99", "999.999.999.999,99"),
    ],
)
def test_tr_decimal(value: str, expected: str) -> None:
    assert tr_decimal(Decimal(value)) == expected


def test_money_with_currency() -> None:
    assert tr_money(Decimal("29755.47"), "TRY") == "29.755,47 TL"
    assert tr_money(Decimal("10"), "USD") == "10,00 USD"
    assert tr_money(None) == ""


def test_unit_price_keeps_its_decimals() -> None:
    assert tr_unit_price(Decimal("6.9324")) == "6,9324 TL"
    assert tr_unit_price(Decimal("110.0")) == "110,00 TL"
    assert tr_unit_price(Decimal("1500"), "EUR") == "1.500,00 EUR"


def test_quantity_and_percent() -> None:
    assert tr_quantity(Decimal("12")) == "12"
    assert tr_quantity(Decimal("12.000")) == "12"
    assert tr_quantity(Decimal("1.5")) == "1,5"
    assert tr_quantity(Decimal("12500.125")) == "12.500,125"
    assert tr_percent(Decimal("18.0")) == "%18"
    assert tr_percent(Decimal("0.5")) == "%0,5"


def test_dates_and_times() -> None:
    assert tr_date("2026-11-27") == "27.11.2026"
    assert tr_date("27.11.2026") == "27.11.2026"
    assert tr_time("14:42:00") == "14:42"


def test_unit_names() -> None:
    assert [unit_name(c) for c in ("C62", "KGM", "LTR", "MTR", "HUR", "NIU", "XYZ", "")] == [
        "Adet", "kg", "lt", "m", "saat", "Adet", "XYZ", ""]
