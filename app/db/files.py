"""The database file itself: is it whole, did it exist before, and copies of it.

Tezgâh never works on a database it has reason to distrust:

* at start (``check_at_start``) the 100-byte header is read and compared with the file, the
  schema is read, and SQLite's ``quick_check`` runs over the small tables that carry the
  legal ledger (number counters, company, outbox …). A full ``quick_check`` reads every page:
  1.4 s warm and 25 s from a cold disk on a database of 100,000 signed invoices (1.3 GB;
  docs/performance.md), too slow for every start, so it runs before every backup and on
  every file a restore would put in place (``full_check``);
* a missing or empty (0-byte) database is created fresh only in a data folder that shows no
  sign of an earlier one (``traces_of_earlier_database``); otherwise numbering would restart
  at 1 without a word.

Every refusal is a ``DatabaseUnusable`` with a Turkish message that says the way back: the
latest good backup (``latest_backup``, from the record ``backup`` keeps in the data folder).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
from pathlib import Path

from app.domain.errors import UserError
from app.paths import database_path, signer_dir

log = logging.getLogger("tezgah.db")

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
# Written beside the database when Tezgâh creates it: a later missing or 0-byte database in
# this folder is a loss, not a first start.
MARKER = ".tezgah-veritabani"
# One line per verified backup: ISO time, TAB, absolute path of the zip, TAB, its SHA-256.
BACKUP_RECORD = "yedekler.txt"
# The small tables checked at every start (each a few pages; the large ones — invoices,
# documents, lines — are checked in full before every backup).
START_CHECK_TABLES = ("alembic_version", "company", "settings", "number_series",
                      "outbox_items")
# 9, not 3: `tezgah verify` answers 3 for "valid, revocation not checked".
EXIT_DAMAGED = 9


class DatabaseUnusable(UserError):
    """The database is damaged, emptied or missing where one existed: Tezgâh refuses to use
    it. ``exit_code`` is the command line's exit status for it."""

    exit_code = EXIT_DAMAGED


def sqlite_only(what: str, saved_url: str | None = None) -> None:
    """Refuse ``what`` — a step that works on the data folder's SQLite file (its start
    checks, a file backup or restore) — when the database is a PostgreSQL server
    (``TEZGAH_DATABASE_URL`` / ``--database-url``, or ``saved_url``: the one saved on this
    computer in Ayarlar): say so instead of working on a file that is not the shop's
    database."""
    from app.paths import ENV_DATABASE_URL

    if os.environ.get(ENV_DATABASE_URL) or saved_url:
        raise UserError(
            f"{what} yalnızca bu bilgisayardaki SQLite veritabanı için yapılabilir; Tezgâh "
            "şu anda bir PostgreSQL sunucusunu kullanıyor. PostgreSQL veritabanını sunucunun "
            "kendi araçlarıyla (ör. pg_dump ile düzenli yedek) yedekleyin ve geri yükleyin.")


class DatabaseCheckFailed(Exception):
    """The file is not a whole SQLite database; ``args[0]`` says why (English, for logs)."""


