"""One sync at a time per data directory (the GUI's background sync and ``tezgah sync``).

An OS file lock: it disappears with the process that held it, so a killed sync never
leaves a stale lock behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def sync_lock(data_dir: Path) -> Iterator[None]:
    path = data_dir / "sync.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise SyncBusy() from None
        yield
    finally:
        os.close(fd)
