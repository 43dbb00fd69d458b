"""İrsaliye yanıtı: our receipt advice to a received despatch advice. One row per despatch
line: what was despatched, and the received / rejected / short / oversupply quantities typed
(all received by default) with a reason once a line is not simply all received. The answer
is signed on the card (the PIN asked through ``ui.pin`` on the token lane, never kept) and
stored and queued by ``app.usecases.despatch_receiving.respond_despatch``, which checks
every rule; its ``UserError`` is shown at the cell or field it names."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.errors import UserError
from app.usecases import despatch_receiving
from ui.services import Services
from ui.tasks import TOKEN

# (key, header): the first three columns show the despatch line, the others are typed
COLUMNS = [("name", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Mal adı")),
           ("quantity", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "İrsaliyedeki")),
           ("unit", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Birim")),
           ("received", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Teslim alınan")),
           ("rejected", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Reddedilen")),
           ("short", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Eksik")),
           ("oversupply", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Fazla")),
           ("reason", QT_TRANSLATE_NOOP("DespatchAnswerDialog", "Neden / açıklama"))]
COL = {key: i for i, (key, _title) in enumerate(COLUMNS)}
EDITABLE = ("received", "rejected", "short", "oversupply")
ERROR_COLOR = "#b3261e"


def respond_job(ctx: Any, ettn: str, data: dict[str, Any], secret: Any) -> dict[str, Any]:
    """Job (token lane): sign, store and queue the answer."""
    return despatch_receiving.respond_despatch(ctx, ettn, data, secret)


def _number(text: str) -> Decimal | None:
    with contextlib.suppress(InvalidOperation):
        return Decimal(text.replace(",", ".")) if text else None
    return None


class DespatchAnswerDialog(QDialog):
    def __init__(self, services: Services, info: dict[str, Any], parent: QWidget | None = None,
                 *, on_answered: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(parent)
        from ui.pin import QtPinHandler

        self.services = services
        self.info = info
        self.on_answered = on_answered
        self.pin_handler = QtPinHandler(self)
        self.busy = False
        self.lines: list[dict[str, Any]] = list((info.get("data") or {}).get("lines") or [])
        self.setObjectName("despatchAnswer")
        self.setModal(True)
        self.setWindowTitle(self.tr("İrsaliye yanıtı ver"))
        self.resize(980, 420)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "{0} tarafından gönderilen {1} numaralı irsaliyede her satır için teslim "
            "aldığınız miktarı yazın. Eksik, fazla ya da reddedilen mal varsa nedenini yazın. "
            "Yanıt imzalanıp gönderene iletilir; bir kez verilir ve değiştirilemez.").format(
            info.get("sender_name") or info.get("sender_vkn_tckn") or "",
            info.get("number") or info.get("ettn") or ""))
        intro.setWordWrap(True)
        lay.addWidget(intro)

        self.table = QTableWidget(len(self.lines), len(COLUMNS))
        self.table.setObjectName("answerLines")
        self.table.setHorizontalHeaderLabels([self.tr(title) for _k, title in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setTabKeyNavigation(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL["reason"], QHeaderView.ResizeMode.Stretch)
        for key in ("quantity", "unit", *EDITABLE):
            self.table.setColumnWidth(COL[key], 95)
        for row, line in enumerate(self.lines):
            for key, text in (("name", line.get("name") or ""),
                              ("quantity", line.get("quantity") or ""),
                              ("unit", codes.unit_words(line.get("unit") or ""))):
                item = QTableWidgetItem(str(text))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, COL[key], item)
            for key in (*EDITABLE, "reason"):
                self.table.setItem(row, COL[key], QTableWidgetItem(""))
        lay.addWidget(self.table, 1)

        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(self.tr("Not:")))
        self.note = QLineEdit()
        self.note.setObjectName("answerNote")
        self.note.setPlaceholderText(self.tr("Yanıtın genel notu (isteğe bağlı)"))
        note_row.addWidget(self.note, 1)
        lay.addLayout(note_row)

        self.error = QLabel("")
        self.error.setObjectName("despatchAnswerError")
        self.error.setProperty("role", "error")
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        lay.addWidget(self.error)

        buttons = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Hepsi teslim alındı"))
        self.all_button.setObjectName("answerAllReceived")
        self.all_button.setToolTip(self.tr("Her satırda irsaliyedeki miktarın tamamı teslim "
                                           "alındı; eksik, fazla ya da reddedilen yok."))
        self.all_button.clicked.connect(self.fill_all_received)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Vazgeç"))
        self.cancel_button.setObjectName("despatchAnswerCancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.ok_button = QPushButton(self.tr("Yanıtı imzala ve gönder"))
        self.ok_button.setObjectName("despatchAnswerOk")
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.ok_button)
        lay.addLayout(buttons)
        self.fill_all_received()
        self.table.itemChanged.connect(self._item_changed)

    # -- the table --------------------------------------------------------------------------
    def text(self, row: int, key: str) -> str:
        item = self.table.item(row, COL[key])
        return item.text().strip() if item is not None else ""

    def set_text(self, row: int, key: str, text: str) -> None:
        item = self.table.item(row, COL[key])
        assert item is not None
        item.setText(text)

    def fill_all_received(self) -> None:
        """Every line: the despatched quantity received, nothing else, no reason."""
        self.table.blockSignals(True)
        for row, line in enumerate(self.lines):
            self.set_text(row, "received", str(line.get("quantity") or ""))
            for key in ("rejected", "short", "oversupply", "reason"):
                self.set_text(row, key, "")
        self.table.blockSignals(False)
        for row in range(len(self.lines)):
            self._update_reason(row)
        self.clear_error()

    def all_received(self, row: int) -> bool:
        """The row says the whole despatched quantity arrived and nothing more."""
        received = _number(self.text(row, "received"))
        despatched = _number(str(self.lines[row].get("quantity") or ""))
        others = [_number(self.text(row, key)) for key in ("rejected", "short", "oversupply")]
        return received is not None and received == despatched and all(
            value is None or value == 0 for value in others)

    def _update_reason(self, row: int) -> None:
        item = self.table.item(row, COL["reason"])
        if item is None:
            return
        enabled = not self.all_received(row)
        flags = item.flags() | Qt.ItemFlag.ItemIsEnabled
        if enabled:
            flags |= Qt.ItemFlag.ItemIsEditable
        else:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        self.table.blockSignals(True)
        item.setFlags(flags)
        item.setBackground(QBrush() if enabled else QBrush(QColor("#eeeeee")))
        if not enabled and item.text():
            item.setText("")
        self.table.blockSignals(False)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != COL["reason"]:
            self._update_reason(item.row())

    def answer_json(self) -> dict[str, Any]:
        """The JSON of ``ReceiptData.from_json``: the reason is the red nedeni of a line with
        rejected goods, else the line's note."""
        lines = []
        for row, line in enumerate(self.lines):
            item: dict[str, Any] = {"line_id": line.get("line_id"),
                                    "received": self.text(row, "received")}
            for key in ("rejected", "short", "oversupply"):
                if self.text(row, key):
                    item[key] = self.text(row, key)
            reason = self.text(row, "reason")
            if self.text(row, "rejected") not in ("", "0"):
                item["reject_reason"] = reason
            elif reason:
                item["note"] = reason
            lines.append(item)
        return {"note": self.note.text().strip(), "lines": lines}

    # -- errors -----------------------------------------------------------------------------
    def clear_error(self) -> None:
        self.error.clear()
        self.error.setVisible(False)
        for row in range(self.table.rowCount()):
            for key in (*EDITABLE, "reason"):
                item = self.table.item(row, COL[key])
                if item is not None and item.toolTip():
                    item.setToolTip("")
                    item.setForeground(QBrush())

    def show_error(self, text: str, field: str = "") -> None:
        """``text`` under the table; with ``lines[i].key`` the cell is selected and marked."""
        self.error.setText(text)
        self.error.setVisible(True)
        if field == "note":
            self.note.setFocus()
            return
        if not field.startswith("lines["):
            return
        with contextlib.suppress(ValueError):
            row = int(field[6:field.index("]")])
            key = field.split(".")[-1]
            key = {"reject_reason": "reason", "note": "reason"}.get(key, key)
            column = COL.get(key, COL["received"])
            if 0 <= row < self.table.rowCount():
                self.table.setCurrentCell(row, column)
                item = self.table.item(row, column)
                if item is not None:
                    item.setToolTip(text)
                    item.setForeground(QBrush(QColor(ERROR_COLOR)))
                self.table.setFocus()

    # -- answering --------------------------------------------------------------------------
    def submit(self) -> None:
        if self.busy:
            return
        self.table.setFocus()  # commits a cell being typed in
        self.clear_error()
        self.busy = True
        self.ok_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.all_button.setEnabled(False)
        self.ok_button.setText(self.tr("İmzalanıyor…"))
        self.services.tasks.run(TOKEN, respond_job, self.services.ctx, self.info["ettn"],
                                self.answer_json(), self.pin_handler,
                                on_success=self._done, on_error=self._failed)

    def _idle(self) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.all_button.setEnabled(True)
        self.ok_button.setText(self.tr("Yanıtı imzala ve gönder"))

    def _done(self, result: dict[str, Any]) -> None:
        self._idle()
        self.result_ = result
        self.accept()
        if self.on_answered:
            self.on_answered(result)

    def _failed(self, exc: BaseException) -> None:
        from ui.errors import message_for

        self._idle()
        text = message_for(exc)
        if text is None:  # the PIN was not given: nothing happened
            return
        if isinstance(exc, UserError):  # the use case's refusal: at its field, if any
            self.show_error(text, exc.field or "")
            return
        self.show_error(text)
        self.services.errors(exc, self)

    def reject(self) -> None:
        if self.busy:  # the card is signing: wait for it
            return
        super().reject()
