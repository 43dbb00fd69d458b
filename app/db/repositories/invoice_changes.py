"""Reading the invoice change log (``app.db.tables_invoice_changes``) from a position.

A position is ``(seq, xmin)``: the largest ``seq`` already handed out and, on PostgreSQL,
the oldest transaction still running when it was read (``txid_snapshot_xmin``; 0 on SQLite).
A row a running transaction wrote may carry a smaller ``seq`` than one already read and
commit later; reading again every row with ``tx >= xmin`` and ``seq <= position`` finds it.
Such a row may be handed out twice; none is ever missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.tables_invoice_changes import InvoiceChange


@dataclass(frozen=True)
class Position:
    seq: int = 0
    xmin: int = 0


@dataclass(frozen=True)
class ChangedInvoice:
    seq: int
    invoice_id: int
    ettn: str
    row: t.Invoice | None  # None: the invoice was deleted (a draft)


def _snapshot_xmin(s: Session) -> int:
    if s.get_bind().dialect.name != "postgresql":
        return 0
    return int(s.execute(text("SELECT txid_snapshot_xmin(txid_current_snapshot())")).scalar()
               or 0)


def changed_since(s: Session, since: Position, limit: int) -> tuple[list[ChangedInvoice],
                                                                      Position, bool]:
    """The invoices changed after ``since`` (each once, with its latest ``seq``, oldest change
    first), the position to read from next time and whether more are waiting."""
    xmin = _snapshot_xmin(s)  # before the rows: a later snapshot only sees more
    latest = func.max(InvoiceChange.seq).label("latest")
    newer = (select(InvoiceChange.invoice_id, latest)
             .where(InvoiceChange.seq > since.seq)
             .group_by(InvoiceChange.invoice_id).order_by(latest).limit(limit + 1))
    found: dict[int, int] = {}
    if since.xmin:  # rows of transactions that were running at the last read
        again = (select(InvoiceChange.invoice_id, latest)
                 .where(InvoiceChange.tx >= since.xmin, InvoiceChange.seq <= since.seq)
                 .group_by(InvoiceChange.invoice_id))
        found.update({int(i): int(q) for i, q in s.execute(again)})
    rows = [(int(i), int(q)) for i, q in s.execute(newer)]
    more = len(rows) > limit
    rows = rows[:limit]
    top = max((q for _i, q in rows), default=since.seq)
    found.update(rows)
    if not found:
        return [], Position(since.seq, xmin or since.xmin), False
    invoices = {r.id: r for r in s.scalars(select(t.Invoice).where(t.Invoice.id.in_(found)))}
    ettns = dict(s.execute(
        select(InvoiceChange.invoice_id, InvoiceChange.ettn)
        .where(InvoiceChange.seq.in_(found.values()))).all())
    out = [ChangedInvoice(seq, invoice_id, str(ettns.get(invoice_id, "")),
                          invoices.get(invoice_id))
           for invoice_id, seq in sorted(found.items(), key=lambda kv: kv[1])]
    return out, Position(max(top, since.seq), xmin or since.xmin), more
