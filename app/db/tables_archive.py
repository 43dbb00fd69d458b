"""The archive's hash chain (table ``archive_chain``, Alembic 0012).

Every stored original — a row of ``documents`` (signed and received invoices, application
and system responses, e-Arşiv reports) and every envelope zip (``envelopes``,
``incoming_envelopes``) — gets one entry, appended in the transaction that stores it. An entry
holds the SHA-256 and the length of the original bytes and the hash of the entry before it, so
that changing, removing or re-ordering any original or entry is seen by ``tezgah archive
verify`` (GİB's e-Fatura Saklama Kılavuzu §3: kept "orijinal halinde ve bütünlüğü korunarak";
§2: the integrity of what is kept must be provable). Triggers make the table append-only.

The canonical byte form of an entry (``canonical``) and its hash never change once released:
entries are kept ten years. A new form would get a new ``VERSION`` prefix.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Final

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

VERSION: Final = "tezgah-archive-chain-1"
GENESIS: Final = "0" * 64  # ``prev_hash`` of the first entry

# What an entry points to (``target``).
DOCUMENTS: Final = "documents"
ENVELOPES: Final = "envelopes"
INCOMING_ENVELOPES: Final = "incoming_envelopes"
TARGETS: Final = (DOCUMENTS, ENVELOPES, INCOMING_ENVELOPES)
# ``kind`` of an envelope's entry (a document's entry has the document's kind).
ENVELOPE_KIND: Final = "envelope"
INCOMING_ENVELOPE_KIND: Final = "incoming-envelope"


class ArchiveEntry(Base):
    """One link of the chain. ``seq`` runs 1, 2, 3 … without a gap."""

    __tablename__ = "archive_chain"
    __table_args__ = (UniqueConstraint("target", "target_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    target: Mapped[str] = mapped_column(String(20))  # documents | envelopes | incoming_envelopes
    target_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))  # documents.kind, envelope, incoming-envelope
    invoice_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # documents.invoice_id
    sha256: Mapped[str] = mapped_column(String(64))  # of the original bytes
    length: Mapped[int] = mapped_column(Integer)  # of the original bytes
    at: Mapped[datetime] = mapped_column(DateTime)  # the original's stored time, to the second
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


def chain_time(moment: datetime) -> datetime:
    """``moment`` as an entry keeps it: Istanbul wall clock without a zone, whole seconds."""
    if moment.tzinfo is not None:
        from app.clock import ISTANBUL

        moment = moment.astimezone(ISTANBUL).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def canonical(*, seq: int, target: str, target_id: int, kind: str, invoice_id: int | None,
              sha256: str, length: int, at: datetime, prev_hash: str) -> bytes:
    """The bytes an entry's hash is computed over: one field per line, fixed order, ASCII."""
    fields = (VERSION, str(seq), target, str(target_id), kind,
              "" if invoice_id is None else str(invoice_id), sha256.lower(), str(length),
              chain_time(at).strftime("%Y-%m-%dT%H:%M:%S"), prev_hash.lower())
    return "\n".join(fields).encode("utf-8")


def entry_hash(*, seq: int, target: str, target_id: int, kind: str, invoice_id: int | None,
               sha256: str, length: int, at: datetime, prev_hash: str) -> str:
    return hashlib.sha256(canonical(
        seq=seq, target=target, target_id=target_id, kind=kind, invoice_id=invoice_id,
        sha256=sha256, length=length, at=at, prev_hash=prev_hash)).hexdigest()
