"""The watched folder while the window is open: every few seconds, in a thread of its own
(``app.usecases.watch_folder.start_watching``, which skips the turn while Ayarlar has it
off), the files a till or an ERP dropped become drafts. What came, and what was refused,
is told in the status bar; the lists that show drafts are reloaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from app.usecases.watch_folder import FAILED, ScanReport, Watching, start_watching

INTERVAL_SECONDS = 3.0
SHOWN_MS = 15_000  # how long "drafts came" stays; a refused file stays until the next message


class FolderWatch(QObject):
    """Scans while the window is open; ``scanned(report)`` arrives on the GUI thread."""

    scanned = Signal(object)

    def __init__(self, window: QMainWindow, ctx: Any,
                 interval: float = INTERVAL_SECONDS) -> None:
        super().__init__(window)
        self.window, self.ctx, self.interval = window, ctx, interval
        self.watching: Watching | None = None
        self.notice = ""
        self.scanned.connect(self._arrived)

    def start(self) -> None:
        if self.watching is None:
            self.watching = start_watching(self.ctx, self.interval, self.scanned.emit)

    def scan_now(self) -> None:
        if self.watching is not None:
            self.watching.scan_now()

    def stop(self) -> None:
        """Stop after the scan under way: it never reports to a window that is gone."""
        if self.watching is not None:
            self.watching.stop()
            self.watching = None

    def words(self, report: ScanReport) -> str:
        parts = []
        if report.drafts:
            parts.append(self.tr("Klasörden {0} taslak geldi").format(report.drafts))
        if report.refused:
            parts.append(self.tr("{0} dosya hatalı: {1}").format(
                len(report.refused), f"{report.folder.name}/{FAILED}"))
        if report.retrying:  # the database or the disk said no; tried again at the next scan
            parts.append(self.tr("{0} dosya işlenemedi, yeniden denenecek: {1}").format(
                len(report.retrying), report.retrying[0].reason))
        return " · ".join(parts)

    def _arrived(self, report: ScanReport) -> None:
        if self.watching is None:
            return
        text = self.words(report)
        if not text:
            return
        self.notice = text
        lasting = report.refused or report.retrying
        self.window.statusBar().showMessage(text, 0 if lasting else SHOWN_MS)
        if report.drafts:
            changed = getattr(self.window, "others_changed", None)
            if changed is not None:
                changed({"invoices"})
