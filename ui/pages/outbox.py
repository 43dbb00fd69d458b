"""Giden Kutusu: what waits to reach GİB, why, and when it is tried next; what GİB finally
refused, in plain Turkish, with the allowed next steps (``ui.widgets.next_steps``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.usecases import outcomes
from app.usecases.sync import outbox_rows
from ui import fmt
from ui.keepview import remember, restore
from ui.pages.base import Page
from ui.services import Services
from ui.tasks import DB
from ui.widgets.badges import BadgeDelegate
from ui.widgets.next_steps import NextStepsPanel, after_issue_text

STATE_NAMES = {"waiting": "Zarflanmayı bekliyor", "enveloped": "Zarfta", "failed": "Hata"}
ENVELOPE_STATES = {"ready": "Gönderilecek", "sending": "Gönderiliyor", "retry": "Yeniden denenecek",
                   "sent": "GİB'e ulaştı", "processing": "GİB'de işleniyor",
                   "completed": "Tamamlandı", "failed": "Reddedildi"}


class OutboxPage(Page):
    title = QT_TRANSLATE_NOOP("OutboxPage", "Giden Kutusu")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.sync = None
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("outboxSummary")
        bar.addWidget(self.summary, 1)
        self.send_button = QPushButton(self.tr("Şimdi gönder (Ctrl+G)"))
        self.send_button.setObjectName("sendNow")
        self.send_button.setProperty("role", "primary")
        self.send_button.clicked.connect(self.send_now)
        bar.addWidget(self.send_button)
        self.layout_.addLayout(bar)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("outboxTable")
        self.table.setHorizontalHeaderLabels([self.tr("Numara"), self.tr("Müşteri"),
                                              self.tr("Durum"), self.tr("Neden / ne oluyor"),
                                              self.tr("Deneme"), self.tr("Sonraki deneme")])
        self.table.setItemDelegateForColumn(2, BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, w in ((0, 170), (1, 220), (2, 150), (4, 70), (5, 140)):
            self.table.setColumnWidth(col, w)
        self.table.activated.connect(self.open_row)
        self.table.itemSelectionChanged.connect(self.selection_changed)
        self.layout_.addWidget(self.table, 1)
        self.next_steps = NextStepsPanel(services, self)
        self.next_steps.changed.connect(self.refresh)
        self.layout_.addWidget(self.next_steps)
        note = QLabel(f"{after_issue_text('TEMELFATURA')} {after_issue_text('EARSIVFATURA')}")
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.layout_.addWidget(note)
        QShortcut(QKeySequence("Ctrl+G"), self, self.send_now)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.rows: list[dict[str, Any]] = []

    def set_sync(self, sync: Any) -> None:
        self.sync = sync
        sync.synced.connect(self.mark_stale)

    def refresh(self) -> None:
        self.services.tasks.run(DB, outbox_rows, self.services.ctx, on_success=self.show_rows)

    def _ettn_at(self, row: int) -> str | None:
        return self.rows[row]["ettn"] if 0 <= row < len(self.rows) else None

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        place = remember(self.table, self._ettn_at)  # a reload keeps the user's row
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            why = r["problem"] or ENVELOPE_STATES.get(r["envelope_state"] or "", "") or \
                STATE_NAMES.get(r["state"], r["state"])
            if r.get("gib_status"):
                why += f" (GİB {r['gib_status']})"
            items = [r["number"] or "", r["customer"], "", why, str(r["attempts"] or 0),
                     fmt.day(r["next_attempt"]) if r["next_attempt"] else ""]
            for j, text in enumerate(items):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if j == 2:
                    item.setData(Qt.ItemDataRole.UserRole, r["status"])
                self.table.setItem(i, j, item)
        rejected = sum(1 for r in rows if r.get("rejected"))
        waiting = len(rows) - rejected
        parts = [self.tr("{0} fatura gönderilmeyi bekliyor.").format(waiting) if waiting
                 else self.tr("Gönderilmeyi bekleyen fatura yok.") if rejected
                 else self.tr("Bekleyen fatura yok; her şey GİB'e ulaştı.")]
        if rejected:
            parts.append(self.tr("{0} faturayı GİB reddetti; satırı seçip ne yapılacağını "
                                 "seçin.").format(rejected))
        self.summary.setText(" ".join(parts))
        restore(self.table, place, self._ettn_at, len(rows))
        first = next((i for i, r in enumerate(rows) if r.get("rejected")), None)
        if first is not None and not self.table.selectedItems():
            self.table.selectRow(first)
        self.selection_changed()

    def selection_changed(self) -> None:
        """A finally refused row shows what happened and the next steps below the table."""
        row = self.table.currentRow() if self.table.selectedItems() else -1
        if not 0 <= row < len(self.rows) or not self.rows[row].get("rejected"):
            self.next_steps.show_outcome(None)
            return
        self.services.tasks.run(DB, outcomes.outcome, self.services.ctx, self.rows[row]["ettn"],
                                on_success=self.next_steps.show_outcome)

    def open_row(self, index: Any) -> None:
        """Enter / double-click: the invoice with its history (every GİB answer)."""
        from ui.dialogs.invoice_view import InvoiceViewDialog, load_view

        if not 0 <= index.row() < len(self.rows):
            return
        self.services.tasks.run(DB, load_view, self.services.ctx, self.rows[index.row()]["ettn"],
                                on_success=lambda info: self._show(InvoiceViewDialog(
                                    self.services, info, self)))

    def _show(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.open()

    def send_now(self) -> None:
        if self.sync is not None:
            self.sync.run()
