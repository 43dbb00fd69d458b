"""documents of any kind in the outbox, envelopes per channel, numbering per kind

Outbox items point at the stored document they send (``document_id``) and say its kind and
channel; ``invoice_id`` stays for invoices. ``envelope_invoices`` becomes
``envelope_documents``. Number counters are kept per document kind, series and year.
Every existing row is carried over: items and envelopes are e-Fatura invoices, counters
count invoices.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # -- outbox items: the document they send, its kind and channel ----------------------
    with op.batch_alter_table("outbox_items") as batch:
        batch.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(30), nullable=False,
                                   server_default="invoice"))
        batch.add_column(sa.Column("channel", sa.String(30), nullable=False,
                                   server_default="efatura"))
    op.execute("""UPDATE outbox_items SET document_id = (
                      SELECT max(d.id) FROM documents d
                      WHERE d.invoice_id = outbox_items.invoice_id AND d.kind = 'invoice')""")
    # SQLite rebuilds the table; PostgreSQL alters it in place.
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("outbox_items", recreate="always" if sqlite else "auto") as batch:
        batch.drop_constraint("uq_outbox_items_invoice_id", type_="unique")
        batch.alter_column("invoice_id", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("document_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("kind", existing_type=sa.String(30), server_default=None)
        batch.alter_column("channel", existing_type=sa.String(30), server_default=None)
        batch.create_unique_constraint("uq_outbox_items_document_id", ["document_id"])
        batch.create_foreign_key("fk_outbox_items_document_id_documents", "documents",
                                 ["document_id"], ["id"])
        batch.create_index("ix_outbox_items_invoice_id", ["invoice_id"])

    # -- envelopes: which channel carried them -------------------------------------------
    with op.batch_alter_table("envelopes") as batch:
        batch.add_column(sa.Column("channel", sa.String(30), nullable=False,
                                   server_default="efatura"))

    # -- envelope_invoices → envelope_documents ------------------------------------------
    op.create_table(
        "envelope_documents",
        sa.Column("envelope_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["envelope_id"], ["envelopes.id"],
                                name="fk_envelope_documents_envelope_id_envelopes"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_envelope_documents_document_id_documents"),
        sa.PrimaryKeyConstraint("envelope_id", "document_id", name="pk_envelope_documents"),
    )
    op.create_index("ix_envelope_documents_document_id", "envelope_documents", ["document_id"])
    op.execute("""INSERT INTO envelope_documents (envelope_id, document_id)
                  SELECT ei.envelope_id, max(d.id) FROM envelope_invoices ei
                  JOIN documents d ON d.invoice_id = ei.invoice_id AND d.kind = 'invoice'
                  GROUP BY ei.envelope_id, ei.invoice_id""")
    op.drop_index("ix_envelope_invoices_invoice_id", table_name="envelope_invoices")
    op.drop_table("envelope_invoices")

    # -- number counters per document kind -----------------------------------------------
    if not sqlite:  # PostgreSQL's constraint names are unique in the schema
        op.execute("ALTER TABLE number_series RENAME CONSTRAINT pk_number_series "
                   "TO pk_number_series_old")
    op.create_table(
        "number_series_new",
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("series", sa.String(3), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("kind", "series", "year", name="pk_number_series"),
    )
    op.execute("""INSERT INTO number_series_new (kind, series, year, last_number, last_date)
                  SELECT 'invoice', series, year, last_number, last_date FROM number_series""")
    op.drop_table("number_series")
    op.rename_table("number_series_new", "number_series")


def downgrade() -> None:
    raise NotImplementedError("Tezgâh databases are only upgraded; restore a backup instead.")
