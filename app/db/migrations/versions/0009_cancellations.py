"""cancellations of e-Arşiv invoices

``invoice_cancellations``: one row per cancelled (İPTAL) invoice — when (Istanbul wall-clock
time, the day whose e-Arşiv report carries it as ``faturaIptal``), the reason, who cancelled
it and from where. Append-only like ``invoice_events``; a cancelled invoice stays cancelled
(an update that would change its status leaves the row as it is). Invoices, their numbers
and their signed XML are not touched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import triggers

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TRIGGERS = {
    "invoice_cancellations_no_update":
        """CREATE TRIGGER invoice_cancellations_no_update BEFORE UPDATE ON invoice_cancellations
           BEGIN SELECT RAISE(ABORT, 'invoice_cancellations is append-only'); END""",
    "invoice_cancellations_no_delete":
        """CREATE TRIGGER invoice_cancellations_no_delete BEFORE DELETE ON invoice_cancellations
           BEGIN SELECT RAISE(ABORT, 'invoice_cancellations is append-only'); END""",
    # IGNORE, not ABORT: a set-based status change (the outbox, a report's answer) that
    # also names a cancelled invoice goes through for the others and leaves this one be.
    "cancelled_invoice_stays_cancelled":
        """CREATE TRIGGER cancelled_invoice_stays_cancelled BEFORE UPDATE ON invoices
           WHEN OLD.status = 'cancelled' AND NEW.status IS NOT 'cancelled'
           BEGIN SELECT RAISE(IGNORE); END""",
}


def upgrade() -> None:
    op.create_table(
        "invoice_cancellations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("cancelled_by", sa.String(length=100), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invoice_id"),
    )
    op.create_index("ix_invoice_cancellations_cancelled_at", "invoice_cancellations",
                    ["cancelled_at"])
    for sql in TRIGGERS.values():
        triggers.create(sql)


def downgrade() -> None:
    for name, sql in TRIGGERS.items():
        triggers.drop(name, triggers.table_of(sql))
    op.drop_index("ix_invoice_cancellations_cancelled_at", "invoice_cancellations")
    op.drop_table("invoice_cancellations")
