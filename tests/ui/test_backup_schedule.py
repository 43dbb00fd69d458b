"""The window makes the scheduled backup: in the background when it opens, and when it
closes (under a "Yedek alınıyor…" dialog)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.usecases import backup_schedule


def _backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("tezgah-yedek-*.zip"))


def test_a_due_backup_is_made_in_the_background_at_start(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "yedek"
    folder.mkdir()
    backup_schedule.set_schedule(AppContext.open(company_dir), folder)
    gui = start_gui(company_dir)
    qtbot.waitUntil(lambda: len(_backups(folder)) == 1 and not gui.window.backup.running,
                    timeout=60_000)
    qtbot.waitUntil(lambda: "doğrulandı" in gui.window.statusBar().currentMessage())
    assert backup_schedule.read_status(company_dir)["verified"] is True


def test_closing_the_window_with_a_due_backup_makes_one(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "yedek"
    folder.mkdir()
    gui = start_gui(company_dir)
    qtbot.waitUntil(lambda: not gui.window.backup.running, timeout=60_000)
    assert _backups(folder) == []  # the schedule was off at start
    backup_schedule.set_schedule(AppContext.open(company_dir), folder)
    gui.window.close()
    assert len(_backups(folder)) == 1
    status = backup_schedule.read_status(company_dir)
    assert status["verified"] and status["last_path"] == str(folder / _backups(folder)[0])
    assert not backup_schedule.due(AppContext.open(company_dir))


def test_a_failed_backup_at_start_is_shown_not_raised(
        start_gui: Callable[..., Any], qtbot: Any, company_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "yedek"
    folder.mkdir()
    backup_schedule.set_schedule(AppContext.open(company_dir), folder)
    folder.rmdir()
    gui = start_gui(company_dir)
    qtbot.waitUntil(lambda: "bulunamadı" in gui.window.statusBar().currentMessage(),
                    timeout=60_000)
    assert "bulunamadı" in backup_schedule.read_status(company_dir)["last_error"]
    backup_schedule.turn_off(AppContext.open(company_dir))  # closing does not try again
