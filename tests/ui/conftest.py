"""Fixtures for the desktop app's tests: the real window offscreen on a real SQLite file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.fixtures.app import make_context


@pytest.fixture
def start_gui(qapp: QApplication, qtbot: Any) -> Iterator[Callable[..., Any]]:
    """``start_gui(data_dir)`` → ``ui.main.Gui`` (window or wizard shown, no background sync)."""
    from ui.main import start

    started = []

    def make(data_dir: Path, **kwargs: Any) -> Any:
        kwargs.setdefault("start_sync", False)
        gui = start(data_dir, **kwargs)
        started.append(gui)
        return gui

    yield make
    for gui in started:
        for w in QApplication.topLevelWidgets():
            w.close()
        gui.close()
        qapp.processEvents()


@pytest.fixture
def company_dir(tmp_path: Path, installed_rules_dir: Path) -> Path:
    """A data folder with GİB's rules and the test company (fixtures/app.py)."""
    make_context(tmp_path / "data", installed_rules_dir)
    return tmp_path / "data"


def open_editor(start_gui: Callable[..., Any], qtbot: Any, company_dir: Path) -> Any:
    """The window on the Yeni Fatura page of a company that can sign (the demo TEST
    certificate), ready for an invoice to be typed and issued."""
    from app.context import AppContext
    from app.signing import create_test_certificate, save_signer_config
    from app.usecases.company import set_company
    from tests.fixtures.app import COMPANY

    set_company(AppContext.open(company_dir), COMPANY)
    save_signer_config(company_dir, create_test_certificate(company_dir, COMPANY["vkn_tckn"],
                                                           COMPANY["name"]))
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    gui.window.go(2)
    return gui


def idle(qtbot: Any, services: Any, timeout: int = 30_000) -> None:
    """Wait until no background job is pending (results delivered)."""
    qtbot.waitUntil(lambda: services.tasks.pending == 0, timeout=timeout)


def focused() -> Any:
    w = QApplication.focusWidget()
    assert w is not None, "no widget has the keyboard focus"
    return w


def activate(qtbot: Any, window: Any) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def type_text(qtbot: Any, text: str) -> None:
    """Type like a person: every key goes to the widget that has the focus at that moment."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(focused(), ch)
        else:  # QTest only maps ASCII to keys; a Turkish letter is sent as its text
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focused(), QKeyEvent(
                    kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()


def key(qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), k, modifier)
    QApplication.processEvents()  # item views commit an editor through a queued call
