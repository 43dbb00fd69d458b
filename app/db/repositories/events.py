"""The append-only event log of an invoice (table ``invoice_events``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app import clock
from app.db import tables as t


def add_event(s: Session, invoice_id: int, kind: str, message: str = "", *, code: str = "",
              data: dict[str, Any] | None = None) -> None:
    s.add(t.InvoiceEvent(invoice_id=invoice_id, at=clock.local_now(), kind=kind, code=code,
                         message=message, data=data))


def list_events(s: Session, invoice_id: int) -> list[dict[str, Any]]:
    rows = s.scalars(select(t.InvoiceEvent).where(t.InvoiceEvent.invoice_id == invoice_id)
                     .order_by(t.InvoiceEvent.id))
    return [{"at": r.at.isoformat(timespec="seconds"), "kind": r.kind, "code": r.code,
             "message": r.message, "data": r.data} for r in rows]


def add_events(s: Session, invoice_ids: list[int], kind: str, message: str = "", *,
               code: str = "", data: dict[str, Any] | None = None) -> None:
    """The same event for many invoices, in one statement (envelopes carry up to 100)."""
    if not invoice_ids:
        return
    now = clock.local_now()
    s.execute(insert(t.InvoiceEvent), [
        {"invoice_id": i, "at": now, "kind": kind, "code": code, "message": message,
         "data": data} for i in invoice_ids])


_INSERT = insert(t.InvoiceEvent.__table__)


def insert_rows(s: Session, rows: list[dict[str, Any]]) -> None:
    """Events given whole (``invoice_id``, ``at``, ``kind``, ``code``, ``message``,
    ``data``), in one plain INSERT."""
    s.connection().execute(_INSERT, rows)
