"""Reading untrusted values at the boundary: every field has a type, a range and a character set.

The invoice JSON, the customer and product files, spreadsheet rows and the editor's cells all
arrive as loosely typed values. The readers here turn them into ``str``, ``Decimal``, ``int``
or refuse them with a ``UserError`` that names the field, so that whatever passes can be
rendered, stored and validated by GİB's rules without a surprise.

Where the limits come from:

* amounts — GİB's schematron ``decimalCheck`` (UBL-TR_Common_Schematron.xml, used for every
  ``LegalMonetaryTotal`` amount and ``TaxTotal/TaxAmount``): "noktadan önce en fazla 15,
  noktadan sonra (kuruş) en fazla 2 haneli";
* exchange rate — the same file, ``CurrencyCodeCheck`` on ``PricingExchangeRate/
  CalculationRate``: at most 15 digits before and 6 after the point;
* dates — ``IssueDate`` "01.01.2005 tarihinden önce bir tarih olamaz" (the same file) and the
  invoice number ``[A-Z0-9]{3}20[0-9]{2}[0-9]{9}`` (``InvoiceIDCheck``), so 2005–2099;
* characters — XML 1.0 (§2.2 ``Char``): no C0 control character but tab, line feed and
  carriage return, no lone surrogate, no U+FFFE/U+FFFF. Tezgâh also refuses the C1 controls,
  the other Unicode noncharacters and the bidirectional overrides (text that prints in another
  order than it is stored has no place on an invoice);
* lengths — GİB's XSD gives UBL's text types no maximum (``udt:TextType``, ``udt:NameType``)
  and the UBL-TR guide none either; the lengths below are Tezgâh's own, generous for any real
  invoice and small enough for the printed page and the database.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from app.domain.errors import UserError, shown

# -- amounts (schematron decimalCheck: ≤ 15 digits before the point, 2 after) -----------------
AMOUNT_INTEGER_DIGITS = 15
MAX_AMOUNT = Decimal(10) ** AMOUNT_INTEGER_DIGITS - Decimal("0.01")
# Exchange rate (schematron CurrencyCodeCheck on CalculationRate: 15 before, 6 after).
EXCHANGE_RATE_PLACES = 6
# Unit prices and quantities keep more precision than totals (money.PRICE_PLACES,
# money.QUANTITY_PLACES); percentages four places.
RATE_PLACES = 4
# A number written as text longer than this is not a number anyone typed.
MAX_NUMBER_TEXT = 40

# -- dates: IssueDate ≥ 2005-01-01 (schematron), numbers carry the year as 20YY ------------
FIRST_ISSUE_DATE = date(2005, 1, 1)
LAST_ISSUE_DATE = date(2099, 12, 31)

# -- lengths (Tezgâh's own; GİB's XSD sets none) ------------------------------------------------
SHORT_TEXT = 100  # codes, numbers, phone, tax office, district, city, postal code …
NAME_TEXT = 300  # party names, line names, addresses, e-mail, web
LONG_TEXT = 2000  # notes, line descriptions, payment notes, exemption reasons
MAX_LINES = 2000
MAX_NOTES = 50
MAX_REFS = 50

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def bad_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character that may not stand in a field, or None."""
    for ch in text:
        cp = ord(ch)
        category = unicodedata.category(ch)
        if category == "Cc":
            if multiline and ch in _ALLOWED_CONTROLS:
                continue
            return ch
        if category == "Cs" or ch in _BIDI_CONTROLS:
            return ch
        if 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE:  # Unicode noncharacters
            return ch
        if not multiline and category in ("Zl", "Zp"):
            return ch
    return None


