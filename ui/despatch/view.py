"""An issued despatch advice: GİB's own view of it (irsaliye.xslt, through
``despatch_html``), "PDF olarak kaydet" and its irsaliye yanıtı (``receipt_panel``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.usecases import despatches
from ui import fmt
from ui.savefile import save_file_dialog, saved_message
from ui.services import Services
from ui.tasks import DB


def load_view(ctx: Any, ettn: str) -> dict[str, Any]:
    """Job: the despatch advice's summary and its HTML view."""
    info = despatches.show_despatch(ctx, ettn)
    info["html"] = despatches.despatch_html(ctx, ettn)
    return info


def write_pdf(ctx: Any, ettn: str, target: Path) -> Path:
    """Job: the despatch advice's PDF into ``target``."""
    target.write_bytes(despatches.despatch_pdf(ctx, ettn))
    return target


class DespatchViewDialog(QDialog):
    answered = Signal()  # our irsaliye yanıtı was given from this view

    def __init__(self, services: Services, info: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info = info
        self.setObjectName("despatchView")
        self.setWindowTitle(self.tr("İrsaliye {0}").format(info.get("number") or ""))
        self.resize(900, 720)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.number_label = QLabel(info.get("number") or "")
        self.number_label.setObjectName("despatchNumber")
        self.number_label.setProperty("role", "title")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.number_label)
        self.status_label = QLabel(info.get("status_name") or "")
        self.status_label.setObjectName("despatchStatus")
        head.addWidget(self.status_label)
        head.addStretch(1)
        party = info.get("sender_name") if info.get("direction") == "in" \
            else info.get("receiver_name")
        head.addWidget(QLabel(f"{party or ''} · "
                              f"{fmt.day(info.get('issue_date'))}"))
        lay.addLayout(head)
        if services.is_demo():
            test = QLabel(self.tr("TEST — demo sertifikasıyla imzalandı; geçerli irsaliye "
                                  "değildir."))
            test.setProperty("role", "test")
            lay.addWidget(test)
        from ui.despatch.receipt_panel import ReceiptPanel

        self.receipt_panel = ReceiptPanel(services, info, self, on_answered=self._answered)
        lay.addWidget(self.receipt_panel)
        self.preview = QTextBrowser()
        self.preview.setObjectName("despatchPreview")
        self.preview.setOpenLinks(False)
        self.preview.setHtml(info.get("html") or "")
        lay.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("PDF olarak kaydet (Ctrl+S)"))
        self.pdf_button.setObjectName("despatchPdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Kapat"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)

    def save_pdf(self) -> None:
        name = f"{self.info.get('number') or self.info['ettn']}.pdf"
        self.save_dialog = save_file_dialog(
            self, getattr(self.services, "prefs", None), self.tr("PDF olarak kaydet"), name,
            self.tr("PDF dosyası (*.pdf)"), lambda path: self.write_pdf(path, self._saved))

    def write_pdf(self, path: Path, on_done: Callable[[Path], None] | None = None) -> None:
        self.services.tasks.run(DB, write_pdf, self.services.ctx, self.info["ettn"], path,
                                on_success=lambda p: on_done(p) if on_done else None)

    def _saved(self, path: Path) -> None:
        self.saved_box = saved_message(self, path, self.tr("İrsaliye PDF olarak kaydedildi:"))

    def _answered(self, _result: dict[str, Any]) -> None:
        """Our answer is stored: the status and the panel say so; the list refreshes."""
        self.services.tasks.run(DB, despatches.show_despatch, self.services.ctx,
                                self.info["ettn"], on_success=self._reloaded)
        self.answered.emit()

    def _reloaded(self, info: dict[str, Any]) -> None:
        self.info = {**self.info, **info}
        self.status_label.setText(info.get("status_name") or "")
        self.receipt_panel.show_info(self.info)
