"""İptal et…: cancelling an issued e-Arşiv invoice. Shows the rule that applies and its
source, asks for the reason (required) and cancels through ``app.usecases.cancellation``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.usecases.cancellation import REASON_MAX, cancel_invoice
from ui.services import Services
from ui.tasks import DB


class CancelInvoiceDialog(QDialog):
    """``rule`` is ``{"text", "source"}`` as ``load_view`` gives it; ``on_cancelled`` gets
    the use case's ``CancelResult``."""

    def __init__(self, services: Services, info: dict[str, Any], rule: dict[str, str],
                 parent: QWidget | None = None, *,
                 on_cancelled: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info = info
        self.on_cancelled = on_cancelled
        self.result_value: Any = None
        self.setObjectName("cancelInvoiceDialog")
        self.setWindowTitle(self.tr("Faturayı iptal et — {0}").format(info.get("number") or ""))
        self.resize(560, 460)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("{0} numaralı e-Arşiv faturası iptal edilecek.")
                       .format(info.get("number") or ""))
        title.setProperty("role", "title")
        lay.addWidget(title)
        self.rule_label = QLabel(rule.get("text", ""))
        self.rule_label.setObjectName("cancelRule")
        self.rule_label.setWordWrap(True)
        self.rule_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.rule_label)
        self.source_label = QLabel(self.tr("Kaynak: {0}").format(rule.get("source", "")))
        self.source_label.setObjectName("cancelRuleSource")
        self.source_label.setWordWrap(True)
        self.source_label.setProperty("role", "hint")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.source_label)
        lay.addWidget(QLabel(self.tr("İptal nedeni (zorunlu):")))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText(self.tr("Örneğin: Müşteri siparişten vazgeçti"))
        self.reason.setTabChangesFocus(True)
        self.reason.textChanged.connect(self._update_ok)
        lay.addWidget(self.reason, 1)
        self.error_label = QLabel("")
        self.error_label.setObjectName("cancelError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setVisible(False)
        lay.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Faturayı iptal et"))
        self.ok_button.setObjectName("confirmCancel")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Vazgeç"))
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._update_ok()
        self.reason.setFocus()

    def _text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update_ok(self) -> None:
        text = self._text()
        self.ok_button.setEnabled(bool(text) and len(" ".join(text.split())) <= REASON_MAX)

    def confirm(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)
        self.error_label.setVisible(False)
        self.services.tasks.run(DB, partial(cancel_invoice, via="ui"), self.services.ctx,
                                self.info["ettn"], self._text(),
                                on_success=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.accept()
        if self.on_cancelled:
            self.on_cancelled(result)

    def _failed(self, exc: BaseException) -> None:
        self._update_ok()
        if isinstance(exc, UserError):
            self.error_label.setText(exc.message)
            self.error_label.setVisible(True)
            return
        self.services.errors(exc, self)
