"""Opening the database: SQLite with WAL, foreign keys, a busy timeout, and migrations; or a
PostgreSQL server (``postgresql://user@host:port/db``) shared by several computers.

Writers that must be serialised (issuing, numbering, the outbox) use ``write_session``,
which starts ``BEGIN IMMEDIATE`` on SQLite so the write lock is taken before anything is
read. On PostgreSQL it takes a transaction-level advisory lock (``WRITE_LOCK``) as its first
statement: the same one-writer-at-a-time rule across every process and computer, released
at commit or rollback (or when a killed writer's connection drops). A plain ``session``
starts a deferred transaction and never blocks readers, on either engine.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app import clock
from app.db import files
from app.domain.errors import UserError
from app.paths import ENV_DATABASE_URL, database_path, make_private_dir

BUSY_TIMEOUT_MS = 15_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Advisory lock keys on PostgreSQL (two int4 halves: a namespace and a key in it).
LOCK_NAMESPACE = 0x7E29  # "Tezgâh"
WRITE_LOCK = 0  # in LOCK_NAMESPACE (1: migrating)
SERIES_LOCKS = LOCK_NAMESPACE + 1  # app.db.repositories.numbering.lock
ENVELOPE_CLAIMS = 2  # a ``kind`` of ``Database.claim``: an outbox envelope being worked on
SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def normalise_url(url: str) -> str:
    """A PostgreSQL URL with the app's driver (psycopg 3). A URL that carries a password
    is refused: the password belongs in ``PGPASSWORD``, a 0600 ``~/.pgpass`` or the OS
    keyring (libpq reads the first two itself), never in settings, history or logs."""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise UserError(
            f"Veritabanı adresi anlaşılamadı: '{_without_password(url)}'. Biçim: "
            "postgresql://kullanıcı@sunucu:port/veritabanı", field="database_url")
    userinfo = rest.split("/", 1)[0].rpartition("@")[0]
    if ":" in userinfo or "password=" in rest.lower():
        raise UserError(
            "Veritabanı adresinde parola olmamalı (komut geçmişinde ve günlüklerde görünür). "
            "Adresi parolasız yazın (postgresql://kullanıcı@sunucu:port/veritabanı); parolayı "
            "PGPASSWORD ortam değişkeniyle, yalnızca sizin okuyabildiğiniz (0600) ~/.pgpass "
            "dosyasıyla ya da işletim sisteminin anahtarlığıyla verin.", field="database_url")
    return f"postgresql+psycopg://{rest}"


def _without_password(url: str) -> str:
    return re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", url)


def display_url(url: str) -> str:
    """The URL as shown to the user (the driver name left out)."""
    return _without_password(url).replace("postgresql+psycopg://", "postgresql://", 1)


class Database:
    """One open database (a SQLite file, or a PostgreSQL server's database); cheap to share
    between threads (one session per job)."""

    def __init__(self, target: Path | str) -> None:
        if isinstance(target, str) and "://" in target:
            self.path: Path | None = None
            self.url = normalise_url(target)
            self.dialect = POSTGRESQL
            self.engine: Engine = create_engine(
                self.url, pool_pre_ping=True, isolation_level="READ COMMITTED",
                connect_args={"application_name": "tezgah", "connect_timeout": 15})
            _install_postgresql_hooks(self.engine)
            write_engine = self.engine.execution_options(pg_write_lock=True)
        else:
            self.path = Path(target)
            self.url = f"sqlite:///{self.path}"
            self.dialect = SQLITE
            self.engine = create_engine(
                self.url,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            )
            _install_sqlite_hooks(self.engine)
            write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(write_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == SQLITE

    @property
    def location(self) -> str:
        """Where the data lives, for messages: the file, or the server URL."""
        return str(self.path) if self.path is not None else display_url(self.url)

    @contextmanager
    def claim(self, kind: int, key: int) -> Iterator[bool]:
        """Try to claim a piece of work (``kind``, ``key``) for as long as the block runs,
        across transactions: True when this process has it, False when another holds it
        (skip it, as ``FOR UPDATE SKIP LOCKED`` skips a locked row). On PostgreSQL a
        session-level advisory lock on a connection of its own, released at the end or when
        a killed process's connection drops; on SQLite always True (one computer, and
        ``app.outbox.lock`` already lets only one sync run per data folder)."""
        if self.is_sqlite:
            yield True
            return
        with self.engine.connect() as conn:
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k1, :k2)"),
                                    {"k1": LOCK_NAMESPACE + kind, "k2": key}).scalar())
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k1, :k2)"),
                                 {"k1": LOCK_NAMESPACE + kind, "k2": key})
                    conn.commit()

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
            has_table = inspect(conn).has_table("alembic_version")
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
            if not self.is_sqlite:  # two processes starting at once migrate one by one
                conn.execute(text("SELECT pg_advisory_xact_lock(:k1, 1)"),
                             {"k1": LOCK_NAMESPACE})
            cfg.attributes["connection"] = conn
            # "heads": feature branches of the schema (each revising 0001) all apply.
            command.upgrade(cfg, "heads")

    def close(self) -> None:
        self.engine.dispose()


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


def script_revisions() -> set[str]:
    """Every revision of ``migrations/versions`` (a database at another one is newer)."""
    found: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        rev = _REVISION.search(path.read_text(encoding="utf-8"))
        if rev:
            found.add(rev.group(1))
    return found


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


def _install_postgresql_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("pg_write_lock"):
            # Wait for another writer as long as SQLite's busy timeout, then fail.
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
            conn.exec_driver_sql(
                f"SELECT pg_advisory_xact_lock({LOCK_NAMESPACE}, {WRITE_LOCK})")


_open: dict[Path | str, Database] = {}
_open_lock = threading.Lock()


def configured_url(explicit: str | None = None, saved: str | None = None) -> str | None:
    """The PostgreSQL URL to use: ``--database-url``, else ``TEZGAH_DATABASE_URL``, else the
    one saved on this computer (Ayarlar → Veritabanı; ``app.settings.read_database_url``);
    None for the data folder's SQLite file."""
    return explicit or os.environ.get(ENV_DATABASE_URL) or saved or None


