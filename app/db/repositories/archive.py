"""The archive's hash chain (``archive_chain``) and the reads ``tezgah archive`` needs.

``append`` is called by every function that stores an original (``documents.add``,
``documents.insert_row``, ``outbox.add_envelope``, ``inbox.add_envelope``), in the caller's
transaction: the original and its entry are committed together or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import LargeBinary, and_, exists, func, insert, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.blobs import StoredDocumentDamaged, unpack
from app.db.tables_archive import (
    DOCUMENTS,
    ENVELOPE_KIND,
    ENVELOPES,
    GENESIS,
    INCOMING_ENVELOPE_KIND,
    INCOMING_ENVELOPES,
    ArchiveEntry,
    chain_time,
    entry_hash,
)
from app.domain.documents import DocumentKind

# Key of the PostgreSQL advisory lock that serialises appends (SQLite's write lock does it
# there): two writers must never both read the same tail.
_PG_LOCK_KEY = 0x7A67_0012

_INSERT = insert(ArchiveEntry.__table__)


def append(s: Session, *, target: str, target_id: int, kind: str, invoice_id: int | None,
           content: bytes, at: datetime) -> int:
    """Chain the original ``content`` just stored as ``target``/``target_id``; its ``seq``.
    Called after the original's INSERT, so SQLite's write lock is held already."""
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
    tail = conn.execute(select(ArchiveEntry.seq, ArchiveEntry.entry_hash)
                        .order_by(ArchiveEntry.seq.desc()).limit(1)).first()
    seq, prev = (1, GENESIS) if tail is None else (tail[0] + 1, tail[1])
    values: dict[str, Any] = {
        "seq": seq, "target": target, "target_id": target_id, "kind": kind,
        "invoice_id": invoice_id, "sha256": hashlib.sha256(content).hexdigest(),
        "length": len(content), "at": chain_time(at), "prev_hash": prev}
    values["entry_hash"] = entry_hash(**values)
    conn.execute(_INSERT, values)
    return seq


def append_document(s: Session, document_id: int, *, kind: str, invoice_id: int | None,
                    content: bytes, at: datetime) -> int:
    return append(s, target=DOCUMENTS, target_id=document_id, kind=kind, invoice_id=invoice_id,
                  content=content, at=at)


def append_envelope(s: Session, envelope_id: int, *, incoming: bool, content: bytes,
                    at: datetime) -> int:
    return append(s, target=INCOMING_ENVELOPES if incoming else ENVELOPES,
                  target_id=envelope_id,
                  kind=INCOMING_ENVELOPE_KIND if incoming else ENVELOPE_KIND,
                  invoice_id=None, content=content, at=at)


# --- reading the chain -----------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    seq: int
    target: str
    target_id: int
    kind: str
    invoice_id: int | None
    sha256: str
    length: int
    at: datetime
    prev_hash: str
    entry_hash: str

    def recomputed_hash(self) -> str:
        return entry_hash(seq=self.seq, target=self.target, target_id=self.target_id,
                          kind=self.kind, invoice_id=self.invoice_id, sha256=self.sha256,
                          length=self.length, at=self.at, prev_hash=self.prev_hash)


@dataclass(frozen=True)
class Original:
    """An original as stored now: its bytes (None when they cannot be read back) and, for a
    document, the ``sha256`` column."""

    content: bytes | None
    recorded_sha256: str | None
    damage: str = ""


def entry_count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(ArchiveEntry)) or 0)


def entries_after(s: Session, after_seq: int, limit: int) -> list[Entry]:
    """Up to ``limit`` entries with ``seq`` > ``after_seq``, in order (keyset pages)."""
    rows = s.execute(select(ArchiveEntry.seq, ArchiveEntry.target, ArchiveEntry.target_id,
                            ArchiveEntry.kind, ArchiveEntry.invoice_id, ArchiveEntry.sha256,
                            ArchiveEntry.length, ArchiveEntry.at, ArchiveEntry.prev_hash,
                            ArchiveEntry.entry_hash)
                     .where(ArchiveEntry.seq > after_seq)
                     .order_by(ArchiveEntry.seq).limit(limit))
    return [Entry(*row) for row in rows]


_CONTENT = {
    DOCUMENTS: (t.Document.id, type_coerce(t.Document.content, LargeBinary), t.Document.sha256),
    ENVELOPES: (t.Envelope.id, t.Envelope.content, None),
    INCOMING_ENVELOPES: (t.IncomingEnvelope.id, t.IncomingEnvelope.content, None),
}


def originals(s: Session, target: str, ids: list[int]) -> dict[int, Original]:
    """The originals of ``target`` with the given ids, as stored now (absent ones left out).
    A document's stored form is unpacked here, one at a time: a damaged one is reported,
    not raised."""
    id_col, content_col, sha_col = _CONTENT[target]
    cols = [id_col, content_col] + ([sha_col] if sha_col is not None else [])
    found: dict[int, Original] = {}
    for row in s.execute(select(*cols).where(id_col.in_(ids))):
        raw = bytes(row[1]) if row[1] is not None else b""
        recorded = row[2] if sha_col is not None else None
        if target != DOCUMENTS:
            found[row[0]] = Original(raw, recorded)
            continue
        try:
            found[row[0]] = Original(unpack(raw), recorded)
        except StoredDocumentDamaged as exc:
            found[row[0]] = Original(None, recorded, exc.detail)
    return found


def unchained(s: Session, *, limit: int = 10_000) -> Iterator[tuple[str, int]]:
    """Originals that have no entry in the chain: (target, id)."""
    for target, id_col in ((DOCUMENTS, t.Document.id), (ENVELOPES, t.Envelope.id),
                           (INCOMING_ENVELOPES, t.IncomingEnvelope.id)):
        has_entry = exists().where(ArchiveEntry.target == target,
                                   ArchiveEntry.target_id == id_col)
        for (i,) in s.execute(select(id_col).where(~has_entry).order_by(id_col).limit(limit)):
            yield target, int(i)


# --- describing originals ------------------------------------------------------------

@dataclass(frozen=True)
class Described:
    """What a person needs to find an original: its kind, invoice number/ETTN, date,
    counterparty and amount (empty when not known)."""

    target: str
    target_id: int
    kind: str
    at: datetime | None
    invoice_id: int | None = None
    direction: str = ""
    number: str = ""
    ettn: str = ""
    issue_date: date | None = None
    counterparty: str = ""
    counterparty_vkn: str = ""
    payable: Decimal | None = None
    currency: str = ""
    envelope_uuid: str = ""


def _invoice_fields(inv: Any) -> dict[str, Any]:
    if inv is None:
        return {}
    return {"direction": inv.direction, "number": inv.number or "", "ettn": inv.ettn,
            "issue_date": inv.issue_date, "counterparty": inv.customer_name,
            "counterparty_vkn": inv.customer_vkn_tckn, "payable": inv.payable,
            "currency": inv.currency}


DESPATCH_KIND = DocumentKind.DESPATCH_ADVICE.value


def _despatch_fields(s: Session, document_id: int) -> dict[str, Any]:
    """A despatch advice's number, ETTN, date and receiver, found by its signed document."""
    d = t.Despatch
    row = s.execute(select(d.direction, d.number, d.ettn, d.issue_date, d.receiver_name,
                           d.receiver_vkn_tckn).where(d.document_id == document_id)).first()
    if row is None:
        return {}
    return {"direction": row.direction, "number": row.number or "", "ettn": row.ettn,
            "issue_date": row.issue_date, "counterparty": row.receiver_name,
            "counterparty_vkn": row.receiver_vkn_tckn}


