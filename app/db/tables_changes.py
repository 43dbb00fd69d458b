"""Change stamps (Alembic 0013): how another seat — a second desktop, a second window, the
posta kutusu service — sees that the shared database changed, with one small query.

Every write to a watched table bumps its topic (``TOPICS``) by triggers, in the writing
transaction, so a reader sees a new stamp exactly when it can see the change:

* on SQLite (one writer at a time) the trigger adds one to ``change_stamps.version``;
* on PostgreSQL, where writers run side by side, a row-lock on a shared counter would make
  them wait for each other (and could deadlock two transactions touching two topics in
  opposite orders), so the trigger inserts one ``change_marks`` row per transaction and
  topic (key: the transaction id; never a conflict with another writer). A topic's version
  is its ``change_stamps.version`` plus its ``change_marks`` rows;
  ``app.db.repositories.changes.compact`` folds the marks into the stamps now and then.

A version only ever grows; its value means nothing besides "different from before".
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

INVOICES: Final = "invoices"
CUSTOMERS: Final = "customers"
PRODUCTS: Final = "products"
OUTBOX: Final = "outbox"
INBOX: Final = "inbox"
SETTINGS: Final = "settings"
TOPICS: Final = (INVOICES, CUSTOMERS, PRODUCTS, OUTBOX, INBOX, SETTINGS)


class ChangeStamp(Base):
    __tablename__ = "change_stamps"
    topic: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class ChangeMark(Base):
    """One writing transaction (``tx``, PostgreSQL's transaction id) that changed ``topic``."""

    __tablename__ = "change_marks"
    topic: Mapped[str] = mapped_column(String(20), primary_key=True)
    tx: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
