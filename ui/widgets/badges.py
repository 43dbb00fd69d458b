"""Status badges: a rounded coloured label with the status's Turkish name."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain.status import STATUS_NAMES, Status

# (background, text) per status — calm colours with enough contrast.
STATUS_COLORS: dict[str, tuple[str, str]] = {
    Status.DRAFT: ("#e8eaed", "#3c4043"),
    Status.ISSUED: ("#e3f0ff", "#174ea6"),
    Status.QUEUED: ("#fff4d6", "#7a4f01"),
    Status.SENT: ("#e6f4ea", "#137333"),
    Status.PROCESSING: ("#efe7fb", "#5b2ba6"),
    Status.COMPLETED: ("#ceead6", "#0d652d"),
    Status.FAILED: ("#fce8e6", "#a50e0e"),
    Status.RECEIVED: ("#e8eaed", "#3c4043"),
    Status.CANCELLED: ("#3c4043", "#ffffff"),
    Status.REPORTED: ("#ceead6", "#0d652d"),
    Status.ACCEPTED: ("#0d652d", "#ffffff"),
    Status.REJECTED: ("#a50e0e", "#ffffff"),
}


def status_name(status: str) -> str:
    try:
        return STATUS_NAMES[Status(status)]
    except ValueError:
        return status


class StatusBadge(QLabel):
    def __init__(self, status: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_status(status)

    def set_status(self, status: str) -> None:
        bg, fg = STATUS_COLORS.get(status, ("#e8eaed", "#3c4043"))
        self.setText(status_name(status) if status else "")
        self.setStyleSheet(f"background:{bg}; color:{fg}; border-radius:9px; "
                           "padding:2px 10px; font-weight:600;")


class BadgeDelegate(QStyledItemDelegate):
    """Paints the status column (``Qt.UserRole`` holds the status code) as a badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        status = index.data(Qt.ItemDataRole.UserRole)
        if not status:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style:  # selection background
            option.text = ""
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        bg, fg = STATUS_COLORS.get(status, ("#e8eaed", "#3c4043"))
        text = status_name(status)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = option.fontMetrics
        w = fm.horizontalAdvance(text) + 16
        h = fm.height() + 4
        r = option.rect
        rect = QRectF(r.x() + 4, r.y() + (r.height() - h) / 2, min(w, r.width() - 8), h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(rect, h / 2, h / 2)
        painter.setPen(QColor(fg))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
