"""an index the invoice list counts with

``ix_invoices_list`` on ``invoices (direction, status, issue_date)``: the Faturalar page
counts and filters by direction (always), statuses and a date range. The partial unique
indexes (``WHERE direction = 'out'``) cannot answer such a count without reading every row
(the count needs ``direction``, which they do not hold), so COUNT read the whole table — the
invoice JSON with it. This index covers those filters: the count reads the index only.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_invoices_list", "invoices", ["direction", "status", "issue_date"])


def downgrade() -> None:
    op.drop_index("ix_invoices_list", table_name="invoices")