_INVOICE_COLS = (t.Invoice.id, t.Invoice.direction, t.Invoice.number, t.Invoice.ettn,
                 t.Invoice.issue_date, t.Invoice.customer_name, t.Invoice.customer_vkn_tckn,
                 t.Invoice.payable, t.Invoice.currency)


def invoices_by_id(s: Session, ids: set[int]) -> dict[int, Any]:
    if not ids:
        return {}
    return {row.id: row for row in s.execute(select(*_INVOICE_COLS)
                                             .where(t.Invoice.id.in_(list(ids))))}


def describe(s: Session, target: str, target_id: int, *, kind: str = "",
             invoice_id: int | None = None, at: datetime | None = None) -> Described:
    """``target``/``target_id`` described from what the database still holds; ``kind``,
    ``invoice_id`` and ``at`` (from its chain entry) fill in for a row that is gone."""
    if target == DOCUMENTS:
        row = s.execute(select(t.Document.kind, t.Document.invoice_id, t.Document.created_at)
                        .where(t.Document.id == target_id)).first()
        if row is not None:
            kind, invoice_id, at = row
        inv = invoices_by_id(s, {invoice_id}).get(invoice_id) if invoice_id else None
        if inv is None and kind == DESPATCH_KIND:
            return Described(target, target_id, kind, at, **_despatch_fields(s, target_id))
        return Described(target, target_id, kind, at, invoice_id, **_invoice_fields(inv))
    table = t.Envelope if target == ENVELOPES else t.IncomingEnvelope
    time_col = t.Envelope.created_at if target == ENVELOPES else t.IncomingEnvelope.received_at
    env = s.execute(select(table.uuid, time_col).where(table.id == target_id)).first()
    kind = ENVELOPE_KIND if target == ENVELOPES else INCOMING_ENVELOPE_KIND
    if env is None:
        return Described(target, target_id, kind, at)
    return Described(target, target_id, kind, env[1], envelope_uuid=env[0])


