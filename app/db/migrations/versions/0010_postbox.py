"""what the posta kutusu service received: envelopes, incoming invoices, answers

``incoming_envelopes``: every envelope GİB delivered to the company's posta kutusu (PK) or
gönderici birim (GB) — SENDERENVELOPE (invoices for us), POSTBOXENVELOPE (KABUL / RED about
our invoices), SYSTEMENVELOPE (statuses of our envelopes) — with the zip exactly as received
and the verdict sent back (1200 or an 11xx code; none for a SYSTEMENVELOPE). One row per
InstanceIdentifier: processing it twice is impossible.

``inbox_items``: one per incoming invoice (the invoice itself is an ``invoices`` row with
direction ``in``): when it came, the last day to answer (TICARIFATURA), whether it was opened,
and our KABUL / RED once given (the signed answer is a ``documents`` row).

``invoice_answers``: the KABUL / RED answers received about our own invoices.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import triggers

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TRIGGERS = {
    # The first answer of the receiver counts, none after it (Entegrasyon Kılavuzu §3.1):
    # an invoice the customer accepted or rejected keeps that status; a later status from
    # the outbox (1300 arriving after the answer) goes to its history only.
    "answered_invoice_keeps_answer":
        """CREATE TRIGGER answered_invoice_keeps_answer BEFORE UPDATE ON invoices
           WHEN OLD.status IN ('accepted', 'rejected') AND NEW.status NOT IN
                ('accepted', 'rejected', 'cancelled')
           BEGIN SELECT RAISE(IGNORE); END""",
    "incoming_envelopes_keep_content":
        """CREATE TRIGGER incoming_envelopes_keep_content BEFORE UPDATE OF content, md5, uuid
           ON incoming_envelopes
           BEGIN SELECT RAISE(ABORT, 'a received envelope is kept as received'); END""",
    "incoming_envelopes_no_delete":
        """CREATE TRIGGER incoming_envelopes_no_delete BEFORE DELETE ON incoming_envelopes
           BEGIN SELECT RAISE(ABORT, 'received envelopes are kept'); END""",
}


def upgrade() -> None:
    op.create_table(
        "incoming_envelopes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("element_type", sa.String(length=30), nullable=False),
        sa.Column("sender_vkn_tckn", sa.String(length=11), nullable=False),
        sa.Column("sender_alias", sa.String(length=200), nullable=False),
        sa.Column("sender_name", sa.String(length=300), nullable=False),
        sa.Column("receiver_vkn_tckn", sa.String(length=11), nullable=False),
        sa.Column("receiver_alias", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("document_count", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("md5", sa.String(length=32), nullable=False),
        sa.Column("response_document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["response_document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    op.create_index("ix_incoming_envelopes_received_at", "incoming_envelopes", ["received_at"])
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("envelope_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("answer_due", sa.DateTime(), nullable=True),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("answer_reason", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answer_document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.ForeignKeyConstraint(["envelope_id"], ["incoming_envelopes.id"]),
        sa.ForeignKeyConstraint(["answer_document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invoice_id"),
    )
    op.create_index("ix_inbox_items_received_at", "inbox_items", ["received_at"])
    op.create_table(
        "invoice_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("envelope_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("answered_on", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.ForeignKeyConstraint(["envelope_id"], ["incoming_envelopes.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_invoice_answers_invoice_id", "invoice_answers", ["invoice_id"])
    for sql in TRIGGERS.values():
        triggers.create(sql)


def downgrade() -> None:
    for name, sql in TRIGGERS.items():
        triggers.drop(name, triggers.table_of(sql))
    op.drop_index("ix_invoice_answers_invoice_id", table_name="invoice_answers")
    op.drop_table("invoice_answers")
    op.drop_index("ix_inbox_items_received_at", table_name="inbox_items")
    op.drop_table("inbox_items")
    op.drop_index("ix_incoming_envelopes_received_at", table_name="incoming_envelopes")
    op.drop_table("incoming_envelopes")
