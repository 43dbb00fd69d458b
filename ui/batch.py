"""Long work with a progress bar and a safe Cancel: batch PDF export of invoices.

The job checks its ``CancelToken`` between invoices; every file is written to a temporary
name and renamed when complete, so a cancelled batch leaves only whole PDFs behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.usecases.invoices import show_invoice
from app.usecases.printing import invoice_pdf_bytes
from ui.services import Services
from ui.tasks import DB, CancelToken


class Progress(QObject):
    """Emitted from the worker; delivered on the GUI thread (queued)."""

    step = Signal(int, int, str)  # done, total, what


def write_pdfs(ctx: Any, ettns: list[str], folder: Path, progress: Progress,
               cancel: CancelToken) -> list[Path]:
    """Job: one ``<number>.pdf`` per invoice in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i, ettn in enumerate(ettns):
        cancel.check()
        number = show_invoice(ctx, ettn)["number"] or ettn
        progress.step.emit(i, len(ettns), number)
        target = folder / f"{number}.pdf"
        tmp = target.with_suffix(".pdf.part")
        tmp.write_bytes(invoice_pdf_bytes(ctx, ettn))
        os.replace(tmp, target)
        written.append(target)
    progress.step.emit(len(ettns), len(ettns), "")
    return written


def run_pdf_batch(services: Services, parent: QWidget, ettns: list[str], folder: Path,
                  on_done: Callable[[list[Path]], None] | None = None) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setObjectName("batchProgress")
    dialog.setWindowTitle(parent.tr("PDF'ler yazılıyor"))
    dialog.setLabelText(parent.tr("Hazırlanıyor…"))
    dialog.setCancelButtonText(parent.tr("Durdur"))
    dialog.setRange(0, len(ettns))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    progress = Progress(dialog)
    cancel = CancelToken()
    progress.step.connect(lambda done, total, what: (
        dialog.setValue(done),
        dialog.setLabelText(parent.tr("{0}/{1}: {2}").format(done + 1, total, what) if what
                            else parent.tr("Bitti."))))
    dialog.canceled.connect(cancel.cancel)

    def finished(paths: list[Path]) -> None:
        dialog.reset()
        if on_done:
            on_done(paths)

    def failed(exc: BaseException) -> None:
        dialog.reset()
        services.errors(exc, parent)  # a cancel is silent

    services.tasks.run(DB, write_pdfs, services.ctx, ettns, folder, progress, cancel,
                       on_success=finished, on_error=failed)
    dialog.cancel_token = cancel  # type: ignore[attr-defined]
    dialog.show()
    return dialog
