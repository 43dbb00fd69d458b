"""Özet lists the e-Arşiv reports that are due or late, and "Raporu şimdi gönder" asks the
card's PIN with the issuing prompt, prepares the report, sends it to the in-process simulator
(a demo folder: its /tsa and EArsivWs) and shows the outcome."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import settings
from app.context import AppContext
from app.paths import signer_dir
from app.signing import SignerConfig, save_signer_config
from app.usecases import earsiv
from tests.integration.test_earsiv_daily_report import _issue_on
from tests.ui.conftest import idle


def _label(page, name: str) -> str:  # type: ignore[no-untyped-def]
    w = page.findChild(QLabel, name)
    assert w is not None, name
    return w.text()


def test_due_reports_are_listed_and_sent_now_with_the_card_pin(
        start_gui, qtbot, company_dir: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(company_dir)
    d, today = date(2026, 11, 26), date(2026, 11, 28)  # the suite's today is 28.11.2026
    _issue_on(ctx, [d, today])
    settings.write(ctx, settings.DEMO_FOLDER, True)
    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.05)
    settings.write(ctx, settings.EARSIV_SIGNATURE_LEVEL, "T")
    # The company signs with a card: the demo certificate without its password beside it.
    folder = signer_dir(company_dir)
    demo = next(p for p in folder.glob("*.p12"))
    password = Path(str(demo) + ".password").read_text()
    card = folder / "kart.p12"
    shutil.copy(demo, card)
    save_signer_config(company_dir, SignerConfig(kind="pkcs12", pkcs12_path=str(card)))

    gui = start_gui(company_dir)
    page = gui.window.dashboard
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: page.earsiv_rows is not None)
    assert [r.day for r in page.earsiv_rows] == [d, today]
    assert _label(page, "earsiv_due_2026-11-26") == "son gönderim 27.11.2026 23:59"
    assert _label(page, "earsiv_late_2026-11-26") == "gecikti"
    assert _label(page, "earsiv_state_2026-11-26") == "Hazırlanmadı"
    assert _label(page, "earsiv_due_2026-11-28") == "son gönderim 29.11.2026 23:59"
    assert _label(page, "earsiv_late_2026-11-28") == ""
    button = page.earsiv_send
    assert button.text() == "Raporu şimdi gönder" and button.isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pin_handler.dialog is not None, timeout=30_000)
    qtbot.keyClicks(page.pin_handler.dialog.edit, password)
    qtbot.keyClick(page.pin_handler.dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.earsiv_busy, timeout=120_000)
    idle(qtbot, gui.services)
    outcome = page.earsiv_outcome.text()
    assert "26.11.2026: GİB'de işlendi" in outcome, outcome
    rows = {r.day: r for r in earsiv.report_days(ctx)}
    assert rows[d].state == earsiv.ACCEPTED and rows[today].state == earsiv.NOT_BUILT
    # The accepted day leaves the list; today's is not due yet.
    qtbot.waitUntil(lambda: [r.day for r in page.earsiv_rows or []] == [today])
    assert not button.isEnabled()


def test_cancelling_the_pin_sends_nothing(start_gui, qtbot, company_dir: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(company_dir)
    d = date(2026, 11, 27)
    _issue_on(ctx, [d])
    settings.write(ctx, settings.DEMO_FOLDER, True)
    folder = signer_dir(company_dir)
    card = folder / "kart.p12"
    shutil.copy(next(folder.glob("*.p12")), card)
    save_signer_config(company_dir, SignerConfig(kind="pkcs12", pkcs12_path=str(card)))
    gui = start_gui(company_dir)
    page = gui.window.dashboard
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: page.earsiv_send.isEnabled())
    qtbot.mouseClick(page.earsiv_send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pin_handler.dialog is not None, timeout=30_000)
    page.pin_handler.dialog.reject()
    qtbot.waitUntil(lambda: not page.earsiv_busy, timeout=60_000)
    assert page.earsiv_outcome.isVisible() or page.earsiv_outcome.text()
    assert earsiv.report_days(ctx)[0].state == earsiv.NOT_BUILT
