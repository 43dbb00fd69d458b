"""VKN (tax number, 10 digits) and TCKN (national id, 11 digits) with their check digits."""

from __future__ import annotations

import re

from app.domain.errors import UserError, shown

# ASCII digits only: str.isdigit() (and re's \d without re.ASCII) also accept Arabic-Indic,
# Devanagari, fullwidth … digits, which int() reads as numbers.
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def ascii_digits(value: str) -> bool:
    """True when ``value`` is one or more of the ASCII digits 0–9 and nothing else."""
    return bool(_DIGITS.fullmatch(value))

# GİB's final-consumer TCKN for e-Arşiv invoices to people who give no id number.
FINAL_CONSUMER_TCKN = "11111111111"
# Used by GİB's own samples and test accounts; passes no check digit, accepted nowhere else.


def is_valid_tckn(value: str) -> bool:
    """TCKN rule: 11 digits, first not 0; d10 = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10;
    d11 = (d1+…+d10) mod 10."""
    if len(value) != 11 or not ascii_digits(value) or value[0] == "0":
        return False
    d = [int(c) for c in value]
    odd = d[0] + d[2] + d[4] + d[6] + d[8]
    even = d[1] + d[3] + d[5] + d[7]
    if (odd * 7 - even) % 10 != d[9]:
        return False
    return sum(d[:10]) % 10 == d[10]


def is_valid_vkn(value: str) -> bool:
    """VKN rule (Gelir İdaresi's published algorithm): for the first nine digits,
    t = (dᵢ + 10 − i) mod 10 (i = 1…9), v = t·2^(10−i) mod 9 (9 when t ≠ 0 and v = 0);
    the tenth digit is (10 − Σv mod 10) mod 10."""
    if len(value) != 10 or not ascii_digits(value):
        return False
    total = 0
    for i in range(9):
        t = (int(value[i]) + 9 - i) % 10
        v = (t * (2 ** (9 - i))) % 9
        if t != 0 and v == 0:
            v = 9
        total += v
    return (10 - total % 10) % 10 == int(value[9])


def vkn_check_digit(first_nine: str) -> str:
    """The tenth digit that makes ``first_nine`` a valid VKN (used by tests and the demo)."""
    for c in "0123456789":
        if is_valid_vkn(first_nine + c):
            return c
    raise ValueError(first_nine)


def tckn_from_prefix(first_nine: str) -> str:
    """The valid TCKN that starts with ``first_nine`` (tests and the demo)."""
    d = [int(c) for c in first_nine]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return f"{first_nine}{d10}{d11}"


def check_vkn_tckn(value: str, *, allow_final_consumer: bool = False, field: str = "vkn_tckn") -> str:
    """Return the cleaned number or raise ``UserError`` saying what is wrong, in Turkish."""
    cleaned = (value or "").strip().replace(" ", "")
    if not cleaned:
        raise UserError("VKN/TCKN boş olamaz: 10 haneli vergi numarası ya da 11 haneli "
                        "T.C. kimlik numarası yazın.", field=field)
    if not ascii_digits(cleaned):
        raise UserError(f"VKN/TCKN yalnızca 0–9 rakamlarından oluşmalı: '{shown(value)}'.",
                        field=field)
    if len(cleaned) == 10:
        if not is_valid_vkn(cleaned):
            raise UserError(f"'{cleaned}' geçerli bir vergi kimlik numarası değil (kontrol "
                            "hanesi tutmuyor). Numarayı vergi levhasından kontrol edin.", field=field)
        return cleaned
    if len(cleaned) == 11:
        if cleaned == FINAL_CONSUMER_TCKN:
            if allow_final_consumer:
                return cleaned
            raise UserError("11111111111 yalnızca e-Arşiv faturasında kimlik numarası "
                            "bilinmeyen nihai tüketici için kullanılabilir.", field=field)
        if not is_valid_tckn(cleaned):
            raise UserError(f"'{cleaned}' geçerli bir T.C. kimlik numarası değil (kontrol "
                            "haneleri tutmuyor).", field=field)
        return cleaned
    raise UserError(f"VKN 10, TCKN 11 haneli olmalı; '{cleaned}' {len(cleaned)} haneli.",
                    field=field)


def scheme_of(vkn_tckn: str) -> str:
    """GİB's schemeID for the number: ``VKN`` or ``TCKN``."""
    return "VKN" if len(vkn_tckn) == 10 else "TCKN"
