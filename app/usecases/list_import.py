"""Customer and product lists from Excel (xlsx) or CSV files.

The first row names the columns, in Turkish or as in the JSON ("Unvan" or "name",
"VKN/TCKN" or "vkn_tckn" …). Every row is checked with the same rules as a record typed in
by hand (``Party.from_dict``, ``catalog.check_product``); a bad row gets its own Turkish
message and the good rows can still be saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.domain.errors import UserError
from app.domain.money import parse_typed_decimal
from app.domain.party import Party
from app.usecases import catalog

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
    line: int  # row number in the file (the header is row 1)
    data: dict[str, Any]
    error: str = ""


def read_table(path: Path) -> list[list[str]]:
    """All rows of the first sheet (xlsx) or of the CSV file, as text."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise UserError(f"Excel dosyası okunamadı: {path.name} ({exc}).") from exc
        try:
            return [["" if c is None else _cell(c) for c in row]
                    for row in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    if suffix in (".csv", ".txt"):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"{path.name} okunamadı: {exc.strerror}") from None
        for enc in ("utf-8-sig", "cp1254"):  # Excel in Turkey saves CSV as Windows-1254
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(f"{path.name}: karakter kodlaması anlaşılamadı; UTF-8 kaydedin.")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
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
    return [{k: (row[i].strip() if i < len(row) else "") for k, i in index.items()}
            for row in table[1:] if any(c.strip() for c in row)]


def _check(line: int, data: dict[str, Any], check: Callable[[dict[str, Any]], Any]) -> ImportRow:
    try:
        check(data)
    except UserError as exc:
        return ImportRow(line, data, exc.message)
    return ImportRow(line, data)


def customer_rows(path: Path) -> list[ImportRow]:
    result = []
    for n, raw in enumerate(map_rows(read_table(path), CUSTOMER_COLUMNS), start=2):
        data: dict[str, Any] = {k: v for k, v in raw.items() if k in (
            "vkn_tckn", "name", "first_name", "family_name", "tax_office", "email", "phone",
            "alias")}
        data["address"] = {k: raw.get(k, "") for k in ("street", "building_no", "district",
                                                        "city", "postal_code")}
        result.append(_check(n, data, Party.from_dict))
    return result


def product_rows(path: Path) -> list[ImportRow]:
    result = []
    for n, raw in enumerate(map_rows(read_table(path), PRODUCT_COLUMNS), start=2):
        data: dict[str, Any] = {"name": raw.get("name", ""),
                                "unit": catalog.unit_code(raw.get("unit") or "C62"),
                                "seller_code": raw.get("seller_code", "")}
        for key, default in (("unit_price", "0"), ("kdv_rate", "20")):
            text = raw.get(key) or default
            value = parse_typed_decimal(text)
            data[key] = format(value, "f") if value is not None else text
        result.append(_check(n, data, catalog.check_product))
    return result


def save_rows(rows: list[ImportRow], save: Callable[[dict[str, Any]], Any]) -> int:
    """Store the rows without errors; return how many were stored."""
    n = 0
    for r in rows:
        if not r.error:
            save(r.data)
            n += 1
    return n


def import_customers(ctx: AppContext, path: Path) -> tuple[int, list[ImportRow]]:
    rows = customer_rows(path)
    return save_rows(rows, lambda d: catalog.save_customer(ctx, d)), rows


def import_products(ctx: AppContext, path: Path) -> tuple[int, list[ImportRow]]:
    rows = product_rows(path)
    return save_rows(rows, lambda d: catalog.save_product(ctx, d)), rows
