"""One sync at a time per data directory (the GUI's background sync and ``tezgah sync``),
and one worker per envelope across computers sharing a PostgreSQL database.

An OS file lock: it disappears with the process that held it, so a killed sync never
leaves a stale lock behind. Several computers (each its own data folder) syncing into one
PostgreSQL database claim each envelope before working on it (``envelope_claim``): an
advisory lock that the database drops with a killed process's connection.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.db.engine import ENVELOPE_CLAIMS, Database
from app.domain.errors import UserError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class SyncBusy(UserError):
    def __init__(self) -> None:
        super().__init__("Başka bir gönderim işlemi şu anda çalışıyor; bitmesini bekleyin.")


@contextmanager
def exclusive_file_lock(path: Path, busy: Callable[[], Exception]) -> Iterator[None]:
    """Hold an OS lock on ``path`` (created 0600) for the block, or raise ``busy()`` at once
    when another process holds it; released when the block ends or the process dies."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise busy() from None
        yield
    finally:
        os.close(fd)


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    with exclusive_file_lock(data_dir / "sync.lock", SyncBusy):
        yield


@contextmanager
def envelope_claim(db: Database, envelope_id: int) -> Iterator[bool]:
    """True while this process may work on the envelope (send it, ask about it, record the
    answer); False when another process is at it now — skip it, as ``FOR UPDATE SKIP
    LOCKED`` skips a locked row; it is looked at again on the next pass. Always True on
    SQLite (one computer, and ``sync_lock`` lets one sync run per data folder)."""
    with db.claim(ENVELOPE_CLAIMS, envelope_id) as mine:
        yield mine
