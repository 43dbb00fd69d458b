"""Ayarlar → Veritabanı and the first-start wizard: which database this computer uses — the
data folder's SQLite file or a PostgreSQL server shared by the shop's computers — saved on
this computer (``app.settings.read_database_url``), and a connection test that says in
Turkish what is wrong. The password is never asked for or kept: libpq reads ``PGPASSWORD``
or a 0600 ``~/.pgpass`` itself."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from app import settings
from app.db.engine import check_connection, display_url, normalise_url
from app.domain.errors import UserError
from app.paths import ENV_DATABASE_URL

DEFAULT_PORT = 5432
PASSWORD_NOTE = (
    "Parola burada sorulmaz ve saklanmaz: PostgreSQL parolayı PGPASSWORD ortam değişkeninden "
    "ya da yalnızca sizin okuyabildiğiniz (0600) ~/.pgpass dosyasından (Windows'ta "
    "%APPDATA%\\postgresql\\pgpass.conf) okur.")
MOVE_NOTE = (
    "Bu bilgisayardaki mevcut verileri (SQLite) boş bir PostgreSQL veritabanına taşımak için "
    "önce komut satırında 'tezgah db migrate-to postgresql://kullanıcı@sunucu:port/veritabanı' "
    "çalıştırın; taşınan her kayıt doğrulanır. Sonra burada sunucuyu seçin.")


@dataclass(frozen=True)
class Server:
    """The fields of the form: a host name or address (or a unix socket folder), port,
    database and user."""

    host: str
    port: int | None
    database: str
    user: str


@dataclass(frozen=True)
class DatabaseChoice:
    """What this computer uses now and what is saved for the next start."""

    saved: str  # the saved PostgreSQL URL; empty: SQLite
    in_use: str  # what this run uses, as shown (the file or the URL)
    overridden: bool  # --database-url or TEZGAH_DATABASE_URL decides, not the saved one


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


def url_of(server: Server) -> str:
    """``postgresql://user@host:port/database`` (a socket folder goes in ``?host=``)."""
    host, database, user = server.host.strip(), server.database.strip(), server.user.strip()
    if not host:
        raise UserError("Sunucu adını ya da adresini yazın.", field="host")
    if not database:
        raise UserError("Veritabanı adını yazın.", field="database")
    if not user:
        raise UserError("Kullanıcı adını yazın.", field="user")
    if server.port is not None and not 0 < server.port < 65536:
        raise UserError("Port 1 ile 65535 arasında olmalı.", field="port")
    who = quote(user, safe="")
    if host.startswith("/"):
        url = f"postgresql://{who}@/{quote(database, safe='')}?host={quote(host, safe='/')}"
        return url + (f"&port={server.port}" if server.port else "")
    where = f"[{host}]" if ":" in host else host
    port = f":{server.port}" if server.port else ""
    return f"postgresql://{who}@{where}{port}/{quote(database, safe='')}"


def server_of(url: str) -> Server:
    """The form's fields for a saved URL."""
    parts = urlsplit(display_url(url))
    query = parse_qs(parts.query)
    host = query.get("host", [parts.hostname or ""])[0]
    port = query.get("port", [None])[0] or parts.port
    return Server(host=host, port=int(port) if port else None,
                  database=unquote(parts.path.lstrip("/")), user=unquote(parts.username or ""))


def current(data_dir: Path, in_use: str) -> DatabaseChoice:
    """``in_use``: ``ctx.db.location`` of this run."""
    return DatabaseChoice(saved=settings.read_database_url(data_dir), in_use=in_use,
                          overridden=bool(os.environ.get(ENV_DATABASE_URL)))


def save(data_dir: Path, url: str) -> str:
    """Save ``url`` (empty: the SQLite file) for the next start. A URL with a password, or
    one that is not a PostgreSQL URL, is refused with the reason."""
    url = url.strip()
    if url:
        url = display_url(normalise_url(url))
    settings.write_database_url(data_dir, url)
    return url


def check(url: str) -> CheckResult:
    """Connect once and say, in Turkish, whether Tezgâh can use that database."""
    found = check_connection(url)
    detail = f" ({found.detail})" if found.detail else ""
    messages = {
        "current": (True, "Bağlantı kuruldu: veritabanı bu Tezgâh sürümüyle kullanılmaya hazır."),
        "empty": (True, "Bağlantı kuruldu. Veritabanı boş: Tezgâh ilk açılışta tablolarını "
                        "kurar. Bu bilgisayardaki verileri taşımak için önce 'tezgah db "
                        "migrate-to' çalıştırın."),
        "older": (True, "Bağlantı kuruldu. Veritabanı daha eski bir Tezgâh sürümünün; bu "
                        "sürümle ilk açılışta güncellenir (önce sunucuda yedek alın)."
                        + detail),
        "newer": (False, "Bağlantı kuruldu, ama veritabanı daha yeni bir Tezgâh sürümünün. "
                         "Bu bilgisayardaki Tezgâh'ı güncelleyin." + detail),
        "unreachable": (False, "Sunucuya ulaşılamadı: sunucu adını, portu ve ağ bağlantısını "
                               "denetleyin; PostgreSQL sunucusu çalışıyor mu?" + detail),
        "authentication": (False, "Sunucu kullanıcıyı kabul etmedi (kimlik doğrulama "
                                  "başarısız): kullanıcı adını ve PGPASSWORD ya da ~/.pgpass "
                                  "içindeki parolayı denetleyin." + detail),
        "no_database": (False, "Sunucuda bu adla bir veritabanı yok. Adı denetleyin ya da "
                               "veritabanını sunucuda oluşturun (ör. createdb)." + detail),
        "refused": (False, found.detail),
        "failed": (False, "Bağlanılamadı" + (f": {found.detail}" if found.detail else ".")),
    }
    ok, message = messages[found.state]
    return CheckResult(ok, message)
