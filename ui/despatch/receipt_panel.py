"""The irsaliye yanıtı part of a despatch advice's view (``show_despatch``'s exchange): for a
received one, "İrsaliye yanıtı ver" while it may be answered, otherwise why not; for ours,
the receiver's answer with its outcome per line."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from ui import fmt
from ui.services import Services

OUTCOME_COLUMNS = [("item_name", QT_TRANSLATE_NOOP("ReceiptPanel", "Mal adı")),
                   ("despatched", QT_TRANSLATE_NOOP("ReceiptPanel", "Gönderilen")),
                   ("unit", QT_TRANSLATE_NOOP("ReceiptPanel", "Birim")),
                   ("received", QT_TRANSLATE_NOOP("ReceiptPanel", "Teslim alınan")),
                   ("accepted", QT_TRANSLATE_NOOP("ReceiptPanel", "Kabul edilen")),
                   ("rejected", QT_TRANSLATE_NOOP("ReceiptPanel", "Reddedilen")),
                   ("short", QT_TRANSLATE_NOOP("ReceiptPanel", "Eksik")),
                   ("oversupply", QT_TRANSLATE_NOOP("ReceiptPanel", "Fazla")),
                   ("reason", QT_TRANSLATE_NOOP("ReceiptPanel", "Neden / açıklama"))]


def _moment(text: str | None) -> str:
    """“2026-12-06T14:05:00” → “06.12.2026 14:05”."""
    if not text:
        return ""
    return f"{fmt.day(text[:10])} {text[11:16]}".strip()


class ReceiptPanel(QWidget):
    def __init__(self, services: Services, info: dict[str, Any],
                 parent: QWidget | None = None, *,
                 on_answered: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.on_answered = on_answered
        self.setObjectName("receiptPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.state = QLabel("")
        self.state.setObjectName("receiptState")
        self.state.setWordWrap(True)
        row.addWidget(self.state, 1)
        self.answer_button = QPushButton(self.tr("İrsaliye yanıtı ver"))
        self.answer_button.setObjectName("answerDespatch")
        self.answer_button.clicked.connect(self.answer)
        row.addWidget(self.answer_button)
        lay.addLayout(row)
        self.outcome = QTableWidget(0, len(OUTCOME_COLUMNS))
        self.outcome.setObjectName("receiptOutcome")
        self.outcome.setHorizontalHeaderLabels([self.tr(t) for _k, t in OUTCOME_COLUMNS])
        self.outcome.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcome.verticalHeader().setVisible(False)
        self.outcome.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.outcome.setMaximumHeight(160)
        lay.addWidget(self.outcome)
        self.show_info(info)

    def show_info(self, info: dict[str, Any]) -> None:
        self.info = info
        incoming = info.get("direction") == "in"
        ours = [a for a in info.get("receipt_advices") or [] if a.get("direction") == "out"]
        self.answer_button.setVisible(incoming)
        self.answer_button.setEnabled(incoming and bool(info.get("answerable")))
        if incoming:
            due = _moment(info.get("answer_due"))
            if info.get("answerable"):
                text = self.tr("Bu irsaliyeye {0} tarihine kadar yanıt verebilirsiniz "
                               "(teslim alınan, eksik, fazla ya da reddedilen mallar).").format(due)
            elif ours:
                text = self.tr("Bu irsaliyeye yanıt verildi: {0} ({1}). İrsaliye yanıtı bir "
                               "kez verilir.").format(ours[0].get("number") or "",
                                                      ours[0].get("status_name") or "")
            else:
                text = self.tr("Yanıt süresi doldu: son gün {0} idi (irsaliye alındıktan "
                               "sonra 7 gün). Bu irsaliyeye artık sistem üzerinden yanıt "
                               "verilemez.").format(due)
            self.answer_button.setToolTip("" if info.get("answerable") else text)
            self.state.setText(text)
            self.outcome.setVisible(False)
            return
        outcome = info.get("outcome")
        self.outcome.setVisible(bool(outcome))
        self.setVisible(bool(outcome))
        if not outcome:
            return
        self.state.setText(self.tr("Alıcının irsaliye yanıtı: {0}").format(
            outcome.get("summary") or ""))
        lines = outcome.get("lines") or []
        self.outcome.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, (key, _title) in enumerate(OUTCOME_COLUMNS):
                if key == "unit":
                    text = codes.unit_words(line.get("unit") or "")
                elif key == "reason":
                    text = " ".join(t for t in (line.get("reject_reason"), line.get("note"))
                                    if t)
                elif key == "item_name":
                    text = str(line.get(key) or line.get("line_id") or "")
                else:
                    value = line.get(key)
                    text = fmt.quantity(Decimal(str(value))) if value not in (None, "") else ""
                self.outcome.setItem(r, c, QTableWidgetItem(text))

    def answer(self) -> None:
        from ui.despatch.answer import DespatchAnswerDialog

        self.dialog = DespatchAnswerDialog(self.services, self.info, self,
                                           on_answered=self._answered)
        self.dialog.open()

    def _answered(self, result: dict[str, Any]) -> None:
        if self.on_answered:
            self.on_answered(result)
