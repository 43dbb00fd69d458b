"""Irsaliye yanıtları (ReceiptAdvice), Alembic 0016: ours (``direction`` out, answering a
despatch advice we received) and theirs (``direction`` in, answering one of ours).

A receipt advice is known by its sender and ETTN (GİB's samples share ETTNs, so the same
ETTN from another sender is another document). Our answer to a received despatch advice is
given once: ``despatch_id`` is unique among ours. A received one whose despatch advice is
unknown is kept with ``despatch_id`` None and the reference as written. The signed bytes are
in ``documents`` (kind ``receipt-advice``, chained in the archive); triggers keep a row as it
was stored, only its status moves.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class ReceiptAdvice(Base):
    __tablename__ = "receipt_advices"
    __table_args__ = (
        Index("uq_receipt_advices_sender_ettn", "direction", "sender_vkn_tckn", "ettn",
              unique=True),
        Index("uq_receipt_advices_our_answer", "despatch_id", unique=True,
              sqlite_where=text("direction = 'out'"),
              postgresql_where=text("direction = 'out'")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # out (ours) | in (theirs)
    # out: waiting (stored, to be sent) | queued | sent …; in: received
    status: Mapped[str] = mapped_column(String(20))
    ettn: Mapped[str] = mapped_column(String(36), index=True)
    number: Mapped[str] = mapped_column(String(30))
    issue_date: Mapped[date] = mapped_column(Date)
    despatch_id: Mapped[int | None] = mapped_column(ForeignKey("despatches.id"), index=True,
                                                    nullable=True)
    despatch_reference: Mapped[str] = mapped_column(String(100))  # as written in it
    sender_vkn_tckn: Mapped[str] = mapped_column(String(11))
    sender_name: Mapped[str] = mapped_column(String(300))
    receiver_vkn_tckn: Mapped[str] = mapped_column(String(11))
    receiver_name: Mapped[str] = mapped_column(String(300))
    # out: ReceiptData.to_json(); in: the outcome per line, notes and the signature verdict
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    counted: Mapped[bool] = mapped_column(Boolean)  # in: the answer that decides
    signature_valid: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    envelope_id: Mapped[int | None] = mapped_column(ForeignKey("incoming_envelopes.id"),
                                                    nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
