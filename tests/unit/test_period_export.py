"""The accountant's export from the window: its default period and file names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.usecases import period_export as pe


def test_the_previous_month_crosses_the_year() -> None:
    assert pe.previous_month(date(2027, 1, 15)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert pe.previous_month(date(2028, 3, 1)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert pe.this_month(date(2026, 11, 28)) == (date(2026, 11, 1), date(2026, 11, 28))


def test_default_names() -> None:
    assert pe.default_name(date(2026, 10, 1), date(2026, 10, 31)) == "muhasebe-2026-10.xlsx"
    assert pe.default_name(date(2026, 2, 1), date(2026, 2, 28), ".csv") == "muhasebe-2026-02.csv"
    assert (pe.default_name(date(2026, 11, 1), date(2026, 11, 28))
            == "muhasebe-20261101-20261128.xlsx")
    assert (pe.default_name(date(2026, 10, 1), date(2026, 11, 30))
            == "muhasebe-20261001-20261130.xlsx")


def test_the_zip_goes_beside_the_table(tmp_path: Path) -> None:
    out = tmp_path / "ekim.csv"
    assert pe.archive_path(out) == tmp_path / "ekim-belgeler.zip"
    assert pe.existing(out, True) == []
    (tmp_path / "ekim-belgeler.zip").write_bytes(b"")
    assert pe.existing(out, True) == [tmp_path / "ekim-belgeler.zip"]
    assert pe.existing(out, False) == []
