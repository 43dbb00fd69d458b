"""Opening the database: SQLite with WAL, foreign keys, a busy timeout, and migrations.

Writers that must be serialised (issuing, numbering, the outbox) use ``write_session``,
which starts ``BEGIN IMMEDIATE`` so the write lock is taken before anything is read; a
plain ``session`` starts a deferred transaction and never blocks readers.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from app import clock
from app.db import files
from app.paths import database_path, make_private_dir

BUSY_TIMEOUT_MS = 15_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class Database:
    """One open database file; cheap to share between threads (one session per job)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine: Engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _install_sqlite_hooks(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any exception."""
        with self._sessions() as s, s.begin():
            yield s

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """Like ``session`` but takes SQLite's write lock at once (BEGIN IMMEDIATE)."""
        with self._write_sessions() as s, s.begin():
            yield s

    def migrate(self) -> None:
        """Bring the schema to every head. A database that is already current is recognised
        without loading Alembic (it costs a third of a second at every start)."""
        with self.engine.connect() as conn:
            has_table = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).first()
            current = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))} \
                if has_table else set()
            conn.rollback()
        if current and current == script_heads():
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            # "heads": feature branches of the schema (each revising 0001) all apply.
            command.upgrade(cfg, "heads")

    def close(self) -> None:
        self.engine.dispose()


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


def script_heads() -> set[str]:
    """The head revisions of ``migrations/versions``, read from the files' text."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return revisions - parents


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


_open: dict[Path, Database] = {}
_open_lock = threading.Lock()


def open_database(data_dir: Path) -> Database:
    """The database of ``data_dir``, checked and migrated to the newest schema (once per
    process). A damaged database, or a missing or empty one where the folder shows an
    earlier one, raises ``files.DatabaseUnusable`` (a ``UserError`` that says the way back);
    a new one is created readable by its owner only."""
    path = database_path(data_dir).resolve()
    with _open_lock:
        db = _open.get(path)
        if db is None:
            make_private_dir(path.parent)
            _check_file(path.parent, path)
            db = Database(path)
            db.migrate()
            files.write_marker(path.parent, f"{clock.now():%d.%m.%Y %H:%M}")
            _open[path] = db
        return db


def _check_file(data_dir: Path, path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        traces = files.traces_of_earlier_database(data_dir)
        if traces:
            raise files.lost(data_dir, path, traces)
        files.create_private(path)
        return
    began = time.monotonic()
    try:
        files.check_at_start(path)
    except files.DatabaseCheckFailed as exc:
        raise files.damaged(data_dir, path, str(exc)) from None
    files.log.debug("start check of %s: %.1f ms", path, (time.monotonic() - began) * 1000)


def forget(data_dir: Path) -> None:
    """Close this process's connections to the database of ``data_dir`` (before its file is
    replaced); the next ``open_database`` checks and opens the file anew."""
    path = database_path(data_dir).resolve()
    with _open_lock:
        db = _open.pop(path, None)
        if db is not None:
            db.close()


def close_all() -> None:
    with _open_lock:
        for db in _open.values():
            db.close()
        _open.clear()


def table_names(db: Database) -> list[str]:
    return inspect(db.engine).get_table_names()
