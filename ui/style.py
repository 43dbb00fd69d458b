"""The calm look: Fusion style, a light palette and one stylesheet from resources/style."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

STYLE = resource_path("style", "tezgah.qss")


def apply_style(app: QApplication) -> None:
    """Once per application: a second window started in the same process (the tests start
    one per test) keeps the style instead of re-polishing every widget still alive."""
    if app.property("tezgahStyled"):
        return
    app.setProperty("tezgahStyled", True)
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    with contextlib.suppress(OSError):
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
