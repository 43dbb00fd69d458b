"""Whose status an outbox channel's progress is, and the one place that moves it.

The outbox's transitions speak in an invoice's sending statuses (``app.domain.status``:
queued, sent, processing, completed, failed). A channel named in ``INVOICE_STATUS_CHANNELS``
moves the statuses of the invoices its envelope carried and writes their history; one named
in ``DESPATCH_STATUS_CHANNELS`` moves the despatch advices whose signed documents it carried
(``despatches.document_id``), with ``DESPATCH_STATUS`` saying what each step is for them; one
in ``RECEIPT_STATUS_CHANNELS`` likewise moves our receipt advices (``receipt_advices``,
``RECEIPT_STATUS``); any other channel only writes the history of the invoices it carried (an
e-mail, a KABUL/RED).
"""

from __future__ import annotations

from collections.abc import Callable

from app.db import Session
from app.db import tables as t
from app.db.repositories import invoices
from app.db.repositories import outbox as repo
from app.db.repositories.events import add_event, add_events
from app.domain.despatch_status import DespatchStatus
from app.domain.receipt_status import ReceiptStatus
from app.domain.status import Status
from app.outbox.states import (
    DESPATCH_STATUS_CHANNELS,
    INVOICE_STATUS_CHANNELS,
    RECEIPT_STATUS_CHANNELS,
)

QUEUED_MESSAGE = "Gönderilmek üzere giden kutusuna alındı."

# An invoice's sending status → the despatch advice's (GİB's 1100 "işleniyor" is still
# "gönderildi" for it: DespatchStatus has no step of its own for it).
DESPATCH_STATUS: dict[Status, DespatchStatus] = {
    Status.QUEUED: DespatchStatus.QUEUED,
    Status.SENT: DespatchStatus.SENT,
    Status.PROCESSING: DespatchStatus.SENT,
    Status.COMPLETED: DespatchStatus.COMPLETED,
    Status.FAILED: DespatchStatus.FAILED,
}
# … and our receipt advice's.
RECEIPT_STATUS: dict[Status, ReceiptStatus] = {
    Status.QUEUED: ReceiptStatus.QUEUED,
    Status.SENT: ReceiptStatus.SENT,
    Status.PROCESSING: ReceiptStatus.SENT,
    Status.COMPLETED: ReceiptStatus.COMPLETED,
    Status.FAILED: ReceiptStatus.FAILED,
}

# A channel whose progress is the status of its documents' own records (not invoices): how
# they are moved, set-based by document, and what each sending step is for them.
_DocumentMover = Callable[[Session, list[int], str], None]
_DOCUMENT_STATUS: list[tuple[frozenset[str], _DocumentMover, dict[Status, str]]] = [
    (DESPATCH_STATUS_CHANNELS, repo.set_despatch_status, dict(DESPATCH_STATUS)),
    (RECEIPT_STATUS_CHANNELS, repo.set_receipt_status, dict(RECEIPT_STATUS)),
]


def _move_documents(s: Session, channel: str, document_ids: Callable[[], list[int]],
                    status: Status) -> bool:
    """Move the records of ``channel``'s documents to ``status``; False when the channel's
    progress is not theirs."""
    for channels, move, names in _DOCUMENT_STATUS:
        if channel in channels:
            move(s, document_ids(), names[status])
            return True
    return False


def queued(s: Session, channel: str, document_id: int, invoice: t.Invoice | None) -> None:
    """A document of ``channel`` entered the outbox (inside the transaction storing it)."""
    if _move_documents(s, channel, lambda: [document_id], Status.QUEUED):
        return
    if invoice is not None and channel in INVOICE_STATUS_CHANNELS:
        invoice.status = Status.QUEUED
        add_event(s, invoice.id, "queued", QUEUED_MESSAGE)


def moved(s: Session, env: t.Envelope, status: Status, kind: str, message: str,
          code: str = "") -> None:
    """The envelope's documents reached ``status``: move their records; log it for those
    whose status changed (and for all of them when the service gave a code). Set-based: an
    envelope holds up to 100."""
    if _move_documents(s, env.channel, lambda: repo.document_ids_of_envelope(s, env.id),
                       status):
        return
    ids = repo.invoice_ids_of_envelope(s, env.id)
    if env.channel not in INVOICE_STATUS_CHANNELS:
        add_events(s, ids, kind, message, code=code, data={"envelope": env.uuid})
        return
    changed = invoices.set_status(s, ids, status)
    add_events(s, ids if code else changed, kind, message, code=code,
               data={"envelope": env.uuid})
