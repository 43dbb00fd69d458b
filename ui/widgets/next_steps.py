"""After GİB's final answer: what happened, in plain Turkish, and the allowed next steps as
buttons (``app.usecases.outcomes``). Used by the invoice window and the Giden Kutusu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.usecases import outcomes
from ui.errors import message_for
from ui.services import Services
from ui.tasks import DB

# The sentences of ``outcomes.after_issue_sentence``, for the translation files.
AFTER_ISSUE = {
    outcomes.EFATURA_AFTER_ISSUE: QT_TRANSLATE_NOOP("NextSteps", "e-Fatura Giden Kutusu'na girer "
                                                    "ve internet olduğunda GİB'e kendiliğinden "
                                                    "gönderilir; sonucu Giden Kutusu'nda ve "
                                                    "faturanın geçmişinde görünür."),
    outcomes.EARCHIVE_AFTER_ISSUE: QT_TRANSLATE_NOOP("NextSteps", "e-Arşiv faturası GİB'e "
                                                     "gönderilmez ve Giden Kutusu'na girmez; "
                                                     "yazdırıp ya da PDF'ini göndererek "
                                                     "müşteriye verin."),
}


def after_issue_text(profile: str) -> str:
    """``outcomes.after_issue_sentence`` in the window's language."""
    return QCoreApplication.translate("NextSteps", outcomes.after_issue_sentence(profile))


def open_draft_in_editor(widget: QWidget, ettn: str) -> bool:
    """Show the draft in Yeni Fatura through the main window; False when there is none."""
    w: QWidget | None = widget
    while w is not None:
        if isinstance(w, QMainWindow) and hasattr(w, "open_draft"):
            w.open_draft(ettn)
            return True
        w = w.parentWidget()
    return False


class NextStepsPanel(QFrame):
    """Shows one ``outcomes.outcome`` dict; ``changed`` after a step that changed the
    invoice's sending, ``draft_created(ettn)`` after a step that made a new draft."""

    changed = Signal()
    draft_created = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("nextSteps")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.outcome: dict[str, Any] | None = None
        lay = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("outcomeText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.text)
        alias_row = QHBoxLayout()
        self.alias_label = QLabel(self.tr("Alıcının posta kutusu etiketi:"))
        self.alias_edit = QLineEdit()
        self.alias_edit.setObjectName("aliasEdit")
        self.alias_edit.setPlaceholderText("urn:mail:defaultpk@firma.com.tr")
        alias_row.addWidget(self.alias_label)
        alias_row.addWidget(self.alias_edit, 1)
        lay.addLayout(alias_row)
        row = QHBoxLayout()
        labels = {
            outcomes.RESEND_ALIAS: self.tr("Alıcı etiketini düzelt ve yeniden gönder"),
            outcomes.RESEND: self.tr("Yeni zarfla yeniden gönder"),
            outcomes.NEW_COPY: self.tr("Düzeltip yeni fatura olarak kes"),
            outcomes.EARCHIVE: self.tr("e-Arşiv olarak yeniden kes"),
            outcomes.RETURN: self.tr("İade faturası kes"),
            outcomes.HANDLED_STEP: self.tr("Çözüldü olarak işaretle"),
        }
        self.buttons: dict[str, QPushButton] = {}
        for step, label in labels.items():
            button = QPushButton(label)
            button.setObjectName(f"step_{step}")
            button.clicked.connect(lambda _=False, st=step: self.run_step(st))
            row.addWidget(button)
            self.buttons[step] = button
        row.addStretch(1)
        lay.addLayout(row)
        self.result = QLabel()
        self.result.setObjectName("stepResult")
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.show_outcome(None)

    def show_outcome(self, outcome: dict[str, Any] | None) -> None:
        self.outcome = outcome
        self.setVisible(outcome is not None)
        steps = (outcome or {}).get("steps") or []
        self.text.setText((outcome or {}).get("text", ""))
        self.text.setProperty("role", "error" if (outcome or {}).get("kind") in (
            "rejected", "customer_rejected") else "hint")
        for step, button in self.buttons.items():
            button.setVisible(step in steps)
            button.setEnabled(True)
        fix_alias = outcomes.RESEND_ALIAS in steps
        self.alias_label.setVisible(fix_alias)
        self.alias_edit.setVisible(fix_alias)
        if fix_alias:
            self.alias_edit.setText((outcome or {}).get("alias") or "")

    def run_step(self, step: str) -> None:
        if self.outcome is None or step not in self.outcome["steps"]:
            return
        ettn = self.outcome["ettn"]
        ctx = self.services.ctx
        for button in self.buttons.values():
            button.setEnabled(False)
        self.result.setText(self.tr("Yapılıyor…"))
        if step in (outcomes.RESEND_ALIAS, outcomes.RESEND):
            alias = self.alias_edit.text().strip() if step == outcomes.RESEND_ALIAS else ""
            self.services.tasks.run(
                DB, lambda: outcomes.resend_in_new_envelope(ctx, ettn, alias=alias),
                on_success=lambda _r: self._done(self.tr(
                    "Aynı fatura yeni bir zarfla gönderilmek üzere Giden Kutusu'na alındı.")),
                on_error=self._failed)
        elif step == outcomes.HANDLED_STEP:
            self.services.tasks.run(
                DB, outcomes.mark_handled, ctx, ettn,
                on_success=lambda _r: self._done(self.tr(
                    "Çözüldü olarak işaretlendi; Giden Kutusu bu faturayı artık saymıyor.")),
                on_error=self._failed)
        else:
            self.services.tasks.run(DB, outcomes.STEP_ACTIONS[step], ctx, ettn,
                                    on_success=self._drafted, on_error=self._failed)

    def _done(self, message: str) -> None:
        self.result.setText(message)
        self.reload()
        self.changed.emit()

    def reload(self) -> None:
        """Ask again what the invoice's outcome is now (after a step)."""
        if self.outcome is not None:
            self.services.tasks.run(DB, outcomes.outcome, self.services.ctx,
                                    self.outcome["ettn"], on_success=self.show_outcome)

    def _drafted(self, new_ettn: str) -> None:
        self.result.setText(self.tr("Yeni taslak oluşturuldu; Yeni Fatura sayfasında "
                                    "düzenleyip kesebilirsiniz."))
        self.reload()
        self.changed.emit()
        self.draft_created.emit(new_ettn)
        if open_draft_in_editor(self, new_ettn):
            window = self.window()
            if isinstance(window, QDialog):  # the invoice window gives way to the editor
                window.accept()

    def _failed(self, exc: BaseException) -> None:
        for button in self.buttons.values():
            button.setEnabled(True)
        self.result.setText(message_for(exc) or str(exc))
