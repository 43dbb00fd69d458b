"""What changed in the database since a seat last looked: a version per topic (invoices,
customers, products, outbox, inbox, settings) that every write bumps — made by triggers,
so writes of other desktops, other windows and the posta kutusu service count as well
as this process's own. The window polls ``versions`` and reloads the lists whose topic moved."""

from __future__ import annotations

from app.context import AppContext
from app.db.repositories import changes as repo
from app.db.tables_changes import CUSTOMERS, INBOX, INVOICES, OUTBOX, PRODUCTS, SETTINGS, TOPICS

__all__ = ["CUSTOMERS", "INBOX", "INVOICES", "OUTBOX", "PRODUCTS", "SETTINGS", "TOPICS",
           "changed", "versions"]


def versions(ctx: AppContext) -> dict[str, int]:
    """Every topic's version; a version differs from an earlier one exactly when the topic
    was written in between (and committed)."""
    with ctx.db.session() as s:
        found, marks = repo.versions(s)
    if marks >= repo.COMPACT_AFTER:
        with ctx.db.session() as s:
            repo.compact(s)
    return found


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """The topics whose version differs."""
    return {topic for topic, version in after.items() if before.get(topic) != version}
