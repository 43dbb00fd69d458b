"""Backup and restore of a data folder: a consistent copy of the SQLite database made with
SQLite's online backup API (safe while the app is writing), plus the signer folder, in one
zip file.

A backup is taken only of a database that passes SQLite's full ``quick_check``, and it is
read back before it gets its name: every entry's CRC, and the database entry's SHA-256
against the checked copy. The zip is written beside its target as ``.part`` (readable by
its owner only: it holds the signer folder) and renamed at the end, so a full disk or a
crash never leaves a half-written backup under the target's name, and never touches an
earlier one. Each verified backup is noted in the data folder (``files.BACKUP_RECORD``), so
a damaged database can name the latest good one.

A restore trusts nothing in the zip: sizes are checked against limits and the free disk
space before anything is decompressed, entries are streamed (never held in memory), the
database must start with SQLite's header, match the SHA-256 its backup noted and pass
``quick_check`` before it replaces anything.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from app import clock
from app.db import engine, files
from app.domain.errors import UserError
from app.paths import database_path, signer_dir
from app.settings import read_database_url

log = logging.getLogger("tezgah.db")

DB_NAME = "tezgah.sqlite3"
NOTE_NAME = "TEZGAH-YEDEK.txt"
CHUNK = 1024 * 1024
# Limits of a backup a restore accepts, checked on the zip's directory before decompressing.
MAX_DATABASE_BYTES = 32 * 1024**3  # 100,000 signed invoices take about 1.3 GB
MAX_SIGNER_FILE_BYTES = 1024 * 1024
MAX_SIGNER_FILES = 200
MAX_NOTE_BYTES = 4096
MAX_ENTRIES = MAX_SIGNER_FILES + 10
FREE_SPACE_MARGIN = 64 * 1024 * 1024
_NOTED_SHA = re.compile(rb"SHA-256 ([0-9a-f]{64})")


def backup(data_dir: Path, target: Path) -> Path:
    """Write ``target`` (.zip) holding the database and the signer folder, verified."""
    files.sqlite_only("Dosya yedeği", read_database_url(data_dir))
    data_dir = Path(data_dir)
    target = Path(target)
    live = database_path(data_dir)
    if not live.exists() or live.stat().st_size == 0:
        raise UserError(f"Yedeklenecek veritabanı yok ya da boş: {live}. Yedek alınmadı.")
    part = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".yedek-") as tmp:
        copy = Path(tmp) / DB_NAME
        try:
            _copy_database(live, copy)
            files.full_check(copy)
        except files.DatabaseCheckFailed as exc:
            raise _damaged_no_backup(data_dir, live, str(exc)) from None
        except sqlite3.DatabaseError as exc:
            if not files.is_damage(exc):
                raise  # disk full, locked, read-only …: the front end says which
            raise _damaged_no_backup(data_dir, live, str(exc)) from None
        sha = _sha256(copy)
        try:
            _write_zip(part, copy, sha, data_dir)
            _verify_zip(part, sha)
            part.replace(target)
            _fsync_dir(target.parent)
        except BaseException:
            with suppress(OSError):
                part.unlink()
            raise
    try:
        files.record_backup(data_dir, clock.now().isoformat(timespec="seconds"), target, sha)
    except OSError as exc:  # the backup itself is whole; only its note is missing
        log.warning("backup %s written but not recorded in the data folder: %s", target, exc)
    log.info("backup written and verified: %s (database SHA-256 %s)", target, sha)
    return target


def _damaged_no_backup(data_dir: Path, live: Path, reason: str) -> files.DatabaseUnusable:
    exc = files.damaged(data_dir, live, reason)
    exc.message = "Yedek alınmadı (var olan yedekleriniz olduğu gibi duruyor). " + exc.message
    exc.args = (exc.message,)
    return exc


def _copy_database(live: Path, copy: Path) -> None:
    files.create_private(copy)
    src = sqlite3.connect(f"file:{live}?mode=ro", uri=True, timeout=15)
    dst = sqlite3.connect(copy)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _write_zip(part: Path, copy: Path, sha: str, data_dir: Path) -> None:
    fd = os.open(part, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as raw:
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(copy, DB_NAME)
            sdir = signer_dir(data_dir)
            if sdir.exists():
                for f in sorted(sdir.rglob("*")):
                    if f.is_file():
                        z.write(f, f"signer/{f.relative_to(sdir).as_posix()}")
            z.writestr(NOTE_NAME, f"Tezgâh yedeği {clock.now():%d.%m.%Y %H:%M}\n"
                       f"veritabanı: {DB_NAME}, {copy.stat().st_size} bayt, SHA-256 {sha}\n")
        raw.flush()
        os.fsync(raw.fileno())


def _verify_zip(part: Path, sha: str) -> None:
    """Read the written zip back: every CRC, and the database entry's SHA-256."""
    try:
        with zipfile.ZipFile(part) as z:
            for info in z.infolist():
                h = hashlib.sha256()
                with z.open(info) as f:
                    while chunk := f.read(CHUNK):
                        h.update(chunk)
                if info.filename == DB_NAME and h.hexdigest() != sha:
                    raise zipfile.BadZipFile("database entry differs from the checked copy")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        log.error("backup %s failed its read-back: %s", part, exc)
        raise UserError("Yazılan yedek geri okunurken tutmadı (disk ya da bağlantı sorunu "
                        "olabilir); yedek alınmadı. Başka bir yere yedek alın.") from None


