"""States of a despatch advice (e-İrsaliye) and their Turkish names."""

from __future__ import annotations

from enum import StrEnum


class DespatchStatus(StrEnum):
    DRAFT = "draft"  # taslak: editable, no number
    ISSUED = "issued"  # kesildi: numbered, signed, stored; not yet handed to the outbox
    QUEUED = "queued"  # kuyrukta: waiting in the outbox
    SENT = "sent"  # gönderildi: GİB took the envelope
    COMPLETED = "completed"  # alıcıya ulaştı
    FAILED = "failed"  # hata: GİB refused it
    ANSWERED = "answered"  # yanıtlandı: the receiver's receipt advice came
    RECEIVED = "received"  # gelen irsaliye


DESPATCH_STATUS_NAMES: dict[DespatchStatus, str] = {
    DespatchStatus.DRAFT: "Taslak",
    DespatchStatus.ISSUED: "Kesildi",
    DespatchStatus.QUEUED: "Kuyrukta",
    DespatchStatus.SENT: "Gönderildi",
    DespatchStatus.COMPLETED: "Alıcıya ulaştı",
    DespatchStatus.FAILED: "Hata",
    DespatchStatus.ANSWERED: "Yanıtlandı",
    DespatchStatus.RECEIVED: "Gelen",
}
