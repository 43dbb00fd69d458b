"""the archive's hash chain

``archive_chain``: one entry per stored original — each ``documents`` row, each sent
(``envelopes``) and received (``incoming_envelopes``) envelope zip — with the SHA-256 and
length of its original bytes, the previous entry's hash and its own hash over a canonical
byte form (``app.db.tables_archive.canonical``). Append-only: triggers refuse UPDATE and
DELETE (and TRUNCATE on PostgreSQL).

Every original stored before this revision is chained here, in a deterministic order: by
its stored time (``documents.created_at``, ``envelopes.created_at``,
``incoming_envelopes.received_at``), then documents before sent before received envelopes,
then id. A document's entry takes the ``sha256`` recorded when it was stored (so a document
altered before this revision is still found out by ``tezgah archive verify``); an
envelope's is computed from its zip.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

from app.db.blobs import StoredDocumentDamaged, unpack
from app.db.tables_archive import (
    DOCUMENTS,
    ENVELOPE_KIND,
    ENVELOPES,
    GENESIS,
    INCOMING_ENVELOPE_KIND,
    INCOMING_ENVELOPES,
    chain_time,
    entry_hash,
)

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = {
    "archive_chain_no_update":
        """CREATE TRIGGER archive_chain_no_update BEFORE UPDATE ON archive_chain
           BEGIN SELECT RAISE(ABORT, 'archive_chain is append-only'); END""",
    "archive_chain_no_delete":
        """CREATE TRIGGER archive_chain_no_delete BEFORE DELETE ON archive_chain
           BEGIN SELECT RAISE(ABORT, 'archive_chain is append-only'); END""",
}
POSTGRESQL_FUNCTION = """\
CREATE OR REPLACE FUNCTION archive_chain_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'archive_chain is append-only';
END;
$$ LANGUAGE plpgsql"""
POSTGRESQL_TRIGGERS = {
    "archive_chain_no_change":
        """CREATE TRIGGER archive_chain_no_change BEFORE UPDATE OR DELETE ON archive_chain
           FOR EACH ROW EXECUTE FUNCTION archive_chain_append_only()""",
    "archive_chain_no_truncate":
        """CREATE TRIGGER archive_chain_no_truncate BEFORE TRUNCATE ON archive_chain
           FOR EACH STATEMENT EXECUTE FUNCTION archive_chain_append_only()""",
}

_meta = sa.MetaData()
_documents = sa.Table("documents", _meta, sa.Column("id", sa.Integer), sa.Column("kind", sa.String),
                      sa.Column("invoice_id", sa.Integer), sa.Column("content", sa.LargeBinary),
                      sa.Column("sha256", sa.String), sa.Column("created_at", sa.DateTime))
_envelopes = sa.Table("envelopes", _meta, sa.Column("id", sa.Integer),
                      sa.Column("content", sa.LargeBinary), sa.Column("created_at", sa.DateTime))
_incoming = sa.Table("incoming_envelopes", _meta, sa.Column("id", sa.Integer),
                     sa.Column("content", sa.LargeBinary),
                     sa.Column("received_at", sa.DateTime))
_chain = sa.Table(
    "archive_chain", _meta,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("target", sa.String(20)), sa.Column("target_id", sa.Integer),
    sa.Column("kind", sa.String(30)), sa.Column("invoice_id", sa.Integer),
    sa.Column("sha256", sa.String(64)), sa.Column("length", sa.Integer),
    sa.Column("at", sa.DateTime), sa.Column("prev_hash", sa.String(64)),
    sa.Column("entry_hash", sa.String(64)),
)
_BATCH = 200


def upgrade() -> None:
    op.create_table(
        "archive_chain",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_archive_chain"),
        sa.UniqueConstraint("target", "target_id", name="uq_archive_chain_target"),
    )
    _back_fill(op.get_bind())
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        for sql in POSTGRESQL_TRIGGERS.values():
            op.execute(sql)
    else:
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)


def _order() -> sa.Select:  # type: ignore[type-arg]
    """Every original without its bytes, in the chain's order."""
    union = sa.union_all(
        sa.select(_documents.c.created_at.label("at"), sa.literal(0).label("rank"),
                  _documents.c.id.label("id"), _documents.c.kind.label("kind"),
                  _documents.c.invoice_id.label("invoice_id"),
                  _documents.c.sha256.label("sha256")),
        sa.select(_envelopes.c.created_at, sa.literal(1), _envelopes.c.id,
                  sa.literal(ENVELOPE_KIND), sa.null(), sa.null()),
        sa.select(_incoming.c.received_at, sa.literal(2), _incoming.c.id,
                  sa.literal(INCOMING_ENVELOPE_KIND), sa.null(), sa.null()),
    ).subquery()
    return sa.select(union).order_by(union.c.at, union.c.rank, union.c.id)


def _original(conn: sa.Connection, rank: int, ident: int) -> bytes | None:
    table = (_documents, _envelopes, _incoming)[rank]
    stored = conn.execute(sa.select(table.c.content).where(table.c.id == ident)).scalar()
    stored = bytes(stored) if stored is not None else b""
    if rank != 0:
        return stored
    try:
        return unpack(stored)
    except StoredDocumentDamaged:
        return None


def _back_fill(conn: sa.Connection) -> None:
    # The list of originals (ids and times only) is read first, so that no cursor stays
    # open while the chain is written; their bytes are then read one at a time.
    rows = conn.execute(_order()).all()
    prev, batch = GENESIS, []
    for seq, (at, rank, ident, kind, invoice_id, recorded) in enumerate(rows, start=1):
        content = _original(conn, rank, ident)
        digest = (recorded or "") if rank == 0 else hashlib.sha256(content or b"").hexdigest()
        values = {"seq": seq, "target": (DOCUMENTS, ENVELOPES, INCOMING_ENVELOPES)[rank],
                  "target_id": int(ident), "kind": kind,
                  "invoice_id": int(invoice_id) if invoice_id is not None else None,
                  "sha256": digest, "length": len(content) if content is not None else -1,
                  "at": chain_time(at), "prev_hash": prev}
        values["entry_hash"] = prev = entry_hash(**values)
        batch.append(values)
        if len(batch) >= _BATCH:
            conn.execute(_chain.insert(), batch)
            batch = []
    if batch:
        conn.execute(_chain.insert(), batch)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in POSTGRESQL_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON archive_chain")
        op.execute("DROP FUNCTION IF EXISTS archive_chain_append_only()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("archive_chain")
