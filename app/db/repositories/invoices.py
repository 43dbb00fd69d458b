"""Invoice rows: drafts, issued and received invoices (tables ``invoices``,
``invoice_lines``)."""

from __future__ import annotations

import copy
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, or_, select, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session

from app.db import tables as t

INV = t.Invoice.__table__
# Issuing's statements, built once: they run for every invoice of a batch, as plain SQL
# without ORM objects (the statement is compiled once and cached).
_DRAFT_BY_ETTN = (select(INV.c.id, INV.c.ettn, INV.c.status, INV.c.number, INV.c.data)
                  .where(INV.c.ettn == bindparam("ettn"))
                  .order_by((INV.c.direction == "out").desc(), INV.c.id.desc()).limit(1))
_STATUS_AND_DATA = select(INV.c.status, INV.c.data).where(INV.c.id == bindparam("iid"))
_MARK_ISSUED = update(INV).where(INV.c.id == bindparam("iid")).values(
    number=bindparam("b_number"), status=bindparam("b_status"),
    signed=bindparam("b_signed"), issued_at=bindparam("b_issued_at"))


def add(s: Session, row: t.Invoice) -> t.Invoice:
    s.add(row)
    s.flush()
    return row


def delete(s: Session, row: t.Invoice) -> None:
    s.delete(row)


def delete_draft(s: Session, row: t.Invoice) -> dict[str, Any]:
    """Delete a draft with its lines and its history; return all of it (columns, lines,
    events) so that ``restore_draft`` can put the very same draft back."""
    invoice = {a.key: copy.deepcopy(getattr(row, a.key))
               for a in t.Invoice.__mapper__.column_attrs if a.key != "id"}
    lines = [{a.key: copy.deepcopy(getattr(ln, a.key))
              for a in t.InvoiceLine.__mapper__.column_attrs if a.key not in ("id", "invoice_id")}
             for ln in row.lines]
    events = [{a.key: copy.deepcopy(getattr(e, a.key))
               for a in t.InvoiceEvent.__mapper__.column_attrs
               if a.key not in ("id", "invoice_id")}
              for e in s.scalars(select(t.InvoiceEvent)
                                 .where(t.InvoiceEvent.invoice_id == row.id)
                                 .order_by(t.InvoiceEvent.id))]
    # A draft's events may be deleted (Alembic 0008); any other invoice's never.
    s.execute(sql_delete(t.InvoiceEvent).where(t.InvoiceEvent.invoice_id == row.id),
              execution_options={"synchronize_session": False})
    s.delete(row)
    s.flush()
    return {"invoice": invoice, "lines": lines, "events": events}


def restore_draft(s: Session, snapshot: dict[str, Any]) -> t.Invoice:
    """Put back a draft deleted by ``delete_draft``: same ETTN, content and history."""
    row = t.Invoice(**copy.deepcopy(snapshot["invoice"]))
    row.lines = [t.InvoiceLine(**copy.deepcopy(ln)) for ln in snapshot["lines"]]
    s.add(row)
    s.flush()
    if snapshot["events"]:
        s.execute(insert(t.InvoiceEvent),
                  [{**copy.deepcopy(e), "invoice_id": row.id} for e in snapshot["events"]])
    return row


def out_by_number(s: Session, number: str) -> t.Invoice | None:
    return s.scalar(select(t.Invoice).where(t.Invoice.number == number.strip().upper(),
                                            t.Invoice.direction == "out"))


def in_by_number(s: Session, number: str) -> list[t.Invoice]:
    return list(s.scalars(select(t.Invoice).where(t.Invoice.number == number.strip().upper(),
                                                  t.Invoice.direction == "in")
                          .order_by(t.Invoice.id.desc())))


def out_ettn_exists(s: Session, ettn: str) -> bool:
    return s.scalar(select(t.Invoice.id).where(
        t.Invoice.ettn == ettn, t.Invoice.direction == "out")) is not None


def by_ettn(s: Session, ettn: str) -> t.Invoice | None:
    """Our own invoice first; among received ones sharing an ETTN, the latest."""
    return s.scalar(select(t.Invoice).where(t.Invoice.ettn == ettn.strip().upper())
                    .order_by((t.Invoice.direction == "out").desc(), t.Invoice.id.desc()))


def out_by_ettn(s: Session, ettn: str) -> t.Invoice | None:
    return s.scalar(select(t.Invoice).where(t.Invoice.ettn == ettn.strip().upper(),
                                            t.Invoice.direction == "out"))


def number_of_ettn(s: Session, ettn: str) -> str | None:
    """The number of any stored invoice with this ETTN (a clash check for imports)."""
    return s.scalar(select(t.Invoice.number).where(t.Invoice.ettn == ettn))


def search(s: Session, *, text: str = "", amount: Decimal | None = None,
           status: str | None = None, date_from: date | None = None,
           date_to: date | None = None, limit: int = 200, offset: int = 0) -> list[t.Invoice]:
    stmt = select(t.Invoice).order_by(t.Invoice.issue_date.desc(), t.Invoice.id.desc())
    if text:
        like = f"%{text}%"
        terms = [t.Invoice.number.like(like), t.Invoice.customer_name.ilike(like),
                 t.Invoice.ettn.like(like.upper()), t.Invoice.customer_vkn_tckn.like(like)]
        if amount is not None:  # "1.234,56" finds the invoice whose payable it is
            terms.append(t.Invoice.payable == amount)
        stmt = stmt.where(or_(*terms))
    if status:
        stmt = stmt.where(t.Invoice.status == status)
    if date_from:
        stmt = stmt.where(t.Invoice.issue_date >= date_from)
    if date_to:
        stmt = stmt.where(t.Invoice.issue_date <= date_to)
    return list(s.scalars(stmt.limit(limit).offset(offset)))


def count(s: Session) -> int:
    return s.scalar(select(func.count(t.Invoice.id))) or 0


def set_status(s: Session, invoice_ids: list[int], status: str) -> list[int]:
    """Move the invoices to ``status`` (set-based); return those whose status changed."""
    changed = list(s.scalars(select(t.Invoice.id).where(t.Invoice.id.in_(invoice_ids),
                                                        t.Invoice.status != status)))
    s.execute(update(t.Invoice).where(t.Invoice.id.in_(invoice_ids)).values(status=status),
              execution_options={"synchronize_session": False})
    return changed


def issue_candidate(s: Session, ettn: str) -> Row[Any] | None:
    """``(id, ettn, status, number, data)`` of the invoice ``by_ettn`` would find."""
    return s.connection().execute(_DRAFT_BY_ETTN, {"ettn": ettn.strip().upper()}).first()


def status_and_data(s: Session, invoice_id: int) -> Row[Any] | None:
    return s.connection().execute(_STATUS_AND_DATA, {"iid": invoice_id}).first()


def mark_issued(s: Session, invoice_id: int, *, number: str, status: str, signed: bool,
                at: datetime) -> None:
    s.connection().execute(_MARK_ISSUED, {"iid": invoice_id, "b_number": number,
                                          "b_status": status, "b_signed": signed,
                                          "b_issued_at": at})
