"""Ayarlar → e-Arşiv: report service (GİB test or another address), TSA address, user and
password (its own private file, never shown back), signature level (A by default), and
"Zaman damgası dene" against the simulator's test TSA."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import settings
from tests.ui.conftest import idle


def test_earsiv_tab_saves_and_asks_for_a_timestamp(start_gui, qtbot, company_dir: Path,
                                                    make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    sim = make_gib_simulator()
    gui = start_gui(company_dir)
    win = gui.window
    win.go(6)
    page = win.settings
    idle(qtbot, gui.services)
    tabs = page.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("e-Arşiv"))
    box = page.earsiv
    # defaults: GİB's test service, level A (the guide's)
    assert box.endpoint_test.isChecked() and box.endpoint.isReadOnly()
    assert box.endpoint.text() == settings.EARSIV_TEST_ENDPOINT
    assert box.level_buttons["A"].isChecked()
    assert "GİB kılavuzunun" in box.level_buttons["A"].text()
    assert "gönderilemez" in box.level_buttons["BES"].text()

    box.endpoint_other.setChecked(True)
    box.endpoint.setText(sim.earsiv_url)
    box.tsa_url.setText(sim.tsa_url)
    box.tsa_user.setText("dükkan")
    box.tsa_password.setText("gizli-şifre")
    box.level_buttons["T"].setChecked(True)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.message.text() == "e-Arşiv ayarları kaydedildi.")
    idle(qtbot, gui.services)
    ctx = gui.services.ctx
    assert settings.read(ctx, settings.EARSIV_ENDPOINT) == sim.earsiv_url
    assert settings.read(ctx, settings.TSA_URL) == sim.tsa_url
    assert settings.read(ctx, settings.TSA_USERNAME) == "dükkan"
    assert settings.read(ctx, settings.EARSIV_SIGNATURE_LEVEL) == "T"
    assert settings.read_tsa_password(ctx.data_dir) == "gizli-şifre"
    assert box.tsa_password.text() == ""  # never shown back
    assert "kayıtlı" in box.tsa_password.placeholderText()
    assert box.endpoint_other.isChecked() and box.endpoint.text() == sim.earsiv_url
    assert box.level_buttons["T"].isChecked()

    qtbot.mouseClick(box.stamp_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.message.text().startswith("Zaman damgası alındı"),
                    timeout=30_000)
    assert "28.11.2026" in box.message.text()  # the TSA's time, by the suite's clock

    # an address nobody answers at: the page says so
    box.tsa_url.setText("http://127.0.0.1:9/tsa")
    qtbot.mouseClick(box.stamp_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.message.text() not in ("Zaman damgası isteniyor…", "")
                    and "alındı" not in box.message.text(), timeout=60_000)
    assert "127.0.0.1:9" in box.message.text() or "ulaş" in box.message.text(), \
        box.message.text()

    # back to GİB's test service
    box.endpoint_test.setChecked(True)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.message.text() == "e-Arşiv ayarları kaydedildi.")
    idle(qtbot, gui.services)
    assert settings.read(ctx, settings.EARSIV_ENDPOINT) == settings.EARSIV_TEST_ENDPOINT
