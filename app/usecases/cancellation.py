"""Cancelling an issued e-Arşiv invoice (İPTAL) and the cancellations of a day.

The rules (which invoice may be cancelled, what the user is told and on what source) are
``app.domain.cancellation``; the storage is ``app.db.repositories.cancellations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.context import AppContext
from app.earsiv.report import Cancellation


@dataclass(frozen=True)
class CancelResult:
    """The invoice that was cancelled, when, why, and the rule applied (with its source)."""

    ettn: str
    number: str
    cancelled_at: datetime  # naive Istanbul wall-clock time, as the database keeps it
    reason: str
    rule: str


def cancellations_on(ctx: AppContext, day: date) -> list[Cancellation]:
    """The e-Arşiv cancellations made on ``day`` (Europe/Istanbul), oldest first."""
    raise NotImplementedError


def cancel_invoice(ctx: AppContext, id_or_number: str, reason: str) -> CancelResult:
    """Cancel the issued e-Arşiv invoice named by its ETTN or number, for ``reason``."""
    raise NotImplementedError


__all__ = ["CancelResult", "cancel_invoice", "cancellations_on"]
