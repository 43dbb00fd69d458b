"""A plain bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import fmt

MONTHS = ["Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"]


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[tuple[str, Decimal]] = []
        self.highlight: int | None = None
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, values: list[tuple[str, Decimal]], highlight: int | None = None) -> None:
        self.values = values
        self.highlight = highlight
        self.setAccessibleDescription("; ".join(f"{k}: {fmt.money(v)}" for k, v in values))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        rect = self.rect().adjusted(8, fm.height() + 8, -8, -(fm.height() + 10))
        if not self.values:
            return
        top = max((v for _, v in self.values), default=Decimal(0))
        n = len(self.values)
        slot = rect.width() / n
        bar_w = max(6.0, slot * 0.6)
        p.setPen(QColor("#dadce0"))
        p.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        for i, (label, value) in enumerate(self.values):
            x = rect.left() + i * slot + (slot - bar_w) / 2
            h = 0.0 if top <= 0 else float(max(value, Decimal(0)) / top) * rect.height()
            color = QColor("#1a73e8") if i == self.highlight else QColor("#8ab4f8")
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x, rect.bottom() - h, bar_w, h), 3, 3)
            p.setPen(QColor("#5f6368"))
            p.drawText(QRectF(rect.left() + i * slot, rect.bottom() + 4, slot, fm.height()),
                       Qt.AlignmentFlag.AlignCenter, label)
            if value > 0 and (i == self.highlight
                              or slot > fm.horizontalAdvance(self.short(Decimal("999900"))) + 4):
                short = self.short(value)
                p.drawText(QRectF(rect.left() + i * slot - 10, rect.bottom() - h - fm.height() - 2,
                                  slot + 20, fm.height()), Qt.AlignmentFlag.AlignCenter, short)
        p.end()

    def short(self, value: Decimal) -> str:
        """An amount over a bar, in Turkish short words: 950, 5,1 bin, 2,5 mn."""
        if value >= 1_000_000:
            return self.tr("{0} mn").format(fmt.number(value / 1_000_000, 1))
        if value >= 1_000:
            return self.tr("{0} bin").format(fmt.number(value / 1_000, 1))
        return fmt.number(value, 0)
