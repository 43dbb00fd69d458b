"""Invoice rows: drafts, issued and received invoices (tables ``invoices``,
``invoice_lines``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.db import tables as t


def add(s: Session, row: t.Invoice) -> t.Invoice:
    s.add(row)
    s.flush()
    return row


def delete(s: Session, row: t.Invoice) -> None:
    s.delete(row)


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
