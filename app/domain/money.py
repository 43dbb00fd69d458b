"""Money: Decimal amounts, the one rounding rule, Turkish formatting and amounts in words.

Every rounding of an amount in Tezgâh goes through ``round_money``. GİB's schematron
(``decimalCheck``) allows at most two fraction digits on totals; amounts are rounded half up
to the kuruş, as Turkish invoicing software and the tax administration's examples do.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.domain.errors import UserError, shown

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
# Unit prices and quantities keep more precision than totals (UBL allows it; GİB's samples
# use up to 8 digits for prices).
PRICE_PLACES = Decimal("0.00000001")
QUANTITY_PLACES = Decimal("0.0001")


# A number as text: ASCII digits only (Decimal() alone would also read Arabic-Indic and other
# Unicode digits, "NaN" and "Infinity").
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?", re.ASCII)
_MAX_NUMBER_TEXT = 40


def to_decimal(value: object, *, field: str = "tutar", label: str | None = None) -> Decimal:
    """Turn user or JSON input into a Decimal; floats are refused so no binary error creeps in.
    ``field`` names the field in the error; ``label`` (default ``field``) starts the message."""
    label = label or field
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (bool, float)):
        raise UserError(
            f"{label}: sayı metin olarak yazılmalı (örnek \"12.50\"); kayan noktalı sayı kabul edilmez.",
            field=field,
        )
    elif isinstance(value, int):
        if abs(value) >= 10 ** _MAX_NUMBER_TEXT:
            raise UserError(f"{label}: sayı çok büyük.", field=field)
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")
        elif "," in text:
            text = text.replace(",", ".")
        if len(text) > _MAX_NUMBER_TEXT or not _NUMBER_TEXT.fullmatch(text):
            raise UserError(f"{label}: '{shown(value)}' bir sayı değil.", field=field)
        result = Decimal(text)
    else:
        raise UserError(f"{label}: bir sayı bekleniyordu.", field=field)
    if not result.is_finite():
        raise UserError(f"{label}: geçerli bir sayı değil.", field=field)
    return result


def round_money(amount: Decimal) -> Decimal:
    """Round to the kuruş, half up. The only rounding of amounts in Tezgâh."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, rate: Decimal) -> Decimal:
    """``rate`` percent of ``amount``, rounded to the kuruş."""
    return round_money(amount * rate / HUNDRED)


def format_count_tr(n: int) -> str:
    """A whole number with Turkish grouping: 100000000 → ``100.000.000``."""
    return format_decimal_tr(Decimal(n), 0)


def format_decimal_tr(amount: Decimal, places: int = 2) -> str:
    """``1234.5`` → ``1.234,50`` (Turkish grouping and decimal comma)."""
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    value = amount.quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{places}f}"
    return sign + text.replace(",", "X").replace(".", ",").replace("X", ".")


def format_money(amount: Decimal, currency: str = "TRY") -> str:
    """``1.234,56 ₺`` for TRY, ``1.234,56 EUR`` for other currencies."""
    symbol = "₺" if currency == "TRY" else currency
    return f"{format_decimal_tr(amount)} {symbol}"


def xml_amount(amount: Decimal) -> str:
    """Amount as UBL wants it: two fraction digits, a dot, no grouping."""
    return f"{round_money(amount):f}"


def xml_decimal(value: Decimal) -> str:
    """A quantity, price or rate without exponent and without trailing zeros beyond two."""
    text = f"{value.normalize():f}"
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0")
        if len(frac) < 2:
            frac = frac.ljust(2, "0")
        return f"{whole}.{frac}"
    return text


# --- amounts in words ("Yalnız … Türk Lirası … Kuruş") ---------------------------------

_ONES = ["", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"]
_TENS = ["", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"]
_SCALES = ["", "bin", "milyon", "milyar", "trilyon", "katrilyon"]

CURRENCY_WORDS: dict[str, tuple[str, str]] = {
    "TRY": ("Türk Lirası", "Kuruş"),
    "USD": ("ABD Doları", "Sent"),
    "EUR": ("Avro", "Sent"),
    "GBP": ("İngiliz Sterlini", "Peni"),
    "CHF": ("İsviçre Frangı", "Santim"),
}


def _three_digits(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if hundreds:
        if hundreds > 1:
            words.append(_ONES[hundreds])
        words.append("yüz")
    if tens:
        words.append(_TENS[tens])
    if ones:
        words.append(_ONES[ones])
    return words


def integer_in_words(n: int) -> str:
    """Turkish words for a non-negative integer: 1234 → ``bin iki yüz otuz dört``."""
    if n == 0:
        return "sıfır"
    groups: list[int] = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    if len(groups) > len(_SCALES):
        raise ValueError("number too large")
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        g = groups[index]
        if not g:
            continue
        if index == 1 and g == 1:
            words.append("bin")  # "bin", never "bir bin"
            continue
        words.extend(_three_digits(g))
        if _SCALES[index]:
            words.append(_SCALES[index])
    return " ".join(words)


def amount_in_words(amount: Decimal, currency: str = "TRY") -> str:
    """``Yalnız bin iki yüz otuz dört Türk Lirası elli altı Kuruş``."""
    value = round_money(abs(amount))
    whole = int(value)
    cents = int((value - whole) * 100)
    unit, sub = CURRENCY_WORDS.get(currency, (currency, "/100"))
    text = f"Yalnız {integer_in_words(whole)} {unit}"
    if cents:
        text += f" {integer_in_words(cents)} {sub}" if sub != "/100" else f" {cents}/100"
    return text


# A number as a person in Turkey types it: "1.234,56", "1234,56", "1234.56", "12", "1.000"
# (a dot followed by groups of exactly three digits groups thousands).
_THOUSANDS = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{3})+$")


def parse_typed_decimal(text: str) -> Decimal | None:
    """What a person types or a spreadsheet cell holds; None when it is not a number.
    (The invoice JSON is stricter: ``to_decimal`` reads the dot as the decimal point.)"""
    cleaned = (text or "").strip().replace("₺", "").replace(" ", "").replace("%", "")
    if not cleaned or not cleaned.isascii() or len(cleaned) > _MAX_NUMBER_TEXT:
        return None
    if "," in cleaned or _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
