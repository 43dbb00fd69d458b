"""Asking for the card's PIN from the token thread (Electrum's handler pattern).

``QtPinHandler.ask_pin`` is called by ``app.signing`` on the token lane. It asks the GUI
thread to show ``PinDialog`` and blocks the worker until the user answers. The PIN goes
straight back to the signer: never stored, logged or kept in the dialog after it closes.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PinDialog(QDialog):
    def __init__(self, description: str, warning: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("PIN girin"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("İmzalamak için kartın PIN'ini yazın:") + f"\n{description}")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.warning = QLabel(warning or "")
        self.warning.setObjectName("pinWarning")
        self.warning.setProperty("role", "error")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warning))
        layout.addWidget(self.warning)
        self.edit = QLineEdit()
        self.edit.setObjectName("pinEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                                      | Qt.InputMethodHint.ImhSensitiveData
                                      | Qt.InputMethodHint.ImhNoPredictiveText)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("İmzala"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Vazgeç"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()


class QtPinHandler(QObject):
    """``app.signing.PinHandler`` for the window; lives in the GUI thread."""

    _ask = Signal(str, object)

    def __init__(self, parent_widget: QWidget | None) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._answer: str | None = None
        self._done = threading.Event()
        self.dialog: PinDialog | None = None  # the open dialog, for tests
        self._ask.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # called on the token thread
    def ask_pin(self, token_description: str, warning: str | None) -> str | None:
        self._done.clear()
        self._answer = None
        self._ask.emit(token_description, warning)
        self._done.wait()
        answer, self._answer = self._answer, None
        return answer

    def cancel(self) -> None:
        """Answer "cancel" to a question still open (the window is closing)."""
        if self.dialog is not None:
            self.dialog.reject()
        else:
            self._answer = None
            self._done.set()

    # GUI thread
    def _show(self, description: str, warning: str | None) -> None:
        dialog = PinDialog(description, warning, self._parent_widget)
        self.dialog = dialog

        def finished(code: int) -> None:
            self._answer = dialog.edit.text() if code == QDialog.DialogCode.Accepted else None
            dialog.edit.clear()
            self.dialog = None
            dialog.deleteLater()
            self._done.set()

        dialog.finished.connect(finished)
        dialog.open()