def _fsync_dir(path: Path) -> None:
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def recorded_sha256(data_dir: Path, target: Path) -> str | None:
    """The database SHA-256 that ``backup`` noted in the data folder for ``target`` (the
    newest note of that path); None when it was not noted."""
    try:
        lines = (Path(data_dir) / files.BACKUP_RECORD).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    wanted = str(Path(target).resolve())
    for line in reversed(lines):
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1] == wanted:
            return parts[2].strip()
    return None


def verify_copy(path: Path, sha: str) -> None:
    """Read a backup back from where it lies now (another disk, a network folder): the
    database entry's SHA-256 must be ``sha`` and the one its note names, every entry's CRC
    must hold. The operating system is asked to drop its cached pages first, so the bytes
    come from the disk or the server where it can. Raises ``UserError`` (Turkish)."""
    path = Path(path)
    _drop_cache(path)
    try:
        with zipfile.ZipFile(path) as z:
            noted = _NOTED_SHA.search(_read_small(z, z.getinfo(NOTE_NAME), path.name))
            actual = ""
            for info in z.infolist():
                h = hashlib.sha256()
                with z.open(info) as f:
                    while chunk := f.read(CHUNK):
                        h.update(chunk)
                if info.filename == DB_NAME:
                    actual = h.hexdigest()
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(f"Yedek {path} geri okunamadı ({exc}); bu yedeğe güvenmeyin.") from None
    if actual != sha or noted is None or noted.group(1).decode() != sha:
        raise UserError(f"Yedek {path} geri okunduğunda veritabanının özeti tutmadı (disk ya "
                        "da ağ klasörü yazılanı bozmuş olabilir); bu yedeğe güvenmeyin.")


def _drop_cache(path: Path) -> None:
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def default_name() -> str:
    return f"tezgah-yedek-{clock.now():%Y%m%d-%H%M}.zip"


def restore(data_dir: Path, source: Path) -> None:
    """Put a backup back. Everything in it is checked before anything is replaced; then the
    database is copied in with the backup API (other connections see the restored content)
    or, when the current one is damaged, missing or empty, put in its place (the damaged
    file is kept beside it), and the signer folder's files are replaced."""
    files.sqlite_only("Yedekten geri yükleme", read_database_url(data_dir))
    data_dir = Path(data_dir)
    source = Path(source)
    name = source.name
    try:
        z = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise UserError(f"{name} bir Tezgâh yedeği değil ({exc}).") from exc
    with z:
        db_info, note_info, signer_infos = _entries(z, name)
        needed = db_info.file_size + sum(i.file_size for i in signer_infos) + FREE_SPACE_MARGIN
        free = shutil.disk_usage(data_dir).free
        if free < needed:
            raise UserError(f"Geri yükleme için veri klasörünün diskinde yer yok: "
                            f"{_mb(needed)} gerekiyor, {_mb(free)} boş. Hiçbir şey "
                            "değiştirilmedi; yer açıp yeniden deneyin.")
        noted = _NOTED_SHA.search(_read_small(z, note_info, name))
        with _staging(data_dir) as staging:
            copy = staging / DB_NAME
            sha = _extract_database(z, db_info, copy, name)
            if noted is not None and noted.group(1).decode() != sha:
                raise UserError(f"{name}: yedekteki veritabanı yedeğin not ettiği özetle "
                                "tutmuyor (yedek bozulmuş); hiçbir şey değiştirilmedi. Başka "
                                "bir yedek seçin.")
            _check_restorable(copy, name)
            staged_signer = staging / "signer"
            for info in signer_infos:
                out = staged_signer / _signer_path(info.filename)
                out.parent.mkdir(parents=True, exist_ok=True)
                _stream(z, info, out, name)
            _place_database(data_dir, copy)
            _place_signer(staged_signer, signer_dir(data_dir))
    log.info("backup %s restored into %s", source, data_dir)


def _entries(z: zipfile.ZipFile, name: str) -> tuple[
        zipfile.ZipInfo, zipfile.ZipInfo, list[zipfile.ZipInfo]]:
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UserError(f"{name} bir Tezgâh yedeği değil ({len(infos)} dosya içeriyor).")
    by_name = {i.filename: i for i in infos}
    if DB_NAME not in by_name or NOTE_NAME not in by_name:
        raise UserError(f"{name} bir Tezgâh yedeği değil.")
    db_info = by_name[DB_NAME]
    if db_info.file_size > MAX_DATABASE_BYTES:
        raise UserError(f"{name}: yedekteki veritabanı {_mb(db_info.file_size)} diyor; en çok "
                        f"{_mb(MAX_DATABASE_BYTES)} kabul edilir. Hiçbir şey değiştirilmedi.")
    if by_name[NOTE_NAME].file_size > MAX_NOTE_BYTES:
        raise UserError(f"{name} bir Tezgâh yedeği değil (açıklama dosyası çok büyük).")
    signer_infos = []
    for info in infos:
        if not info.filename.startswith("signer/") or info.is_dir():
            continue
        if _signer_path(info.filename) is None:
            log.warning("restore skips the entry %r of %s", info.filename, name)
            continue
        if info.file_size > MAX_SIGNER_FILE_BYTES:
            raise UserError(f"{name}: {info.filename} {_mb(info.file_size)}; imza klasöründe "
                            "bu kadar büyük dosya olmaz. Hiçbir şey değiştirilmedi.")
        signer_infos.append(info)
    if len(signer_infos) > MAX_SIGNER_FILES:
        raise UserError(f"{name}: imza klasöründe {len(signer_infos)} dosya var; bir Tezgâh "
                        "yedeği değil.")
    return db_info, by_name[NOTE_NAME], signer_infos


