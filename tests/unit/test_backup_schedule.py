"""Scheduled backups into a second folder: when one is due (Türkiye's calendar), the dated
zip verified where it lies, retention that deletes only Tezgâh's own backups, failures
recorded in Turkish instead of raised, one run at a time, and the command line."""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app import clock
from app.cli import main
from app.context import AppContext
from app.domain.errors import UserError
from app.usecases import backup, backup_schedule
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import invoice_json

IST = clock.ISTANBUL


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "ikinci-disk"
    f.mkdir()
    return f


def test_due_follows_the_turkish_calendar_whatever_the_zone(app_ctx: AppContext,
                                                            folder: Path) -> None:
    backup_schedule.set_schedule(app_ctx, folder, keep=3)
    assert backup_schedule.due(app_ctx, datetime(2026, 11, 28, 23, 30, tzinfo=IST))
    made = backup_schedule.run_due(app_ctx, datetime(2026, 11, 28, 23, 30, tzinfo=IST))
    assert made.state == "done", made.message
    assert made.path is not None and made.path.name == "tezgah-yedek-20261128-233000.zip"
    # 23:59 the same evening: not due; 00:10 in Türkiye is still 21:10 on the 28th in UTC,
    # but it is a new day for the shop.
    assert not backup_schedule.due(app_ctx, datetime(2026, 11, 28, 23, 59, tzinfo=IST))
    assert backup_schedule.due(app_ctx, datetime(2026, 11, 28, 21, 10, tzinfo=UTC))
    assert backup_schedule.run_due(
        app_ctx, datetime(2026, 11, 28, 23, 59, tzinfo=IST)).state == "not_due"
    assert backup_schedule.next_due(app_ctx) == datetime(2026, 11, 29, tzinfo=IST)
    backup_schedule.set_schedule(app_ctx, folder, frequency="weekly")
    assert not backup_schedule.due(app_ctx, datetime(2026, 12, 4, 23, 0, tzinfo=IST))
    assert backup_schedule.due(app_ctx, datetime(2026, 12, 5, 0, 0, tzinfo=IST))
    backup_schedule.turn_off(app_ctx)
    assert not backup_schedule.due(app_ctx, datetime(2027, 1, 1, tzinfo=IST))
    assert backup_schedule.run_due(app_ctx, datetime(2027, 1, 1, tzinfo=IST)).state == "off"


def test_the_backup_in_the_folder_is_verified_and_recorded(app_ctx: AppContext,
                                                           folder: Path) -> None:
    issue_invoice(app_ctx, create_draft(app_ctx, invoice_json()), sign=None)
    backup_schedule.set_schedule(app_ctx, folder)
    result = backup_schedule.run_due(app_ctx)
    assert result.state == "done" and result.path is not None
    info = backup_schedule.status(app_ctx)
    assert info["verified"] and info["last_path"] == str(result.path)
    assert info["last_sha256"] == result.sha256 and not info["due"]
    with zipfile.ZipFile(result.path) as z:
        assert {"tezgah.sqlite3", "TEZGAH-YEDEK.txt"} <= set(z.namelist())
    backup.verify_copy(result.path, result.sha256)
    with pytest.raises(UserError, match="özeti tutmadı"):
        backup.verify_copy(result.path, "0" * 64)


def test_a_copy_altered_on_the_way_is_not_trusted(app_ctx: AppContext, folder: Path) -> None:
    good = backup.backup(app_ctx.data_dir, folder / "tezgah-yedek-20261101-1000.zip")
    sha = backup.recorded_sha256(app_ctx.data_dir, good)
    assert sha is not None
    bad = folder / "bozuk.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "tezgah.sqlite3":
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(info, data)
    with pytest.raises(UserError, match="güvenmeyin"):
        backup.verify_copy(bad, sha)


def _touch(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"x")
    return path


def test_retention_keeps_days_months_and_years_and_nothing_foreign(app_ctx: AppContext,
                                                                   folder: Path) -> None:
    old = [f"tezgah-yedek-202611{d:02d}-0900{'' if d % 2 else '00'}.zip" for d in range(1, 28)]
    old += [f"tezgah-yedek-2026{m:02d}{d:02d}-120000.zip" for m in range(1, 11) for d in (3, 17)]
    old += [f"tezgah-yedek-2025{m:02d}15-120000.zip" for m in (1, 6, 11, 12)]
    old += ["tezgah-yedek-20190601-120000.zip", "tezgah-yedek-20170601-120000.zip",
            "tezgah-yedek-20150601-120000.zip",
            "tezgah-yedek-20261127-2300-1.zip"]
    for name in old:
        _touch(folder, name)
    foreign = ["notlar.txt", "tezgah-yedek-eski.zip", "tezgah-yedek-20261341-120000.zip",
               "baska-20261101-120000.zip", "tezgah-yedek-20261101-120000.zip.bak"]
    for name in foreign:
        _touch(folder, name)
    (folder / "tezgah-yedek-20261102-120000.zip.d").mkdir()
    (folder / "tezgah-yedek-20261103-120000.zip").mkdir()  # a folder, not a backup file
    backup_schedule.set_schedule(app_ctx, folder, keep=3)
    result = backup_schedule.run_due(app_ctx, datetime(2026, 11, 28, 12, 0, tzinfo=IST))
    assert result.state == "done", result.message
    left = sorted(p.name for p in folder.iterdir())
    expected = sorted([
        "tezgah-yedek-20261128-120000.zip",  # today's, the newest
        "tezgah-yedek-20261127-2300-1.zip", "tezgah-yedek-20261126-090000.zip",  # 3 days
        # newest of each of the last 12 months: Dec 2025 … Oct 2026
        *[f"tezgah-yedek-2026{m:02d}17-120000.zip" for m in range(1, 11)],
        "tezgah-yedek-20251215-120000.zip",
        # newest of each of the last 10 years, 2017–2026 (2015 is older than that)
        "tezgah-yedek-20190601-120000.zip", "tezgah-yedek-20170601-120000.zip",
        *foreign, "tezgah-yedek-20261102-120000.zip.d", "tezgah-yedek-20261103-120000.zip"])
    assert left == expected
    assert len(result.deleted) == len(old) + 1 - (len(expected) - len(foreign) - 2)


