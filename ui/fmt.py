"""Turkish number, money and date formats for the screens (one place)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.domain.money import format_decimal_tr, format_money


def money(amount: Decimal, currency: str = "TRY") -> str:
    return format_money(amount, currency)


def number(value: Decimal, places: int = 2) -> str:
    return format_decimal_tr(value, places)


def quantity(value: Decimal) -> str:
    """``12`` → ``12``, ``2.5`` → ``2,5`` (no trailing zeros)."""
    text = format(value.normalize(), "f")
    if "." in text:
        whole, frac = text.split(".")
        return f"{format_decimal_tr(Decimal(whole), 0)},{frac}"
    return format_decimal_tr(Decimal(text), 0)


def day(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    return value.strftime("%d.%m.%Y %H:%M" if isinstance(value, datetime) else "%d.%m.%Y")


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_decimal(text: str) -> Decimal | None:
    """What a person types: ``1.234,56`` · ``1234,56`` · ``1234.56`` · ``12``; None if not a number."""
    cleaned = (text or "").strip().replace("₺", "").replace(" ", "").replace("%", "")
    if not cleaned:
        return None
    if "," in cleaned or _THOUSANDS.match(cleaned):
        # Turkish: dot groups thousands, comma separates the fraction ("1.000" is a thousand)
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def plain(value: Decimal | str | None) -> str:
    """A Decimal as the invoice JSON wants it (dot, no grouping)."""
    if value is None:
        return ""
    return format(Decimal(str(value)), "f")
