"""merge the outbox (0003) and the GİB user list (0004) branches

Revision ID: 0005
Revises: 0003, 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

revision = "0005"
down_revision = ("0003", "0004")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
