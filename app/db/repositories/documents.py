"""Exact bytes of legal documents (table ``documents``; triggers keep them immutable)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.repositories.archive import append_document


def add(s: Session, *, invoice_id: int | None, kind: str, content: bytes, sha256: str,
        now: datetime) -> t.Document:
    doc = t.Document(invoice_id=invoice_id, kind=kind, content=content, sha256=sha256,
                     created_at=now)
    s.add(doc)
    s.flush()
    append_document(s, doc.id, kind=kind, invoice_id=invoice_id, content=content, at=now)
    return doc


_INSERT = insert(t.Document.__table__)


def insert_row(s: Session, *, invoice_id: int | None, kind: str, content: bytes,
               sha256: str, now: datetime) -> int:
    """Like ``add`` in one plain INSERT (no ORM object); returns the new document's id."""
    result = s.connection().execute(_INSERT, {"invoice_id": invoice_id, "kind": kind, "content": content,
                                 "sha256": sha256, "created_at": now})
    document_id = int(result.inserted_primary_key[0])
    append_document(s, document_id, kind=kind, invoice_id=invoice_id, content=content, at=now)
    return document_id


def latest_of_invoice(s: Session, invoice_id: int, kinds: Iterable[str]) -> t.Document | None:
    return s.scalar(select(t.Document).where(t.Document.invoice_id == invoice_id,
                                             t.Document.kind.in_(tuple(kinds)))
                    .order_by(t.Document.id.desc()))


def id_of_invoice(s: Session, invoice_id: int, kind: str) -> int | None:
    return s.scalar(select(t.Document.id).where(t.Document.invoice_id == invoice_id,
                                                t.Document.kind == kind)
                    .order_by(t.Document.id.desc()))


def id_by_sha256(s: Session, digest: str) -> int | None:
    return s.scalar(select(t.Document.id).where(t.Document.sha256 == digest))


def contents(s: Session, document_ids: list[int]) -> list[bytes]:
    """The bytes of each document, in the order asked."""
    rows = dict(s.execute(select(t.Document.id, t.Document.content)
                          .where(t.Document.id.in_(document_ids))).all())
    assert len(rows) == len(set(document_ids)), "every queued document is stored"
    return [rows[i] for i in document_ids]
