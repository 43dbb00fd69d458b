"""The lines of the invoice being written: plain text cells, parsed by the domain rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.domain import codes, kinds
from app.domain.codes import Profile
from app.domain.errors import UserError
from app.domain.invoice import (
    InvoiceLineData,
    InvoiceType,
    parse_line,  # the same checks issuing applies
)
from app.domain.totals import line_totals
from app.usecases.catalog import unit_code
from ui import fmt

Index = QModelIndex | QPersistentModelIndex

# (key, header, numeric)
COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("LinesModel", "Mal / hizmet"), False),
    ("quantity", QT_TRANSLATE_NOOP("LinesModel", "Miktar"), True),
    ("unit", QT_TRANSLATE_NOOP("LinesModel", "Birim"), False),
    ("unit_price", QT_TRANSLATE_NOOP("LinesModel", "Birim fiyat"), True),
    ("discount_rate", QT_TRANSLATE_NOOP("LinesModel", "İsk. %"), True),
    ("kdv_rate", QT_TRANSLATE_NOOP("LinesModel", "KDV %"), True),
    ("withholding", QT_TRANSLATE_NOOP("LinesModel", "Tevkifat"), False),
    ("exemption_code", QT_TRANSLATE_NOOP("LinesModel", "İstisna"), False),
    # konaklama vergisi (0059) of the line, on KONAKLAMAVERGISI invoices
    ("accommodation_tax", QT_TRANSLATE_NOOP("LinesModel", "Konaklama V. %"), True),
    # then one column per line field of each scenario/type kind (app.domain.kinds):
    # "<kind key>.<field key>", e.g. "hks.kunye_no", shown only when the kind applies
    *((f"{k.key}.{f.key}", f.label, f.input == kinds.NUMBER)
      for k in kinds.all_kinds() for f in k.line_fields),
    ("amount", QT_TRANSLATE_NOOP("LinesModel", "Tutar"), True),
]
COL = {key: i for i, (key, _h, _n) in enumerate(COLUMNS)}
NUMERIC = {"quantity", "unit_price", "discount_rate", "kdv_rate", "accommodation_tax"}
#: the kind columns: column key → (kind, field)
KIND_COLUMNS: dict[str, tuple[kinds.InvoiceKind, kinds.KindField]] = {
    f"{k.key}.{f.key}": (k, f) for k in kinds.all_kinds() for f in k.line_fields}



def blank_line() -> dict[str, str]:
    return {"name": "", "quantity": "1", "unit": "C62", "unit_price": "", "discount_rate": "",
            "kdv_rate": "20", "withholding": "", "exemption_code": "", "accommodation_tax": ""}


class LinesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, str]] = [blank_line()]
        self.parsed: list[InvoiceLineData | None] = [None]
        self.problems: list[str] = [""]
        self.inv_type = InvoiceType.SATIS
        self.profile: Profile | None = None

    # -- content ------------------------------------------------------------------------
    def set_lines(self, lines: list[dict[str, str]]) -> None:
        self.beginResetModel()
        self.lines = lines or [blank_line()]
        self._reparse_all()
        self.endResetModel()

    def set_type(self, inv_type: InvoiceType) -> None:
        self.set_context(self.profile, inv_type)

    def set_context(self, profile: Profile | None, inv_type: InvoiceType) -> None:
        """The scenario and type the lines are checked for (and their kind columns)."""
        self.profile, self.inv_type = profile, inv_type
        self._reparse_all()
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1,
                                                               len(COLUMNS) - 1))

    def add_line(self) -> int:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(blank_line())
        self.parsed.append(None)
        self.problems.append("")
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self.lines):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row], self.parsed[row], self.problems[row]
        self.endRemoveRows()
        if not self.lines:
            self.add_line()

    def is_blank(self, row: int) -> bool:
        ln = self.lines[row]
        return not ln["name"].strip() and not ln["unit_price"].strip()

    def line_json(self, row: int) -> dict[str, Any]:
        ln = self.lines[row]
        data: dict[str, Any] = {
            "name": ln["name"].strip(), "quantity": _plain(ln["quantity"]) or "1",
            "unit": ln["unit"] or "C62", "unit_price": _plain(ln["unit_price"]) or "0",
            "discount_rate": _plain(ln["discount_rate"]) or "0",
            "kdv_rate": _plain(ln["kdv_rate"]) or "0",
        }
        if ln["withholding"]:
            code, _, rate = ln["withholding"].partition("/")
            data["withholding_code"] = code
            if rate:
                data["withholding_rate"] = rate
        if ln["exemption_code"]:
            data["exemption_code"] = ln["exemption_code"]
        if _plain(ln.get("accommodation_tax", "")) and self.inv_type is \
                InvoiceType.KONAKLAMAVERGISI:
            data["other_taxes"] = [{"code": codes.ACCOMMODATION_TAX_CODE,
                                    "rate": _plain(ln["accommodation_tax"])}]
        active = {k.key for k in kinds.active(self.profile.value if self.profile else "",
                                              self.inv_type.value)}
        for key, (kind, spec) in KIND_COLUMNS.items():
            text = ln.get(key, "").strip()
            if text and kind.key in active:
                if spec.input == kinds.NUMBER:
                    text = _plain(text)
                data.setdefault(kind.key, {})[spec.key] = text
        return data

    def lines_json(self) -> list[dict[str, Any]]:
        return [self.line_json(i) for i in range(len(self.lines)) if not self.is_blank(i)]

    def _reparse(self, row: int) -> None:
        if self.is_blank(row):
            self.parsed[row], self.problems[row] = None, ""
            return
        try:
            self.parsed[row] = parse_line(self.line_json(row), row + 1, self.inv_type,
                                          self.profile)
            self.problems[row] = ""
        except UserError as exc:
            self.parsed[row], self.problems[row] = None, exc.message

    def _reparse_all(self) -> None:
        self.parsed = [None] * len(self.lines)
        self.problems = [""] * len(self.lines)
        for i in range(len(self.lines)):
            self._reparse(i)

    # -- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()][0] != "amount":
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = index.row(), COLUMNS[index.column()][0]
        ln = self.lines[row]
        if role == Qt.ItemDataRole.EditRole:
            if key in NUMERIC:
                v = fmt.parse_decimal(ln.get(key, ""))
                return fmt.quantity(v) if v is not None and key != "unit_price" else (
                    fmt.number(v, max(2, -v.as_tuple().exponent)) if v is not None
                    else ln.get(key, ""))
            return ln.get(key, "")
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "amount":
                parsed = self.parsed[row]
                return fmt.number(line_totals(parsed).net) if parsed else ""
            if key == "unit":
                return codes.UNIT_SHORT.get(ln["unit"], ln["unit"])
            if key in NUMERIC:
                v = fmt.parse_decimal(ln.get(key, ""))
                if v is None:
                    return ln.get(key, "")
                if key == "unit_price":
                    return fmt.number(v, max(2, -v.as_tuple().exponent))
                return fmt.quantity(v)
            if key in KIND_COLUMNS and KIND_COLUMNS[key][1].input == kinds.CHOICE:
                code = ln.get(key, "")
                words = dict(KIND_COLUMNS[key][1].choices).get(code, "")
                return f"{code} — {words}" if words and words != code else code
            if key == "withholding" and ln["withholding"]:
                code, _, rate = ln["withholding"].partition("/")
                return f"{code} (%{rate})" if rate else code
            return ln.get(key, "")
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()][2]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and self.problems[row]:
            return self.problems[row]
        if role == Qt.ItemDataRole.BackgroundRole and self.problems[row] and key == "amount":
            from PySide6.QtGui import QColor

            return QColor("#fce8e6")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, key = index.row(), COLUMNS[index.column()][0]
        if key == "amount":
            return False
        text = str(value if value is not None else "").strip()
        if key == "unit":
            text = unit_code(text) if text else "C62"
        elif key in NUMERIC and text:
            v = fmt.parse_decimal(text)
            if v is not None:
                text = fmt.plain(v)
        if self.lines[row].get(key) == text:
            return False
        self.lines[row][key] = text
        self._reparse(row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def fill_from_product(self, row: int, product: dict[str, Any]) -> None:
        ln = self.lines[row]
        ln["name"] = product["name"]
        ln["unit"] = product["unit"]
        ln["unit_price"] = product["unit_price"]
        ln["kdv_rate"] = str(Decimal(product["kdv_rate"]).normalize())
        self._reparse(row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


def _plain(text: str) -> str:
    v = fmt.parse_decimal(text)
    return fmt.plain(v) if v is not None else text.strip()
