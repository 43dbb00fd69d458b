"""GİB's rule packages are installed from the window (settings page → the install dialog):
the zips one after the other (or both, or their folder); progress, then a clear result."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from app.usecases import rules
from tests.fixtures.app import make_context
from tests.ui.conftest import idle


@pytest.mark.slow  # edit loop: a sibling test covers the same path quickly
def test_settings_page_installs_rules_through_the_dialog(start_gui, qtbot, tmp_path: Path,
                                                         gib_dir: Path,
                                                         installed_rules_dir: Path) -> None:
    data = tmp_path / "data"
    make_context(data, installed_rules_dir)
    (data / "rules").unlink()  # the company is there, GİB's packages are not
    assert not rules.is_installed(data)
    gui = start_gui(data)
    win = gui.window
    win.go(6)
    page = win.settings
    idle(qtbot, gui.services)
    page.findChild(QPushButton, "installRules").click()
    dialog = page.rules_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "e-FaturaPaketi.zip" in dialog.findChild(type(dialog.result), "rulesIntro").text()
    dialog.install_from(str(gib_dir / "UBL-TR1.2.1_Paketi.zip"))
    assert dialog.busy and not dialog.download_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
    assert not dialog.ok and "diğerini" in dialog.result.text()
    dialog.install_from(str(gib_dir / "e-FaturaPaketi.zip"))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
    assert dialog.ok
    assert not dialog.busy and "Kuruldu" in dialog.result.text()
    assert rules.is_installed(data)
    dialog.close()
    idle(qtbot, gui.services)


def test_issuing_without_rules_offers_the_install_and_then_issues(
        start_gui, qtbot, company_dir: Path, gib_dir: Path) -> None:
    """No terminal: issuing without GİB's packages opens the install dialog; once they are
    in, the same invoice is issued."""
    from app.usecases import signers
    from tests.fixtures.app import COMPANY, CUSTOMER
    from ui.models.lines import COL

    signers.use_test_certificate(company_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    (company_dir / "rules").unlink()
    gui = start_gui(company_dir)
    gui.window.go(2)
    ed = gui.window.editor
    ed.header.set_customer(dict(CUSTOMER))
    ed.lines.setData(ed.lines.index(0, COL["name"]), "Çay")
    ed.lines.setData(ed.lines.index(0, COL["unit_price"]), "10")
    ed.issue()
    qtbot.waitUntil(lambda: getattr(ed, "rules_dialog", None) is not None, timeout=30_000)
    dialog = ed.rules_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert not ed.busy and ed.last_result is None
    dialog.install_from(str(gib_dir))
    qtbot.waitUntil(lambda: ed.last_result is not None, timeout=120_000)
    assert ed.last_result.number.endswith("000000001")
    assert rules.is_installed(company_dir)
    idle(qtbot, gui.services)
