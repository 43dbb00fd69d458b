"""The outbox's storage: queued documents (``outbox_items``), envelopes (``envelopes``) and
which documents each envelope carried (``envelope_documents``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.repositories.archive import append_envelope
from app.domain.despatch_status import DespatchStatus


def add_item(s: Session, *, document_id: int, kind: str, channel: str,
             invoice_id: int | None, receiver_vkn_tckn: str, receiver_alias: str, state: str,
             now: datetime) -> t.OutboxItem:
    item = t.OutboxItem(document_id=document_id, kind=kind, channel=channel,
                        invoice_id=invoice_id, receiver_vkn_tckn=receiver_vkn_tckn,
                        receiver_alias=receiver_alias, state=state, created_at=now,
                        updated_at=now)
    s.add(item)
    return item


_INSERT_ITEM = insert(t.OutboxItem.__table__)


def insert_item(s: Session, *, document_id: int, kind: str, channel: str,
                invoice_id: int | None, receiver_vkn_tckn: str, receiver_alias: str,
                state: str, now: datetime) -> None:
    """Like ``add_item`` in one plain INSERT (no ORM object)."""
    s.connection().execute(_INSERT_ITEM, {
        "document_id": document_id, "kind": kind, "channel": channel,
        "invoice_id": invoice_id, "receiver_vkn_tckn": receiver_vkn_tckn,
        "receiver_alias": receiver_alias, "state": state, "problem": "",
        "envelope_id": None, "created_at": now, "updated_at": now})


def items_in_state(s: Session, state: str, channel: str | None = None, *,
                   claim: bool = False) -> list[t.OutboxItem]:
    """The items in ``state``. ``claim``: lock them until the transaction ends, leaving out
    those another transaction holds (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so that two
    computers packing at once never put one document in two envelopes; SQLite's write
    transaction holds the whole database and renders no such clause)."""
    stmt = select(t.OutboxItem).where(t.OutboxItem.state == state)
    if channel is not None:
        stmt = stmt.where(t.OutboxItem.channel == channel)
    if claim:
        stmt = stmt.with_for_update(skip_locked=True)
    return list(s.scalars(stmt.order_by(t.OutboxItem.id)))


def items_of_envelope(s: Session, envelope_id: int) -> list[t.OutboxItem]:
    return list(s.scalars(select(t.OutboxItem).where(t.OutboxItem.envelope_id == envelope_id)))


def add_envelope(s: Session, **values: Any) -> t.Envelope:
    env = t.Envelope(**values)
    s.add(env)
    s.flush()
    append_envelope(s, env.id, incoming=False, content=env.content, at=env.created_at)
    return env


def link_documents(s: Session, envelope_id: int, document_ids: Iterable[int]) -> None:
    s.execute(insert(t.EnvelopeDocument),
              [{"envelope_id": envelope_id, "document_id": i} for i in document_ids])


def envelope(s: Session, envelope_id: int) -> t.Envelope:
    env = s.get(t.Envelope, envelope_id)
    assert env is not None, envelope_id
    return env


def envelope_id_by_uuid(s: Session, uuid: str) -> int | None:
    return s.scalar(select(t.Envelope.id).where(t.Envelope.uuid == uuid.upper()))


def invoice_ids_of_envelope(s: Session, envelope_id: int) -> list[int]:
    """The invoices whose documents the envelope carried."""
    return list(s.scalars(
        select(t.Document.invoice_id)
        .join(t.EnvelopeDocument, t.EnvelopeDocument.document_id == t.Document.id)
        .where(t.EnvelopeDocument.envelope_id == envelope_id,
               t.Document.invoice_id.is_not(None))))


def document_ids_of_envelope(s: Session, envelope_id: int) -> list[int]:
    return list(s.scalars(select(t.EnvelopeDocument.document_id)
                          .where(t.EnvelopeDocument.envelope_id == envelope_id)))


def set_despatch_status(s: Session, document_ids: list[int], status: str) -> None:
    """Move the despatch advices whose signed documents these are to ``status``
    (set-based; an envelope holds up to 100). One the receiver already answered stays
    answered: its receipt advice may arrive before this side collects GİB's 1300."""
    if document_ids:
        s.execute(update(t.Despatch).where(t.Despatch.document_id.in_(document_ids),
                                           t.Despatch.status != DespatchStatus.ANSWERED.value)
                  .values(status=status), execution_options={"synchronize_session": False})


