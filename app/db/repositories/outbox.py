"""The outbox's storage: queued items (``outbox_items``), envelopes (``envelopes``) and
which invoices each envelope carried (``envelope_invoices``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db import tables as t


def add_item(s: Session, *, invoice_id: int, receiver_vkn_tckn: str, receiver_alias: str,
             state: str, now: datetime) -> t.OutboxItem:
    item = t.OutboxItem(invoice_id=invoice_id, receiver_vkn_tckn=receiver_vkn_tckn,
                        receiver_alias=receiver_alias, state=state, created_at=now,
                        updated_at=now)
    s.add(item)
    return item


def items_in_state(s: Session, state: str) -> list[t.OutboxItem]:
    return list(s.scalars(select(t.OutboxItem).where(t.OutboxItem.state == state)
                          .order_by(t.OutboxItem.id)))


def items_of_envelope(s: Session, envelope_id: int) -> list[t.OutboxItem]:
    return list(s.scalars(select(t.OutboxItem).where(t.OutboxItem.envelope_id == envelope_id)))


def signed_invoices(s: Session, invoice_ids: list[int]) -> list[bytes]:
    """The signed XML of each invoice, in the order asked."""
    rows = dict(s.execute(select(t.Document.invoice_id, t.Document.content).where(
        t.Document.invoice_id.in_(invoice_ids), t.Document.kind == "invoice")).all())
    assert len(rows) == len(invoice_ids), "an issued invoice always has its document"
    return [rows[i] for i in invoice_ids]


def add_envelope(s: Session, **values: Any) -> t.Envelope:
    env = t.Envelope(**values)
    s.add(env)
    s.flush()
    return env


def link_invoices(s: Session, envelope_id: int, invoice_ids: Iterable[int]) -> None:
    s.execute(insert(t.EnvelopeInvoice),
              [{"envelope_id": envelope_id, "invoice_id": i} for i in invoice_ids])


def envelope(s: Session, envelope_id: int) -> t.Envelope:
    env = s.get(t.Envelope, envelope_id)
    assert env is not None, envelope_id
    return env


def envelope_id_by_uuid(s: Session, uuid: str) -> int | None:
    return s.scalar(select(t.Envelope.id).where(t.Envelope.uuid == uuid.upper()))


def invoice_ids_of_envelope(s: Session, envelope_id: int) -> list[int]:
    return list(s.scalars(select(t.EnvelopeInvoice.invoice_id)
                          .where(t.EnvelopeInvoice.envelope_id == envelope_id)))


def due_envelope_ids(s: Session, states: Iterable[str], now: datetime) -> list[int]:
    return list(s.scalars(select(t.Envelope.id).where(
        t.Envelope.state.in_(tuple(states)), t.Envelope.next_action_at <= now)
        .order_by(t.Envelope.id)))


def count_envelopes(s: Session, states: Iterable[str]) -> int:
    return len(list(s.scalars(select(t.Envelope.id).where(t.Envelope.state.in_(tuple(states))))))


def next_action_at(s: Session, states: Iterable[str]) -> datetime | None:
    return s.scalar(select(t.Envelope.next_action_at).where(
        t.Envelope.state.in_(tuple(states))).order_by(t.Envelope.next_action_at))


def envelopes_of_invoice(s: Session, invoice_id: int) -> list[t.Envelope]:
    return list(s.scalars(select(t.Envelope).join(
        t.EnvelopeInvoice, t.EnvelopeInvoice.envelope_id == t.Envelope.id)
        .where(t.EnvelopeInvoice.invoice_id == invoice_id).order_by(t.Envelope.id)))


def item_rows(s: Session, states: Iterable[str]) -> list[tuple[Any, ...]]:
    """(item, number, ettn, customer name, invoice status, envelope or None) per item."""
    return [tuple(r) for r in s.execute(
        select(t.OutboxItem, t.Invoice.number, t.Invoice.ettn, t.Invoice.customer_name,
               t.Invoice.status, t.Envelope)
        .join(t.Invoice, t.Invoice.id == t.OutboxItem.invoice_id)
        .outerjoin(t.Envelope, t.Envelope.id == t.OutboxItem.envelope_id)
        .where(t.OutboxItem.state.in_(tuple(states)))
        .order_by(t.OutboxItem.id)).all()]
