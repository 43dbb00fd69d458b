"""Turkish formatting of amounts, quantities, dates and codes on printed invoices."""

from __future__ import annotations

import re
from decimal import Decimal

from app.domain.codes import profile_words, type_words, unit_words
from app.domain.money import format_decimal_tr

TWO_PLACES = Decimal("0.01")


def unit_name(code: str) -> str:
    """``C62`` → ``Adet``, ``EA`` → ``Adet``; an unknown code as written."""
    return unit_words(code) if code else ""


def profile_name(code: str) -> str:
    """``EARSIVFATURA`` → ``e-Arşiv Fatura`` (the words GİB's stylesheet uses)."""
    return profile_words(code)


def type_name(code: str) -> str:
    """``SATIS`` → ``Satış``."""
    return type_words(code)


def tr_decimal(value: Decimal, places: int = 2) -> str:
    """``Decimal('1234.5')`` → ``'1.234,50'`` — the core's one Turkish number format."""
    return format_decimal_tr(value, places)


def currency_label(currency: str) -> str:
    return "TL" if currency in ("", "TRY", "TL") else currency


def tr_money(value: Decimal | None, currency: str = "TRY") -> str:
    """``1.234,56 TL`` (or ``1.234,56 USD``); empty for a missing amount."""
    if value is None:
        return ""
    return f"{tr_decimal(value)} {currency_label(currency)}"


def tr_unit_price(value: Decimal | None, currency: str = "TRY") -> str:
    """Unit prices keep up to 8 written decimals (at least 2): ``6.9324`` → ``6,9324 TL``."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    places = min(8, max(2, len(text.partition(".")[2])))
    return f"{tr_decimal(value, places)} {currency_label(currency)}"


def tr_quantity(value: Decimal | None) -> str:
    """Quantities keep their significant decimals: ``12`` → ``12``, ``1.5`` → ``1,5``."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return tr_decimal(value.to_integral_value(), 0)
    text = format(value.normalize(), "f")
    places = len(text.partition(".")[2])
    return tr_decimal(value, places)


def tr_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return "%" + tr_quantity(value)


def tr_rate(value: Decimal | None) -> str:
    """A rate written as a fraction, printed as a percentage with two decimals as GİB's
    general.xslt prints a discount (``format-number(. * 100, '###.##0,00')``):
    ``0.0645000000000000017763568394`` → ``%6,45``."""
    if value is None:
        return ""
    return "%" + tr_decimal(value * 100, 2)


_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


def tr_date(value: str) -> str:
    """``2026-11-27`` → ``27.11.2026``; anything else is shown as written."""
    m = _DATE.match(value or "")
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else (value or "")


def tr_time(value: str) -> str:
    """``14:42:00`` → ``14:42``."""
    return value[:5] if value and len(value) >= 5 and value[2] == ":" else (value or "")
