"""The editor's lines table: typing in cells, pickers for products and codes, Enter to the
next line, and the columns the invoice type needs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from app.domain import codes, kinds
from app.domain.codes import InvoiceType, Profile
from ui.models.lines import COL, COLUMNS, KIND_COLUMNS, LinesModel

COLUMN_WIDTHS = (("quantity", 80), ("unit", 80), ("unit_price", 110), ("discount_rate", 70),
                 ("kdv_rate", 70), ("withholding", 130), ("exemption_code", 110),
                 ("accommodation_tax", 100), ("amount", 120))


class LinesDelegate(QStyledItemDelegate):
    """Product names complete from the catalogue (a known product fills its price, unit and
    KDV); withholding and exemption codes are chosen from GİB's lists."""

    def __init__(self, view: LinesView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        key = COLUMNS[index.column()][0]
        if key == "name":
            edit = QLineEdit(parent)
            completer = QCompleter(self.view.product_names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
            return edit
        if key == "withholding":
            combo = QComboBox(parent)
            combo.addItem("", "")
            for (code, rate), w in codes.WITHHOLDING_CODES.items():
                combo.addItem(f"{code} (%{rate}) {w.name}", f"{code}/{rate}")
            return combo
        if key == "exemption_code":
            combo = QComboBox(parent)
            combo.addItem("", "")
            model = index.model()
            for code, name in codes.exemption_choices(model.inv_type).items():
                combo.addItem(f"{code} {name}", code)
            if model.profile is not None and codes.demirbas_kdv_allowed(model.profile.value,
                                                                        model.inv_type.value):
                # 555: a line with KDV whose KDV is not deducted (demirbaş, GİB 2026-03)
                combo.addItem(f"{codes.DEMIRBAS_KDV_CODE} {codes.DEMIRBAS_KDV_NAME}",
                              codes.DEMIRBAS_KDV_CODE)
            return combo
        if key in KIND_COLUMNS and KIND_COLUMNS[key][1].input == kinds.CHOICE:
            combo = QComboBox(parent)
            spec = KIND_COLUMNS[key][1]
            combo.addItem("", "")
            for code, words in spec.choices:
                combo.addItem(f"{code} — {words}" if words and words != code else code, code)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = index.model().lines[index.row()].get(COLUMNS[index.column()][0], "")
            editor.setCurrentIndex(max(0, editor.findData(value)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        if COLUMNS[index.column()][0] == "name" and isinstance(editor, QLineEdit):
            product = self.view.products.get(editor.text().strip())
            if product and not model.lines[index.row()]["unit_price"]:
                model.fill_from_product(index.row(), product)
                return
        super().setModelData(editor, model, index)


class LinesView(QTableView):
    """Enter commits the cell and moves to the next line, adding one at the end."""

    def __init__(self, model: LinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products: dict[str, dict[str, Any]] = {}
        self.product_names = QStringListModel(self)
        self.setObjectName("linesTable")
        self.setModel(model)
        self.setItemDelegate(LinesDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(30)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        for key, width in COLUMN_WIDTHS:
            self.setColumnWidth(COL[key], width)

    def set_products(self, products: list[dict[str, Any]]) -> None:
        self.products = {p["name"]: p for p in products}
        self.product_names.setStringList(list(self.products))

    def show_columns_for(self, inv_type: InvoiceType, profile: Profile | None = None) -> None:
        self.setColumnHidden(COL["withholding"], not codes.carries_withholding(inv_type))
        self.setColumnHidden(COL["exemption_code"], not (
            codes.carries_exemption_code(inv_type) or (profile is not None and codes.demirbas_kdv_allowed(
                profile.value, inv_type.value))))
        self.setColumnHidden(COL["accommodation_tax"],
                             inv_type is not InvoiceType.KONAKLAMAVERGISI)
        active = {k.key for k in kinds.active(profile.value if profile else "", inv_type.value)}
        for key, (kind, _spec) in KIND_COLUMNS.items():
            self.setColumnHidden(COL[key], kind.key not in active)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.next_line()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.next_line()
            return
        super().keyPressEvent(event)

    def next_line(self) -> None:
        model: LinesModel = self.model()  # type: ignore[assignment]
        row = self.currentIndex().row()
        if row >= model.rowCount() - 1:
            if model.is_blank(row):
                return
            row = model.add_line()
        else:
            row += 1
        self.setCurrentIndex(model.index(row, COL["name"]))

    def add_line(self) -> None:
        """A new line to type in (the "Satır ekle" button); a blank last line is reused."""
        model: LinesModel = self.model()  # type: ignore[assignment]
        last = model.rowCount() - 1
        row = last if last >= 0 and model.is_blank(last) else model.add_line()
        self.setFocus()
        self.setCurrentIndex(model.index(row, COL["name"]))

    def remove_line(self) -> None:
        model: LinesModel = self.model()  # type: ignore[assignment]
        model.remove_line(self.currentIndex().row())

    def focus_lines(self) -> None:
        self.setFocus()
        self.setCurrentIndex(self.model().index(0, COL["name"]))

    def go_to_field(self, row: int, key: str) -> None:
        """Select the cell an error's ``lines[row].key`` field names."""
        col = COL.get(key, COL.get("withholding" if "withholding" in key else "name"))
        self.setCurrentIndex(self.model().index(row, col or 0))


def rows_from_json(lines: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The table's rows for the lines of an invoice JSON (a draft, or a new İADE)."""
    rows = []
    for ln in lines:
        w = ln.get("withholding_code") or ""
        if w and ln.get("withholding_rate"):
            w = f"{w}/{Decimal(ln['withholding_rate']).normalize()}"
        rows.append({"name": ln.get("name", ""), "quantity": ln.get("quantity") or "1",
                     "unit": ln.get("unit") or "C62",
                     "unit_price": ln.get("unit_price") or "",
                     "discount_rate": ln.get("discount_rate") or "",
                     "kdv_rate": str(Decimal(ln.get("kdv_rate") or "0").normalize()),
                     "withholding": w,
                     "exemption_code": ln.get("exemption_code") or "",
                     "accommodation_tax": next(
                         (str(Decimal(str(t.get("rate") or "0")).normalize())
                          for t in ln.get("other_taxes") or []
                          if t.get("code") == codes.ACCOMMODATION_TAX_CODE), "")})
        for key, (kind, spec) in KIND_COLUMNS.items():  # "hks": {"kunye_no": …} → "hks.kunye_no"
            block = ln.get(kind.key)
            if isinstance(block, dict) and block.get(spec.key) not in (None, ""):
                rows[-1][key] = str(block[spec.key])
    return rows
