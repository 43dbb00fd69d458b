"""Ayarlar › Diğer programlar: the local API's and the watched folder's settings shown with
their defaults, saved through the page's own widgets and read back; a wrong port is refused
in Turkish and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices

from app import settings
from app.context import AppContext
from tests.ui.conftest import idle


def _tab(start_gui: Callable[..., Any], qtbot: Any, company_dir: Path) -> tuple[Any, Any]:
    gui = start_gui(company_dir)
    gui.window.go(6)
    page = gui.window.settings
    idle(qtbot, gui.services)
    tabs = page.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index(
        "Diğer programlar"))
    box = page.other_programs
    qtbot.waitUntil(box.isVisible)
    return gui, box


def _type(qtbot: Any, edit: Any, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    edit.insert(text)  # as typed (QTest maps only ASCII keys; the field may get any text)


def _inside() -> QPoint:
    return QPoint(8, 8)  # on the check box's indicator


def _save(qtbot: Any, gui: Any, box: Any) -> None:
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)


def test_the_defaults_are_shown(start_gui: Callable[..., Any], qtbot: Any,
                                company_dir: Path) -> None:
    _gui, box = _tab(start_gui, qtbot, company_dir)
    assert box.port.text() == "8787"
    assert not box.open_to_network.isChecked() and not box.batch_signing.isChecked()
    assert box.watch_enabled.isChecked() and box.watch_folder.text() == ""
    default = company_dir / "gelen-dosyalar"
    assert str(default) in box.watch_folder.placeholderText()
    assert box.watch_now.text() == f"Kullanılan klasör: {default}"
    assert "tezgah api serve" in box.commands.text() and "tezgah api token" in box.commands.text()
    assert "127.0.0.1" in box.network_warning.text()


def test_values_are_saved_and_read_back(start_gui: Callable[..., Any], qtbot: Any,
                                        company_dir: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    gui, box = _tab(start_gui, qtbot, company_dir)
    _type(qtbot, box.port, "9090")
    qtbot.mouseClick(box.open_to_network, Qt.MouseButton.LeftButton, pos=_inside())
    qtbot.mouseClick(box.batch_signing, Qt.MouseButton.LeftButton, pos=_inside())
    qtbot.mouseClick(box.watch_enabled, Qt.MouseButton.LeftButton, pos=_inside())
    folder = tmp_path / "kasa-ciktilari"
    folder.mkdir()
    qtbot.mouseClick(box.choose_button, Qt.MouseButton.LeftButton)
    chooser = box.folder_dialog
    assert chooser.isVisible()
    chooser.setDirectory(str(folder))
    chooser.selectFile(str(folder))
    chooser.accept()
    qtbot.waitUntil(lambda: box.watch_folder.text() == str(folder))
    _save(qtbot, gui, box)
    assert box.message.text().startswith("Diğer programlar ayarları kaydedildi.")

    ctx = AppContext.open(company_dir)
    assert settings.read(ctx, settings.API_PORT) == 9090
    assert settings.read(ctx, settings.API_OPEN_TO_NETWORK) is True
    assert settings.read(ctx, settings.API_BATCH_SIGNING) is True
    assert settings.read(ctx, settings.WATCH_FOLDER_ENABLED) is False
    assert settings.read(ctx, settings.WATCH_FOLDER) == str(folder)

    # read back from the database
    for w in (box.port, box.watch_folder):
        w.clear()
    box.refresh()
    idle(qtbot, gui.services)
    assert box.port.text() == "9090" and box.watch_folder.text() == str(folder)
    assert box.open_to_network.isChecked() and box.batch_signing.isChecked()
    assert not box.watch_enabled.isChecked()
    assert box.watch_now.text() == f"Kullanılan klasör: {folder}"

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert opened == [QUrl.fromLocalFile(str(folder))]

    # an empty path is the data folder's gelen-dosyalar again; "Klasörü aç" makes it
    _type(qtbot, box.watch_folder, "")
    _save(qtbot, gui, box)
    assert settings.read(ctx, settings.WATCH_FOLDER) == ""
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    idle(qtbot, gui.services)
    assert opened[-1] == QUrl.fromLocalFile(str(company_dir / "gelen-dosyalar"))
    assert (company_dir / "gelen-dosyalar").is_dir()


@pytest.mark.parametrize(("typed", "message"), [
    ("70000", "API portu 1 ile 65535 arasında olmalı; '70000' yazıldı."),
    ("0", "API portu 1 ile 65535 arasında olmalı; '0' yazıldı."),
    ("80a", "API portu bir sayı olmalı (1–65535); '80a' yazıldı."),
    ("٨٠٨٠", "API portu bir sayı olmalı (1–65535); '٨٠٨٠' yazıldı."),
    ("", "API portu bir sayı olmalı (1–65535); '' yazıldı."),
])
def test_a_bad_port_is_refused_in_turkish(start_gui: Callable[..., Any], qtbot: Any,
                                          company_dir: Path, typed: str, message: str) -> None:
    gui, box = _tab(start_gui, qtbot, company_dir)
    qtbot.mouseClick(box.batch_signing, Qt.MouseButton.LeftButton, pos=_inside())
    _type(qtbot, box.port, typed)
    _save(qtbot, gui, box)
    assert box.message.text() == message
    assert box.message.property("role") == "error"
    ctx = AppContext.open(company_dir)
    assert settings.read(ctx, settings.API_PORT) == 8787
    assert settings.read(ctx, settings.API_BATCH_SIGNING) is False  # nothing of the group


def test_a_file_as_the_watched_folder_is_refused(start_gui: Callable[..., Any], qtbot: Any,
                                                 company_dir: Path, tmp_path: Path) -> None:
    gui, box = _tab(start_gui, qtbot, company_dir)
    a_file = tmp_path / "fatura.json"
    a_file.write_text("{}")
    _type(qtbot, box.watch_folder, str(a_file))
    _save(qtbot, gui, box)
    assert box.message.text() == f"İzlenen klasörün yolu bir dosya: {a_file}. Bir klasör seçin."
    assert settings.read(AppContext.open(company_dir), settings.WATCH_FOLDER) == ""


def test_the_tab_speaks_english(start_gui: Callable[..., Any], qtbot: Any,
                                company_dir: Path) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from ui.prefs import Prefs

    Prefs(company_dir).set(settings.LANGUAGE, "en")
    try:
        gui = start_gui(company_dir)
        gui.window.go(6)
        tabs = gui.window.settings.tabs
        assert "Other software" in [tabs.tabText(i) for i in range(tabs.count())]
        box = gui.window.settings.other_programs
        assert box.open_to_network.text() == "Open to the network (other computers can connect)"
        assert box.save_button.text() == "Save the other software settings"
        gui.window.go(1)
        assert gui.window.invoices.export_button.text() == "Export for the accountant…"
    finally:
        for tr in QApplication.instance().findChildren(QTranslator):
            QApplication.removeTranslator(tr)
            tr.deleteLater()


def test_the_network_warning_turns_red_when_opened(start_gui: Callable[..., Any], qtbot: Any,
                                                   company_dir: Path) -> None:
    _gui, box = _tab(start_gui, qtbot, company_dir)
    assert box.network_warning.property("role") == "hint"
    qtbot.mouseClick(box.open_to_network, Qt.MouseButton.LeftButton, pos=_inside())
    assert box.network_warning.property("role") == "error"
