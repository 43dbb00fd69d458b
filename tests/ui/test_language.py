"""English is the second language: the window reads its texts from the built .qm file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from app.settings import LANGUAGE
from ui.prefs import Prefs


def test_english_window(start_gui, qtbot, company_dir: Path) -> None:
    Prefs(company_dir).set(LANGUAGE, "en")
    try:
        gui = start_gui(company_dir)
        win = gui.window
        assert [win.nav.item(i).text() for i in range(win.nav.count())] == [
            "Overview", "Invoices", "New Invoice", "Despatch Advices", "Customers", "Products",
            "Outbox", "Inbox", "Settings"]
        assert win.dashboard.heading.text() == "Overview"
        win.go(3)
        assert win.customers.new_button.text() == "New (Ctrl+N)"  # text of the base class
        win.go(1)
        assert win.invoices.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    finally:
        for tr in QApplication.instance().findChildren(QTranslator):
            QApplication.removeTranslator(tr)
            tr.deleteLater()


def test_turkish_is_the_default(start_gui, qtbot, company_dir: Path) -> None:
    gui = start_gui(company_dir)
    assert gui.window.nav.item(1).text() == "Faturalar"
    assert gui.window.invoices.heading.text() == "Faturalar"
