"""e-İrsaliye received: the despatches' sender, and irsaliye yanıtları

``despatches`` gains ``sender_vkn_tckn``, ``sender_name`` and ``received_at`` for the
despatch advices we receive (direction ``in``), unique per sender and ETTN. The new table
``receipt_advices`` (``app.db.tables_receipts``) keeps our receipt advices and received
ones; triggers keep each as stored (only its status moves) and forbid deleting it.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import triggers

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TRIGGERS = [
    """CREATE TRIGGER receipt_advice_frozen BEFORE UPDATE ON receipt_advices
       WHEN NEW.ettn IS NOT OLD.ettn OR NEW.number IS NOT OLD.number
            OR NEW.data IS NOT OLD.data OR NEW.document_id IS NOT OLD.document_id
            OR NEW.despatch_id IS NOT OLD.despatch_id OR NEW.direction IS NOT OLD.direction
            OR NEW.sender_vkn_tckn IS NOT OLD.sender_vkn_tckn
       BEGIN SELECT RAISE(ABORT, 'receipt advices are immutable'); END""",
    """CREATE TRIGGER receipt_advice_no_delete BEFORE DELETE ON receipt_advices
       BEGIN SELECT RAISE(ABORT, 'receipt advices cannot be deleted'); END""",
]


def upgrade() -> None:
    # plain ADD COLUMN (no table copy): the despatches' guard triggers stay as they are
    op.add_column("despatches", sa.Column("sender_vkn_tckn", sa.String(length=11),
                                          nullable=False, server_default=""))
    op.add_column("despatches", sa.Column("sender_name", sa.String(length=300),
                                          nullable=False, server_default=""))
    op.add_column("despatches", sa.Column("received_at", sa.DateTime(), nullable=True))
    op.create_index("uq_despatches_in_sender_ettn", "despatches", ["sender_vkn_tckn", "ettn"],
                    unique=True, sqlite_where=sa.text("direction = 'in'"),
                    postgresql_where=sa.text("direction = 'in'"))
    op.create_table(
        "receipt_advices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("ettn", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("despatch_id", sa.Integer(), nullable=True),
        sa.Column("despatch_reference", sa.String(length=100), nullable=False),
        sa.Column("sender_vkn_tckn", sa.String(length=11), nullable=False),
        sa.Column("sender_name", sa.String(length=300), nullable=False),
        sa.Column("receiver_vkn_tckn", sa.String(length=11), nullable=False),
        sa.Column("receiver_name", sa.String(length=300), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("signature_valid", sa.Boolean(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("envelope_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["despatch_id"], ["despatches.id"],
                                name="fk_receipt_advices_despatch_id_despatches"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_receipt_advices_document_id_documents"),
        sa.ForeignKeyConstraint(["envelope_id"], ["incoming_envelopes.id"],
                                name="fk_receipt_advices_envelope_id_incoming_envelopes"),
        sa.PrimaryKeyConstraint("id", name="pk_receipt_advices"),
    )
    op.create_index("ix_receipt_advices_ettn", "receipt_advices", ["ettn"])
    op.create_index("ix_receipt_advices_despatch_id", "receipt_advices", ["despatch_id"])
    op.create_index("uq_receipt_advices_sender_ettn", "receipt_advices",
                    ["direction", "sender_vkn_tckn", "ettn"], unique=True)
    op.create_index("uq_receipt_advices_our_answer", "receipt_advices", ["despatch_id"],
                    unique=True, sqlite_where=sa.text("direction = 'out'"),
                    postgresql_where=sa.text("direction = 'out'"))
    for sql in TRIGGERS:
        triggers.create(sql)


def downgrade() -> None:
    for sql in TRIGGERS:
        triggers.drop(sql.split()[2], "receipt_advices")
    op.drop_table("receipt_advices")
    op.drop_index("uq_despatches_in_sender_ettn", table_name="despatches")
    with op.batch_alter_table("despatches") as batch:
        batch.drop_column("received_at")
        batch.drop_column("sender_name")
        batch.drop_column("sender_vkn_tckn")
