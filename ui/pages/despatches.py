"""İrsaliyeler: our despatch advices and received ones, searchable; a new one, one from an
invoice, a draft opened, issued (with one PIN for the selected drafts) or deleted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.despatch_status import DespatchStatus
from app.usecases import despatches
from app.usecases.received_despatches import received_despatches
from ui import fmt
from ui.despatch.form import DespatchDialog
from ui.pages.base import Page
from ui.services import Services
from ui.tasks import DB

COLUMNS = [QT_TRANSLATE_NOOP("DespatchesPage", "Numara"),
           QT_TRANSLATE_NOOP("DespatchesPage", "Tarih"),
           QT_TRANSLATE_NOOP("DespatchesPage", "Alıcı"),
           QT_TRANSLATE_NOOP("DespatchesPage", "VKN/TCKN"),
           QT_TRANSLATE_NOOP("DespatchesPage", "Durum"),
           QT_TRANSLATE_NOOP("DespatchesPage", "Yanıt için kalan")]
STATUS_COLUMN = 4
DAYS_COLUMN = 5  # received ones: the days left to answer
PARTY_HEADERS = {"out": QT_TRANSLATE_NOOP("DespatchesPage", "Alıcı"),
                 "in": QT_TRANSLATE_NOOP("DespatchesPage", "Gönderen")}
LIMIT = 500


def load_rows(ctx: Any, search: str, direction: str) -> list[dict[str, Any]]:
    """Job: the despatch advices of one direction ("out": ours, "in": received, with the
    days left to answer them)."""
    if direction == "in":
        return received_despatches(ctx, search=search, limit=LIMIT)
    rows = despatches.list_despatches(ctx, search=search, limit=LIMIT)
    return [r for r in rows if r["direction"] == direction]


class DespatchesPage(Page):
    title = QT_TRANSLATE_NOOP("DespatchesPage", "İrsaliyeler")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.rows: list[dict[str, Any]] = []
        self.form: DespatchDialog | None = None
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("despatchSearch")
        self.search.setPlaceholderText(self.tr("Ara: numara, alıcı, VKN/TCKN, ETTN (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.direction = QComboBox()
        self.direction.setObjectName("despatchDirection")
        self.direction.addItem(self.tr("Giden irsaliyeler"), "out")
        self.direction.addItem(self.tr("Gelen irsaliyeler"), "in")
        bar.addWidget(self.direction)
        self.new_button = QPushButton(self.tr("Yeni irsaliye"))
        self.new_button.setObjectName("newDespatch")
        self.new_button.clicked.connect(self.new_despatch)
        bar.addWidget(self.new_button)
        self.from_invoice_button = QPushButton(self.tr("Faturadan irsaliye"))
        self.from_invoice_button.setObjectName("despatchFromInvoice")
        self.from_invoice_button.clicked.connect(self.pick_invoice)
        bar.addWidget(self.from_invoice_button)
        self.layout_.addLayout(bar)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("despatchTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 170), (1, 140), (3, 120), (4, 120), (5, 140)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.layout_.addWidget(self.table, 1)

        foot = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("despatchCount")
        foot.addWidget(self.count_label)
        foot.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("despatchMessage")
        self.message.setWordWrap(True)
        foot.addWidget(self.message, 2)
        self.issue_button = QPushButton(self.tr("Kes"))
        self.issue_button.setObjectName("issueDespatches")
        self.issue_button.setToolTip(self.tr("Seçilen taslakları keser: kart PIN'i bir kez "
                                             "sorulur."))
        self.issue_button.clicked.connect(self.issue_selected)
        foot.addWidget(self.issue_button)
        self.delete_button = QPushButton(self.tr("Sil (Delete)"))
        self.delete_button.setObjectName("deleteDespatches")
        self.delete_button.setToolTip(self.tr(
            "Seçilen taslakları siler. Kesilmiş irsaliye silinemez: Vergi Usul Kanunu gereği "
            "saklanır."))
        self.delete_button.clicked.connect(self.delete_selected)
        foot.addWidget(self.delete_button)
        open_button = QPushButton(self.tr("Aç (Enter)"))
        open_button.setObjectName("openDespatch")
        open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        foot.addWidget(open_button)
        self.layout_.addLayout(foot)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.direction.currentIndexChanged.connect(self.refresh)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        for sequence, slot in ((QKeySequence(QKeySequence.StandardKey.Delete),
                                self.delete_selected),
                               (QKeySequence(Qt.Key.Key_Return),
                                lambda: self.open_row(self.table.currentRow()))):
            on_table = QShortcut(sequence, self.table, slot)
            on_table.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        from ui.pin import QtPinHandler

        self.pin_handler = QtPinHandler(self)

    # -- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.services.tasks.run(DB, load_rows, self.services.ctx, self.search.text(),
                                self.direction.currentData() or "out",
                                on_success=self.show_rows)

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        selected = set(self.selected_ettns())
        self.rows = rows
        incoming = self.direction.currentData() == "in"
        self.table.setColumnHidden(DAYS_COLUMN, not incoming)
        self.table.horizontalHeaderItem(2).setText(
            self.tr(PARTY_HEADERS["in" if incoming else "out"]))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            received = r["direction"] == "in"
            texts = (r["number"] or self.tr("Taslak"),
                     f"{fmt.day(r['issue_date'])} {str(r['issue_time'])[:5]}",
                     r["sender_name"] if received else r["receiver_name"],
                     r["sender_vkn_tckn"] if received else r["receiver_vkn_tckn"],
                     r["status_name"], self.days_text(r) if received else "")
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r["ettn"])
                self.table.setItem(i, col, item)
            if received and r.get("answerable") and r.get("days_left", 99) <= 2:
                self.table.item(i, DAYS_COLUMN).setForeground(QColor("#b3261e"))
        for i, r in enumerate(rows):
            if r["ettn"] in selected:
                self.table.selectRow(i)
        self.count_label.setText(self.tr("{0} irsaliye").format(len(rows)))

    def days_text(self, r: dict[str, Any]) -> str:
        """A received despatch advice's time left to answer it."""
        if r.get("answered"):
            return self.tr("Yanıtlandı")
        days = r.get("days_left")
        if not r.get("answerable") or days is None or days < 0:
            return self.tr("Süresi doldu")
        if days == 0:
            return self.tr("Bugün son gün")
        return self.tr("{0} gün").format(days)

    def selected_ettns(self, drafts: bool | None = None) -> list[str]:
        """The selected rows' ETTNs (with ``drafts``: only drafts, or only issued ones),
        oldest first."""
        picked = [self.rows[i.row()] for i in self.table.selectionModel().selectedRows()
                  if i.row() < len(self.rows)]
        if drafts is not None:
            picked = [r for r in picked if (r["status"] == DespatchStatus.DRAFT) == drafts]
        picked.sort(key=lambda r: (r["issue_date"], r["issue_time"]))
        return [r["ettn"] for r in picked]

    def row_of(self, ettn: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["ettn"] == ettn), -1)

    # -- opening ----------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        r = self.rows[row]
        if r["status"] == DespatchStatus.DRAFT:
            self.services.tasks.run(DB, despatches.show_despatch, self.services.ctx, r["ettn"],
                                    on_success=lambda info: self.open_form(info["data"],
                                                                           info["ettn"]))
            return
        from ui.despatch.view import DespatchViewDialog, load_view

        self.services.tasks.run(DB, load_view, self.services.ctx, r["ettn"],
                                on_success=lambda info: self._show_view(
                                    DespatchViewDialog(self.services, info, self)))

    def _connect_view(self, dialog: QWidget) -> None:
        dialog.answered.connect(self.refresh)  # type: ignore[attr-defined]

    def _show_view(self, dialog: QWidget) -> None:
        self.view_dialog = dialog
        self._connect_view(dialog)
        dialog.open()  # type: ignore[attr-defined]

    def open_form(self, data: dict[str, Any] | None = None,
                  ettn: str | None = None) -> DespatchDialog:
        self.form = DespatchDialog(self.services, self, data=data, ettn=ettn)
        self.form.saved.connect(self._saved)
        self.form.open()
        return self.form

    def new_despatch(self) -> DespatchDialog:
        return self.open_form()

    def _saved(self, _ettn: str) -> None:
        self.message.setText(self.tr("İrsaliye taslağı kaydedildi."))
        self.refresh()

    def pick_invoice(self) -> None:
        from ui.despatch.invoice_pick import InvoicePickDialog

        self.pick_dialog = InvoicePickDialog(self.services, self)
        self.pick_dialog.chosen.connect(self.from_invoice)
        self.pick_dialog.open()

    def from_invoice(self, invoice_ettn: str) -> None:
        """The form, prefilled from the invoice (receiver, goods, the invoice's number);
        the user adds the shipment and saves."""
        self.services.tasks.run(DB, despatches.draft_json_from_invoice, self.services.ctx,
                                invoice_ettn, on_success=self.open_form)

    # -- issuing and deleting ---------------------------------------------------------------
    def issue_selected(self) -> Any:
        ettns = self.selected_ettns(drafts=True)
        if not ettns:
            self.message.setText(self.tr("Kesmek için taslak seçin."))
            return None
        from ui.despatch.issue import run_despatch_batch

        self.batch = run_despatch_batch(
            self.services, self, ettns, self.pin_handler,
            on_done=lambda results: self.message.setText(
                self.tr("{0} irsaliye kesildi: {1}").format(
                    len(results), ", ".join(r.number for r in results))),
            on_finally=self.refresh)
        return self.batch

    def delete_selected(self) -> None:
        ettns = self.selected_ettns(drafts=True)
        if not ettns:
            if self.selected_ettns(drafts=False):
                self.message.setText(self.tr(
                    "Kesilmiş irsaliye silinemez: numarası kullanılmıştır ve belge Vergi Usul "
                    "Kanunu gereği saklanmalıdır."))
            return
        self.confirm_box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Taslakları sil"),
            self.tr("{0} irsaliye taslağı silinsin mi?").format(len(ettns)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.confirm_box.setObjectName("confirmDeleteDespatches")
        self.confirm_box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Sil"))
        self.confirm_box.button(QMessageBox.StandardButton.No).setText(self.tr("Vazgeç"))
        self.confirm_box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box.finished.connect(lambda code: self._delete_answered(code, ettns))
        self.confirm_box.open()

    def _delete_answered(self, code: int, ettns: list[str]) -> None:
        if code != QMessageBox.StandardButton.Yes:
            return
        self.services.tasks.run(
            DB, despatches.delete_drafts, self.services.ctx, ettns,
            on_success=lambda deleted: self.message.setText(
                self.tr("{0} irsaliye taslağı silindi.").format(len(deleted))),
            on_finally=self.refresh)
