"""Settings → GİB → "Posta kutusu servisi": a desktop whose posta kutusu runs on another
computer types the service's address and its API token, presses "Bağlan ve gelenleri al",
and the invoice the service received appears in its Gelen Kutusu; the token is kept in the
private file, never shown again. The company's PK alias is saved from the company tab."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from app import settings
from app.context import AppContext
from app.signing import TEST_CA_FILE
from app.usecases import inbox
from app.usecases.company import set_company
from app.usecases.postbox import make_server, new_token
from app.usecases.postbox_api import handler
from app.usecases.trust import add as trust_add
from tests.fixtures.app import make_context
from tests.fixtures.postbox import BBB
from tests.fixtures.simulator import Packed
from tests.ui.conftest import idle


@pytest.fixture
def service(receiver_ctx: AppContext) -> Iterator[Any]:
    server = make_server(receiver_ctx, "127.0.0.1", 0)
    server.service.api = handler(receiver_ctx)
    server.start()
    yield server
    server.stop()


def test_desktop_connects_to_a_service_elsewhere_and_collects(
        start_gui: Any, qtbot: Any, tmp_path: Path, installed_rules_dir: Path,
        receiver_ctx: AppContext, service: Any, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes], _gib_signer_dir: Path) -> None:
    deliver([make_gib_invoice()])
    ettn = inbox.list_inbox(receiver_ctx)[0]["ettn"]
    token = new_token(receiver_ctx, "kasa-1")
    desk = make_context(tmp_path / "desk", installed_rules_dir, company=False)
    set_company(desk, BBB)
    shutil.copyfile(_gib_signer_dir / "signer" / TEST_CA_FILE, tmp_path / "aaa.pem")
    trust_add(desk.data_dir, tmp_path / "aaa.pem")

    gui = start_gui(desk.data_dir)
    win = gui.window
    win.go(6)
    page = win.settings
    idle(qtbot, gui.services)
    url = page.findChild(QLineEdit, "postboxServiceUrl")
    key = page.findChild(QLineEdit, "postboxToken")
    assert key.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(url, service.base_url)
    qtbot.keyClicks(key, token)
    page.tabs.setCurrentIndex(2)  # GİB
    button = page.findChild(QPushButton, "postboxPull")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    state = page.findChild(type(page.postbox_state), "postboxState")
    qtbot.waitUntil(lambda: state.text() == "1 zarf alındı, 1 tanesi yeni.", timeout=30_000)
    assert key.text() == "" and "kayıtlı" in key.placeholderText()
    assert [i["ettn"] for i in inbox.list_inbox(desk)] == [ettn]
    assert settings.read_postbox_token(desk.data_dir) == token
    assert settings.read(desk, settings.POSTBOX_SERVICE_URL) == service.base_url


def test_company_tab_saves_the_postbox_alias(start_gui: Any, qtbot: Any,
                                             company_dir: Path) -> None:
    gui = start_gui(company_dir)
    win = gui.window
    win.go(6)
    page = win.settings
    idle(qtbot, gui.services)
    field = page.findChild(QLineEdit, "postboxAlias")
    assert field.text() == ""
    qtbot.keyClicks(field, "urn:mail:faturapk@deneme.com.tr")
    qtbot.mouseClick(page.findChild(QPushButton, "saveCompany"), Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert settings.read(gui.services.ctx, settings.POSTBOX_ALIAS) == \
        "urn:mail:faturapk@deneme.com.tr"
    field.clear()
    qtbot.keyClicks(field, "bozuk etiket")
    qtbot.mouseClick(page.findChild(QPushButton, "saveCompany"), Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert settings.read(gui.services.ctx, settings.POSTBOX_ALIAS) == \
        "urn:mail:faturapk@deneme.com.tr"
