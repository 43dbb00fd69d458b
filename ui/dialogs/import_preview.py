"""Preview of a customer or product file before importing, with per-row errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.usecases.list_import import ImportRow


class ImportPreview(QDialog):
    def __init__(self, rows: list[ImportRow], columns: list[tuple[str, str]],
                 describe: Callable[[dict[str, Any], str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setObjectName("importPreview")
        self.setWindowTitle(self.tr("İçe aktarma önizlemesi"))
        self.resize(900, 560)
        lay = QVBoxLayout(self)
        bad = sum(1 for r in rows if r.error)
        self.summary = QLabel(self.tr("{0} satır okundu; {1} satır aktarılacak, {2} satırda "
                                      "hata var (aktarılmayacak).").format(len(rows),
                                                                           len(rows) - bad, bad))
        self.summary.setObjectName("importSummary")
        lay.addWidget(self.summary)
        table = QTableWidget(len(rows), len(columns) + 2)
        table.setObjectName("importTable")
        table.setHorizontalHeaderLabels([self.tr("Satır")] + [h for _, h in columns]
                                        + [self.tr("Durum")])
        for i, r in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(str(r.line)))
            for j, (key, _h) in enumerate(columns, start=1):
                table.setItem(i, j, QTableWidgetItem(describe(r.data, key)))
            status = QTableWidgetItem(r.error or self.tr("Uygun"))
            if r.error:
                status.setForeground(QColor("#a50e0e"))
            table.setItem(i, len(columns) + 1, status)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("{0} kaydı aktar").format(len(rows) - bad))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(len(rows) > bad)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Vazgeç"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
