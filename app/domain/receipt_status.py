"""States of a receipt advice (irsaliye yanıtı) and their Turkish names: ours moves as the
outbox sends it (``app.outbox.records``), a received one stays ``received``."""

from __future__ import annotations

from enum import StrEnum


class ReceiptStatus(StrEnum):
    WAITING = "waiting"  # ours, stored; the sender's e-İrsaliye address is not known yet
    QUEUED = "queued"  # ours, in the outbox
    SENT = "sent"  # ours, GİB took the envelope
    COMPLETED = "completed"  # ours, reached the despatch advice's sender (1300)
    FAILED = "failed"  # ours, GİB refused it (its code in the outbox item)
    RECEIVED = "received"  # a received receipt advice


RECEIPT_STATUS_NAMES: dict[str, str] = {
    ReceiptStatus.WAITING: "Gönderilmeyi bekliyor",
    ReceiptStatus.QUEUED: "Giden kutusunda",
    ReceiptStatus.SENT: "Gönderildi",
    ReceiptStatus.COMPLETED: "Gönderene ulaştı",
    ReceiptStatus.FAILED: "Hata",
    ReceiptStatus.RECEIVED: "Geldi",
}
