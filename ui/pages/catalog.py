"""Müşteriler and Ürünler: search, add, edit, import from Excel or CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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
from app.usecases import catalog
from app.usecases import list_import as importer
from ui import fmt
from ui.dialogs.customer import CustomerDialog
from ui.dialogs.import_preview import ImportPreview
from ui.keepview import remember, restore
from ui.pages.base import Page
from ui.services import Services
from ui.tasks import DB
from ui.widgets.forms import FieldErrors


class CatalogPage(Page):
    """A searchable table with New / Edit / Import; subclasses say what it lists."""

    headers: ClassVar[list[str]] = []
    header_tips: ClassVar[dict[int, str]] = {}

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("catalogSearch")
        self.search.setPlaceholderText(self.tr("Ara (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.new_button = QPushButton(self.tr("Yeni (Ctrl+N)"))
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_item)
        bar.addWidget(self.new_button)
        edit = QPushButton(self.tr("Düzenle (Enter)"))
        edit.clicked.connect(self.edit_current)
        bar.addWidget(edit)
        imp = QPushButton(self.tr("Excel/CSV'den al (Ctrl+I)"))
        imp.clicked.connect(self.import_file)
        bar.addWidget(imp)
        self.layout_.addLayout(bar)
        self.table = QTableWidget(0, len(self.headers))
        self.table.setObjectName("catalogTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.headers])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for j in range(1, len(self.headers)):  # a column is never narrower than its title
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        for j, tip in self.header_tips.items():
            self.table.horizontalHeaderItem(j).setToolTip(self.tr(tip))
        self.table.activated.connect(lambda _i: self.edit_current())
        self.layout_.addWidget(self.table, 1)
        self.count = QLabel()
        self.layout_.addWidget(self.count)
        self.items: list[Any] = []
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        QShortcut(QKeySequence.StandardKey.New, self, self.new_item)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_file)

    # subclass hooks
    def load(self, ctx: Any, search: str) -> list[Any]:
        raise NotImplementedError

    def cells(self, item: Any) -> list[str]:
        raise NotImplementedError

    def refresh(self) -> None:
        self.services.tasks.run(DB, self.load, self.services.ctx, self.search.text(),
                                on_success=self.show_items)

    def item_key(self, item: Any) -> Any:
        """What stays the same for a row across reloads."""
        raise NotImplementedError

    def _key_at(self, row: int) -> Any:
        return self.item_key(self.items[row]) if 0 <= row < len(self.items) else None

    def show_items(self, items: list[Any]) -> None:
        place = remember(self.table, self._key_at)  # kept across a reload
        self.items = items
        self.table.setRowCount(len(items))
        for i, item in enumerate(items):
            for j, text in enumerate(self.cells(item)):
                cell = QTableWidgetItem(text)
                if j and text[:1] in "0123456789-" and text[:1] and "," in text:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, cell)
        self.count.setText(self.tr("{0} kayıt").format(len(items)))
        restore(self.table, place, self._key_at, len(items))

    def current_item(self) -> Any:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def new_item(self) -> None:
        self.open_editor(None)

    def edit_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_editor(item)

    def open_editor(self, item: Any) -> None:
        raise NotImplementedError

    # import
    read_rows = staticmethod(importer.customer_rows)
    preview_columns: ClassVar[list[tuple[str, str]]] = []

    def save_one(self, ctx: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Dosya seçin"), "",
                                              self.tr("Excel ya da CSV (*.xlsx *.csv)"))
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        self.services.tasks.run(DB, self.read_rows, path, on_success=self._preview)

    def _preview(self, rows: list[importer.ImportRow]) -> None:
        self.preview = ImportPreview(rows, self.preview_columns, _describe, self)
        self.preview.accepted.connect(lambda: self.services.tasks.run(
            DB, importer.save_rows, rows, lambda d: self.save_one(self.services.ctx, d),
            on_success=self._imported))
        self.preview.open()

    def _imported(self, n: int) -> None:
        self.count.setText(self.tr("{0} kayıt içe aktarıldı.").format(n))
        self.refresh()


def _describe(data: dict[str, Any], key: str) -> str:
    if key in data:
        return str(data[key])
    return str((data.get("address") or {}).get(key, ""))


class CustomersPage(CatalogPage):
    title = QT_TRANSLATE_NOOP("CustomersPage", "Müşteriler")
    headers: ClassVar[list[str]] = [
        QT_TRANSLATE_NOOP("CustomersPage", "Ad / unvan"), "VKN / TCKN",
        QT_TRANSLATE_NOOP("CustomersPage", "Vergi dairesi"), QT_TRANSLATE_NOOP("CustomersPage", "İl"),
        QT_TRANSLATE_NOOP("CustomersPage", "Posta kutusu (PK) etiketi")]
    header_tips: ClassVar[dict[int, str]] = {4: QT_TRANSLATE_NOOP(
        "CustomersPage", "Müşterinin GİB'deki e-Fatura posta kutusu (PK) etiketi: e-Fatura bu "
        "etikete gönderilir.")}
    preview_columns: ClassVar[list[tuple[str, str]]] = [("vkn_tckn", "VKN/TCKN"), ("name", "Unvan"), ("first_name", "Ad"),
                       ("family_name", "Soyad"), ("district", "İlçe"), ("city", "İl")]
    read_rows = staticmethod(importer.customer_rows)

    def load(self, ctx: Any, search: str) -> list[Any]:
        return [p.to_dict() | {"display_name": p.display_name}
                for p in catalog.list_customers(ctx, search)]

    def item_key(self, item: Any) -> Any:
        return item["vkn_tckn"]

    def cells(self, item: Any) -> list[str]:
        return [item["display_name"], item["vkn_tckn"], item["tax_office"],
                item["address"].get("city", ""), item["alias"]]

    def open_editor(self, item: Any) -> None:
        self.dialog = CustomerDialog(self.services, self, item)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def save_one(self, ctx: Any, data: dict[str, Any]) -> Any:
        return catalog.save_customer(ctx, data)


class ProductDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None,
                 data: dict[str, Any] | None) -> None:
        super().__init__(parent)
        self.services = services
        self.editing_without_code = bool(data) and not (data or {}).get("seller_code")
        self.setObjectName("productDialog")
        self.setWindowTitle(self.tr("Ürün") if data else self.tr("Yeni ürün"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.name.setObjectName("productName")
        self.unit = QComboBox()
        for code, name in codes.UNITS.items():
            self.unit.addItem(name, code)  # the name only; the code goes into the invoice
        self.price = QLineEdit()
        self.price.setObjectName("productPrice")
        self.kdv = QComboBox()
        for r in codes.KDV_RATES:
            self.kdv.addItem(f"%{r}", str(r))
        self.kdv.setCurrentIndex(3)
        self.code = QLineEdit()
        self.errors.row(form, self.tr("Ad"), "name", self.name)
        self.errors.row(form, self.tr("Birim"), "unit", self.unit)
        self.errors.row(form, self.tr("Birim fiyat (KDV hariç)"), "unit_price", self.price)
        self.errors.row(form, self.tr("KDV oranı"), "kdv_rate", self.kdv)
        self.errors.row(form, self.tr("Ürün kodu"), "seller_code", self.code)
        lay.addLayout(form)
        if data:
            self.name.setText(data["name"])
            self.unit.setCurrentIndex(max(0, self.unit.findData(data["unit"])))
            self.price.setText(fmt.number(Decimal(data["unit_price"]),
                                          max(2, -Decimal(data["unit_price"]).as_tuple().exponent)))
            self.kdv.setCurrentIndex(max(0, self.kdv.findData(
                str(Decimal(data["kdv_rate"]).normalize()))))
            self.code.setText(data.get("seller_code", ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Kaydet"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Vazgeç"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def save(self) -> None:
        self.errors.clear()
        if self.editing_without_code and not self.code.text().strip():
            # products are matched by their code when saved again; without one, saving
            # would add a second product instead of changing this one
            self.errors.show(UserError(self.tr("Bu ürünü değiştirmek için bir ürün kodu yazın "
                                               "(ör. stok kodu); kodsuz kayıt yeni ürün olur."),
                                       field="seller_code"))
            return
        price = fmt.parse_decimal(self.price.text())
        data = {"name": self.name.text(), "unit": self.unit.currentData(),
                "unit_price": fmt.plain(price) if price is not None else self.price.text(),
                "kdv_rate": self.kdv.currentData(), "seller_code": self.code.text()}
        self.services.tasks.run(DB, catalog.save_product, self.services.ctx, data,
                                on_success=lambda _p: self.accept(), on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and self.errors.show(exc):
            return
        self.services.errors(exc, self)


class ProductsPage(CatalogPage):
    title = QT_TRANSLATE_NOOP("ProductsPage", "Ürünler")
    headers: ClassVar[list[str]] = [
        QT_TRANSLATE_NOOP("ProductsPage", "Ad"), QT_TRANSLATE_NOOP("ProductsPage", "Birim"),
        QT_TRANSLATE_NOOP("ProductsPage", "Birim fiyat"), "KDV", QT_TRANSLATE_NOOP("ProductsPage", "Kod")]
    preview_columns: ClassVar[list[tuple[str, str]]] = [("name", "Ad"), ("unit", "Birim"), ("unit_price", "Fiyat"),
                       ("kdv_rate", "KDV"), ("seller_code", "Kod")]
    read_rows = staticmethod(importer.product_rows)

    def load(self, ctx: Any, search: str) -> list[Any]:
        return catalog.list_products(ctx, search)

    def item_key(self, item: Any) -> Any:
        return item["id"]

    def cells(self, item: Any) -> list[str]:
        price = Decimal(item["unit_price"])
        return [item["name"], codes.UNIT_SHORT.get(item["unit"], item["unit"]),
                fmt.number(price, max(2, -price.as_tuple().exponent)),
                f"%{fmt.quantity(Decimal(item['kdv_rate']))}", item["seller_code"]]

    def open_editor(self, item: Any) -> None:
        self.dialog = ProductDialog(self.services, self, item)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def save_one(self, ctx: Any, data: dict[str, Any]) -> Any:
        return catalog.save_product(ctx, data)
