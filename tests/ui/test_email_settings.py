"""Ayarlar → E-posta: the SMTP settings saved (the password into its private file, never shown
back) and "Deneme e-postası gönder" pressed against a real SMTP server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app import settings
from tests.fixtures.smtp import SmtpServer, running_smtp_server
from tests.ui.conftest import idle


@pytest.fixture(scope="module")
def smtp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    with running_smtp_server(tmp_path_factory.mktemp("smtp")) as server:
        yield server


def test_email_tab_saves_and_sends_a_test_message(start_gui, qtbot, company_dir: Path,
                                                   smtp: SmtpServer) -> None:
    gui = start_gui(company_dir)
    win = gui.window
    win.go(6)
    page = win.settings
    idle(qtbot, gui.services)
    tabs = page.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("E-posta"))
    box = page.email
    box.host.setText(smtp.host)
    box.port.setValue(smtp.ports["starttls"])
    box.security.setCurrentIndex(box.security.findData("starttls"))
    box.username.setText(smtp.username)
    box.password.setText(smtp.password)
    box.from_address.setText("fatura@deneme.invalid")
    box.from_name.setText("Deneme Tekstil")
    box.ca_file.setText(str(smtp.ca_file))
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.message.text() == "E-posta ayarları kaydedildi.")
    idle(qtbot, gui.services)
    ctx = gui.services.ctx
    assert settings.read(ctx, settings.SMTP_HOST) == smtp.host
    assert settings.read_smtp_password(ctx.data_dir) == smtp.password
    assert box.password.text() == ""  # never shown back
    assert "kayıtlı" in box.password.placeholderText()

    before = len(smtp.received())
    qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.message.text().startswith("Deneme e-postası gönderildi"),
                    timeout=30_000)
    received = smtp.received()[before:]
    assert len(received) == 1 and received[0].message["Subject"] == "Tezgâh deneme e-postası"

    # a wrong password: the test message is refused and the page says so in Turkish
    box.password.setText("yanlis-parola")
    qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.message.text().startswith("Deneme e-postası gönderil"),
                    timeout=30_000)
    assert box.message.text()
    assert len(smtp.received()) == before + 1
