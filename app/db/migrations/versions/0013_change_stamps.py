"""change stamps: what other seats poll to see that the shared database changed

``change_stamps (topic, version)`` and ``change_marks (topic, tx)``
(``app.db.tables_changes``). Triggers after every INSERT, UPDATE and DELETE of a watched
table bump its topic in the writing transaction: on SQLite by adding one to the topic's
``change_stamps.version`` (writers take turns there); on PostgreSQL by inserting one
``change_marks`` row per transaction and topic (no writer ever waits for another's counter).
No rows are written here: a new database stays empty (``tezgah db migrate-to`` needs that).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# table → topic, as released (``app.db.tables_changes.TOPICS``)
WATCHED = {
    "invoices": "invoices", "invoice_events": "invoices", "invoice_cancellations": "invoices",
    "customers": "customers",
    "products": "products",
    "outbox_items": "outbox", "envelopes": "outbox", "envelope_documents": "outbox",
    "inbox_items": "inbox", "incoming_envelopes": "inbox", "invoice_answers": "inbox",
    "settings": "settings", "company": "settings",
}
EVENTS = {"insert": "INSERT", "update": "UPDATE", "delete": "DELETE"}
POSTGRESQL_FUNCTION = """\
CREATE OR REPLACE FUNCTION change_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO change_marks (topic, tx) VALUES (TG_ARGV[0], txid_current())
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$"""


def _sqlite_trigger(table: str, event: str, topic: str) -> str:
    return (f"CREATE TRIGGER change_{table}_{event} AFTER {EVENTS[event]} ON {table} "
            f"BEGIN INSERT OR IGNORE INTO change_stamps (topic, version) VALUES ('{topic}', 0); "
            f"UPDATE change_stamps SET version = version + 1 WHERE topic = '{topic}'; END")


def upgrade() -> None:
    op.create_table(
        "change_stamps",
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("topic", name="pk_change_stamps"),
    )
    op.create_table(
        "change_marks",
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("tx", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("topic", "tx", name="pk_change_marks"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        for table, topic in WATCHED.items():
            op.execute(f"CREATE TRIGGER change_{table} AFTER INSERT OR UPDATE OR DELETE "
                       f"ON {table} FOR EACH ROW EXECUTE FUNCTION change_mark('{topic}')")
    else:
        for table, topic in WATCHED.items():
            for event in EVENTS:
                op.execute(_sqlite_trigger(table, event, topic))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS change_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS change_mark()")
    else:
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS change_{table}_{event}")
    op.drop_table("change_marks")
    op.drop_table("change_stamps")