def set_receipt_status(s: Session, document_ids: list[int], status: str) -> None:
    """Move our receipt advices whose signed documents these are to ``status``."""
    if document_ids:
        s.execute(update(t.ReceiptAdvice)
                  .where(t.ReceiptAdvice.document_id.in_(document_ids),
                         t.ReceiptAdvice.direction == "out")
                  .values(status=status), execution_options={"synchronize_session": False})


def envelopes_of_document(s: Session, document_id: int) -> list[t.Envelope]:
    """The envelopes that carried the document, oldest first."""
    return list(s.scalars(
        select(t.Envelope)
        .join(t.EnvelopeDocument, t.EnvelopeDocument.envelope_id == t.Envelope.id)
        .where(t.EnvelopeDocument.document_id == document_id).order_by(t.Envelope.id)))


def item_of_document(s: Session, document_id: int) -> t.OutboxItem | None:
    return s.scalar(select(t.OutboxItem).where(t.OutboxItem.document_id == document_id))


def _of_channel(stmt, channel: str | None):  # type: ignore[no-untyped-def]
    return stmt if channel is None else stmt.where(t.Envelope.channel == channel)


def due_envelope_ids(s: Session, states: Iterable[str], now: datetime,
                     channel: str | None = None) -> list[int]:
    return list(s.scalars(_of_channel(select(t.Envelope.id).where(
        t.Envelope.state.in_(tuple(states)), t.Envelope.next_action_at <= now), channel)
        .order_by(t.Envelope.id)))


def count_envelopes(s: Session, states: Iterable[str], channel: str | None = None) -> int:
    return len(list(s.scalars(_of_channel(
        select(t.Envelope.id).where(t.Envelope.state.in_(tuple(states))), channel))))


def next_action_at(s: Session, states: Iterable[str],
                   channel: str | None = None) -> datetime | None:
    return s.scalar(_of_channel(select(t.Envelope.next_action_at).where(
        t.Envelope.state.in_(tuple(states))), channel).order_by(t.Envelope.next_action_at))


def envelopes_of_invoice(s: Session, invoice_id: int) -> list[t.Envelope]:
    return list(s.scalars(
        select(t.Envelope).distinct()
        .join(t.EnvelopeDocument, t.EnvelopeDocument.envelope_id == t.Envelope.id)
        .join(t.Document, t.Document.id == t.EnvelopeDocument.document_id)
        .where(t.Document.invoice_id == invoice_id).order_by(t.Envelope.id)))


def item_rows(s: Session, states: Iterable[str]) -> list[tuple[Any, ...]]:
    """(item, number, ettn, customer name, status, envelope or None) per item: those of its
    invoice or of the despatch advice it is the document of; None for another document."""
    return [tuple(r) for r in s.execute(
        select(t.OutboxItem, func.coalesce(t.Invoice.number, t.Despatch.number),
               func.coalesce(t.Invoice.ettn, t.Despatch.ettn),
               func.coalesce(t.Invoice.customer_name, t.Despatch.receiver_name),
               func.coalesce(t.Invoice.status, t.Despatch.status), t.Envelope)
        .outerjoin(t.Invoice, t.Invoice.id == t.OutboxItem.invoice_id)
        .outerjoin(t.Despatch, t.Despatch.document_id == t.OutboxItem.document_id)
        .outerjoin(t.Envelope, t.Envelope.id == t.OutboxItem.envelope_id)
        .where(t.OutboxItem.state.in_(tuple(states)))
        .order_by(t.OutboxItem.id)).all()]


def items_of_invoice(s: Session, invoice_id: int) -> list[t.OutboxItem]:
    return list(s.scalars(select(t.OutboxItem).where(t.OutboxItem.invoice_id == invoice_id)
                          .order_by(t.OutboxItem.id)))