def test_a_folder_that_disappears_is_a_recorded_failure(app_ctx: AppContext,
                                                        folder: Path) -> None:
    backup_schedule.set_schedule(app_ctx, folder)
    folder.rmdir()
    result = backup_schedule.run_due(app_ctx)
    assert result.state == "failed" and not result.ok
    assert "Yedek klasörü bulunamadı" in result.message
    info = backup_schedule.status(app_ctx)
    assert "bulunamadı" in info["last_error"] and not info["last_success"]
    assert info["due"]
    folder.mkdir()
    assert backup_schedule.run_due(app_ctx).state == "done"
    assert backup_schedule.status(app_ctx)["last_error"] == ""


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_a_folder_that_is_not_writable(app_ctx: AppContext, folder: Path) -> None:
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="yazılamıyor"):
            backup_schedule.set_schedule(app_ctx, folder)
        backup_schedule.set_schedule(app_ctx, folder.parent)
        from app import settings

        settings.write(app_ctx, settings.BACKUP_FOLDER, str(folder))
        result = backup_schedule.run_due(app_ctx)
        assert result.state == "failed" and "yazılamıyor" in result.message
    finally:
        folder.chmod(0o700)


def test_same_disk_is_a_warning_not_a_refusal(app_ctx: AppContext, folder: Path) -> None:
    warning = backup_schedule.set_schedule(app_ctx, folder)
    assert "aynı diskte" in warning
    assert backup_schedule.schedule(app_ctx).enabled


def test_never_two_at_once(app_ctx: AppContext, folder: Path) -> None:
    backup_schedule.set_schedule(app_ctx, folder)
    with backup_schedule._lock(app_ctx.data_dir):
        assert backup_schedule.run_due(app_ctx).state == "busy"
    assert list(folder.iterdir()) == []
    assert backup_schedule.run_due(app_ctx).state == "done"


def test_cli_schedule_status_run_due_off(app_ctx: AppContext, folder: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    d = str(app_ctx.data_dir)
    assert main(["--data-dir", d, "backup", "schedule", "--folder", str(folder / "yok")]) != 0
    assert "bulunamadı" in capsys.readouterr().err
    assert main(["--data-dir", d, "backup", "schedule", "--folder", str(folder),
                 "--keep", "5"]) == 0
    out = capsys.readouterr()
    assert "Zamanlanmış yedek: açık" in out.out and "son 5 günün" in out.out
    assert "aynı diskte" in out.err
    assert main(["--data-dir", d, "backup", "run-due"]) == 0
    assert "doğrulandı" in capsys.readouterr().out
    assert main(["--data-dir", d, "backup", "run-due"]) == 0
    assert "zamanı gelmedi" in capsys.readouterr().out
    assert main(["--data-dir", d, "backup", "status"]) == 0
    out = capsys.readouterr().out
    assert "(doğrulandı)" in out and str(folder) in out and "Sıradaki yedek" in out
    assert main(["--data-dir", d, "backup", "schedule", "--off"]) == 0
    assert main(["--data-dir", d, "backup", "status"]) == 0
    assert "Zamanlanmış yedek: kapalı" in capsys.readouterr().out
    shutil.rmtree(folder)
    assert main(["--data-dir", d, "backup", "run-due", "--now"]) == 1
    assert "bulunamadı" in capsys.readouterr().err


def test_the_postbox_service_makes_it_about_once_an_hour(app_ctx: AppContext,
                                                         folder: Path) -> None:
    from app.usecases.postbox import Worker

    backup_schedule.set_schedule(app_ctx, folder)
    worker = Worker(app_ctx, send=False)
    worker.backup_if_due()
    assert len(list(folder.glob("tezgah-yedek-*.zip"))) == 1
    shutil.rmtree(folder)
    worker.backup_if_due()  # looked at within the hour: not again
    assert backup_schedule.read_status(app_ctx.data_dir)["last_error"] == ""
