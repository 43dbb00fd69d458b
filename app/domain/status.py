"""Invoice states and their Turkish names (badges in the app, words in the CLI)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"  # taslak: editable, no number
    ISSUED = "issued"  # kesildi: numbered, signed, stored; not yet queued for GİB
    QUEUED = "queued"  # kuyrukta: waiting in the outbox
    SENT = "sent"  # gönderildi: GİB took the envelope
    PROCESSING = "processing"  # GİB'de işleniyor
    COMPLETED = "completed"  # tamamlandı (1300)
    FAILED = "failed"  # hata: GİB refused; fix and issue again
    RECEIVED = "received"  # gelen fatura (imported)
    CANCELLED = "cancelled"  # İPTAL: an e-Arşiv invoice cancelled (app.domain.cancellation)
    REPORTED = "reported"  # raporlandı: an e-Arşiv invoice in a report GİB accepted
    ACCEPTED = "accepted"  # kabul edildi: the customer's KABUL (TICARIFATURA)
    REJECTED = "rejected"  # reddedildi: the customer's RED (TICARIFATURA)


STATUS_NAMES: dict[Status, str] = {
    Status.DRAFT: "Taslak",
    Status.ISSUED: "Kesildi",
    Status.QUEUED: "Kuyrukta",
    Status.SENT: "Gönderildi",
    Status.PROCESSING: "GİB'de işleniyor",
    Status.COMPLETED: "Tamamlandı",
    Status.FAILED: "Hata",
    Status.RECEIVED: "Gelen",
    Status.CANCELLED: "İPTAL",
    Status.REPORTED: "Raporlandı",
    Status.ACCEPTED: "Kabul edildi",
    Status.REJECTED: "Reddedildi",
}