def _signer_path(entry: str) -> Path | None:
    rel = Path(entry[len("signer/"):])
    if rel.is_absolute() or not rel.parts or ".." in rel.parts or "\\" in entry:
        return None
    return rel


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB".replace(",", ".")


@contextmanager
def _staging(data_dir: Path) -> Iterator[Path]:
    """A private folder on the data folder's own disk (so putting a file in place is one
    rename), removed at the end whatever happens."""
    path = Path(tempfile.mkdtemp(dir=data_dir, prefix=".geri-yukleme-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _read_small(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        with z.open(info) as f:
            return f.read(MAX_NOTE_BYTES + 1)[:MAX_NOTE_BYTES]
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as exc:
        raise UserError(f"{name} okunamadı ({exc}); hiçbir şey değiştirilmedi.") from None


def _stream(z: zipfile.ZipFile, info: zipfile.ZipInfo, out: Path, name: str,
            first: bytes | None = None) -> str:
    """Decompress ``info`` into ``out`` (0600) in chunks; its SHA-256. ``first``: the
    bytes the entry must begin with."""
    h = hashlib.sha256()
    fd = os.open(out, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as dst, z.open(info) as src:
            written = 0
            while chunk := src.read(CHUNK):
                if written == 0 and first is not None and not chunk.startswith(first):
                    raise UserError(f"{name}: yedekteki {info.filename} bir SQLite "
                                    "veritabanı değil; hiçbir şey değiştirilmedi.")
                written += len(chunk)
                if written > info.file_size:  # zipfile stops there too; never trust one check
                    raise zipfile.BadZipFile("entry longer than declared")
                h.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as exc:
        raise UserError(f"{name} bozuk ({info.filename}: {exc}); hiçbir şey "
                        "değiştirilmedi. Başka bir yedek seçin.") from None
    return h.hexdigest()


def _extract_database(z: zipfile.ZipFile, info: zipfile.ZipInfo, copy: Path,
                      name: str) -> str:
    if info.file_size < files.HEADER_BYTES:
        raise UserError(f"{name}: yedekteki {DB_NAME} bir SQLite veritabanı değil; hiçbir "
                        "şey değiştirilmedi.")
    return _stream(z, info, copy, name, first=files.SQLITE_MAGIC)


def _check_restorable(copy: Path, name: str) -> None:
    try:
        files.full_check(copy)
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except (files.DatabaseCheckFailed, sqlite3.DatabaseError) as exc:
        if isinstance(exc, sqlite3.DatabaseError) and not files.is_damage(exc):
            raise
        log.error("restore of %s refused: the database in it failed its check: %s", name, exc)
        raise UserError(f"{name}: yedekteki veritabanı bozuk; hiçbir şey değiştirilmedi. "
                        "Başka bir yedek seçin.") from None
    if not {"alembic_version", "invoices"} <= tables:
        raise UserError(f"{name}: yedekteki dosya bir Tezgâh veritabanı değil; hiçbir şey "
                        "değiştirilmedi.")


def _place_database(data_dir: Path, copy: Path) -> None:
    live = database_path(data_dir)
    try:
        if live.exists() and live.stat().st_size > 0:
            files.check_at_start(live)
            usable = True
        else:
            usable = False
    except files.DatabaseCheckFailed:
        usable = False
    if usable:
        src = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        dst = sqlite3.connect(live, timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return
    # Damaged, emptied or missing: keep what is there beside it, put the checked copy in.
    engine.forget(data_dir)
    stamp = f"{clock.now():%Y%m%d-%H%M%S}"
    for suffix in ("", "-wal", "-shm"):
        old = live.with_name(live.name + suffix)
        if old.exists():
            old.replace(live.with_name(f"{live.name}.bozuk-{stamp}{suffix}"))
    os.replace(copy, live)
    _fsync_dir(data_dir)
    log.warning("the database of %s was damaged or missing; the restored copy replaced it "
                "(the old file kept as %s.bozuk-%s)", data_dir, live.name, stamp)


def _place_signer(staged: Path, sdir: Path) -> None:
    if not staged.exists():
        return
    for f in sorted(staged.rglob("*")):
        if f.is_file():
            out = sdir / f.relative_to(staged)
            out.parent.mkdir(parents=True, exist_ok=True)
            os.replace(f, out)