# --- the originals of a period (export) ----------------------------------------------

def period_documents(s: Session, first: date, last: date, start: datetime, end: datetime,
                     *, after_id: int, limit: int) -> list[tuple[int, str, int | None]]:
    """(id, kind, invoice_id) of the documents of a period, by id after ``after_id``: those
    of invoices issued (or received) with an issue date in [first, last], and those of no
    invoice stored in [start, end) (e-Arşiv reports, system responses, unmatched answers)."""
    in_period = select(t.Invoice.id).where(t.Invoice.issue_date >= first,
                                           t.Invoice.issue_date <= last)
    rows = s.execute(select(t.Document.id, t.Document.kind, t.Document.invoice_id)
                     .where(t.Document.id > after_id,
                            or_(t.Document.invoice_id.in_(in_period),
                                and_(t.Document.invoice_id.is_(None),
                                     t.Document.created_at >= start,
                                     t.Document.created_at < end)))
                     .order_by(t.Document.id).limit(limit))
    return [(int(r[0]), r[1], r[2]) for r in rows]


def document_content(s: Session, document_id: int) -> bytes:
    return s.scalar(select(t.Document.content).where(t.Document.id == document_id)) or b""


def period_envelopes(s: Session, start: datetime, end: datetime, first: date, last: date,
                     ) -> list[tuple[str, int, str, datetime]]:
    """(target, id, uuid, time) of the envelopes of a period: sent ones packed in [start,
    end) or carrying a document of an invoice of the period; received ones received in
    [start, end) or bringing an invoice (or answer) of the period. Ids and times only."""
    in_period = select(t.Invoice.id).where(t.Invoice.issue_date >= first,
                                           t.Invoice.issue_date <= last)
    carried = (select(t.EnvelopeDocument.envelope_id)
               .join(t.Document, t.Document.id == t.EnvelopeDocument.document_id)
               .where(t.Document.invoice_id.in_(in_period)))
    out = s.execute(select(t.Envelope.id, t.Envelope.uuid, t.Envelope.created_at)
                    .where(or_(and_(t.Envelope.created_at >= start, t.Envelope.created_at < end),
                               t.Envelope.id.in_(carried)))
                    .order_by(t.Envelope.id))
    brought = select(t.InboxItem.envelope_id).where(t.InboxItem.invoice_id.in_(in_period))
    answered = select(t.InvoiceAnswer.envelope_id).where(
        t.InvoiceAnswer.invoice_id.in_(in_period))
    inc = s.execute(select(t.IncomingEnvelope.id, t.IncomingEnvelope.uuid,
                           t.IncomingEnvelope.received_at)
                    .where(or_(and_(t.IncomingEnvelope.received_at >= start,
                                    t.IncomingEnvelope.received_at < end),
                               t.IncomingEnvelope.id.in_(brought),
                               t.IncomingEnvelope.id.in_(answered)))
                    .order_by(t.IncomingEnvelope.id))
    return ([(ENVELOPES, int(r[0]), r[1], r[2]) for r in out]
            + [(INCOMING_ENVELOPES, int(r[0]), r[1], r[2]) for r in inc])


def envelope_content(s: Session, target: str, envelope_id: int) -> bytes:
    table = t.Envelope if target == ENVELOPES else t.IncomingEnvelope
    return s.scalar(select(table.content).where(table.id == envelope_id)) or b""


def entry_of(s: Session, target: str, target_id: int) -> tuple[int, str] | None:
    """(seq, sha256) of the chain entry of an original, if it has one."""
    row = s.execute(select(ArchiveEntry.seq, ArchiveEntry.sha256)
                    .where(ArchiveEntry.target == target,
                           ArchiveEntry.target_id == target_id)).first()
    return (int(row[0]), row[1]) if row is not None else None