def create_private(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (0600), if it does not exist.
    SQLite gives its -wal and -shm files the same permissions as the database."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def read_header(path: Path) -> tuple[int, int | None]:
    """``(page_size, pages)`` from the header of ``path``; ``pages`` is None when the header
    does not vouch for it. Raises ``DatabaseCheckFailed`` when it is no SQLite header."""
    with open(path, "rb") as f:
        head = f.read(HEADER_BYTES)
    if len(head) < HEADER_BYTES or not head.startswith(SQLITE_MAGIC):
        raise DatabaseCheckFailed("no SQLite header")
    (raw_page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseCheckFailed(f"impossible page size {raw_page_size}")
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        raise DatabaseCheckFailed("impossible file format version")
    change_counter, pages = struct.unpack(">II", head[24:32])
    (valid_for,) = struct.unpack(">I", head[92:96])
    return page_size, (pages if pages and valid_for == change_counter else None)


def check_header(path: Path) -> None:
    """The header is SQLite's and the file holds every page the header counts (unless a
    write-ahead log still holds pages that are not checkpointed yet)."""
    page_size, pages = read_header(path)
    wal = path.with_name(path.name + "-wal")
    wal_has_pages = wal.exists() and wal.stat().st_size > 0
    if pages is not None and not wal_has_pages and path.stat().st_size < pages * page_size:
        raise DatabaseCheckFailed(
            f"file is {path.stat().st_size} bytes, the header counts {pages} pages of "
            f"{page_size}")


def quick_check(conn: sqlite3.Connection, tables: tuple[str, ...] | None = None) -> None:
    """SQLite's ``quick_check`` over the whole file, or over ``tables`` (those that exist)."""
    try:
        if tables is None:
            results = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
        else:
            present = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            results = []
            for name in tables:
                if name in present:
                    results += [r[0] for r in conn.execute(f'PRAGMA quick_check("{name}")')]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise  # locked, disk full, unreadable …: not a verdict on the file
        raise DatabaseCheckFailed(str(exc)) from exc
    problems = [r for r in results if r != "ok"]
    if problems:
        raise DatabaseCheckFailed("; ".join(problems[:5]))


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite's error says the file is not a (whole) database — SQLITE_CORRUPT,
    SQLITE_NOTADB — rather than that it could not be read or written just now."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)
    return "malformed" in str(exc) or "not a database" in str(exc)


def _check(path: Path, tables: tuple[str, ...] | None) -> None:
    check_header(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)
    try:
        quick_check(conn, tables)
    finally:
        conn.close()


def check_at_start(path: Path) -> None:
    """The cheap check of every start: header, schema, the small ledger tables."""
    _check(path, START_CHECK_TABLES)


def full_check(path: Path) -> None:
    """Header and ``quick_check`` of every page (before a backup, on a file to restore)."""
    _check(path, None)


def traces_of_earlier_database(data_dir: Path) -> list[str]:
    """What in ``data_dir`` shows that a Tezgâh database lived here (Turkish, for the
    message); empty for a folder that never had one.

    GİB's rules and the log file are no such sign: ``tezgah rules install`` and any failed
    command write them before the first database exists."""
    traces = []
    if (data_dir / MARKER).exists():
        traces.append("Tezgâh'ın veritabanı işareti")
    wal = database_path(data_dir).with_name(database_path(data_dir).name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        traces.append("veritabanının günlük (-wal) dosyası")
    sdir = signer_dir(data_dir)
    if sdir.is_dir() and any(p.is_file() for p in sdir.rglob("*")):
        traces.append("imza klasörü (signer)")
    if (data_dir / BACKUP_RECORD).exists():
        traces.append("alınmış yedeklerin kaydı")
    return traces


def write_marker(data_dir: Path, now: str) -> None:
    """Note that a database lives in ``data_dir`` (see ``MARKER``)."""
    marker = data_dir / MARKER
    if marker.exists():
        return
    marker.write_text(
        f"Bu klasörde {now} tarihinde bir Tezgâh veritabanı oluşturuldu.\n"
        "Veritabanı kaybolur ya da boşalırsa Tezgâh bu dosya sayesinde sıfırdan başlamaz "
        "(fatura numaraları 1'den yeniden başlamasın diye); yedekten geri yüklemenizi ister.\n",
        encoding="utf-8")


def record_backup(data_dir: Path, when: str, target: Path, sha256: str) -> None:
    with open(data_dir / BACKUP_RECORD, "a", encoding="utf-8") as f:
        f.write(f"{when}\t{target.resolve()}\t{sha256}\n")


def latest_backup(data_dir: Path) -> Path | None:
    """The newest recorded backup that is still where it was written."""
    try:
        lines = (data_dir / BACKUP_RECORD).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        parts = line.split("\t")
        if len(parts) >= 2 and Path(parts[1]).is_file():
            return Path(parts[1])
    return None


def way_back(data_dir: Path) -> str:
    """The Turkish sentence that says how to get a good database back."""
    latest = latest_backup(data_dir)
    if latest is not None:
        return (f"En son sağlam yedeği geri yükleyin: tezgah --data-dir \"{data_dir}\" restore "
                f"\"{latest}\" (en son yedek: {latest.name}).")
    return (f"En son sağlam yedeği geri yükleyin: tezgah --data-dir \"{data_dir}\" restore "
            "YEDEK.zip (bu klasörde kayıtlı bir yedek bulunamadı; yedek dosyanızı seçin).")


def damaged(data_dir: Path, path: Path, reason: str) -> DatabaseUnusable:
    log.error("database %s failed its check: %s", path, reason)
    return DatabaseUnusable(
        f"Veritabanı bozuk: {path}. Tezgâh bu veritabanını kullanmıyor; bozuk bir "
        "veritabanına yazmak ya da ondan yedek almak kaybı büyütür. " + way_back(data_dir)
        + " Bozuk dosya geri yüklemede silinmez, yanına kenara alınır.")


def lost(data_dir: Path, path: Path, traces: list[str]) -> DatabaseUnusable:
    state = "boş (0 bayt)" if path.exists() else "yok"
    log.error("database %s is %s although the folder shows an earlier one: %s", path,
              "empty" if path.exists() else "missing", ", ".join(traces))
    return DatabaseUnusable(
        f"Veritabanı {state}: {path}; ama bu klasörde daha önce bir veritabanı vardı "
        f"({', '.join(traces)}). Yeni, boş bir veritabanıyla başlanırsa fatura numaraları "
        "1'den yeniden başlar; bu yüzden Tezgâh başlamadı. " + way_back(data_dir)
        + " Gerçekten sıfırdan başlamak istiyorsanız yeni, boş bir veri klasörü seçin.")
