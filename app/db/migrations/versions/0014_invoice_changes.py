"""the invoice change log

``invoice_changes (seq, invoice_id, ettn, tx)`` (``app.db.tables_invoice_changes``).
Triggers append a row after every INSERT, UPDATE and DELETE of ``invoices`` and every INSERT
of ``invoice_events``, in the writing transaction; on PostgreSQL ``tx`` is the writer's
``txid_current()`` (0 on SQLite). Every invoice already stored gets one row, in id order, so
a reader starting from the beginning sees them all; a new database stays empty.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = {
    "invoice_change_insert": "AFTER INSERT ON invoices BEGIN INSERT INTO invoice_changes "
                             "(invoice_id, ettn, tx) VALUES (NEW.id, NEW.ettn, 0); END",
    "invoice_change_update": "AFTER UPDATE ON invoices BEGIN INSERT INTO invoice_changes "
                             "(invoice_id, ettn, tx) VALUES (NEW.id, NEW.ettn, 0); END",
    "invoice_change_delete": "AFTER DELETE ON invoices BEGIN INSERT INTO invoice_changes "
                             "(invoice_id, ettn, tx) VALUES (OLD.id, OLD.ettn, 0); END",
    "invoice_change_event": "AFTER INSERT ON invoice_events BEGIN INSERT INTO invoice_changes "
                            "(invoice_id, ettn, tx) SELECT id, ettn, 0 FROM invoices "
                            "WHERE id = NEW.invoice_id; END",
}
POSTGRESQL_FUNCTION = """\
CREATE OR REPLACE FUNCTION invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'invoice_events' THEN
        INSERT INTO invoice_changes (invoice_id, ettn, tx)
            SELECT id, ettn, txid_current() FROM invoices WHERE id = NEW.invoice_id;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO invoice_changes (invoice_id, ettn, tx) VALUES (OLD.id, OLD.ettn, txid_current());
    ELSE
        INSERT INTO invoice_changes (invoice_id, ettn, tx) VALUES (NEW.id, NEW.ettn, txid_current());
    END IF;
    RETURN NULL;
END $$"""
POSTGRESQL_TRIGGERS = {
    "invoice_change": "AFTER INSERT OR UPDATE OR DELETE ON invoices",
    "invoice_change_event": "AFTER INSERT ON invoice_events",
}


def upgrade() -> None:
    op.create_table(
        "invoice_changes",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("ettn", sa.String(length=36), nullable=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_invoice_changes"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_invoice_changes_invoice_id", "invoice_changes", ["invoice_id"])
    op.create_index("ix_invoice_changes_tx", "invoice_changes", ["tx"])
    op.execute("INSERT INTO invoice_changes (invoice_id, ettn, tx) "
               "SELECT id, ettn, 0 FROM invoices ORDER BY id")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        for name, when in POSTGRESQL_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} FOR EACH ROW "
                       "EXECUTE FUNCTION invoice_change()")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS invoice_change ON invoices")
        op.execute("DROP TRIGGER IF EXISTS invoice_change_event ON invoice_events")
        op.execute("DROP FUNCTION IF EXISTS invoice_change()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_invoice_changes_tx", table_name="invoice_changes")
    op.drop_index("ix_invoice_changes_invoice_id", table_name="invoice_changes")
    op.drop_table("invoice_changes")
