"""Faturalar: every invoice, searchable and filterable, in a lazy model."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from app.domain import codes
from app.domain.status import STATUS_NAMES, Status
from app.usecases import invoices, reports
from ui.dialogs.invoice_view import InvoiceViewDialog, load_view
from ui.fmt import qtoday, today
from ui.keepview import remember, restore
from ui.models.invoices import PAGE, STATUS_COLUMN, InvoiceTableModel
from ui.pages.base import Page
from ui.services import Services
from ui.tasks import DB
from ui.widgets.badges import BadgeDelegate

DATE_PRESETS = [
    QT_TRANSLATE_NOOP("InvoicesPage", "Tüm tarihler"), QT_TRANSLATE_NOOP("InvoicesPage", "Bu ay"),
    QT_TRANSLATE_NOOP("InvoicesPage", "Geçen ay"), QT_TRANSLATE_NOOP("InvoicesPage", "Bu yıl"),
    QT_TRANSLATE_NOOP("InvoicesPage", "Son 30 gün"),
    QT_TRANSLATE_NOOP("InvoicesPage", "Tarih aralığı")]
# How long "Geri al" stays offered after drafts are deleted.
UNDO_SECONDS = 10


def preset_range(index: int, today: date) -> tuple[date | None, date | None]:
    if index == 1:
        return today.replace(day=1), today
    if index == 2:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if index == 3:
        return date(today.year, 1, 1), today
    if index == 4:
        return today - timedelta(days=30), today
    return None, None


class InvoicesPage(Page):
    title = QT_TRANSLATE_NOOP("InvoicesPage", "Faturalar")
    open_draft = Signal(str)  # ETTN of a draft to edit
    create_return = Signal(dict)  # the invoice JSON of a new İADE draft

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        ctx = services.ctx
        self.model = InvoiceTableModel(
            lambda f, off, lim, key, desc: reports.invoice_page(
                ctx, f, offset=off, limit=lim, sort=key, descending=desc),
            lambda f: reports.count_invoices(ctx, f))

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("invoiceSearch")
        self.search.setPlaceholderText(self.tr("Ara: numara, müşteri, VKN/TCKN, ETTN, tutar (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.dates = QComboBox()
        self.dates.addItems([self.tr(t) for t in DATE_PRESETS])
        bar.addWidget(self.dates)
        self.date_from = QDateEdit(qtoday().addMonths(-1))
        self.date_to = QDateEdit(qtoday())
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("dd.MM.yyyy")
            d.setCalendarPopup(True)
            d.setVisible(False)
            bar.addWidget(d)
        self.direction = QComboBox()
        self.direction.setObjectName("directionFilter")
        self.direction.addItem(self.tr("Kesilen faturalar"), "out")
        self.direction.addItem(self.tr("Gelen faturalar"), "in")
        bar.addWidget(self.direction)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("Tüm durumlar"), "")
        for st in Status:
            if st is not Status.RECEIVED:
                self.status.addItem(STATUS_NAMES[st], st.value)
        bar.addWidget(self.status)
        self.profile = QComboBox()
        self.profile.addItem(self.tr("Tüm senaryolar"), "")
        for p, name in codes.PROFILE_NAMES.items():
            self.profile.addItem(name, p.value)
        bar.addWidget(self.profile)
        self.type = QComboBox()
        self.type.addItem(self.tr("Tüm tipler"), "")
        for t, name in codes.INVOICE_TYPE_NAMES.items():
            self.type.addItem(name, t.value)
        bar.addWidget(self.type)
        self.layout_.addLayout(bar)

        self.view = QTableView()
        self.view.setObjectName("invoiceTable")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(STATUS_COLUMN, BadgeDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 170), (1, 100), (3, 120), (4, 100), (5, 140), (6, 150)):
            self.view.setColumnWidth(col, width)
        self.view.activated.connect(self.open_index)
        self.layout_.addWidget(self.view, 1)

        foot = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("invoiceCount")
        foot.addWidget(self.count_label)
        foot.addStretch(1)
        self.batch_label = QLabel()
        self.batch_label.setObjectName("batchLabel")
        foot.addWidget(self.batch_label)
        issue = QPushButton(self.tr("Seçilen taslakları kes (Ctrl+K)"))
        issue.clicked.connect(self.issue_selected)
        foot.addWidget(issue)
        pdfs = QPushButton(self.tr("Seçilenleri PDF olarak kaydet… (Ctrl+Shift+S)"))
        pdfs.clicked.connect(self.save_selected_pdfs)
        foot.addWidget(pdfs)
        self.delete_button = QPushButton(self.tr("Sil (Delete)"))
        self.delete_button.setObjectName("deleteDrafts")
        self.delete_button.setToolTip(self.tr(
            "Seçilen taslakları siler. Kesilmiş fatura silinemez: numarası kullanılmıştır "
            "ve belge Vergi Usul Kanunu gereği saklanmalıdır."))
        self.delete_button.clicked.connect(self.delete_selected)
        foot.addWidget(self.delete_button)
        open_button = QPushButton(self.tr("Aç (Enter)"))
        open_button.clicked.connect(lambda: self.open_index(self.view.currentIndex()))
        foot.addWidget(open_button)
        self.export_button = QPushButton(self.tr("Muhasebeci için dışa aktar…"))
        self.export_button.setObjectName("accountingExport")
        self.export_button.clicked.connect(self.open_accounting_export)
        foot.addWidget(self.export_button)
        self.layout_.addLayout(foot)

        # The notice after a deletion: what was deleted and "Geri al" for UNDO_SECONDS.
        undo_bar = QHBoxLayout()
        self.undo_label = QLabel()
        self.undo_label.setObjectName("undoLabel")
        undo_bar.addWidget(self.undo_label)
        undo_bar.addStretch(1)
        self.undo_button = QPushButton(self.tr("Geri al"))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.clicked.connect(self.undo_delete)
        undo_bar.addWidget(self.undo_button)
        self.layout_.addLayout(undo_bar)
        self.undo_label.setVisible(False)
        self.undo_button.setVisible(False)
        self.deleted: invoices.DeletedDrafts | None = None
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._forget_deleted)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.dates, self.direction, self.status, self.profile, self.type):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.dates.currentIndexChanged.connect(
            lambda i: [d.setVisible(i == len(DATE_PRESETS) - 1)
                       for d in (self.date_from, self.date_to)])
        self.date_from.dateChanged.connect(self.apply_filter)
        self.date_to.dateChanged.connect(self.apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.save_selected_pdfs)
        QShortcut(QKeySequence("Ctrl+K"), self, self.issue_selected)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                               self.delete_selected)
        delete_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        from ui.pin import QtPinHandler

        self.pin_handler = QtPinHandler(self)

    def current_filter(self) -> reports.InvoiceFilter:
        i = self.dates.currentIndex()
        if i == len(DATE_PRESETS) - 1:
            d_from, d_to = self.date_from.date().toPython(), self.date_to.date().toPython()
        else:
            d_from, d_to = preset_range(i, today())
        status = self.status.currentData()
        return reports.InvoiceFilter(
            search=self.search.text(), statuses=(status,) if status else (),
            profile=self.profile.currentData() or "", type=self.type.currentData() or "",
            date_from=d_from, date_to=d_to, direction=self.direction.currentData() or "out")

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()

    def refresh(self) -> None:
        """Read the list again (after a change here or on another seat), keeping the
        selected rows and the scroll position."""
        place = remember(self.view, self._ettn_at)
        self.model.set_filter(self.current_filter())
        self._update_count()
        restore(self.view, place, self._ettn_at, self.model.rowCount(), near=PAGE)

    def _ettn_at(self, i: int) -> str | None:
        row = self.model.row(i)
        return row.ettn if row is not None else None

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{0} fatura").format(
            f"{self.model.rowCount():,}".replace(",", ".")))

    def open_index(self, index: Any) -> None:
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            return
        if row.status == Status.DRAFT:
            self.open_draft.emit(row.ettn)
            return
        self.services.tasks.run(DB, load_view, self.services.ctx, row.ettn,
                                on_success=self._show_view)

    def selected_ettns(self, drafts: bool = False) -> list[str]:
        """Issued invoices (or, with ``drafts``, the drafts) among the selected rows,
        oldest first."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        picked = [r for r in (self.model.row(i) for i in rows)
                  if r is not None and (r.status == Status.DRAFT) == drafts]
        picked.sort(key=lambda r: (r.issue_date, r.id))
        return [r.ettn for r in picked]

    def issue_selected(self) -> None:
        ettns = self.selected_ettns(drafts=True)
        if ettns:
            self.issue_drafts(ettns)

    def issue_drafts(self, ettns: list[str]) -> Any:
        from ui.batch import run_issue_batch

        self.batch = run_issue_batch(
            self.services, self, ettns, self.pin_handler,
            on_done=lambda results: self.batch_label.setText(
                self.tr("{0} fatura kesildi.").format(len(results))),
            on_finally=self.refresh)
        return self.batch

    def delete_selected(self) -> None:
        """Delete the selected drafts after a confirmation; issued invoices are left alone
        (and the reason is given)."""
        ettns = self.selected_ettns(drafts=True)
        issued = len(self.selected_ettns())
        if not ettns:
            if issued:
                self.batch_label.setText(self.tr(
                    "Kesilmiş fatura silinemez: numarası kullanılmıştır ve belge Vergi Usul "
                    "Kanunu gereği saklanmalıdır. Düzeltmek için iade faturası kesin."))
            return
        text = self.tr("{0} taslak silinsin mi?").format(len(ettns))
        if issued:
            text += "\n\n" + self.tr(
                "Seçilen {0} kesilmiş fatura silinmeyecek: numarası kullanılmıştır ve belge "
                "saklanmalıdır.").format(issued)
        self.confirm_box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Taslakları sil"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.confirm_box.setObjectName("confirmDelete")
        self.confirm_box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Sil"))
        self.confirm_box.button(QMessageBox.StandardButton.No).setText(self.tr("Vazgeç"))
        self.confirm_box.setDefaultButton(QMessageBox.StandardButton.No)
        if self.confirm_box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.services.tasks.run(DB, invoices.delete_drafts, self.services.ctx, ettns,
                                on_success=self._deleted, on_finally=self.refresh)

    def _deleted(self, deleted: invoices.DeletedDrafts) -> None:
        self.deleted = deleted
        self.undo_label.setText(self.tr("{0} taslak silindi.").format(len(deleted.ettns)))
        self.undo_label.setVisible(True)
        self.undo_button.setVisible(True)
        self._undo_timer.start()

    def undo_delete(self) -> None:
        """Put the deleted drafts back exactly as they were (same ETTN and content)."""
        deleted, self.deleted = self.deleted, None
        self._forget_deleted()
        if deleted is None:
            return
        self.services.tasks.run(
            DB, invoices.restore_drafts, self.services.ctx, deleted,
            on_success=lambda ettns: self.batch_label.setText(
                self.tr("{0} taslak geri alındı.").format(len(ettns))),
            on_finally=self.refresh)

    def _forget_deleted(self) -> None:
        self._undo_timer.stop()
        self.deleted = None
        self.undo_label.setVisible(False)
        self.undo_button.setVisible(False)

    def save_selected_pdfs(self) -> None:
        ettns = self.selected_ettns()
        if not ettns:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("PDF'lerin klasörü"))
        if folder:
            self.export_pdfs(ettns, Path(folder))

    def export_pdfs(self, ettns: list[str], folder: Path) -> Any:
        from ui.batch import run_pdf_batch

        self.batch = run_pdf_batch(self.services, self, ettns, folder, on_done=lambda paths:
                                   self.batch_label.setText(self.tr("{0} PDF yazıldı: {1}")
                                                            .format(len(paths), folder)))
        return self.batch

    def open_accounting_export(self) -> None:
        """A period's invoices (and originals) for the accountant."""
        from ui.dialogs.accounting_export import open_accounting_export

        self.export_dialog = open_accounting_export(
            self.services, self, getattr(self, "export_dialog", None))

    def _show_view(self, info: dict[str, Any]) -> None:
        self.dialog = InvoiceViewDialog(self.services, info, self, on_return=self._make_return,
                                        on_cancelled=self.refresh)
        self.dialog.open()

    def _make_return(self, info: dict[str, Any]) -> None:
        self.create_return.emit(return_invoice_json(info))


def return_invoice_json(info: dict[str, Any]) -> dict[str, Any]:
    """An İADE draft for the issued invoice ``info`` (from ``show_invoice``): same customer
    and lines, referencing the returned invoice's number and date (UBL-TR BillingReference).
    TICARIFATURA carries no İADE type, so its return is a TEMELFATURA."""
    data = dict(info["data"])
    data.pop("ettn", None)
    data["type"] = "IADE"
    if data.get("profile") == "TICARIFATURA":
        data["profile"] = "TEMELFATURA"
    data["issue_date"] = today().isoformat()
    data.pop("issue_time", None)
    data["return_of"] = {"number": info["number"], "date": info["issue_date"]}
    lines = []
    for ln in data.get("lines", []):
        ln = {k: v for k, v in ln.items() if k not in ("withholding_code", "withholding_rate")}
        lines.append(ln)
    data["lines"] = lines
    data["notes"] = [f"{info['number']} numaralı faturanın iadesidir."]
    data.pop("payment", None)
    return data
