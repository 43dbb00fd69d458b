"""A PostgreSQL database's backup file: ``pg_dump --format=custom`` and its check with
``pg_restore --list`` — the server's own tools, as the file backup of a SQLite database is
SQLite's online backup API. The password comes from PGPASSWORD or ~/.pgpass as for the app;
the URL never carries one (``app.db.engine.normalise_url``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import suppress
from pathlib import Path

from app.db.engine import Database
from app.domain.errors import UserError

TIMEOUT_SECONDS = 6 * 3600


def _tools() -> tuple[str, str]:
    dump, restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    if dump is None or restore is None:
        raise UserError("Veritabanı PostgreSQL: yedek pg_dump ile alınır, ama bu bilgisayarda "
                        "pg_dump ve pg_restore bulunamadı. PostgreSQL istemci araçlarını kurun "
                        "ya da yedeği veritabanı sunucusunda pg_dump ile alın.")
    return dump, restore


def _dsn(db: Database) -> str:
    """The libpq address of the database (the app's driver name left out)."""
    scheme, _, rest = str(db.url).partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgresql") else str(db.url)


def write(db: Database, target: Path) -> None:
    """``pg_dump`` of ``db`` into ``target``: written as ``<target>.part``, flushed to disk,
    then renamed (never a half-written file under the target's name)."""
    dump, _restore = _tools()
    part = target.with_name(target.name + ".part")
    try:
        done = subprocess.run([dump, "--format=custom", "--no-owner", "--file", str(part),
                               "--dbname", _dsn(db)], capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS, check=False)
        if done.returncode != 0:
            raise UserError(f"pg_dump yedeği alamadı: {done.stderr.strip()[:300]}")
        with open(part, "rb+") as f:
            os.fsync(f.fileno())
        part.replace(target)
    except BaseException:
        with suppress(OSError):
            part.unlink()
        raise


def check(target: Path) -> None:
    """Read the dump back with ``pg_restore --list``; a dump that does not list its table
    data is removed and refused."""
    _dump, restore = _tools()
    listed = subprocess.run([restore, "--list", str(target)], capture_output=True, text=True,
                            timeout=TIMEOUT_SECONDS, check=False)
    if listed.returncode != 0 or "TABLE DATA" not in listed.stdout:
        with suppress(OSError):
            target.unlink()
        raise UserError(f"pg_dump yedeği geri okunurken tutmadı (pg_restore --list): "
                        f"{listed.stderr.strip()[:300]}")
