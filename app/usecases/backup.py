"""Backup and restore of a data folder: a consistent copy of the SQLite database
made with SQLite's online backup API (safe while the app is writing), plus the signer
folder, in one zip file.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from app import clock
from app.domain.errors import UserError
from app.paths import database_path, signer_dir

DB_NAME = "tezgah.sqlite3"


def backup(data_dir: Path, target: Path) -> Path:
    """Write ``target`` (.zip) holding the database and the signer folder."""
    data_dir = Path(data_dir)
    target = Path(target)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / DB_NAME
        src = sqlite3.connect(database_path(data_dir))
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        part = target.with_suffix(".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(copy, DB_NAME)
            sdir = signer_dir(data_dir)
            if sdir.exists():
                for f in sorted(sdir.rglob("*")):
                    if f.is_file():
                        z.write(f, f"signer/{f.relative_to(sdir).as_posix()}")
            z.writestr("TEZGAH-YEDEK.txt", f"Tezgâh yedeği {clock.now():%d.%m.%Y %H:%M}\n")
        part.replace(target)
    return target


def default_name() -> str:
    return f"tezgah-yedek-{clock.now():%Y%m%d-%H%M}.zip"


def restore(data_dir: Path, source: Path) -> None:
    """Put a backup back: the database is copied in with the backup API (other
    connections see the restored content), the signer folder's files are replaced."""
    data_dir = Path(data_dir)
    try:
        z = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise UserError(f"{Path(source).name} bir Tezgâh yedeği değil ({exc}).") from exc
    with z, tempfile.TemporaryDirectory() as tmp:
        names = z.namelist()
        if DB_NAME not in names or "TEZGAH-YEDEK.txt" not in names:
            raise UserError(f"{Path(source).name} bir Tezgâh yedeği değil.")
        copy = Path(tmp) / DB_NAME
        copy.write_bytes(z.read(DB_NAME))
        src = sqlite3.connect(copy)
        try:
            ok = src.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise UserError("Yedekteki veritabanı bozuk; başka bir yedek seçin.")
            dst = sqlite3.connect(database_path(data_dir), timeout=15)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        sdir = signer_dir(data_dir)
        for name in names:
            if name.startswith("signer/") and not name.endswith("/"):
                rel = Path(name[len("signer/"):])
                if rel.is_absolute() or ".." in rel.parts:
                    continue
                out = sdir / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(io.BytesIO(z.read(name)).getvalue())
