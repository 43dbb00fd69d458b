"""Faturalar › Muhasebeci için dışa aktar: the dialog's real buttons write the period's
workbook (its totals are the use case's own), the originals' zip when ticked, ask before
overwriting, and refuse a wrong or empty period in Turkish."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices

from app.context import AppContext
from app.usecases import accounting_export as ae
from app.usecases.importing import import_invoice_xml
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import invoice_json
from tests.ui.conftest import idle
from ui import fmt

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)  # the month before the pinned clock's


def _issue(ctx: AppContext, day: str, **overrides: Any) -> Any:
    return issue_invoice(ctx, create_draft(ctx, invoice_json(issue_date=day, **overrides)),
                         sign=None)


@pytest.fixture
def october(company_dir: Path) -> dict[str, str]:
    """Two sales and one purchase in October 2026, one sale on each side of it. Numbers by
    name."""
    ctx = AppContext.open(company_dir)
    n = {"before": _issue(ctx, "2026-09-30").number,
         "first": _issue(ctx, "2026-10-01").number,
         "usd": _issue(ctx, "2026-10-15", currency="USD", exchange_rate="34.5678").number}
    ours = _issue(ctx, "2026-10-20")
    n["ours"] = ours.number
    data = (invoice_xml(ctx, ours.ettn).replace(ours.ettn.encode(), str(uuid.uuid4()).encode())
            .replace(ours.number.encode(), b"GLN2026000000007"))
    import_invoice_xml(ctx, data)
    n["received"] = "GLN2026000000007"
    n["after"] = _issue(ctx, "2026-11-01").number
    return n


def _open(start_gui: Callable[..., Any], qtbot: Any, company_dir: Path) -> tuple[Any, Any]:
    gui = start_gui(company_dir)
    gui.window.go(1)
    page = gui.window.invoices
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    return gui, dialog


def _choose(qtbot: Any, dialog: Any, target: Path) -> None:
    """"Seç…" and the save dialog, as a person does."""
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    save = dialog.file_dialog
    assert save.isVisible()
    save.setDirectory(str(target.parent))
    save.selectFile(str(target))
    save.accept()
    qtbot.waitUntil(lambda: dialog.path.text() == str(target))


def _export(qtbot: Any, gui: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services, timeout=120_000)


def _sheet(path: Path, title: str) -> list[dict[str, Any]]:
    rows = list(load_workbook(path)[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _dec(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def test_the_workbook_is_written_with_the_use_cases_totals(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path,
        october: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    gui, dialog = _open(start_gui, qtbot, company_dir)
    assert dialog.period() == (FIRST, LAST)  # the previous month in Türkiye
    assert dialog.kind.currentData() == "all" and dialog.format.currentData() == ".xlsx"
    assert Path(dialog.path.text()).name == "muhasebe-2026-10.xlsx"
    dialog.this_month_button.click()
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 28))
    dialog.last_month_button.click()
    assert dialog.period() == (FIRST, LAST)

    target = tmp_path / "out" / "ekim.xlsx"
    target.parent.mkdir()
    _choose(qtbot, dialog, target)
    _export(qtbot, gui, dialog)
    assert target.exists() and not (tmp_path / "out" / "ekim-belgeler.zip").exists()
    result = dialog.result_value
    assert result is not None and result.problems == []

    # the use case's own reading of the period
    rows, problems = ae.build_rows(gui.services.ctx, FIRST, LAST, "all")
    assert problems == [] and result.rows == len(rows) == 4
    invoices = _sheet(target, "Faturalar")
    assert sorted(r["Fatura no"] for r in invoices) == sorted(
        [october["first"], october["usd"], october["ours"], october["received"]])
    summary = _sheet(target, "Aylık Özet")
    assert [r["Ay"] for r in summary] == ["Ekim 2026"]
    month = ae.monthly(rows)[(2026, 10)]
    assert _dec(summary[0]["Satış matrahı (TL)"]) == result.sales.base == month.sales_base
    assert _dec(summary[0]["Hesaplanan KDV (TL)"]) == result.sales.kdv == month.output_kdv
    assert _dec(summary[0]["Alış matrahı (TL)"]) == result.purchases.base == month.purchases_base
    assert _dec(summary[0]["İndirilecek KDV (TL)"]) == result.purchases.kdv == month.input_kdv
    assert result.sales.invoices == 3 and result.purchases.invoices == 1
    # the TL payable of the sales: the rows' own amounts at their exchange rates
    payable = sum(((Decimal(str(r["Ödenecek tutar"])) * Decimal(str(r["Döviz kuru"] or 1)))
                   .quantize(Decimal("0.01"), ROUND_HALF_UP)
                   for r in invoices if r["Yön"] == "Satış"), Decimal(0))
    assert payable == result.sales.payable

    box = dialog.saved_box
    qtbot.waitUntil(box.isVisible)
    assert "4 fatura dışa aktarıldı (01.10.2026–31.10.2026)" in box.text()
    assert fmt.money(result.sales.kdv) in box.text()
    assert fmt.money(result.purchases.base) in box.text()
    assert str(target) in box.informativeText()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    next(b for b in box.buttons() if b.text() == "Klasörü aç").click()
    assert opened == [QUrl.fromLocalFile(str(target.parent))]


def test_the_originals_zip_is_written_beside_when_ticked(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path,
        october: dict[str, str]) -> None:
    gui, dialog = _open(start_gui, qtbot, company_dir)
    dialog.format.setCurrentIndex(dialog.format.findData(".csv"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("sales"))
    dialog.with_archive.click()
    assert dialog.with_archive.isChecked()
    target = tmp_path / "muhasebe.csv"
    _choose(qtbot, dialog, target)
    assert dialog.archive_name.text() == "Zip: muhasebe-belgeler.zip"
    _export(qtbot, gui, dialog)
    zipped = tmp_path / "muhasebe-belgeler.zip"
    assert target.exists() and zipped.exists()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the accountant's CSV
    result = dialog.result_value
    assert result.rows == 3 and result.archive is not None and result.archive.path == zipped
    with zipfile.ZipFile(zipped) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    for number in (october["first"], october["usd"], october["ours"]):
        assert any(n.startswith("faturalar/giden/") and number in n for n in names), number
    assert any(n.startswith("faturalar/gelen/") and october["received"] in n for n in names)
    for outside in (october["before"], october["after"]):
        assert not any(outside in n for n in names)
    assert {"dizin.csv", "dizin.json", "SHA256SUMS", "README.txt"} <= set(names)
    qtbot.waitUntil(dialog.saved_box.isVisible)
    assert f"Asıl belgeler: {result.archive.originals} belge" in dialog.saved_box.text()
    assert str(zipped) in dialog.saved_box.informativeText()


def test_an_existing_file_is_overwritten_only_when_confirmed(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path,
        october: dict[str, str]) -> None:
    target = tmp_path / "ekim.xlsx"
    target.write_bytes(b"eski dosya")
    gui, dialog = _open(start_gui, qtbot, company_dir)
    _choose(qtbot, dialog, target)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = dialog.overwrite_box
    qtbot.waitUntil(box.isVisible)
    assert "zaten var" in box.text() and str(target) in box.informativeText()
    qtbot.mouseClick(box.findChild(type(dialog.export_button), "overwriteNo"),
                     Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert target.read_bytes() == b"eski dosya" and dialog.result_value is None

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = dialog.overwrite_box
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.findChild(type(dialog.export_button), "overwriteYes"),
                     Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services, timeout=120_000)
    assert dialog.result_value is not None and dialog.result_value.rows == 4
    assert load_workbook(target).sheetnames[0] == "Faturalar"


def test_a_wrong_or_empty_period_is_refused_in_turkish(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path,
        october: dict[str, str]) -> None:
    gui, dialog = _open(start_gui, qtbot, company_dir)
    target = tmp_path / "donem.xlsx"
    _choose(qtbot, dialog, target)
    dialog.date_from.setDate(QDate(2026, 10, 31))
    dialog.date_to.setDate(QDate(2026, 10, 1))
    _export(qtbot, gui, dialog)
    errors = gui.services.errors
    qtbot.waitUntil(lambda: errors.box is not None and errors.box.isVisible())
    assert errors.last_message.startswith("Bitiş tarihi (01.10.2026) başlangıçtan (31.10.2026)")
    assert not target.exists() and dialog.result_value is None
    assert dialog.export_button.isEnabled()  # the dialog is usable again
    errors.box.close()

    dialog.date_from.setDate(QDate(2025, 1, 1))
    dialog.date_to.setDate(QDate(2025, 1, 31))
    _export(qtbot, gui, dialog)
    qtbot.waitUntil(lambda: errors.box is not None and errors.box.isVisible())
    assert "01.01.2025–31.01.2025 döneminde dışa aktarılacak fatura yok" in errors.last_message
    assert not target.exists()
    errors.box.close()


def test_an_unwritable_folder_is_refused_in_turkish(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path,
        october: dict[str, str]) -> None:
    gui, dialog = _open(start_gui, qtbot, company_dir)
    missing = tmp_path / "yok" / "ekim.xlsx"
    dialog.path.setText(str(missing))
    _export(qtbot, gui, dialog)
    errors = gui.services.errors
    qtbot.waitUntil(lambda: errors.box is not None and errors.box.isVisible())
    assert errors.last_message == f"{missing.parent} klasörü yok; önce oluşturun ya da başka " \
                                  "bir yer seçin."
    errors.box.close()
