"""Issuing the selected despatch drafts: one signer session (one PIN) on the token lane,
with a progress dialog whose "Durdur" stops before the next draft (``ui.batch``'s runner)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QProgressDialog, QWidget

from app.usecases.despatches import DespatchIssueResult, issue_despatches
from ui.batch import run_signing_batch
from ui.services import Services


def run_despatch_batch(services: Services, parent: QWidget, ettns: list[str], pin_handler: Any,
                       on_done: Callable[[list[DespatchIssueResult]], None] | None = None,
                       on_finally: Callable[[], None] | None = None) -> QProgressDialog:
    return run_signing_batch(services, parent, parent.tr("İrsaliyeler kesiliyor"),
                             issue_despatches, ettns, pin_handler, on_done, on_finally)
