"""Issuing the selected despatch drafts: one signer session (one PIN) on the token lane,
with a progress dialog whose "Durdur" stops before the next draft (``ui.batch``'s way)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QProgressDialog, QWidget

from app.usecases.despatches import DespatchIssueResult, issue_despatches
from ui.batch import Progress, _progress_dialog
from ui.services import Services
from ui.tasks import TOKEN, CancelToken


def issue_job(ctx: Any, ettns: list[str], pin_handler: Any, progress: Progress,
              cancel: CancelToken) -> list[DespatchIssueResult]:
    """Job (token lane): issue ``ettns`` in order; a Stop ends the batch before the next
    draft (the ones issued stay issued, each whole)."""
    def step(done: int, total: int, what: str) -> None:
        if what:
            cancel.check()
        progress.step.emit(done, total, what)

    return issue_despatches(ctx, ettns, pin_handler, on_progress=step)


def run_despatch_batch(services: Services, parent: QWidget, ettns: list[str], pin_handler: Any,
                       on_done: Callable[[list[DespatchIssueResult]], None] | None = None,
                       on_finally: Callable[[], None] | None = None) -> QProgressDialog:
    dialog = _progress_dialog(parent, parent.tr("İrsaliyeler kesiliyor"), len(ettns))
    progress = Progress(dialog)
    cancel = CancelToken()
    progress.step.connect(lambda done, total, _what: (
        dialog.setValue(done),
        dialog.setLabelText(parent.tr("{0}/{1} kesiliyor…").format(done + 1, total)
                            if done < total else parent.tr("Bitti."))))
    dialog.canceled.connect(cancel.cancel)

    def finished(results: list[DespatchIssueResult]) -> None:
        dialog.reset()
        if on_done:
            on_done(results)

    def failed(exc: BaseException) -> None:
        dialog.reset()
        services.errors(exc, parent)  # silent for a Stop or a cancelled PIN

    services.tasks.run(TOKEN, issue_job, services.ctx, ettns, pin_handler, progress, cancel,
                       on_success=finished, on_error=failed, on_finally=on_finally)
    dialog.cancel_token = cancel  # type: ignore[attr-defined]
    dialog.show()
    return dialog
