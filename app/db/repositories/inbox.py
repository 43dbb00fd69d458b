"""What the posta kutusu received (tables ``incoming_envelopes``, ``inbox_items``,
``invoice_answers``; migration 0010)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.repositories.archive import append_envelope


def envelope_by_uuid(s: Session, uuid: str) -> t.IncomingEnvelope | None:
    return s.scalar(select(t.IncomingEnvelope).where(
        func.upper(t.IncomingEnvelope.uuid) == uuid.upper()))


def known_envelope_uuids(s: Session, uuids: list[str]) -> set[str]:
    """Which of ``uuids`` (upper case) are stored already."""
    found: set[str] = set()
    for start in range(0, len(uuids), 500):
        chunk = [u.upper() for u in uuids[start:start + 500]]
        found.update(s.scalars(select(func.upper(t.IncomingEnvelope.uuid)).where(
            func.upper(t.IncomingEnvelope.uuid).in_(chunk))))
    return found


def add_envelope(s: Session, **values: Any) -> t.IncomingEnvelope:
    row = t.IncomingEnvelope(**values)
    s.add(row)
    s.flush()
    append_envelope(s, row.id, incoming=True, content=row.content, at=row.received_at)
    return row


def envelopes(s: Session, *, limit: int = 500) -> list[t.IncomingEnvelope]:
    return list(s.scalars(select(t.IncomingEnvelope)
                          .order_by(t.IncomingEnvelope.received_at.desc(),
                                    t.IncomingEnvelope.id.desc()).limit(limit)))


def envelopes_after(s: Session, after_id: int, *, limit: int = 100) -> list[t.IncomingEnvelope]:
    """Envelopes with an id greater than ``after_id``, oldest first (the pull API's pages)."""
    return list(s.scalars(select(t.IncomingEnvelope).where(t.IncomingEnvelope.id > after_id)
                          .order_by(t.IncomingEnvelope.id).limit(limit)))


def add_item(s: Session, *, invoice_id: int, envelope_id: int, received_at: datetime,
             answer_due: datetime | None) -> t.InboxItem:
    row = t.InboxItem(invoice_id=invoice_id, envelope_id=envelope_id, received_at=received_at,
                      answer_due=answer_due, answer="", answer_reason="")
    s.add(row)
    s.flush()
    return row


def items(s: Session) -> list[tuple[t.InboxItem, t.Invoice]]:
    """Every incoming invoice: unread first, then the newest."""
    rows = s.execute(select(t.InboxItem, t.Invoice)
                     .join(t.Invoice, t.Invoice.id == t.InboxItem.invoice_id)
                     .order_by(t.InboxItem.read_at.is_not(None), t.InboxItem.received_at.desc(),
                               t.InboxItem.id.desc()))
    return [(item, inv) for item, inv in rows]


def item_by_ettn(s: Session, ettn: str) -> tuple[t.InboxItem, t.Invoice] | None:
    row = s.execute(select(t.InboxItem, t.Invoice)
                    .join(t.Invoice, t.Invoice.id == t.InboxItem.invoice_id)
                    .where(func.upper(t.Invoice.ettn) == ettn.strip().upper())
                    .order_by(t.InboxItem.id.desc())).first()
    return (row[0], row[1]) if row is not None else None


def item_of_invoice(s: Session, invoice_id: int) -> t.InboxItem | None:
    return s.scalar(select(t.InboxItem).where(t.InboxItem.invoice_id == invoice_id))


def unread_count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(t.InboxItem)
                    .where(t.InboxItem.read_at.is_(None))) or 0


def our_invoice_by_reference(s: Session, reference: str) -> t.Invoice | None:
    """One of our issued invoices by its ETTN or its number (GİB's samples use either in an
    answer's DocumentReference/ID)."""
    ref = reference.strip()
    if not ref:
        return None
    return s.scalar(select(t.Invoice).where(
        t.Invoice.direction == "out",
        (func.upper(t.Invoice.ettn) == ref.upper()) | (t.Invoice.number == ref.upper())))


def add_answer(s: Session, **values: Any) -> t.InvoiceAnswer:
    row = t.InvoiceAnswer(**values)
    s.add(row)
    s.flush()
    return row


def answers_of_invoice(s: Session, invoice_id: int) -> list[t.InvoiceAnswer]:
    return list(s.scalars(select(t.InvoiceAnswer).where(t.InvoiceAnswer.invoice_id == invoice_id)
                          .order_by(t.InvoiceAnswer.id)))


def counted_answer(s: Session, invoice_id: int) -> t.InvoiceAnswer | None:
    """The answer that decides (the first one in time)."""
    return s.scalar(select(t.InvoiceAnswer).where(t.InvoiceAnswer.invoice_id == invoice_id,
                                                  t.InvoiceAnswer.counted.is_(True)))
