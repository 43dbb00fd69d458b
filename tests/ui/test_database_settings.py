"""Ayarlar → Veritabanı and the wizard's shared-server dialog: the URL the next start uses is
saved on this computer without a password (one with a password is refused in Turkish),
"Bağlantıyı dene" answers from a real PostgreSQL server, and ``configured_url`` takes
``--database-url``, then ``TEZGAH_DATABASE_URL``, then the saved URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton

from app.db.engine import configured_url
from app.settings import read_database_url, write_database_url
from tests.ui.conftest import activate

SAVED = "postgresql://kasa@sunucu:5432/tezgah"


def test_the_option_comes_before_the_environment_before_the_saved_url(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_database_url(tmp_path, SAVED)
    saved = read_database_url(tmp_path)
    monkeypatch.setenv("TEZGAH_DATABASE_URL", "postgresql://ortam@sunucu/tezgah")
    assert configured_url("postgresql://secenek@sunucu/tezgah", saved) == \
        "postgresql://secenek@sunucu/tezgah"
    assert configured_url(None, saved) == "postgresql://ortam@sunucu/tezgah"
    monkeypatch.delenv("TEZGAH_DATABASE_URL")
    assert configured_url(None, saved) == SAVED
    write_database_url(tmp_path, "")
    assert configured_url(None, read_database_url(tmp_path)) is None


def database_form(start_gui: Callable[..., Any], qtbot: Any, company_dir: Path) -> Any:
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    gui.window.go(6)
    page = gui.window.settings
    form = page.database
    page.tabs.setCurrentIndex(page.tabs.indexOf(form.parentWidget().parentWidget().parentWidget()))
    qtbot.waitUntil(form.isVisible, timeout=5_000)
    return form


def click(qtbot: Any, button: Any) -> None:
    """Click where a person clicks: a radio button on its circle, a push button anywhere."""
    where = QPoint(8, button.height() // 2) if isinstance(button, QRadioButton) \
        else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)


def type_into(qtbot: Any, field: Any, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_the_section_saves_a_url_without_a_password_and_asks_to_restart(
        company_dir: Path, start_gui: Callable[..., Any], qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
    form = database_form(start_gui, qtbot, company_dir)
    assert form.sqlite.isChecked() and not form.host.isEnabled()
    assert "tezgah.sqlite3" in form.now.text()
    click(qtbot, form.postgres)
    type_into(qtbot, form.host, "sunucu")
    type_into(qtbot, form.port, "5432")
    type_into(qtbot, form.database, "tezgah")
    type_into(qtbot, form.user, "kasa")
    assert form.url.text() == SAVED
    click(qtbot, form.save_button)
    assert read_database_url(company_dir) == SAVED
    assert "yeniden başlatılınca" in form.message.text()
    qtbot.waitUntil(lambda: form.restart_box is not None and form.restart_box.isVisible(),
                    timeout=5_000)
    form.restart_box.button(form.restart_box.StandardButton.No).click()  # "Sonra"

    click(qtbot, form.sqlite)
    click(qtbot, form.save_button)
    assert read_database_url(company_dir) == ""


def test_the_section_refuses_a_url_with_a_password(
        company_dir: Path, start_gui: Callable[..., Any], qtbot: Any) -> None:
    form = database_form(start_gui, qtbot, company_dir)
    click(qtbot, form.postgres)
    type_into(qtbot, form.url, "postgresql://kasa:gizli@sunucu:5432/tezgah")
    click(qtbot, form.save_button)
    text = form.message.text()
    assert "parola olmamalı" in text and "PGPASSWORD" in text and "gizli" not in text
    assert read_database_url(company_dir) == ""
    assert form.restart_box is None


def test_trying_the_connection_against_a_real_server(
        company_dir: Path, start_gui: Callable[..., Any], qtbot: Any, postgres_url: str) -> None:
    form = database_form(start_gui, qtbot, company_dir)
    click(qtbot, form.postgres)
    type_into(qtbot, form.url, postgres_url)
    click(qtbot, form.test_button)
    qtbot.waitUntil(lambda: "Bağlantı kuruldu" in form.message.text(), timeout=30_000)
    assert "kullanılmaya hazır" in form.message.text()

    type_into(qtbot, form.database, "boyle_bir_veritabani_yok")
    assert "boyle_bir_veritabani_yok" in form.url.text()
    click(qtbot, form.test_button)
    qtbot.waitUntil(lambda: "veritabanı yok" in form.message.text(), timeout=30_000)


def test_the_wizard_points_a_new_computer_at_the_shared_server(
        tmp_path: Path, start_gui: Callable[..., Any], qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
    data_dir = tmp_path / "yeni"
    gui = start_gui(data_dir)
    wizard = gui.wizard
    activate(qtbot, wizard)
    click(qtbot, wizard.welcome.shared)
    qtbot.waitUntil(lambda: wizard.database_dialog is not None
                    and wizard.database_dialog.isVisible(), timeout=5_000)
    form = wizard.database_dialog.form
    assert form.postgres.isChecked()
    type_into(qtbot, form.url, SAVED)
    click(qtbot, form.save_button)
    assert read_database_url(data_dir) == SAVED
    form.restart_box.button(form.restart_box.StandardButton.No).click()
    # the dialog goes as a person closes it ("Kapat"), before the window is torn down
    dialog = wizard.database_dialog
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
