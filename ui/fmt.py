"""Turkish number, money and date formats for the screens (one place)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate

from app import clock
from app.domain.money import format_decimal_tr, format_money, parse_typed_decimal


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


# What a person types ("1.234,56", "1.000" is a thousand): the one rule lives in the core.
parse_decimal = parse_typed_decimal


def plain(value: Decimal | str | None) -> str:
    """A Decimal as the invoice JSON wants it (dot, no grouping)."""
    if value is None:
        return ""
    return format(Decimal(str(value)), "f")


def today() -> date:
    """Today's date in Türkiye, by the core's clock (never the computer's own zone)."""
    return clock.today()


def qtoday() -> QDate:
    """Today as a ``QDate`` for date pickers."""
    d = clock.today()
    return QDate(d.year, d.month, d.day)


ENDPOINT_NAMES = {"test": QT_TRANSLATE_NOOP("Endpoint", "GİB test ortamı"),
                  "live": QT_TRANSLATE_NOOP("Endpoint", "GİB canlı ortam"),
                  "local": QT_TRANSLATE_NOOP("Endpoint", "Yerel GİB test simülatörü"),
                  "other": QT_TRANSLATE_NOOP("Endpoint", "Başka bir GİB adresi")}


def endpoint_name(info: dict[str, str]) -> str:
    """“GİB test ortamı”, “GİB canlı ortam” … for ``app.usecases.sending.endpoint_info``."""
    name = ENDPOINT_NAMES.get(info["kind"], ENDPOINT_NAMES["other"])
    return QCoreApplication.translate("Endpoint", name)
