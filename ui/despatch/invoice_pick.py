"""Faturadan irsaliye: choose one of our invoices (a draft or an issued one); the despatch
form then opens prefilled from it (``despatches.draft_json_from_invoice``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.usecases import reports
from ui import fmt
from ui.services import Services
from ui.tasks import DB
from ui.widgets.badges import status_name

LIMIT = 200


def own_invoices(ctx: object, search: str) -> list[reports.InvoiceRow]:
    """Job: our invoices (drafts and issued ones), newest first."""
    f = reports.InvoiceFilter(search=search, direction="out")
    return reports.invoice_page(ctx, f, offset=0, limit=LIMIT)  # type: ignore[arg-type]


class InvoicePickDialog(QDialog):
    chosen = Signal(str)  # the invoice's ETTN

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[reports.InvoiceRow] = []
        self.setObjectName("invoicePick")
        self.setWindowTitle(self.tr("Faturadan irsaliye"))
        self.resize(760, 480)
        lay = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("invoicePickSearch")
        self.search.setPlaceholderText(self.tr("Ara: numara, müşteri, VKN/TCKN"))
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("invoicePickTable")
        self.table.setHorizontalHeaderLabels([self.tr("Numara"), self.tr("Tarih"),
                                              self.tr("Müşteri"), self.tr("Durum")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.choose())
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Vazgeç"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.choose_button = QPushButton(self.tr("İrsaliye hazırla"))
        self.choose_button.setObjectName("invoicePickChoose")
        self.choose_button.setProperty("role", "primary")
        self.choose_button.clicked.connect(self.choose)
        buttons.addWidget(self.choose_button)
        lay.addLayout(buttons)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.refresh()

    def refresh(self) -> None:
        self.services.tasks.run(DB, own_invoices, self.services.ctx, self.search.text(),
                                on_success=self.show_rows)

    def show_rows(self, rows: list[reports.InvoiceRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for col, text in enumerate((r.number or self.tr("Taslak"), fmt.day(r.issue_date),
                                        r.customer_name, status_name(r.status))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.ettn)
                self.table.setItem(i, col, item)
        if rows:
            self.table.selectRow(0)

    def choose(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.chosen.emit(self.rows[row].ettn)
            self.accept()
