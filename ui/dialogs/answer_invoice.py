"""KABUL / RED of an incoming TICARIFATURA: KABUL after one confirmation, RED with its reason
(required, at most 500 characters). The answer is signed on the card — the PIN is asked the
way issuing asks it (``ui.pin``) and never kept — and queued for GİB (``app.usecases.inbox``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.usecases import inbox
from ui.services import Services
from ui.tasks import TOKEN

MAX_REASON = 500


def respond_job(ctx: Any, ettn: str, accept: bool, reason: str, secret: Any) -> dict[str, Any]:
    """Job (token lane): sign and queue the answer."""
    return inbox.respond(ctx, ettn, accept=accept, reason=reason, secret=secret)


class AnswerDialog(QDialog):
    def __init__(self, services: Services, info: dict[str, Any], accept: bool, pin_handler: Any,
                 parent: QWidget | None = None, *,
                 on_answered: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info = info
        self.accepting = accept
        self.pin_handler = pin_handler
        self.on_answered = on_answered
        self.busy = False
        self.setObjectName("answerDialog")
        self.setModal(True)
        self.setWindowTitle(self.tr("Faturayı KABUL et") if accept
                            else self.tr("Faturayı REDDET"))
        self.resize(520, 360 if not accept else 200)
        lay = QVBoxLayout(self)
        who = info.get("sender_name") or info.get("sender_vkn_tckn") or ""
        number = info.get("number") or info.get("ettn") or ""
        if accept:
            text = self.tr("{0} tarafından gönderilen {1} numaralı faturayı KABUL ediyorsunuz. "
                           "Yanıt imzalanıp gönderene iletilir; bir kez verilir ve "
                           "değiştirilemez. Emin misiniz?").format(who, number)
        else:
            text = self.tr("{0} tarafından gönderilen {1} numaralı faturayı REDDEDİYORSUNUZ. "
                           "Reddetme nedenini yazın; gönderen bu metni görür. Yanıt imzalanıp "
                           "gönderene iletilir; bir kez verilir ve değiştirilemez.").format(
                who, number)
        self.question = QLabel(text)
        self.question.setObjectName("answerQuestion")
        self.question.setWordWrap(True)
        lay.addWidget(self.question)
        self.reason: QPlainTextEdit | None = None
        self.counter: QLabel | None = None
        if not accept:
            self.reason = QPlainTextEdit()
            self.reason.setObjectName("answerReason")
            self.reason.setPlaceholderText(self.tr("Reddetme nedeni (en çok 500 karakter)"))
            self.reason.textChanged.connect(self._reason_changed)
            lay.addWidget(self.reason, 1)
            self.counter = QLabel(f"0 / {MAX_REASON}")
            self.counter.setObjectName("reasonCounter")
            self.counter.setProperty("role", "hint")
            lay.addWidget(self.counter)
        self.error = QLabel("")
        self.error.setObjectName("answerError")
        self.error.setProperty("role", "error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Vazgeç"))
        self.cancel_button.setObjectName("answerCancel")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("KABUL et") if accept else self.tr("REDDET"))
        self.ok_button.setObjectName("answerOk")
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        lay.addLayout(buttons)
        if self.reason is not None:
            self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip() if self.reason is not None else ""

    def _reason_changed(self) -> None:
        assert self.reason is not None and self.counter is not None
        n = len(self.reason.toPlainText().strip())
        self.counter.setText(f"{n} / {MAX_REASON}")
        self.counter.setStyleSheet("color: #b3261e;" if n > MAX_REASON else "")
        if self.error.isVisible() and 0 < n <= MAX_REASON:
            self.error.setVisible(False)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def submit(self) -> None:
        if self.busy:
            return
        reason = self.reason_text()
        if not self.accepting:
            if not reason:
                self.show_error(self.tr("Reddetme nedenini yazın: neden olmadan RED yanıtı "
                                        "verilemez."))
                return
            if len(reason) > MAX_REASON:
                self.show_error(self.tr("Reddetme nedeni en çok {0} karakter olabilir; şu an "
                                        "{1} karakter.").format(MAX_REASON, len(reason)))
                return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        if self.reason is not None:
            self.reason.setReadOnly(True)
        self.error.setVisible(False)
        self.ok_button.setText(self.tr("İmzalanıyor…"))
        self.services.tasks.run(TOKEN, respond_job, self.services.ctx, self.info["ettn"],
                                self.accepting, reason, self.pin_handler,
                                on_success=self._done, on_error=self._failed)

    def _done(self, result: dict[str, Any]) -> None:
        self.busy = False
        self.result_ = result
        self.accept()
        if self.on_answered:
            self.on_answered(result)

    def _failed(self, exc: BaseException) -> None:
        from ui.errors import message_for

        self.busy = False
        self.ok_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.ok_button.setText(self.tr("KABUL et") if self.accepting else self.tr("REDDET"))
        if self.reason is not None:
            self.reason.setReadOnly(False)
        text = message_for(exc)
        if text is None:  # the PIN was not given: nothing happened
            return
        self.show_error(text)
        self.services.errors(exc, self)

    def reject(self) -> None:
        if self.busy:  # the card is signing: wait for it
            return
        super().reject()
