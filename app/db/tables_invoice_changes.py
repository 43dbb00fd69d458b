"""The invoice change log (table ``invoice_changes``, Alembic 0014): which invoices changed,
in an order a reader can resume from (the local API's ``GET /changes?since=…``).

Triggers append one row, in the writing transaction, for every INSERT, UPDATE and DELETE of
``invoices`` and every INSERT of ``invoice_events`` — so a status GİB's answer moved, an
issued number, a cancellation, a sent e-mail or a deleted draft all count, whichever process
or computer wrote them. ``ettn`` is copied so that a deleted draft can still be named.

``seq`` only grows (SQLite ``AUTOINCREMENT``: never reused; a PostgreSQL identity). On SQLite
one writer at a time makes ``seq`` follow the commit order. On PostgreSQL writers run side by
side, so a smaller ``seq`` may commit after a larger one was read; ``tx`` (the writing
transaction's id, ``txid_current()``; 0 on SQLite) lets a reader look again at the rows of
transactions that were still running when it last read
(``app.db.repositories.invoice_changes``).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class InvoiceChange(Base):
    __tablename__ = "invoice_changes"
    __table_args__ = (
        Index("ix_invoice_changes_invoice_id", "invoice_id"),
        Index("ix_invoice_changes_tx", "tx"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(Integer)  # no foreign key: kept after a deletion
    ettn: Mapped[str] = mapped_column(String(36))
    tx: Mapped[int] = mapped_column(BigInteger, default=0)
