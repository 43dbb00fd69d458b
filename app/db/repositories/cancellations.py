"""Cancellations of e-Arşiv invoices (table ``invoice_cancellations``, Alembic 0009)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import tables as t
from app.domain.status import Status


@dataclass(frozen=True)
class CancellationRow:
    """A cancellation with what the report and the screens need of its invoice."""

    invoice_id: int
    ettn: str
    number: str
    profile: str
    payable: Decimal
    cancelled_at: datetime  # naive, Istanbul wall-clock time
    reason: str
    cancelled_by: str
    via: str


def add(s: Session, row: t.Invoice, *, at: datetime, reason: str, by: str = "",
        via: str = "") -> None:
    """Record the cancellation and mark the invoice cancelled (number, data and documents
    stay as they are: the database forbids changing them)."""
    s.add(t.InvoiceCancellation(invoice_id=row.id, cancelled_at=at, reason=reason,
                                cancelled_by=by, via=via))
    row.status = Status.CANCELLED
    row.updated_at = at
    s.flush()


def _select():  # type: ignore[no-untyped-def]
    c, i = t.InvoiceCancellation, t.Invoice
    return (select(c.invoice_id, i.ettn, i.number, i.profile, i.payable, c.cancelled_at,
                   c.reason, c.cancelled_by, c.via)
            .join(i, i.id == c.invoice_id))


def _row(r) -> CancellationRow:  # type: ignore[no-untyped-def]
    return CancellationRow(r.invoice_id, r.ettn, r.number or "", r.profile,
                           Decimal(str(r.payable)), r.cancelled_at, r.reason, r.cancelled_by,
                           r.via)


def of_invoice(s: Session, invoice_id: int) -> CancellationRow | None:
    r = s.execute(_select().where(t.InvoiceCancellation.invoice_id == invoice_id)).first()
    return _row(r) if r is not None else None


def between(s: Session, start: datetime, end: datetime, *,
            profile: str | None = None) -> list[CancellationRow]:
    """Cancellations made in [start, end) (naive Istanbul times), oldest first."""
    c = t.InvoiceCancellation
    stmt = _select().where(c.cancelled_at >= start, c.cancelled_at < end)
    if profile is not None:
        stmt = stmt.where(t.Invoice.profile == profile)
    return [_row(r) for r in s.execute(stmt.order_by(c.cancelled_at, c.id))]
