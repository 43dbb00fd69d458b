"""What every page has: its services, a title, and a refresh when it becomes visible."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.services import Services


class Page(QWidget):
    title = ""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 16, 20, 16)
        self.layout_.setSpacing(10)
        self.heading = QLabel(self.page_title())
        self.heading.setProperty("role", "title")
        self.layout_.addWidget(self.heading)
        self.stale = True

    def page_title(self) -> str:
        return self.tr(self.title)

    def refresh(self) -> None:
        """Reload what the page shows (called when it is shown and after changes)."""

    def mark_stale(self) -> None:
        self.stale = True
        if self.isVisible():
            self.refresh()
            self.stale = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.refresh()