def text(value: object, field: str, label: str, *, max_len: int = NAME_TEXT,
         multiline: bool = False) -> str:
    """A text field: a JSON string (a whole number is taken as its digits), stripped; ``""``
    when absent. Refuses other types, forbidden characters and text longer than ``max_len``."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10 ** MAX_NUMBER_TEXT:
            raise UserError(f"{label} çok uzun.", field=field)
        value = str(value)
    if not isinstance(value, str):
        raise UserError(f"{label} metin olmalı; {_kind(value)} yazılmış.", field=field)
    bad = bad_character(value, multiline=multiline)
    if bad is not None:
        raise UserError(f"{label} izin verilmeyen bir karakter içeriyor "
                        f"(U+{ord(bad):04X}); görünmeyen denetim karakterlerini silin.",
                        field=field)
    result = value.strip()
    if len(result) > max_len:
        raise UserError(f"{label} en fazla {max_len} karakter olabilir; "
                        f"{len(result)} karakter yazılmış.", field=field)
    return result


def mapping(value: object, field: str, label: str, *, optional: bool = True) -> dict:
    """A JSON object (``{}`` when absent and optional)."""
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise UserError(f"{label} bir JSON nesnesi ({{…}}) olmalı; "
                        f"{_kind(value)} yazılmış.", field=field)
    return value


def sequence(value: object, field: str, label: str, *, max_items: int) -> list:
    """A JSON list (``[]`` when absent)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise UserError(f"{label} bir liste ([…]) olmalı; {_kind(value)} yazılmış.",
                        field=field)
    if len(value) > max_items:
        raise UserError(f"{label} en fazla {max_items} öğe olabilir; "
                        f"{len(value)} yazılmış.", field=field)
    return value


def places_of(value: Decimal) -> int:
    """Fraction digits of ``value`` without its trailing zeros (exact, no context rounding)."""
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0 or not any(digits):
        return 0
    places, i = -exponent, len(digits) - 1
    while places > 0 and i >= 0 and digits[i] == 0:
        places, i = places - 1, i - 1
    return places


def number(value: object, field: str, label: str, *, places: int,
           minimum: Decimal = Decimal(0), maximum: Decimal = MAX_AMOUNT,
           above_minimum: bool = False) -> Decimal:
    """A decimal number within [minimum, maximum] (or above ``minimum``) with at most
    ``places`` fraction digits. Strings (``"12.50"``, ``"12,50"``, ``"1.234,50"``), whole
    numbers and the Decimals the JSON reader makes of fractions are read; floats never."""
    from app.domain.money import to_decimal

    result = to_decimal(value, field=field, label=label)
    if result < minimum or (above_minimum and result == minimum):
        word = "büyük" if above_minimum else "büyük ya da eşit"
        raise UserError(f"{label} {_plain(minimum)} değerinden {word} olmalı; "
                        f"'{_plain(result)}' yazılmış.", field=field)
    if result > maximum:
        raise UserError(f"{label} en fazla {_plain(maximum)} olabilir; "
                        f"çok büyük bir sayı yazılmış.", field=field)
    if places_of(result) > places:
        raise UserError(f"{label} en fazla {places} ondalık basamak olabilir.",
                        field=field)
    return result


_POSITIVE_INT = re.compile(r"[0-9]{1,18}", re.ASCII)


def record_id(value: object, field: str, label: str) -> int | None:
    """A database id: a positive whole number (``12`` or ``"12"``) below SQLite's limit."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise UserError(f"{label} pozitif bir tam sayı olmalı.", field=field)
    if isinstance(value, str) and _POSITIVE_INT.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, Decimal) and value == value.to_integral_value() and value.is_finite() \
            and abs(value) < 10 ** 18:
        value = int(value)
    if not isinstance(value, int) or not (0 < value < 2 ** 63):
        raise UserError(f"{label} pozitif bir tam sayı olmalı; '{shown(value)}' "
                        "uygun değil.", field=field)
    return value


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _kind(value: object) -> str:
    if value is None:
        return "boş değer (null)"
    if isinstance(value, bool):
        return "doğru/yanlış (true/false)"
    if isinstance(value, dict):
        return "bir nesne"
    if isinstance(value, list):
        return "bir liste"
    if isinstance(value, str):
        return "bir metin"
    if isinstance(value, (int, float, Decimal)):
        return "bir sayı"
    return "başka bir değer"


__all__ = ["FIRST_ISSUE_DATE", "LAST_ISSUE_DATE", "MAX_AMOUNT", "bad_character", "mapping",
           "number", "places_of", "record_id", "sequence", "text"]
