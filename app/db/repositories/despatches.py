"""Despatch advices (table ``despatches``): drafts, issuing and the reads the screens need.
Every function takes the caller's session; the use case decides the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.db.tables_despatches import Despatch

DRAFT = "draft"


def add(s: Session, row: Despatch) -> Despatch:
    s.add(row)
    s.flush()
    return row


def out_by_ettn(s: Session, ettn: str) -> Despatch | None:
    return s.scalar(select(Despatch).where(Despatch.direction == "out",
                                           Despatch.ettn == ettn.strip().upper()))


def by_ettn(s: Session, ettn: str) -> Despatch | None:
    """Our own despatch advice first; among received ones sharing an ETTN, the latest."""
    return s.scalar(select(Despatch).where(Despatch.ettn == ettn.strip().upper())
                    .order_by((Despatch.direction == "out").desc(), Despatch.id.desc()))


def out_by_number(s: Session, number: str) -> Despatch | None:
    return s.scalar(select(Despatch).where(Despatch.direction == "out",
                                           Despatch.number == number.strip().upper()))


def delete_draft(s: Session, row: Despatch) -> None:
    assert row.status == DRAFT, "only drafts are deleted"
    s.delete(row)
    s.flush()


def status_and_data(s: Session, despatch_id: int) -> Any:
    """``(status, data)`` of a despatch advice read afresh (one plain SELECT), or None."""
    return s.connection().execute(select(Despatch.status, Despatch.data)
                                  .where(Despatch.id == despatch_id)).first()


def issue_candidate(s: Session, ettn: str) -> Any:
    """``(id, ettn, status, number, data)`` of our despatch advice ``ettn``, or None."""
    return s.connection().execute(
        select(Despatch.id, Despatch.ettn, Despatch.status, Despatch.number, Despatch.data)
        .where(Despatch.direction == "out", Despatch.ettn == ettn.strip().upper())).first()


def mark_issued(s: Session, despatch_id: int, *, number: str, status: str, signed: bool,
                document_id: int, at: datetime) -> None:
    """The draft becomes the issued despatch advice ``number`` (in one UPDATE that checks it
    is still a draft)."""
    result = s.connection().execute(
        update(Despatch).where(Despatch.id == despatch_id, Despatch.status == DRAFT)
        .values(number=number, status=status, signed=signed, document_id=document_id,
                issued_at=at, updated_at=at))
    assert result.rowcount == 1, "the draft is still a draft under the write lock"


def search(s: Session, *, text: str = "", status: str | None = None, limit: int = 200,
           offset: int = 0, direction: str | None = None) -> list[Despatch]:
    """Newest first: drafts and issued ones by date, then by id (``direction``: only ours,
    out, or only received ones, in)."""
    q = select(Despatch)
    if direction:
        q = q.where(Despatch.direction == direction)
    if status:
        q = q.where(Despatch.status == status)
    if text.strip():
        like = f"%{text.strip()}%"
        q = q.where(or_(Despatch.number.ilike(like), Despatch.ettn.ilike(like),
                        Despatch.receiver_name.ilike(like),
                        Despatch.receiver_vkn_tckn.like(like),
                        Despatch.sender_name.ilike(like),
                        Despatch.sender_vkn_tckn.like(like)))
    q = q.order_by(Despatch.issue_date.desc(), Despatch.id.desc()).limit(limit).offset(offset)
    return list(s.scalars(q))


def count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(Despatch)) or 0)


def in_by_sender_ettn(s: Session, sender_vkn_tckn: str, ettn: str) -> Despatch | None:
    """A received despatch advice, known by its sender and ETTN."""
    return s.scalar(select(Despatch).where(Despatch.direction == "in",
                                           Despatch.sender_vkn_tckn == sender_vkn_tckn,
                                           Despatch.ettn == ettn.strip().upper()))


def out_by_reference(s: Session, reference: str) -> Despatch | None:
    """Our issued despatch advice a receipt advice names: its ETTN or its number."""
    ref = reference.strip().upper()
    return s.scalar(select(Despatch).where(Despatch.direction == "out",
                                           Despatch.status != DRAFT,
                                           or_(Despatch.ettn == ref, Despatch.number == ref)))
