"""Long work with a progress bar and a safe Stop: issuing many drafts, exporting PDFs.

Jobs check their ``CancelToken`` between invoices. Issuing is the core's batch
(``app.usecases.issuing.issue_drafts``: each invoice in its own transaction), and every PDF
is written to a temporary name and renamed when complete, so a stopped batch leaves only
whole invoices and whole files behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.usecases.invoices import IssueResult, show_invoice
from app.usecases.issuing import issue_drafts
from app.usecases.printing import invoice_pdf_bytes
from ui.services import Services
from ui.tasks import DB, TOKEN, CancelToken


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


def _progress_dialog(parent: QWidget, title: str, total: int) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setObjectName("batchProgress")
    dialog.setWindowTitle(title)
    dialog.setLabelText(parent.tr("Hazırlanıyor…"))
    dialog.setCancelButtonText(parent.tr("Durdur"))
    dialog.setRange(0, total)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    return dialog


def run_issue_batch(services: Services, parent: QWidget, ettns: list[str], pin_handler: Any,
                    on_done: Callable[[list[IssueResult]], None] | None = None,
                    on_finally: Callable[[], None] | None = None) -> QProgressDialog:
    return run_signing_batch(services, parent, parent.tr("Faturalar kesiliyor"), issue_drafts,
                             ettns, pin_handler, on_done, on_finally)


def run_signing_batch(services: Services, parent: QWidget, title: str,
                      issue: Callable[..., list[Any]], ettns: list[str], pin_handler: Any,
                      on_done: Callable[[list[Any]], None] | None = None,
                      on_finally: Callable[[], None] | None = None) -> QProgressDialog:
    """Issue ``ettns`` with ``issue`` (``issue_drafts`` or its like: ``(ctx, ettns, secret, *,
    on_progress, should_stop)``) in one signer session on the token lane, with a progress
    dialog whose Durdur stops before the next draft."""
    dialog = _progress_dialog(parent, title, len(ettns))
    progress = Progress(dialog)
    cancel = CancelToken()
    progress.step.connect(lambda done, total, _what: (
        dialog.setValue(done),
        dialog.setLabelText(parent.tr("{0}/{1} kesiliyor…").format(done + 1, total)
                            if done < total else parent.tr("Bitti."))))
    dialog.canceled.connect(cancel.cancel)

    def finished(results: list[Any]) -> None:
        dialog.reset()
        if on_done:
            on_done(results)

    def failed(exc: BaseException) -> None:
        dialog.reset()
        services.errors(exc, parent)  # silent for a cancelled PIN (CancelledError)

    job = partial(issue, on_progress=progress.step.emit, should_stop=lambda: cancel.cancelled)
    services.tasks.run(TOKEN, job, services.ctx, ettns, pin_handler,
                       on_success=finished, on_error=failed, on_finally=on_finally)
    dialog.cancel_token = cancel  # type: ignore[attr-defined]
    dialog.show()
    return dialog


def run_pdf_batch(services: Services, parent: QWidget, ettns: list[str], folder: Path,
                  on_done: Callable[[list[Path]], None] | None = None) -> QProgressDialog:
    dialog = _progress_dialog(parent, parent.tr("PDF'ler yazılıyor"), len(ettns))
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