@dataclass(frozen=True)
class ConnectionCheck:
    """What trying a PostgreSQL URL found. ``state``: ``current`` (Tezgâh's newest schema),
    ``empty`` (no Tezgâh tables yet), ``older`` / ``newer`` (another Tezgâh version's schema),
    ``unreachable``, ``authentication``, ``no_database``, ``refused`` (the URL itself) or
    ``failed`` (anything else); ``detail``: the server's or driver's own words (no password)."""

    state: str
    detail: str = ""


def check_connection(url: str, timeout_seconds: int = 10) -> ConnectionCheck:
    """Connect to the PostgreSQL database at ``url`` once (nothing is created or changed)
    and say whether Tezgâh can use it."""
    try:
        normalised = normalise_url(url)
    except UserError as exc:
        return ConnectionCheck("refused", exc.message)
    engine = create_engine(normalised, poolclass=NullPool, connect_args={
        "application_name": "tezgah", "connect_timeout": timeout_seconds})
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return ConnectionCheck("empty")
            found = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
            conn.rollback()
    except OperationalError as exc:
        return _connection_failure(exc)
    except DBAPIError as exc:
        return ConnectionCheck("failed", _first_line(exc))
    finally:
        engine.dispose()
    if found == script_heads():
        return ConnectionCheck("current")
    if found - script_revisions():
        return ConnectionCheck("newer", ", ".join(sorted(found)))
    return ConnectionCheck("older", ", ".join(sorted(found)))


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return _without_password(lines[0]) if lines else type(original).__name__


def _connection_failure(exc: OperationalError) -> ConnectionCheck:
    original = exc.orig
    sqlstate = str(getattr(original, "sqlstate", "") or "")
    words = str(original).lower()
    detail = _first_line(exc)
    if sqlstate == "3D000" or ("database" in words and "does not exist" in words):
        return ConnectionCheck("no_database", detail)
    if sqlstate in ("28P01", "28000") or "authentication" in words or "password" in words:
        return ConnectionCheck("authentication", detail)
    if sqlstate == "" and any(w in words for w in (
            "connection refused", "could not translate host", "timeout", "timed out",
            "no route", "connection to server", "could not connect", "name or service")):
        return ConnectionCheck("unreachable", detail)
    return ConnectionCheck("failed", detail)


def open_database(data_dir: Path, url: str | None = None) -> Database:
    """The database of ``data_dir`` — or the PostgreSQL database at ``url`` — checked and
    migrated to the newest schema (once per process). A damaged SQLite database, or a
    missing or empty one where the folder shows an earlier one, raises
    ``files.DatabaseUnusable`` (a ``UserError`` that says the way back); a new one is
    created readable by its owner only."""
    if url:
        key = normalise_url(url)
        with _open_lock:
            db = _open.get(key)
            if db is None:
                db = Database(key)
                try:
                    db.migrate()
                except Exception:
                    db.close()
                    raise
                _open[key] = db
            return db
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
