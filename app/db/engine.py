"""Opening the database: SQLite with WAL, foreign keys, a busy timeout, and migrations.

Writers that must be serialised (issuing, numbering, the outbox) use ``write_session``,
which starts ``BEGIN IMMEDIATE`` so the write lock is taken before anything is read; a
plain ``session`` starts a deferred transaction and never blocks readers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.paths import database_path

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
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            # "heads": feature branches of the schema (each revising 0001) all apply.
            command.upgrade(cfg, "heads")

    def close(self) -> None:
        self.engine.dispose()


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
    """The database of ``data_dir``, migrated to the newest schema (once per process)."""
    path = database_path(data_dir).resolve()
    with _open_lock:
        db = _open.get(path)
        if db is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = Database(path)
            db.migrate()
            _open[path] = db
        return db


def close_all() -> None:
    with _open_lock:
        for db in _open.values():
            db.close()
        _open.clear()


def table_names(db: Database) -> list[str]:
    return inspect(db.engine).get_table_names()
