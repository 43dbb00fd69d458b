"""When the machine, not the user, says no: a full disk, a read-only, locked or forbidden
data folder, a damaged database. ``explain`` turns such an exception — SQLite's own, wrapped
by SQLAlchemy or not, or an ``OSError`` — into a calm Turkish message and the command
line's exit code. Each of these ends a unit of work that SQLite rolls back or a file that is
written under a temporary name, so the message can say that nothing was half-written.

Exit codes of ``tezgah`` (``README.md``): 0 done, 1 a user error, 2 an unreadable document
(``validate``), 3 a damaged or lost database, 4 disk full, 5 read-only, 6 no permission,
7 locked by another Tezgâh, 8 another disk or file error, 130 interrupted.

On a PostgreSQL server (``app.db.errors`` tells the kind): the server not answering, a
dropped connection or too many connections 8, a refused password 6, a missing database 3,
the write lock or a series lock waited for too long 7, the server's disk full 4. A write that
fails on the server is rolled back by it as a whole, so here too nothing is half-written.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.db import engine, files
from app.db import errors as db_errors
from app.db.engine import BUSY_TIMEOUT_MS

EXIT_DAMAGED = files.EXIT_DAMAGED
EXIT_DISK_FULL = 4
EXIT_READ_ONLY = 5
EXIT_NO_PERMISSION = 6
EXIT_LOCKED = 7
EXIT_IO = 8

NOTHING_DONE = "İşlem yapılmadı; yarım yazılmış bir şey kalmadı."


@dataclass(frozen=True)
class Failure:
    kind: str  # disk-full | read-only | no-permission | locked | damaged | io | server-… (log)
    message: str  # Turkish, shown as is
    exit_code: int


def explain(exc: BaseException, data_dir: Path | None = None) -> Failure | None:
    """The failure of the machine behind ``exc``; None when ``exc`` is something else (a
    bug, or a user error that already carries its own message)."""
    for e in _chain(exc):
        if isinstance(e, files.DatabaseUnusable):
            return Failure("damaged", e.message, EXIT_DAMAGED)
        server_kind = db_errors.classify(e)
        if server_kind is not None:
            return _postgresql(server_kind, data_dir)
        if isinstance(e, sqlite3.Error):
            return _sqlite(e, data_dir)
        if isinstance(e, OSError):
            return _os(e)
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, the driver's error SQLAlchemy wraps (``orig``), causes and contexts."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]  # type: ignore[list-item]


def _sqlite(e: sqlite3.Error, data_dir: Path | None) -> Failure | None:
    code = getattr(e, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else _code_from_text(str(e))
    where = f" ({data_dir})" if data_dir is not None else ""
    if primary == 13:  # SQLITE_FULL
        return Failure("disk-full", f"Diskte yer kalmadı{where}. {NOTHING_DONE} Diskte yer "
                       "açıp yeniden deneyin.", EXIT_DISK_FULL)
    if primary == 8:  # SQLITE_READONLY
        return Failure("read-only", f"Veritabanı yazılamıyor: veri klasörü salt okunur{where}. "
                       f"{NOTHING_DONE} Disk salt okunur bağlanmış olabilir; klasörü yazılabilir "
                       "yapın ya da başka bir veri klasörü seçin.", EXIT_READ_ONLY)
    if primary in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return Failure("locked", "Veritabanını şu an başka bir Tezgâh (pencere ya da komut) "
                       f"kullanıyor; {BUSY_TIMEOUT_MS // 1000} saniye beklendi. {NOTHING_DONE} "
                       "Öteki işlem bitince yeniden deneyin.", EXIT_LOCKED)
    if primary in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        if data_dir is not None:
            from app.paths import database_path

            return Failure("damaged", files.damaged(data_dir, database_path(data_dir),
                                                    str(e)).message, EXIT_DAMAGED)
        return Failure("damaged", "Veritabanı bozuk. Tezgâh bu veritabanını kullanmıyor; en "
                       "son sağlam yedeği geri yükleyin (tezgah restore YEDEK.zip).",
                       EXIT_DAMAGED)
    if primary in (3, 23):  # SQLITE_PERM, SQLITE_AUTH
        return Failure("no-permission", f"Veritabanına erişim izni yok{where}. {NOTHING_DONE} "
                       "Veri klasörünün sahibi bu kullanıcı olmalı.", EXIT_NO_PERMISSION)
    if primary == 14:  # SQLITE_CANTOPEN
        return Failure("no-permission", f"Veritabanı açılamadı{where}: klasör yazılamıyor ya "
                       f"da erişim izni yok. {NOTHING_DONE}", EXIT_NO_PERMISSION)
    if primary in (10, 7):  # SQLITE_IOERR, SQLITE_NOMEM
        return Failure("io", f"Veritabanı okunurken ya da yazılırken disk hatası oldu{where}. "
                       f"{NOTHING_DONE} Disk ya da bağlantısı arızalı olabilir; yeniden deneyin, "
                       "sürerse yedeğinizi başka bir diske alın.", EXIT_IO)
    return None


SERVER_NOTHING_LOST = ("Hiçbir kayıt kaybolmadı; yarım kalan işlemi sunucu tümüyle geri aldı, "
                       "yarım yazılmış bir şey kalmadı.")


def _postgresql(kind: str, data_dir: Path | None) -> Failure:
    """The Turkish words for a kind of ``app.db.errors.classify``."""
    server = _server(data_dir)
    where = f" ({server})" if server else ""
    if kind == db_errors.UNREACHABLE:
        return Failure("server-unreachable", f"Veritabanı sunucusuna bağlanılamadı{where}. "
                       "Dükkândaki sunucu bilgisayar kapalı olabilir ya da ağ bağlantısı kopmuş "
                       "olabilir. Hiçbir kayıt kaybolmadı: işlem yapılmadı, yarım yazılmış bir "
                       "şey kalmadı. Sunucu bilgisayarın açık olduğunu ve "
                       "ağa bağlı olduğunuzu denetleyip yeniden deneyin.", EXIT_IO)
    if kind == db_errors.AUTHENTICATION:
        return Failure("server-authentication", f"Veritabanı sunucusu girişi kabul etmedi"
                       f"{where}: bu kullanıcının parolası yanlış ya da verilmemiş. "
                       f"{NOTHING_DONE} Parolayı PGPASSWORD ortam değişkeniyle ya da yalnızca "
                       "sizin okuyabildiğiniz (0600) ~/.pgpass dosyasıyla bu kullanıcı için "
                       "verin.", EXIT_NO_PERMISSION)
    if kind == db_errors.NO_DATABASE:
        return Failure("server-no-database", f"Sunucuda böyle bir veritabanı yok{where}. "
                       f"{NOTHING_DONE} Adresteki veritabanı adını denetleyin ya da "
                       "veritabanını sunucuda oluşturun (createdb).", EXIT_DAMAGED)
    if kind == db_errors.LOCK_TIMEOUT:
        seconds = max(1, engine.BUSY_TIMEOUT_MS // 1000)
        return Failure("locked", "Veritabanını şu an başka bir bilgisayar kullanıyor (fatura "
                       f"kesiyor ya da GİB ile eşitliyor); {seconds} saniye beklendi. "
                       f"{NOTHING_DONE} Öteki işlem bitince yeniden deneyin.", EXIT_LOCKED)
    if kind == db_errors.CONNECTION_LOST:
        return Failure("server-connection-lost", "Yazma sırasında veritabanı sunucusuyla "
                       f"bağlantı koptu{where}. {SERVER_NOTHING_LOST} Bağlantı gelince yeniden "
                       "deneyin.", EXIT_IO)
    if kind == db_errors.DISK_FULL:
        return Failure("disk-full", f"Veritabanı sunucusunun diskinde yer kalmadı{where}. "
                       f"{NOTHING_DONE} Sunucu bilgisayarın diskinde yer açıp yeniden deneyin.",
                       EXIT_DISK_FULL)
    return Failure("server-busy", f"Veritabanı sunucusu yeni bağlantı almıyor: bağlantı sayısı "
                   f"dolu{where}. {NOTHING_DONE} Biraz sonra yeniden deneyin; sürerse sunucunun "
                   "max_connections ayarını artırın.", EXIT_IO)


def _server(data_dir: Path | None) -> str:
    """The server's address as shown to the user (never a password), or ''."""
    saved = ""
    if data_dir is not None:
        try:
            from app.settings import read_database_url

            saved = read_database_url(data_dir)
        except Exception:  # the message is then given without it
            saved = ""
    url = engine.configured_url(saved=saved)
    if not url or "://" not in url:
        return ""
    try:
        return engine.display_url(engine.normalise_url(url))
    except Exception:  # a URL with a password, or none at all: left out
        return ""


