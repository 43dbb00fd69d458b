"""a draft's events go with the draft

``invoice_events`` stays append-only for every invoice that is not a draft: a draft may be
deleted (it has no number and no legal weight), and its history with it; the history of an
issued or received invoice can still never be changed or deleted.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from app.db import triggers

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    triggers.drop("invoice_events_no_delete", "invoice_events")
    triggers.create(
        """CREATE TRIGGER invoice_events_no_delete BEFORE DELETE ON invoice_events
           WHEN COALESCE((SELECT status FROM invoices WHERE id = OLD.invoice_id), '') != 'draft'
           BEGIN SELECT RAISE(ABORT, 'invoice_events is append-only'); END""")


def downgrade() -> None:
    triggers.drop("invoice_events_no_delete", "invoice_events")
    triggers.create(
        """CREATE TRIGGER invoice_events_no_delete BEFORE DELETE ON invoice_events
           BEGIN SELECT RAISE(ABORT, 'invoice_events is append-only'); END""")
