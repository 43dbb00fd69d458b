"""Which GİB service the window sends to is shown in the status bar and on the settings page,
and choosing the live service there changes both."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from app.settings import GIB_LIVE_ENDPOINT, GIB_TEST_ENDPOINT
from app.usecases.sending import endpoint_info
from tests.ui.conftest import idle


class _Sync(QObject):
    state_changed = Signal(str, str)
    synced = Signal()

    def __init__(self, endpoint_url: str) -> None:
        super().__init__()
        self.endpoint_url = endpoint_url

    def stop(self) -> None:
        pass


def test_endpoint_in_status_bar_and_settings(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    win = gui.window
    badge = win.statusBar().findChild(QLabel, "gibEndpoint")
    assert badge is win.endpoint
    qtbot.waitUntil(lambda: badge.text() == "GİB test ortamı")
    assert badge.toolTip() == GIB_TEST_ENDPOINT and badge.property("kind") == "test"

    win.go(6)
    page = win.settings
    idle(qtbot, gui.services)
    assert page.gib_test.isChecked() and GIB_TEST_ENDPOINT in page.gib_now.text()
    page.gib_live.setChecked(True)
    page.save_endpoint()
    qtbot.waitUntil(lambda: badge.text() == "GİB canlı ortam")
    assert badge.toolTip() == GIB_LIVE_ENDPOINT
    assert "GİB canlı ortam" in page.gib_now.text() and GIB_LIVE_ENDPOINT in page.gib_now.text()
    assert endpoint_info(gui.services.ctx)["kind"] == "live"

    # a sync that sends elsewhere (demo mode: the local simulator) shows that one
    win.attach_sync(_Sync("http://127.0.0.1:8080/EFaturaMerkez/services/EFatura"))
    qtbot.waitUntil(lambda: badge.text() == "Yerel GİB test simülatörü")
    assert badge.property("kind") == "local"
