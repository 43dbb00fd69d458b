"""The despatch form's lines: goods, quantity, unit (Turkish names) and, on an HKS or İDİS
despatch, the künye or etiket numbers of each line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.despatch import DespatchProfile

# (key, header); the unit column holds a drop-down, the others typed text
COLUMNS = [("name", QT_TRANSLATE_NOOP("DespatchLines", "Mal adı")),
           ("quantity", QT_TRANSLATE_NOOP("DespatchLines", "Miktar")),
           ("unit", QT_TRANSLATE_NOOP("DespatchLines", "Birim")),
           ("hks", QT_TRANSLATE_NOOP("DespatchLines", "HKS künye no")),
           ("idis", QT_TRANSLATE_NOOP("DespatchLines", "İDİS etiket no"))]
COL = {key: i for i, (key, _title) in enumerate(COLUMNS)}


class DespatchLines(QWidget):
    """A table of lines; ``lines_json`` gives the JSON's ``lines`` (what the table does not
    show of a loaded line — price, seller code — is kept)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.extras: list[dict[str, Any]] = []  # per row: the loaded line's other keys
        self.json_rows: list[int] = []  # the table row of each line of the last JSON
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("despatchLines")
        self.table.setHorizontalHeaderLabels([self.tr(title) for _k, title in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setTabKeyNavigation(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        for key, width in (("quantity", 90), ("unit", 150), ("hks", 190), ("idis", 220)):
            self.table.setColumnWidth(COL[key], width)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        lay.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Satır ekle"))
        self.add_button.setObjectName("addDespatchLine")
        self.add_button.clicked.connect(self.add_line)
        buttons.addWidget(self.add_button)
        self.remove_button = QPushButton(self.tr("Satırı sil"))
        self.remove_button.setObjectName("removeDespatchLine")
        self.remove_button.clicked.connect(self.remove_line)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.set_profile(DespatchProfile.TEMELIRSALIYE)

    # -- rows -------------------------------------------------------------------------------
    def add_line(self, line: dict[str, Any] | None = None) -> int:
        line = dict(line or {})
        row = self.table.rowCount()
        self.table.insertRow(row)
        hks = line.pop("hks", None) or {}
        idis = line.pop("idis", None) or {}
        texts = {"name": str(line.pop("name", "") or ""),
                 "quantity": str(line.pop("quantity", "1") or "1"),
                 "hks": str(hks.get("kunye_no", "")), "idis": str(idis.get("etiket_no", ""))}
        for key, text in texts.items():
            self.table.setItem(row, COL[key], QTableWidgetItem(text))
        unit = QComboBox()
        unit.setObjectName(f"unitCombo{row}")
        for code, name in codes.UNITS.items():
            unit.addItem(f"{name} ({code})", code)
        code = str(line.pop("unit", "C62") or "C62").upper()
        if unit.findData(code) < 0:  # a unit of the invoice not offered for new lines
            unit.addItem(codes.unit_words(code), code)
        unit.setCurrentIndex(unit.findData(code))
        unit.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, COL["unit"], unit)
        self.extras.append(line)
        self.table.setCurrentCell(row, COL["name"])
        self.changed.emit()
        return row

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self.extras[row]
        self.changed.emit()

    def set_lines(self, lines: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        self.extras = []
        for line in lines:
            self.add_line(line)
        if not lines:
            self.add_line()

    def unit_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, COL["unit"])
        assert isinstance(widget, QComboBox)
        return widget

    def _text(self, row: int, key: str) -> str:
        item = self.table.item(row, COL[key])
        return item.text().strip() if item is not None else ""

    def lines_json(self) -> list[dict[str, Any]]:
        """The JSON's lines; a row with nothing typed is left out."""
        lines = []
        self.json_rows = []
        for row in range(self.table.rowCount()):
            name, quantity = self._text(row, "name"), self._text(row, "quantity")
            hks, idis = self._text(row, "hks"), self._text(row, "idis")
            if not (name or hks or idis) and quantity in ("", "1"):
                continue
            line: dict[str, Any] = {**self.extras[row], "name": name, "quantity": quantity,
                                    "unit": self.unit_combo(row).currentData()}
            if self.profile is DespatchProfile.HKSIRSALIYE:
                line["hks"] = {"kunye_no": hks}
            if self.profile is DespatchProfile.IDISIRSALIYE:
                line["idis"] = {"etiket_no": idis}
            lines.append(line)
            self.json_rows.append(row)
        return lines

    # -- profile ----------------------------------------------------------------------------
    def set_profile(self, profile: DespatchProfile) -> None:
        self.profile = profile
        self.table.setColumnHidden(COL["hks"], profile is not DespatchProfile.HKSIRSALIYE)
        self.table.setColumnHidden(COL["idis"], profile is not DespatchProfile.IDISIRSALIYE)

    def go_to(self, index: int, key: str) -> None:
        """Select the cell an error's ``lines[index].key`` names."""
        column = {"kunye_no": "hks", "etiket_no": "idis"}.get(key, key)
        row = self.json_rows[index] if 0 <= index < len(self.json_rows) else index
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, COL.get(column, COL["name"]))
