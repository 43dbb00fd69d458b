"""GİB's registered-user list (tables of app.gib.userlist)

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The same tables app.gib.userlist declares on its own MetaData; its create_all then
    # finds them in place. The staging tables of an import stay the store's business.
    op.create_table(
        "gib_user",
        sa.Column("identifier", sa.String(11), primary_key=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("first_creation_time", sa.String(32), nullable=False),
        sa.Column("account_type", sa.String(32), nullable=False),
    )
    op.create_table(
        "gib_user_alias",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("identifier", sa.String(11), nullable=False),
        sa.Column("document_type", sa.String(32), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("role", sa.String(2), nullable=False),
        sa.Column("creation_time", sa.String(32), nullable=False),
        sa.Column("deletion_time", sa.String(32), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_gib_user_alias_identifier", "gib_user_alias", ["identifier"])


def downgrade() -> None:
    op.drop_index("ix_gib_user_alias_identifier", table_name="gib_user_alias")
    op.drop_table("gib_user_alias")
    op.drop_table("gib_user")