def _code_from_text(text: str) -> int | None:
    text = text.lower()
    for needle, code in (("disk is full", 13), ("readonly", 8), ("read-only", 8),
                         ("locked", 5), ("malformed", 11), ("not a database", 26),
                         ("unable to open", 14), ("disk i/o", 10)):
        if needle in text:
            return code
    return None


def _os(e: OSError) -> Failure:
    where = f" ({e.filename})" if e.filename else ""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return Failure("disk-full", f"Diskte yer kalmadı{where}. {NOTHING_DONE} Diskte yer "
                       "açıp yeniden deneyin.", EXIT_DISK_FULL)
    if e.errno == errno.EROFS:
        return Failure("read-only", f"Salt okunur bir diske yazılamaz{where}. {NOTHING_DONE} "
                       "Yazılabilir bir klasör seçin.", EXIT_READ_ONLY)
    if e.errno in (errno.EACCES, errno.EPERM):
        return Failure("no-permission", f"Erişim izni yok{where}. {NOTHING_DONE} Dosyanın ya "
                       "da klasörün sahibi ve izinleri bu kullanıcıya uygun olmalı.",
                       EXIT_NO_PERMISSION)
    return Failure("io", f"Dosya işlemi yapılamadı{where}: {e.strerror or e}. {NOTHING_DONE}",
                   EXIT_IO)
