"""The states of outbox items and envelopes.

An item: waiting → enveloped → done | failed (back to waiting when its envelope must be sent
again in a new one); failed → waiting when the user sends the same document again in a new
envelope, failed → handled when the user marked the rejection as dealt with (it no longer
counts as waiting or as needing attention). An envelope: ready → sending → sent → processing → completed | failed;
retry after a send that did not arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

WAITING, ENVELOPED, DONE, FAILED = "waiting", "enveloped", "done", "failed"
HANDLED = "handled"

READY, SENDING, RETRY, SENT, PROCESSING, COMPLETED, ENV_FAILED = (
    "ready", "sending", "retry", "sent", "processing", "completed", "failed")
ACTIVE = (READY, SENDING, RETRY, SENT, PROCESSING)

# The channels whose answers are an invoice's own status: GİB's. An e-mail carries a copy to
# the buyer; its progress is written in the invoice's history, and the invoice keeps the
# status GİB gave it (an e-Arşiv invoice stays "Kesildi" until its report is accepted).
INVOICE_STATUS_CHANNELS = frozenset({"efatura"})
# The channels whose answers are a despatch advice's own status (e-İrsaliye through GİB).
DESPATCH_STATUS_CHANNELS = frozenset({"efatura-despatch"})
# The channels whose answers are our receipt advice's (irsaliye yanıtı) own status.
RECEIPT_STATUS_CHANNELS = frozenset({"efatura-receipt"})


@dataclass
class SyncPolicy:
    """How patient the sync is. Tests use zero delays."""

    poll_interval: timedelta = timedelta(seconds=20)
    backoff: tuple[timedelta, ...] = (timedelta(seconds=30), timedelta(minutes=1),
                                      timedelta(minutes=2), timedelta(minutes=5),
                                      timedelta(minutes=15), timedelta(minutes=30))

    def retry_delay(self, attempts: int) -> timedelta:
        return self.backoff[min(max(attempts - 1, 0), len(self.backoff) - 1)]
