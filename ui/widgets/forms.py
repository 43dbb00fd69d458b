"""Form helpers: an error label under each field, and the VKN/TCKN field checked as typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.errors import UserError
from app.domain.identity import check_vkn_tckn


def error_label(name: str = "") -> QLabel:
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setVisible(False)
    if name:
        label.setObjectName(f"error_{name}")
    return label


class FieldErrors:
    """Maps the ``field`` of a ``UserError`` to the widget it concerns and its label."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, key: str, widget: QWidget, label: QLabel) -> None:
        self._fields[key] = (widget, label)

    def row(self, form: QFormLayout, title: str, key: str, widget: QWidget) -> QLabel:
        """Add ``widget`` to ``form`` with an error label below it."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        label = error_label(key)
        lay.addWidget(label)
        form.addRow(title, box)
        self.add(key, widget, label)
        return label

    def clear(self) -> None:
        for _, label in self._fields.values():
            label.clear()
            label.setVisible(False)

    def show(self, exc: UserError, prefix: str = "") -> bool:
        """Show the message next to its field; False when no field of this form matches."""
        key = (exc.field or "")
        if prefix and key.startswith(prefix):
            key = key[len(prefix):]
        candidates = [key, key.split(".")[-1], key.split("[")[0]]
        for k in candidates:
            if k in self._fields:
                widget, label = self._fields[k]
                label.setText(exc.message)
                label.setVisible(True)
                widget.setFocus()
                return True
        return False

    def message(self, key: str) -> str:
        return self._fields[key][1].text() if key in self._fields else ""


class VknEdit(QLineEdit):
    """VKN (10 digits) or TCKN (11 digits), checked with its check digits as it is typed."""

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, allow_final_consumer: bool = False) -> None:
        super().__init__(parent)
        self.allow_final_consumer = allow_final_consumer
        self.setMaxLength(11)
        self.setPlaceholderText(self.tr("10 haneli VKN ya da 11 haneli TCKN"))
        self.hint = QLabel()
        self.hint.setObjectName("vknHint")
        self.hint.setWordWrap(True)
        self.textChanged.connect(self._check)
        self.valid = False

    def _check(self, text: str) -> None:
        digits = text.strip()
        if not digits:
            self.hint.clear()
            self._set_valid(False)
            return
        if len(digits) < 10 and digits.isascii() and digits.isdigit():
            self.hint.setText(self.tr("{0} hane yazıldı").format(len(digits)))
            self.hint.setProperty("role", "hint")
            self._set_valid(False)
        else:
            try:
                check_vkn_tckn(digits, allow_final_consumer=self.allow_final_consumer)
            except UserError as exc:
                self.hint.setText(exc.message)
                self.hint.setProperty("role", "error")
                self._set_valid(False)
            else:
                self.hint.setText(self.tr("✓ Geçerli VKN") if len(digits) == 10
                                  else self.tr("✓ Geçerli TCKN"))
                self.hint.setProperty("role", "ok")
                self._set_valid(True)
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)

    def _set_valid(self, valid: bool) -> None:
        if valid != self.valid:
            self.valid = valid
            self.validity_changed.emit(valid)
