"""Gelen Kutusu: the suppliers' e-Faturas the posta kutusu received (unread ones in bold), the
answer days of the commercial ones, and the received envelopes with the code sent back.

Everything comes from ``app.usecases.inbox``; opening an invoice shows it in
``ui.dialogs.incoming_invoice`` (and marks it read)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from app.usecases import inbox
from ui import fmt
from ui.keepview import remember, restore
from ui.pages.base import Page
from ui.pin import QtPinHandler
from ui.services import Services
from ui.tasks import DB

NO_ANSWER = "—"


def load_inbox(ctx: Any) -> dict[str, Any]:
    """Job: the incoming invoices (unread first) and the received envelopes."""
    return {"items": inbox.list_inbox(ctx), "envelopes": inbox.envelopes(ctx)}


def load_incoming(ctx: Any, ettn: str) -> dict[str, Any]:
    """Job: one incoming invoice for its window (opening it marks it read) with the sender's
    own view of it."""
    info = inbox.show(ctx, ettn)
    view = inbox.html_view(ctx, ettn)
    info["html"] = view.html
    info["html_refused"] = view.refused
    info["html_message"] = view.message
    return info


class InboxPage(Page):
    title = QT_TRANSLATE_NOOP("InboxPage", "Gelen Kutusu")

    unread_changed = Signal()  # something was read or answered: the window's count changes

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.rows: list[dict[str, Any]] = []
        self.envelope_rows: list[dict[str, Any]] = []
        self.dialog: Any = None
        self.pin_handler = QtPinHandler(self)
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("inboxSummary")
        bar.addWidget(self.summary, 1)
        self.open_button = QPushButton(self.tr("Aç (Enter)"))
        self.open_button.setObjectName("openIncoming")
        self.open_button.setProperty("role", "primary")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        bar.addWidget(self.open_button)
        self.refresh_button = QPushButton(self.tr("Yenile (F5)"))
        self.refresh_button.setObjectName("refreshInbox")
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        self.layout_.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("inboxTabs")
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("inboxTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Gönderen"), self.tr("Fatura No"), self.tr("Tarih"), self.tr("Tutar"),
            self.tr("Senaryo"), self.tr("İmza"), self.tr("Yanıt"), self.tr("Son yanıt günü")])
        self._table_look(self.table)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, w in ((1, 160), (2, 90), (3, 130), (4, 120), (5, 90), (6, 80), (7, 215)):
            self.table.setColumnWidth(col, w)
        self.table.activated.connect(lambda index: self.open_row(index.row()))  # Enter, 2×click
        self.table.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(bool(self.table.selectedItems())))
        self.tabs.addTab(self.table, self.tr("Faturalar"))

        self.envelope_table = QTableWidget(0, 6)
        self.envelope_table.setObjectName("envelopeTable")
        self.envelope_table.setHorizontalHeaderLabels([
            self.tr("Geliş"), self.tr("Gönderen"), self.tr("Tür"), self.tr("Belge"),
            self.tr("Kod"), self.tr("Açıklama")])
        self._table_look(self.envelope_table)
        self.envelope_table.horizontalHeader().setSectionResizeMode(
            5, QHeaderView.ResizeMode.Stretch)
        for col, w in ((0, 130), (1, 220), (2, 140), (3, 60), (4, 60)):
            self.envelope_table.setColumnWidth(col, w)
        self.tabs.addTab(self.envelope_table, self.tr("Zarflar"))
        self.layout_.addWidget(self.tabs, 1)

        note = QLabel(self.tr("TICARIFATURA senaryosundaki faturalar, geldikleri günden sonraki "
                              "8 gün içinde KABUL ya da RED ile bir kez yanıtlanabilir. "
                              "Faturayı açıp yanıtlayın."))
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.layout_.addWidget(note)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)

    @staticmethod
    def _table_look(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.services.tasks.run(DB, load_inbox, self.services.ctx, on_success=self.show_rows)

    def _ettn_at(self, row: int) -> str | None:
        return self.rows[row]["ettn"] if 0 <= row < len(self.rows) else None

    def show_rows(self, data: dict[str, Any]) -> None:
        place = remember(self.table, self._ettn_at)  # a reload keeps the user's row
        self.rows = data["items"]
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            self._fill_row(i, r)
        unread = sum(1 for r in self.rows if not r["read"])
        waiting = sum(1 for r in self.rows if self._may_answer(r))
        if not self.rows:
            self.summary.setText(self.tr("Gelen fatura yok."))
        else:
            parts = [self.tr("{0} fatura, {1} okunmamış.").format(len(self.rows), unread)]
            if waiting:
                parts.append(self.tr("{0} fatura yanıt bekliyor.").format(waiting))
            self.summary.setText(" ".join(parts))
        self.envelope_rows = data["envelopes"]
        self.envelope_table.setRowCount(len(self.envelope_rows))
        for i, e in enumerate(self.envelope_rows):
            sender = e["sender_name"] or e["sender_alias"] or e["sender_vkn_tckn"]
            code = "" if e["status_code"] is None else str(e["status_code"])
            texts = [fmt.day(e["received_at"]), sender, e["type"], str(e["documents"]), code,
                     e["description"] or ""]
            for j, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(e["uuid"] if j == 0 else text)
                self.envelope_table.setItem(i, j, item)
        restore(self.table, place, self._ettn_at, len(self.rows))
        self.open_button.setEnabled(bool(self.table.selectedItems()))

    def _fill_row(self, i: int, r: dict[str, Any]) -> None:
        amount = fmt.money(Decimal(str(r["payable"] or 0)), r["currency"] or "TRY")
        signature = self.tr("Geçerli") if r["signature_valid"] else self.tr("GEÇERSİZ")
        texts = [r["sender_name"] or r["sender_vkn_tckn"], r["number"] or "",
                 fmt.day(r["issue_date"]), amount, r["profile"] or "", signature,
                 r["answer"] or NO_ANSWER, self.deadline_text(r)]
        bold = QFont(self.table.font())
        bold.setBold(not r["read"])
        for j, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setFont(bold)
            item.setToolTip(text)
            if j == 0:
                item.setData(Qt.ItemDataRole.UserRole, r["ettn"])
                item.setToolTip(f"{text} ({r['sender_vkn_tckn']})")
            if j == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if j == 5:
                item.setToolTip(r["signature_verdict"] or "")
                if not r["signature_valid"]:
                    item.setForeground(Qt.GlobalColor.red)
            if j == 6 and r["answer"]:
                item.setToolTip(self.answer_text(r))
            self.table.setItem(i, j, item)

    # -- texts -------------------------------------------------------------------------------
    @staticmethod
    def _may_answer(r: dict[str, Any]) -> bool:
        return bool(r["answerable"] and not r["answer"] and r["days_left"] is not None
                    and r["days_left"] >= 0)

    def deadline_text(self, r: dict[str, Any]) -> str:
        """“07.12.2026 (8 gün kaldı)”, “… (süresi doldu)”; empty when there is no answer."""
        if not r["answerable"] or not r["answer_due"]:
            return ""
        due = fmt.day(r["answer_due"][:10])
        if r["answer"]:
            return due
        days = r["days_left"]
        if days is None or days < 0:
            return self.tr("{0} (süresi doldu)").format(due)
        if days == 0:
            return self.tr("{0} (bugün son gün)").format(due)
        return self.tr("{0} ({1} gün kaldı)").format(due, days)

    def answer_text(self, r: dict[str, Any]) -> str:
        text = self.tr("{0}: {1} tarihinde verildi.").format(r["answer_name"] or r["answer"],
                                                             fmt.day(r["answered_at"]))
        if r["answer_reason"]:
            text += " " + self.tr("Gerekçe: {0}").format(r["answer_reason"])
        return text

    # -- opening -----------------------------------------------------------------------------
    def selected_ettn(self) -> str | None:
        if not self.table.selectedItems():
            return None
        row = self.table.currentRow()
        return self.rows[row]["ettn"] if 0 <= row < len(self.rows) else None

    def open_selected(self) -> None:
        if self.table.selectedItems():
            self.open_row(self.table.currentRow())

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        self.services.tasks.run(DB, load_incoming, self.services.ctx, self.rows[row]["ettn"],
                                on_success=self._show)

    def _show(self, info: dict[str, Any]) -> None:
        from ui.dialogs.incoming_invoice import IncomingInvoiceDialog

        self.dialog = IncomingInvoiceDialog(self.services, info, self.pin_handler, self,
                                            on_answered=self._answered)
        self.dialog.open()
        self.refresh()  # opened: no longer bold
        self.unread_changed.emit()

    def _answered(self) -> None:
        self.refresh()
        self.unread_changed.emit()
