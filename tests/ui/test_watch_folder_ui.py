"""The watched folder from the window: a file a till drops becomes a draft in Faturalar and
the status bar says so; a bad one is named with the folder it went to."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app import clock
from tests.fixtures.app import CUSTOMER, invoice_json


def _drop(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{name}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, folder / name)
    then = clock.file_clock() - 60  # written a while ago: complete
    os.utime(folder / name, (then, then))


def test_a_dropped_file_appears_as_a_draft_and_the_notice_shows(start_gui, qtbot,
                                                                  company_dir: Path) -> None:
    gui = start_gui(company_dir)
    win = gui.window
    win.go(1)
    page = win.invoices
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    folder = company_dir / "gelen-dosyalar"

    _drop(folder, "kasa-1.json", json.dumps(invoice_json(issue_date=None)))
    win.folder_watch.scan_now()

    bar = win.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == "Klasörden 1 taslak geldi", timeout=30_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=30_000)
    row = page.model.row(0)
    assert row.customer_name == CUSTOMER["name"]
    assert len(list((folder / "islenen").iterdir())) == 1

    bad = invoice_json(issue_date=None)
    bad["lines"][0]["unit_price"] = "on lira"
    _drop(folder, "kasa-2.json", json.dumps(bad))
    win.folder_watch.scan_now()

    qtbot.waitUntil(lambda: bar.currentMessage() == "1 dosya hatalı: gelen-dosyalar/hatalı",
                    timeout=30_000)
    assert win.folder_watch.notice == "1 dosya hatalı: gelen-dosyalar/hatalı"
    [reason] = (folder / "hatalı").glob("*.txt")
    assert "lines[0].unit_price" in reason.read_text(encoding="utf-8")
    assert page.model.rowCount() == 1
