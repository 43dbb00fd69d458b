"""the signature verdict of a received invoice

``invoices.signature_valid``: the verdict of verifying the signature of a received
(imported) invoice when it was archived; NULL where it was never checked (our own
invoices, invoices imported before this revision). The verdict's reasons stay in the
invoice's ``data`` and its events.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.add_column(sa.Column("signature_valid", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.drop_column("signature_valid")
