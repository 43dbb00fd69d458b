"""The invoice list as a lazy table model: it knows the count and fetches pages on demand.

Only the pages the view asks for are read (``PAGE`` rows per query, a few pages kept),
so 100,000 invoices cost one COUNT and one small SELECT per screenful, never the table.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain import codes
from app.usecases.reports import InvoiceFilter, InvoiceRow
from ui import fmt

PAGE = 200
KEEP_PAGES = 8

Index = QModelIndex | QPersistentModelIndex
PageFetcher = Callable[[InvoiceFilter, int, int, str, bool], list[InvoiceRow]]
Counter = Callable[[InvoiceFilter], int]

# (key, header); the key is the sort column in app.usecases.reports.SORT_COLUMNS
COLUMNS = [
    ("number", QT_TRANSLATE_NOOP("InvoiceTableModel", "Numara")),
    ("issue_date", QT_TRANSLATE_NOOP("InvoiceTableModel", "Tarih")),
    ("customer_name", QT_TRANSLATE_NOOP("InvoiceTableModel", "Müşteri")),
    ("profile", QT_TRANSLATE_NOOP("InvoiceTableModel", "Senaryo")),
    ("type", QT_TRANSLATE_NOOP("InvoiceTableModel", "Tip")),
    ("payable", QT_TRANSLATE_NOOP("InvoiceTableModel", "Ödenecek")),
    ("status", QT_TRANSLATE_NOOP("InvoiceTableModel", "Durum")),
]
STATUS_COLUMN = 6


class InvoiceTableModel(QAbstractTableModel):
    def __init__(self, fetch_page: PageFetcher, count: Counter) -> None:
        super().__init__()
        self._fetch_page = fetch_page
        self._count = count
        self.filter = InvoiceFilter()
        self.sort_key = "issue_date"
        self.descending = True
        self._rows = 0
        self._pages: OrderedDict[int, list[InvoiceRow]] = OrderedDict()
        self.queries = 0  # page reads so far (tests and benchmarks look at it)

    # -- loading ------------------------------------------------------------------------
    def set_filter(self, f: InvoiceFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._rows = self._count(self.filter)
        self.endResetModel()

    def _page(self, number: int) -> list[InvoiceRow]:
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(self.filter, number * PAGE, PAGE, self.sort_key,
                                    self.descending)
            self.queries += 1
            self._pages[number] = page
            while len(self._pages) > KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row(self, i: int) -> InvoiceRow | None:
        if not 0 <= i < self._rows:
            return None
        page = self._page(i // PAGE)
        j = i % PAGE
        return page[j] if j < len(page) else None

    @property
    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row(index.row())
        if r is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "number":
                if r.signature_valid is False:
                    return self.tr("{0} — İMZA GEÇERSİZ").format(r.number)
                return r.number or self.tr("(taslak)")
            if key == "issue_date":
                return fmt.day(r.issue_date)
            if key == "customer_name":
                return r.customer_name
            if key == "profile":
                return codes.profile_words(r.profile)  # any GİB code (received ones too)
            if key == "type":
                return codes.type_words(r.type)
            if key == "payable":
                return fmt.money(r.payable, r.currency)
            return None
        if role == Qt.ItemDataRole.UserRole and key == "status":
            return r.status
        if role == Qt.ItemDataRole.UserRole + 1:
            return r.ettn
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "payable":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "number" and r.signature_valid is False:
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"ETTN {r.ettn}\n{r.customer_vkn_tckn}"
            if r.signature_valid is not None:
                tip += "\n" + (self.tr("İmza geçerli") if r.signature_valid
                               else self.tr("İMZA GEÇERSİZ: ayrıntı için faturayı açın"))
            return tip
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
