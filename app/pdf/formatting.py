"""Turkish formatting of amounts, quantities, dates and codes on printed invoices."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")

# UN/ECE Recommendation 20 unit codes most used on Turkish invoices, with the names
# printed on the invoice.
UNIT_NAMES: dict[str, str] = {
    "C62": "Adet",
    "NIU": "Adet",
    "H87": "Adet",
    "KGM": "kg",
    "GRM": "g",
    "TNE": "ton",
    "LTR": "lt",
    "MLT": "ml",
    "MTR": "m",
    "CMT": "cm",
    "KTM": "km",
    "MTK": "m²",
    "MTQ": "m³",
    "HUR": "saat",
    "MIN": "dakika",
    "DAY": "gün",
    "WEE": "hafta",
    "MON": "ay",
    "ANN": "yıl",
    "PA": "paket",
    "BX": "kutu",
    "PR": "çift",
    "SET": "takım",
    "KWH": "kWh",
    "MWH": "MWh",
    "SM3": "Sm³",
}

# ProfileID → printed scenario name (codes keep GİB's spelling on the print as well).
PROFILE_NAMES: dict[str, str] = {
    "TEMELFATURA": "TEMELFATURA",
    "TICARIFATURA": "TICARIFATURA",
    "EARSIVFATURA": "EARSIVFATURA",
    "IHRACAT": "IHRACAT",
    "YOLCUBERABERFATURA": "YOLCUBERABERFATURA",
    "KAMU": "KAMU",
    "HKS": "HKS",
}


def unit_name(code: str) -> str:
    return UNIT_NAMES.get(code.upper(), code) if code else ""


def _group(int_part: str) -> str:
    out = []
    while len(int_part) > 3:
        out.append(int_part[-3:])
        int_part = int_part[:-3]
    out.append(int_part)
    return ".".join(reversed(out))


def tr_decimal(value: Decimal, places: int = 2) -> str:
    """``Decimal('1234.5')`` → ``'1.234,50'`` (ROUND_HALF_UP to ``places``)."""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if places else value
    sign = "-" if q < 0 else ""
    text = format(abs(q), "f")
    int_part, _, frac = text.partition(".")
    grouped = _group(int_part)
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


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


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def tr_date(value: str) -> str:
    """``2026-11-27`` → ``27.11.2026``; anything else is shown as written."""
    m = _DATE.match(value or "")
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else (value or "")


def tr_time(value: str) -> str:
    """``14:42:00`` → ``14:42``."""
    return value[:5] if value and len(value) >= 5 and value[2] == ":" else (value or "")
