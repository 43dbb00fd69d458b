"""Customer/product lists from Excel and CSV, and backup/restore of a data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main
from app.context import AppContext
from app.domain.errors import UserError
from app.domain.money import parse_typed_decimal
from app.usecases import backup, catalog, list_import
from app.usecases.invoices import create_draft, issue_invoice, list_invoices
from tests.fixtures.app import invoice_json


def test_customers_from_excel_with_a_bad_row(tmp_path: Path, app_ctx: AppContext) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Unvan", "VKN/TCKN", "Vergi Dairesi", "İlçe", "İl", "Ad", "Soyad"])
    ws.append(["Çiçek Ltd. Şti.", "4700582260", "Kadıköy", "Kadıköy", "İstanbul", None, None])
    ws.append([None, "10000000146", None, "Çankaya", "Ankara", "Ayşe", "Yılmaz"])
    ws.append(["Hatalı A.Ş.", "1234567891", None, "Konak", "İzmir", None, None])
    path = tmp_path / "musteriler.xlsx"
    wb.save(path)
    saved, rows = list_import.import_customers(app_ctx, path)
    assert saved == 2
    [bad] = [r for r in rows if r.error]
    assert bad.line == 4 and "kontrol hanesi" in bad.error
    names = {p.display_name for p in catalog.list_customers(app_ctx)}
    assert names == {"Çiçek Ltd. Şti.", "Ayşe Yılmaz"}


def test_products_from_a_turkish_csv(tmp_path: Path, app_ctx: AppContext,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "urunler.csv"
    path.write_bytes("Ürün adı;Birim;Fiyat;KDV %;Stok kodu\n"
                     "Çay 1 kg;kg;1.234,50;1;CAY1\n"
                     "Şeker;Adet;12,5;20;SKR\n"
                     "Bozuk;Adet;on iki;20;X\n".encode("cp1254"))
    code = main(["--data-dir", str(app_ctx.data_dir), "import-list", "products", str(path)])
    out = capsys.readouterr().out
    assert code == 1 and "Satır 4" in out and "2 kayıt içe alındı" in out
    products = {p["name"]: p for p in catalog.list_products(app_ctx)}
    assert products["Çay 1 kg"]["unit"] == "KGM"
    assert products["Çay 1 kg"]["unit_price"] == "1234.50"
    assert products["Şeker"]["unit_price"] == "12.5"


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "liste.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(UserError, match=r"xlsx ya da \.csv"):
        list_import.customer_rows(path)


@pytest.mark.parametrize(("typed", "value"), [
    ("1.234,56", "1234.56"), ("1234,56", "1234.56"), ("1234.56", "1234.56"),
    ("1.000", "1000"), ("12", "12"), ("%20", "20"), ("12 ₺", "12")])
def test_numbers_as_people_type_them(typed: str, value: str) -> None:
    assert parse_typed_decimal(typed) == parse_typed_decimal(value)
    assert str(parse_typed_decimal(typed)) == value


def test_backup_and_restore_bring_back_every_invoice(tmp_path: Path, app_ctx: AppContext) -> None:
    issue_invoice(app_ctx, create_draft(app_ctx, invoice_json()), sign=None)
    target = backup.backup(app_ctx.data_dir, tmp_path / "yedek.zip")
    issue_invoice(app_ctx, create_draft(app_ctx, invoice_json()), sign=None)
    assert len(list_invoices(app_ctx)) == 2
    backup.restore(app_ctx.data_dir, target)
    assert [r["number"] for r in list_invoices(app_ctx)] == ["ABC2026000000001"]
    not_a_backup = tmp_path / "x.zip"
    not_a_backup.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="Tezgâh yedeği değil"):
        backup.restore(app_ctx.data_dir, not_a_backup)


def test_editing_a_product_without_a_code_keeps_one_record(app_ctx: AppContext) -> None:
    first = catalog.save_product(app_ctx, {"name": "Simit", "unit_price": "15", "kdv_rate": "1"})
    catalog.save_product(app_ctx, {"id": first["id"], "name": "Susamlı simit",
                                   "unit_price": "17,50", "kdv_rate": "1"})
    [only] = catalog.list_products(app_ctx)
    assert (only["name"], only["unit_price"]) == ("Susamlı simit", "17.50")
