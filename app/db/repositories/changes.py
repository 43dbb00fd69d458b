"""Reading the change stamps (``app.db.tables_changes``) with one small query, and folding
PostgreSQL's per-transaction marks into the stamps."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db.engine import LOCK_NAMESPACE
from app.db.tables_changes import TOPICS

# A PostgreSQL reader folds the marks into the stamps once there are this many.
COMPACT_AFTER = 500
COMPACTING = 3  # advisory lock key in LOCK_NAMESPACE (0: writing, 1: migrating)

_VERSIONS = text(
    "SELECT topic, SUM(n), SUM(marks) FROM ("
    " SELECT topic, version AS n, 0 AS marks FROM change_stamps"
    " UNION ALL"
    " SELECT topic, COUNT(*) AS n, COUNT(*) AS marks FROM change_marks GROUP BY topic"
    ") AS v GROUP BY topic")


def versions(s: Session) -> tuple[dict[str, int], int]:
    """Every topic's version (0 when never changed), and how many uncompacted marks there
    are. One statement: a single snapshot, also while a compaction commits."""
    found = {topic: 0 for topic in TOPICS}
    marks = 0
    for topic, version, topic_marks in s.execute(_VERSIONS):
        found[str(topic)] = int(version or 0)
        marks += int(topic_marks or 0)
    return found, marks


def compact(s: Session) -> bool:
    """PostgreSQL: move the committed marks into ``change_stamps`` (each topic's version
    stays the same). One compactor at a time; False when another is at it."""
    if s.get_bind().dialect.name != "postgresql":
        return False
    got = s.execute(text("SELECT pg_try_advisory_xact_lock(:ns, :key)"),
                    {"ns": LOCK_NAMESPACE, "key": COMPACTING}).scalar()
    if not got:
        return False
    s.execute(text(
        "WITH gone AS (DELETE FROM change_marks RETURNING topic),"
        " counted AS (SELECT topic, COUNT(*) AS n FROM gone GROUP BY topic)"
        " INSERT INTO change_stamps (topic, version) SELECT topic, n FROM counted"
        " ON CONFLICT (topic) DO UPDATE SET version = change_stamps.version + EXCLUDED.version"))
    return True
