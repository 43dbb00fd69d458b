"""What the e-Arşiv report reads from storage: our issued e-Arşiv invoices by the moment they
were created (``invoices.issued_at``, naive Istanbul wall-clock time) with their stored signed
bytes, and the stored reports with their outbox item and envelope."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import LargeBinary, func, select, type_coerce
from sqlalchemy.orm import Session

from app.db import blobs
from app.db import tables as t

EARSIV_PROFILE = "EARSIVFATURA"
INVOICE_DOCUMENT = "invoice"


def _ours():  # type: ignore[no-untyped-def]
    return (t.Invoice.direction == "out", t.Invoice.profile == EARSIV_PROFILE,
            t.Invoice.issued_at.is_not(None), t.Invoice.signed.is_(True))


def invoice_days(s: Session) -> dict[date, int]:
    """How many e-Arşiv invoices were created on each day (Istanbul)."""
    day = func.date(t.Invoice.issued_at)
    rows = s.execute(select(day, func.count()).where(*_ours()).group_by(day)).all()
    return {date.fromisoformat(str(d)): n for d, n in rows}


def invoices_created_on(s: Session, day: date) -> list[tuple[datetime, bytes]]:
    """(issued_at, the latest signed invoice document's bytes) of each e-Arşiv invoice
    created on ``day``, in creation order."""
    start = datetime(day.year, day.month, day.day)
    latest = (select(func.max(t.Document.id)).where(
        t.Document.invoice_id == t.Invoice.id, t.Document.kind == INVOICE_DOCUMENT)
        .correlate(t.Invoice).scalar_subquery())
    rows = s.execute(
        select(t.Invoice.issued_at, t.Document.content)
        .join(t.Document, t.Document.id == latest)
        .where(*_ours(), t.Invoice.issued_at >= start,
               t.Invoice.issued_at < start + timedelta(days=1))
        .order_by(t.Invoice.issued_at, t.Invoice.id)).all()
    return [(r[0], r[1]) for r in rows]


def report_heads(s: Session, kind: str, head_bytes: int = 4096
                 ) -> list[tuple[int, datetime, bytes, Any, Any]]:
    """Each stored report document (without loading its content: only the first
    ``head_bytes`` bytes, where ``baslik`` is), with its outbox item and envelope (or None):
    (document id, created_at, head, item, envelope), oldest first.

    SQL cuts the stored (possibly compressed) value: a prefix of twice ``head_bytes`` is
    inflated in Python, and the whole document is read only when that prefix falls short."""
    prefix = 2 * head_bytes + blobs.HEADER_SIZE + 1024
    rows = s.execute(
        select(t.Document.id, t.Document.created_at,
               func.substr(type_coerce(t.Document.content, LargeBinary), 1, prefix),
               t.OutboxItem, t.Envelope)
        .outerjoin(t.OutboxItem, t.OutboxItem.document_id == t.Document.id)
        .outerjoin(t.Envelope, t.Envelope.id == t.OutboxItem.envelope_id)
        .where(t.Document.kind == kind).order_by(t.Document.id)).all()
    heads = []
    for doc_id, created, stored, item, env in rows:
        stored = bytes(stored)
        first = blobs.head(stored, head_bytes) if blobs.is_packed(stored) else stored
        if first is None:
            first = document_content(s, doc_id)
        heads.append((doc_id, created, first[:head_bytes], item, env))
    return heads


def item_of_document(s: Session, document_id: int) -> t.OutboxItem | None:
    return s.scalar(select(t.OutboxItem).where(t.OutboxItem.document_id == document_id))


def items_of_channel(s: Session, channel: str, states: Iterable[str]) -> list[t.OutboxItem]:
    return list(s.scalars(select(t.OutboxItem).where(t.OutboxItem.channel == channel,
                                                     t.OutboxItem.state.in_(tuple(states)))))


def document_content(s: Session, document_id: int) -> bytes:
    return s.scalar(select(t.Document.content).where(t.Document.id == document_id))


REPORTED_EVENT = "earsiv-reported"


def accepted_reports(s: Session, channel: str, done_state: str) -> list[tuple[int, str]]:
    """(document id, raporNo) of each report whose envelope reached ``done_state``."""
    rows = s.execute(
        select(t.OutboxItem.document_id, t.Envelope.uuid)
        .join(t.Envelope, t.Envelope.id == t.OutboxItem.envelope_id)
        .where(t.OutboxItem.channel == channel, t.Envelope.state == done_state)
        .order_by(t.OutboxItem.document_id)).all()
    return [(r[0], r[1]) for r in rows]


def recorded_reports(s: Session) -> set[str]:
    """The raporNo of each report already written into its invoices' history."""
    rapor = t.InvoiceEvent.data["rapor"].as_string()
    return {r for r in s.scalars(select(rapor).where(t.InvoiceEvent.kind == REPORTED_EVENT)
                                 .distinct()) if r}


def our_invoice_ids(s: Session, *, ettns: Iterable[str] = (), numbers: Iterable[str] = ()
                    ) -> list[int]:
    """Ids of our issued invoices with these ETTNs or numbers."""
    ettns, numbers = list(ettns), list(numbers)
    ids: list[int] = []
    for column, values in ((t.Invoice.ettn, ettns), (t.Invoice.number, numbers)):
        for i in range(0, len(values), 500):
            ids.extend(s.scalars(select(t.Invoice.id).where(
                t.Invoice.direction == "out", column.in_(values[i:i + 500]))))
    return ids
