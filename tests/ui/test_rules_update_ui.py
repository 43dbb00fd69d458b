"""GİB's rule packages in the window: the set a build carries is installed at start (so the
first-start wizard finds them in place), and the install dialog's download installs only what
is newer than the installed packages, saying what it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from app import resources
from app.ubl.rules import BASE_URL_ENV, RulesStore, install_rules
from app.ubl.rules_zip import EFATURA_ZIP_NAME, UBL_ZIP_NAME
from app.usecases import rules
from tests.fixtures.app import make_context
from tests.ui.conftest import idle
from tests.unit.test_rules_update import _newer, _rewrite_history, _Site


@pytest.mark.slow  # edit loop: the update itself is tested quickly in tests/unit/test_rules_update.py
def test_start_installs_the_shipped_set_before_the_wizard(start_gui, tmp_path: Path,
                                                          gib_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "shipped-gib"
    shipped.mkdir()
    for name in (UBL_ZIP_NAME, EFATURA_ZIP_NAME):
        (shipped / name).write_bytes((gib_dir / name).read_bytes())
    monkeypatch.setattr(resources, "shipped_gib_dir", lambda: shipped)
    data = tmp_path / "data"
    gui = start_gui(data)
    try:
        assert gui.wizard is not None
        assert rules.is_installed(data)  # the wizard's rules step has nothing left to do
    finally:
        # an unfinished wizard left to the garbage collector would be destroyed in the middle
        # of a later test's start (and crash it): delete it now
        gui.wizard.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.slow  # edit loop: the update itself is tested quickly in tests/unit/test_rules_update.py
def test_dialog_download_installs_only_what_is_newer(start_gui, qtbot, tmp_path: Path,
                                                     gib_dir: Path, installed_rules_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    install_rules(gib_dir, data / "rules")  # its own copy: this test updates it
    make_context(data, installed_rules_dir)
    site = _Site()
    monkeypatch.setenv(BASE_URL_ENV, site.base)
    try:
        gui = start_gui(data)
        gui.window.go(6)
        page = gui.window.settings
        idle(qtbot, gui.services)
        page.pick_rules()
        dialog = page.rules_dialog
        qtbot.waitUntil(dialog.isVisible)

        site.serve(gib_dir / UBL_ZIP_NAME, gib_dir / EFATURA_ZIP_NAME)
        dialog.download()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
        assert dialog.ok
        assert dialog.result.text().startswith("Kural paketleri güncel: UBL-TR ")

        newer = _rewrite_history(gib_dir / EFATURA_ZIP_NAME, tmp_path / "newer.zip", _newer)
        site.serve(gib_dir / UBL_ZIP_NAME, newer)
        dialog.download()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
        assert dialog.result.text().startswith(
            "e-Fatura paketi güncellendi: 2026-03-12 → 2027-01-15.")
        assert RulesStore(data / "rules").info().packages["efatura"].version == "2027-01-15"

        site.serve(gib_dir / UBL_ZIP_NAME, b"PK\x03\x04 kesik")
        dialog.download()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
        assert dialog.result.property("role") == "error"
        assert "Kurulu kural paketleri değişmedi." in dialog.result.text()
        assert RulesStore(data / "rules").info().packages["efatura"].version == "2027-01-15"
        dialog.close()
        idle(qtbot, gui.services)
    finally:
        site.close()
