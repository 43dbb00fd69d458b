"""Irsaliye yanıtları (table ``receipt_advices``), ours and received. Every function takes
the caller's session; the use case decides the transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.tables_receipts import ReceiptAdvice


def add(s: Session, row: ReceiptAdvice) -> ReceiptAdvice:
    s.add(row)
    s.flush()
    return row


def by_sender_ettn(s: Session, direction: str, sender_vkn_tckn: str,
                   ettn: str) -> ReceiptAdvice | None:
    return s.scalar(select(ReceiptAdvice).where(
        ReceiptAdvice.direction == direction, ReceiptAdvice.sender_vkn_tckn == sender_vkn_tckn,
        ReceiptAdvice.ettn == ettn.strip().upper()))


def by_ettn(s: Session, ettn: str) -> ReceiptAdvice | None:
    """A receipt advice by its ETTN: ours first, then the latest received."""
    return s.scalar(select(ReceiptAdvice).where(ReceiptAdvice.ettn == ettn.strip().upper())
                    .order_by((ReceiptAdvice.direction == "out").desc(),
                              ReceiptAdvice.id.desc()))


def of_despatch(s: Session, despatch_id: int) -> list[ReceiptAdvice]:
    """Every receipt advice about one despatch advice, oldest first."""
    return list(s.scalars(select(ReceiptAdvice).where(ReceiptAdvice.despatch_id == despatch_id)
                          .order_by(ReceiptAdvice.id)))


def ours_for(s: Session, despatch_id: int) -> ReceiptAdvice | None:
    """Our answer to a received despatch advice (there is at most one)."""
    return s.scalar(select(ReceiptAdvice).where(ReceiptAdvice.direction == "out",
                                                ReceiptAdvice.despatch_id == despatch_id))


def counted_for(s: Session, despatch_id: int) -> ReceiptAdvice | None:
    """The received answer that decides about our despatch advice, if any."""
    return s.scalar(select(ReceiptAdvice).where(ReceiptAdvice.direction == "in",
                                                ReceiptAdvice.despatch_id == despatch_id,
                                                ReceiptAdvice.counted.is_(True)))


def unmatched(s: Session, limit: int = 200) -> list[ReceiptAdvice]:
    """Received receipt advices whose despatch advice is not ours (or not known), newest
    first."""
    return list(s.scalars(select(ReceiptAdvice).where(ReceiptAdvice.direction == "in",
                                                      ReceiptAdvice.despatch_id.is_(None))
                          .order_by(ReceiptAdvice.id.desc()).limit(limit)))
