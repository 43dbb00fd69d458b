"""An exception nothing caught in the window (here: in a slot) reaches tezgah.log with its
traceback and the user gets the calm "unexpected error" message, not silence."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

import ui.main
from app import logsetup
from ui.errors import ErrorReporter


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    log_file = logsetup.configure(tmp_path)
    reporter = ErrorReporter()
    button = QPushButton("Yazdır")
    qtbot.addWidget(button)

    def broken_slot() -> None:
        raise RuntimeError("yazıcı kuyruğu bozuk")

    button.clicked.connect(broken_slot)

    def run_window() -> int:
        button.click()  # the slot raises inside Qt's event handling
        return 0

    gui = SimpleNamespace(app=SimpleNamespace(exec=run_window),
                          services=SimpleNamespace(errors=reporter), close=lambda: None)
    monkeypatch.setattr(ui.main, "start", lambda data_dir, argv=None: gui)
    hook_before = sys.excepthook
    try:
        assert ui.main.main(tmp_path) == 0
    finally:
        for handler in list(logging.getLogger("tezgah").handlers):
            handler.flush()
    assert sys.excepthook is hook_before  # put back when the window closed

    text = log_file.read_text(encoding="utf-8")
    assert "ERROR tezgah.ui" in text
    assert "Traceback" in text and "RuntimeError: yazıcı kuyruğu bozuk" in text
    assert "broken_slot" in text
    assert reporter.last_message is not None
    assert reporter.last_message.startswith("Beklenmeyen bir hata oldu; işlem yapılmadı.")
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]
    assert boxes and boxes[-1].text() == reporter.last_message
    for box in boxes:
        box.close()
    for handler in list(logging.getLogger("tezgah").handlers):
        if isinstance(handler, logging.FileHandler):
            logging.getLogger("tezgah").removeHandler(handler)
            handler.close()
