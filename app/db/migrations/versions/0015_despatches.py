"""e-İrsaliye: the despatches table

``despatches`` (``app.db.tables_despatches``): despatch advices, drafts and issued ones, with
their number, ETTN, profile, type, receiver, dates, the despatch JSON and the signed
document they point to (``documents``, kind ``despatch-advice``). Triggers keep an issued
despatch advice as it was issued and forbid deleting it, as for invoices (Alembic 0001).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import triggers

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TRIGGERS = [
    """CREATE TRIGGER issued_despatch_frozen BEFORE UPDATE ON despatches
       WHEN OLD.status != 'draft' AND (
            NEW.number IS NOT OLD.number OR NEW.data IS NOT OLD.data
            OR NEW.ettn IS NOT OLD.ettn OR NEW.issue_date IS NOT OLD.issue_date
            OR NEW.document_id IS NOT OLD.document_id
            OR NEW.receiver_vkn_tckn IS NOT OLD.receiver_vkn_tckn OR NEW.status = 'draft')
       BEGIN SELECT RAISE(ABORT, 'issued despatch advices are immutable'); END""",
    """CREATE TRIGGER issued_despatch_no_delete BEFORE DELETE ON despatches
       WHEN OLD.status != 'draft'
       BEGIN SELECT RAISE(ABORT, 'issued despatch advices cannot be deleted'); END""",
]


def upgrade() -> None:
    op.create_table(
        "despatches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ettn", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=True),
        sa.Column("profile", sa.String(length=30), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("series", sa.String(length=3), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("issue_time", sa.String(length=8), nullable=False),
        sa.Column("despatch_date", sa.Date(), nullable=False),
        sa.Column("despatch_time", sa.String(length=8), nullable=False),
        sa.Column("receiver_vkn_tckn", sa.String(length=11), nullable=False),
        sa.Column("receiver_name", sa.String(length=300), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_despatches_document_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_despatches"),
    )
    op.create_index("ix_despatches_ettn", "despatches", ["ettn"])
    op.create_index("ix_despatches_receiver_vkn_tckn", "despatches", ["receiver_vkn_tckn"])
    op.create_index("ix_despatches_list", "despatches", ["direction", "status", "issue_date"])
    op.create_index("uq_despatches_out_ettn", "despatches", ["ettn"], unique=True,
                    sqlite_where=sa.text("direction = 'out'"),
                    postgresql_where=sa.text("direction = 'out'"))
    op.create_index("uq_despatches_out_number", "despatches", ["number"], unique=True,
                    sqlite_where=sa.text("direction = 'out'"),
                    postgresql_where=sa.text("direction = 'out'"))
    for sql in TRIGGERS:
        triggers.create(sql)


def downgrade() -> None:
    for sql in TRIGGERS:
        name = sql.split()[2]
        triggers.drop(name, "despatches")
    op.drop_table("despatches")
