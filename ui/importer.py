"""Reading customer and product lists from Excel (xlsx) or CSV files (no Qt).

The first row holds the column names; Turkish or JSON names are both understood
("Unvan" or "name", "VKN/TCKN" or "vkn_tckn" …). Every row is checked with the same rules
as a hand-entered record, and a bad row gets its own Turkish message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import UserError

CUSTOMER_COLUMNS = {
    "vkn_tckn": ("vkn_tckn", "vkn", "tckn", "vkn/tckn", "vergi no", "vergi numarası"),
    "name": ("name", "unvan", "ünvan", "firma"),
    "first_name": ("first_name", "ad", "adı"),
    "family_name": ("family_name", "soyad", "soyadı"),
    "tax_office": ("tax_office", "vergi dairesi"),
    "street": ("street", "adres", "cadde", "sokak"),
    "building_no": ("building_no", "bina no", "kapı no"),
    "district": ("district", "ilçe"),
    "city": ("city", "il", "şehir"),
    "postal_code": ("postal_code", "posta kodu"),
    "email": ("email", "e-posta", "eposta"),
    "phone": ("phone", "telefon"),
    "alias": ("alias", "posta kutusu", "etiket"),
}
PRODUCT_COLUMNS = {
    "name": ("name", "ad", "ürün", "ürün adı", "mal/hizmet"),
    "unit": ("unit", "birim"),
    "unit_price": ("unit_price", "fiyat", "birim fiyat"),
    "kdv_rate": ("kdv_rate", "kdv", "kdv oranı", "kdv %"),
    "seller_code": ("seller_code", "kod", "ürün kodu", "stok kodu"),
}


@dataclass
class ImportRow:
    line: int  # row number in the file (header is 1)
    data: dict[str, Any]
    error: str = ""


def read_table(path: Path) -> list[list[str]]:
    """All rows of the first sheet (xlsx) or the CSV file, as text."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise UserError(f"Excel dosyası okunamadı: {path.name} ({exc}).") from exc
        try:
            ws = wb.worksheets[0]
            return [["" if c is None else _cell(c) for c in row]
                    for row in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "cp1254"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(f"{path.name}: karakter kodlaması anlaşılamadı; UTF-8 kaydedin.")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    raise UserError(f"{path.name}: yalnızca .xlsx ya da .csv dosyası içe aktarılabilir.")


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_key(text: str) -> str:
    """Turkish lower case: "İl" → "il", "VERGİ DAİRESİ" → "vergi dairesi"."""
    return text.strip().replace("İ", "i").replace("I", "ı").lower()


def map_rows(table: list[list[str]], columns: dict[str, tuple[str, ...]]) -> list[dict[str, str]]:
    if not table:
        raise UserError("Dosya boş.")
    header = [_header_key(h) for h in table[0]]
    index: dict[str, int] = {}
    for key, names in columns.items():
        for i, h in enumerate(header):
            if h in names:
                index[key] = i
                break
    if "name" not in index and "vkn_tckn" not in index:
        raise UserError("İlk satırda sütun adları bulunamadı (ör. 'Unvan', 'VKN/TCKN', "
                        "'Ürün adı', 'Fiyat').")
    out = []
    for row in table[1:]:
        if not any(c.strip() for c in row):
            continue
        out.append({k: (row[i].strip() if i < len(row) else "") for k, i in index.items()})
    return out


def customer_rows(path: Path) -> list[ImportRow]:
    from app.domain.party import Party

    result = []
    for n, raw in enumerate(map_rows(read_table(path), CUSTOMER_COLUMNS), start=2):
        data: dict[str, Any] = {k: v for k, v in raw.items() if k in (
            "vkn_tckn", "name", "first_name", "family_name", "tax_office", "email", "phone",
            "alias")}
        data["address"] = {k: raw.get(k, "") for k in ("street", "building_no", "district",
                                                        "city", "postal_code")}
        result.append(_check(n, data, lambda d: Party.from_dict(d)))
    return result


def product_rows(path: Path) -> list[ImportRow]:
    from app.domain import codes
    from ui.fmt import parse_decimal, plain
    from ui.models.lines import unit_code

    def check(d: dict[str, Any]) -> None:
        if not d.get("name"):
            raise UserError("Ürün adı boş.")
        if d["unit"] not in codes.UNITS:
            raise UserError(f"Birim '{d['unit']}' bilinmiyor (ör. Adet, kg, C62).")
        for key, what in (("unit_price", "fiyat"), ("kdv_rate", "KDV oranı")):
            v = parse_decimal(d[key])
            if v is None:
                raise UserError(f"{what} sayı değil: '{d[key]}'.")
            d[key] = plain(v)
        if parse_decimal(d["kdv_rate"]) not in codes.KDV_RATES:
            raise UserError("KDV oranı 0, 1, 10 ya da 20 olmalı.")

    result = []
    for n, raw in enumerate(map_rows(read_table(path), PRODUCT_COLUMNS), start=2):
        data = {"name": raw.get("name", ""), "unit": unit_code(raw.get("unit") or "C62"),
                "unit_price": raw.get("unit_price", "0"), "kdv_rate": raw.get("kdv_rate", "20"),
                "seller_code": raw.get("seller_code", "")}
        result.append(_check(n, data, check))
    return result


def _check(line: int, data: dict[str, Any], check: Callable[[dict[str, Any]], Any]) -> ImportRow:
    try:
        check(data)
    except UserError as exc:
        return ImportRow(line, data, exc.message)
    return ImportRow(line, data)


def save_rows(rows: list[ImportRow], save: Callable[[dict[str, Any]], Any]) -> int:
    """Store the rows without errors; return how many were stored."""
    n = 0
    for r in rows:
        if not r.error:
            save(r.data)
            n += 1
    return n
