"""Received e-İrsaliye as the İrsaliyeler list shows them: each with the window in which
our irsaliye yanıtı may still be given (``app.domain.deadlines``; the answer itself is
``despatch_receiving.respond_despatch``, which checks every rule again)."""

from __future__ import annotations

from typing import Any

from app import clock
from app.context import AppContext
from app.db.repositories import despatches as despatch_repo
from app.db.repositories import receipts as receipt_repo
from app.domain import deadlines
from app.usecases.despatches import despatch_summary


def received_despatches(ctx: AppContext, *, search: str = "",
                        limit: int = 200) -> list[dict[str, Any]]:
    """Received despatch advices (``despatch_summary``), newest first, with ``received_at``,
    ``answer_due``, ``days_left`` (whole days: 0 on the last day, negative once over),
    ``answered`` (our answer is stored) and ``answerable``."""
    today = clock.today()
    rows = []
    with ctx.db.session() as s:
        for row in despatch_repo.search(s, text=search, direction="in", limit=limit):
            received = row.received_at or row.created_at
            due = deadlines.receipt_deadline(received)
            answered = receipt_repo.ours_for(s, row.id) is not None
            rows.append({**despatch_summary(row),
                         "received_at": received.isoformat(timespec="seconds"),
                         "answer_due": due.replace(tzinfo=None).isoformat(timespec="seconds"),
                         "days_left": (due.date() - today).days, "answered": answered,
                         "answerable": not answered
                         and deadlines.may_still_send_receipt(received)})
    return rows


__all__ = ["received_despatches"]
