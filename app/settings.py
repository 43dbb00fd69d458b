"""Tezgâh's settings: every key with its type and default, and the one reader and writer of
each place they are kept. The command line, the window and the demo all go through here.

Where settings live:

* **Business settings** — the database's ``settings`` table (key → JSON value, stored by
  ``app.db.repositories.settings``): the GİB endpoint, the sync timings and the mail
  server (SMTP) below. ``get(session, SETTING)`` / ``put(session, SETTING,
  value)`` with a session the caller opened; ``read(ctx, SETTING)`` / ``write(ctx, SETTING,
  value)`` open one on ``ctx.db``. Company and invoice series are not here: they are the
  ``companies`` record (``app.usecases.company``); their default series are below.
* **The signer** — ``<data>/signer/signer.json`` (PKCS#11 module, token, certificate id or the
  PKCS#12 file; never a PIN or password). ``read_signer_file`` / ``write_signer_file`` are its
  only reader and writer; ``app.signing.config`` turns it into a checked ``SignerConfig``.
* **The SMTP password** — ``<data>/mail/smtp-password`` (0600), never in the settings
  table: ``read_smtp_password`` / ``write_smtp_password``.
* **The TSA password** — ``<data>/tsa/tsa-password`` (0600), never in the settings
  table: ``read_tsa_password`` / ``write_tsa_password``.
* **Window preferences** — ``<data>/ui-settings.json`` (language): UI only, kept by
  ``ui.prefs.Prefs`` through ``JsonFile`` and typed ``Setting`` s like the ones here.
* **Which database** — ``<data>/database.json``: the PostgreSQL server this computer uses
  (a URL without a password; none: the data folder's SQLite file). It cannot live in the
  database it points to. ``read_database_url`` / ``write_database_url``; the
  ``--database-url`` option and ``TEZGAH_DATABASE_URL`` come before it
  (``app.db.engine.configured_url``).

This module imports nothing heavy: the window asks it while it starts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from app.domain import invoice as invoice_rules
from app.domain.errors import UserError
from app.paths import make_private_dir, signer_dir

if TYPE_CHECKING:
    from app.db import Session

T = TypeVar("T")

# GİB's EFatura service (e-FaturaTestPlani §4; EFatura_Test.wsdl and the live one).
GIB_TEST_ENDPOINT = "https://merkeztest.efatura.gov.tr/EFaturaMerkez/services/EFatura"
GIB_LIVE_ENDPOINT = "https://merkez.efatura.gov.tr/EFaturaMerkez/services/EFatura"
ENDPOINTS = {"test": GIB_TEST_ENDPOINT, "live": GIB_LIVE_ENDPOINT}

# Series of a company that has not chosen its own (``app.usecases.company``).
DEFAULT_EFATURA_SERIES = invoice_rules.DEFAULT_EFATURA_SERIES
DEFAULT_EARCHIVE_SERIES = invoice_rules.DEFAULT_EARCHIVE_SERIES


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key where it is stored, its default, and how a stored value is read
    back (``parse`` also checks a value before it is written)."""

    key: str
    default: T
    parse: Callable[[Any], T]

    def coerce(self, value: Any) -> T:
        if value is None:
            return self.default
        try:
            return self.parse(value)
        except (TypeError, ValueError):
            return self.default


def _seconds(value: Any) -> float:
    seconds = float(value)
    if not seconds > 0:
        raise ValueError(f"süre pozitif olmalı: {value!r}")
    return seconds


def _endpoint(value: Any) -> str:
    url = str(value).strip()
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"GİB servis adresi geçersiz: {value!r}")
    return url


# -- business settings (the database's ``settings`` table) ---------------------------------

GIB_ENDPOINT: Setting[str] = Setting("gib_endpoint", GIB_TEST_ENDPOINT, _endpoint)
# How often the status of an envelope in flight is asked (seconds).
SYNC_POLL_SECONDS: Setting[float] = Setting("sync_poll_seconds", 20.0, _seconds)
# The first retry delay after a failed send; later retries wait 2, 4, 10, 30, 60 times as long.
SYNC_RETRY_SECONDS: Setting[float] = Setting("sync_retry_seconds", 30.0, _seconds)

# A folder ``tezgah demo`` filled: its sending goes to the in-process GİB test simulator
# (``app.usecases.demo``), never to a GİB service.
DEMO_FOLDER: Setting[bool] = Setting("demo_folder", False, bool)



# -- e-mail (SMTP) for e-Arşiv invoices delivered ELEKTRONIK (``app.mail``) ----------------
# The password is not a setting: it is kept in its own private file (``smtp_password_file``).

SMTP_SECURITY_CHOICES = ("starttls", "tls", "none")


def _text(value: Any) -> str:
    text = str(value).strip()
    if any(c in text for c in "\r\n\0"):
        raise ValueError("satır sonu ya da denetim karakteri içeremez")
    return text


def _port(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"port numarası geçersiz: {value!r}")
    port = int(value)
    if not 0 < port < 65536:
        raise ValueError(f"port numarası 1 ile 65535 arasında olmalı: {value!r}")
    return port


def _security(value: Any) -> str:
    text = str(value).strip().lower()
    if text not in SMTP_SECURITY_CHOICES:
        raise ValueError(f"bağlantı güvenliği starttls, tls ya da none olmalı: {value!r}")
    return text


# The mail server (host name or address); empty: e-mail is not set up.
SMTP_HOST: Setting[str] = Setting("smtp_host", "", _text)
SMTP_PORT: Setting[int] = Setting("smtp_port", 587, _port)
# starttls (usually port 587), tls (implicit TLS, usually 465) or none (only on this computer).
SMTP_SECURITY: Setting[str] = Setting("smtp_security", "starttls", _security)
SMTP_USERNAME: Setting[str] = Setting("smtp_username", "", _text)  # empty: no login
SMTP_FROM_ADDRESS: Setting[str] = Setting("smtp_from_address", "", _text)
SMTP_FROM_NAME: Setting[str] = Setting("smtp_from_name", "", _text)
# A PEM file with a CA to trust besides the system's (a company's own mail server).
SMTP_CA_FILE: Setting[str] = Setting("smtp_ca_file", "", _text)
# The overall deadline of one e-mail's delivery to the server (seconds).
SMTP_TIMEOUT_SECONDS: Setting[float] = Setting("smtp_timeout_seconds", 60.0, _seconds)

SMTP_SETTINGS: tuple[Setting[Any], ...] = (
    SMTP_HOST, SMTP_PORT, SMTP_SECURITY, SMTP_USERNAME, SMTP_FROM_ADDRESS, SMTP_FROM_NAME,
    SMTP_CA_FILE, SMTP_TIMEOUT_SECONDS)

DB_SETTINGS: dict[str, Setting[Any]] = {
    s.key: s for s in (GIB_ENDPOINT, SYNC_POLL_SECONDS, SYNC_RETRY_SECONDS, DEMO_FOLDER,
                       *SMTP_SETTINGS)}


# -- the e-Arşiv report (``app.usecases.earsiv``) ------------------------------------------
# GİB's EArsivWs (EARSIV-NOTES.md: the test address seen in producers' code; kept in
# ``app.gib.earsiv_ws.EARSIV_TEST_ENDPOINT``, repeated here so this module stays light).
EARSIV_TEST_ENDPOINT = "https://test.efatura.gov.tr/earsiv/services/EArsivWsPort"
EARSIV_LEVELS = ("BES", "T", "A")


def _earsiv_level(value: Any) -> str:
    text = str(value).strip().upper()
    if text not in EARSIV_LEVELS:
        raise ValueError(f"imza düzeyi BES, T ya da A olmalı: {value!r}")
    return text


def _optional_url(value: Any) -> str:
    text = _text(value)
    return _endpoint(text) if text else ""


EARSIV_ENDPOINT: Setting[str] = Setting("earsiv_endpoint", EARSIV_TEST_ENDPOINT, _endpoint)
# The RFC 3161 time-stamp service (Kamu SM's is a paid account: address, customer number as
# the user name, password). Empty: no TSA — the report can be signed but not sent.
TSA_URL: Setting[str] = Setting("tsa_url", "", _optional_url)
TSA_USERNAME: Setting[str] = Setting("tsa_username", "", _text)
# The report's XAdES level: the guide asks XAdES-A (EARSIV-NOTES.md "Signing the report").
# Note (app.signing.levels): GİB's UBL-TR package carries a draft XAdES 1.4.1 schema that
# lacks v1.4.1's ArchiveTimeStamp; which schema GİB checks the report with is not known —
# choose "T" here if GİB refuses XAdES-A reports.
EARSIV_SIGNATURE_LEVEL: Setting[str] = Setting("earsiv_signature_level", "A", _earsiv_level)
EARSIV_SETTINGS: tuple[Setting[Any], ...] = (EARSIV_ENDPOINT, TSA_URL, TSA_USERNAME,
                                             EARSIV_SIGNATURE_LEVEL)
DB_SETTINGS.update({s.key: s for s in EARSIV_SETTINGS})


def _series_or_empty(value: Any) -> str:
    text = str(value).strip().upper()
    if text and not (len(text) == 3 and text.isascii() and text.isalnum()):
        raise ValueError(f"seri üç karakter olmalı (büyük harf ya da rakam): {value!r}")
    return text


# Internet sales are numbered from a series of their own (EARSIV-NOTES.md "Delivery and
# internet sales"); empty: the e-Arşiv series.
INTERNET_SALE_SERIES: Setting[str] = Setting("internet_sale_series", "", _series_or_empty)
DB_SETTINGS[INTERNET_SALE_SERIES.key] = INTERNET_SALE_SERIES

# e-İrsaliye numbers come from a series of their own (number_series.kind despatch-advice);
# empty: "IRS" (app.domain.despatch.DEFAULT_DESPATCH_SERIES).
DESPATCH_SERIES: Setting[str] = Setting("despatch_series", "", _series_or_empty)
DB_SETTINGS[DESPATCH_SERIES.key] = DESPATCH_SERIES

# The company's posta kutusu (PK) alias, where GİB delivers invoices for it (POSTBOX-NOTES.md);
# empty: ``urn:mail:defaultpk@`` + the domain of its gönderici birim alias
# (``app.usecases.inbox.postbox_alias``). Checked like any alias by ``company set``.
POSTBOX_ALIAS: Setting[str] = Setting("postbox_alias", "", _text)
DB_SETTINGS[POSTBOX_ALIAS.key] = POSTBOX_ALIAS

# The company's e-İrsaliye addresses, DespatchAdvice aliases of GİB's user list: its posta
# kutusu (despatch advices for it arrive there) and its gönderici birim (receipt advices
# about its despatches); empty: not registered for e-İrsaliye. Checked by ``company set``.
DESPATCH_POSTBOX_ALIAS: Setting[str] = Setting("despatch_postbox_alias", "", _text)
DESPATCH_SENDER_ALIAS: Setting[str] = Setting("despatch_sender_alias", "", _text)
DB_SETTINGS.update({x.key: x for x in (DESPATCH_POSTBOX_ALIAS, DESPATCH_SENDER_ALIAS)})


def _count(value: Any) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(f"negatif olamaz: {value!r}")
    return number


# A desktop that is not beside the posta kutusu service collects from it (``tezgah inbox
# pull``): the service's address, and how far it has collected (the last envelope's number
# on the service). Its API token is a secret file (``postbox_token_file``).
POSTBOX_SERVICE_URL: Setting[str] = Setting("postbox_service_url", "", _optional_url)
POSTBOX_PULL_CURSOR: Setting[int] = Setting("postbox_pull_cursor", 0, _count)
DB_SETTINGS.update({x.key: x for x in (POSTBOX_SERVICE_URL, POSTBOX_PULL_CURSOR)})


# -- scheduled backups to a second place (``app.usecases.backup_schedule``) ----------------
# A folder on another disk or a network share; how often; how many daily backups are kept
# (besides the newest of each of the last 12 months and of each of the last 10 years).

BACKUP_FREQUENCIES = ("daily", "weekly")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on", "evet", "açık"):
        return True
    if text in ("0", "false", "no", "off", "hayır", "kapalı", ""):
        return False
    raise ValueError(f"açık ya da kapalı olmalı: {value!r}")


def _frequency(value: Any) -> str:
    text = str(value).strip().lower()
    if text not in BACKUP_FREQUENCIES:
        raise ValueError(f"sıklık daily (her gün) ya da weekly (her hafta) olmalı: {value!r}")
    return text


def _keep(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"saklanacak yedek sayısı geçersiz: {value!r}")
    number = int(value)
    if not 1 <= number <= 366:
        raise ValueError(f"saklanacak yedek sayısı 1 ile 366 arasında olmalı: {value!r}")
    return number


BACKUP_ENABLED: Setting[bool] = Setting("backup_enabled", False, _flag)
BACKUP_FOLDER: Setting[str] = Setting("backup_folder", "", _text)
BACKUP_FREQUENCY: Setting[str] = Setting("backup_frequency", "daily", _frequency)
BACKUP_KEEP: Setting[int] = Setting("backup_keep", 14, _keep)
BACKUP_SETTINGS: tuple[Setting[Any], ...] = (BACKUP_ENABLED, BACKUP_FOLDER, BACKUP_FREQUENCY,
                                             BACKUP_KEEP)
DB_SETTINGS.update({x.key: x for x in BACKUP_SETTINGS})


# -- the shop's other software (issue: exports, local API, watched folder) -----------------
# The local HTTP API (``tezgah api serve``): its port; whether it listens beyond this
# computer (off: 127.0.0.1 only); whether a program may issue a batch of drafts through it
# with one card PIN per batch (off: signing stays a person's act on the desktop).
API_PORT: Setting[int] = Setting("api_port", 8787, _port)
API_OPEN_TO_NETWORK: Setting[bool] = Setting("api_open_to_network", False, _flag)
API_BATCH_SIGNING: Setting[bool] = Setting("api_batch_signing", False, _flag)
# The watched folder: invoice JSON or UBL written into it becomes a draft. Empty path:
# ``<data folder>/gelen-dosyalar``.
WATCH_FOLDER_ENABLED: Setting[bool] = Setting("watch_folder_enabled", True, _flag)
WATCH_FOLDER: Setting[str] = Setting("watch_folder", "", _text)
API_SETTINGS: tuple[Setting[Any], ...] = (API_PORT, API_OPEN_TO_NETWORK, API_BATCH_SIGNING,
                                          WATCH_FOLDER_ENABLED, WATCH_FOLDER)
DB_SETTINGS.update({x.key: x for x in API_SETTINGS})


def setting(key: str | Setting[T]) -> Setting[Any]:
    """The setting named ``key`` (a ``Setting`` is returned as it is)."""
    if isinstance(key, Setting):
        return key
    try:
        return DB_SETTINGS[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}; known: {sorted(DB_SETTINGS)}") from None


def get(session: Session, key: Setting[T] | str) -> T:
    from app.db.repositories import settings as stored

    s = setting(key)
    return s.coerce(stored.get_value(session, s.key))


def put(session: Session, key: Setting[T] | str, value: T) -> None:
    from app.db.repositories import settings as stored

    s = setting(key)
    stored.put_value(session, s.key, s.parse(value))  # a wrong value is refused here


class _HasDatabase(Protocol):
    @property
    def db(self) -> Any: ...


def read(ctx: _HasDatabase, key: Setting[T] | str) -> T:
    with ctx.db.session() as s:
        return get(s, key)


def write(ctx: _HasDatabase, key: Setting[T] | str, value: T) -> None:
    with ctx.db.write_session() as s:
        put(s, key, value)


def endpoint_kind(url: str) -> str:
    """``test`` or ``live`` for GİB's own services, ``local`` for a service on this computer
    (the GİB test simulator), else ``other``."""
    from urllib.parse import urlsplit

    for kind, known in ENDPOINTS.items():
        if url.rstrip("/") == known:
            return kind
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "::1") or host.startswith("127."):
        return "local"
    return "other"


# -- small JSON files in the data folder ---------------------------------------------------


class JsonFile:
    """A JSON object in one file, written atomically (temporary file, then rename)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, Any] | None:
        """The object; None when the file is missing. Bad JSON raises ``ValueError``."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("bir JSON nesnesi olmalı")
        return data

    def load_or_empty(self) -> dict[str, Any]:
        try:
            return self.load() or {}
        except (OSError, ValueError):
            return {}

    def save(self, data: dict[str, Any]) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
        return self.path


# -- the signer file -----------------------------------------------------------------------

SIGNER_FILE = "signer.json"


def signer_file(data_dir: Path) -> Path:
    return signer_dir(Path(data_dir)) / SIGNER_FILE


def read_signer_file(data_dir: Path) -> dict[str, Any] | None:
    """The signer file as stored (None when there is none); bad JSON raises ``ValueError``."""
    return JsonFile(signer_file(data_dir)).load()


def write_signer_file(data_dir: Path, data: dict[str, Any]) -> Path:
    return JsonFile(signer_file(data_dir)).save(data)


# -- secrets kept beside the settings (mail server, time-stamp service) -------------------
# Each password lives alone in its own file of the private data folder, UTF-8, mode 0600,
# replaced atomically; an empty password removes the file. Never in the settings table.

SMTP_PASSWORD_FILE = "smtp-password"
TSA_PASSWORD_FILE = "tsa-password"


def _read_secret(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _write_secret(path: Path, password: str) -> None:
    if not password:
        path.unlink(missing_ok=True)
        return
    make_private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(password)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def smtp_password_file(data_dir: Path) -> Path:
    """``<data>/mail/smtp-password``: the mail server's password."""
    return Path(data_dir) / "mail" / SMTP_PASSWORD_FILE


def read_smtp_password(data_dir: Path) -> str:
    """The stored SMTP password; empty when none is stored."""
    return _read_secret(smtp_password_file(data_dir))


def write_smtp_password(data_dir: Path, password: str) -> None:
    _write_secret(smtp_password_file(data_dir), password)


def tsa_password_file(data_dir: Path) -> Path:
    """``<data>/tsa/tsa-password``: the TSA account's password."""
    return Path(data_dir) / "tsa" / TSA_PASSWORD_FILE


def read_tsa_password(data_dir: Path) -> str:
    """The stored TSA password; empty when none is stored."""
    return _read_secret(tsa_password_file(data_dir))


def write_tsa_password(data_dir: Path, password: str) -> None:
    _write_secret(tsa_password_file(data_dir), password)


def postbox_token_file(data_dir: Path) -> Path:
    """``<data>/postbox/api-token``: the token this desktop uses with the posta kutusu."""
    return Path(data_dir) / "postbox" / "api-token"


def read_postbox_token(data_dir: Path) -> str:
    return _read_secret(postbox_token_file(data_dir)).strip()


def write_postbox_token(data_dir: Path, token: str) -> None:
    _write_secret(postbox_token_file(data_dir), token.strip())


def put_group(session: Session, group: tuple[Setting[Any], ...], values: dict[str, Any],
              what: str) -> None:
    """Write the values of a settings page (``group``'s keys; others are ignored); a value
    that does not parse is a ``UserError`` naming ``what`` ("E-posta") and the key."""
    by_key = {x.key: x for x in group}
    for key, value in values.items():
        if key in by_key:
            try:
                put(session, by_key[key], value)
            except ValueError as exc:
                raise UserError(f"{what} ayarı '{key}': {exc}", field=key) from None


#: The demo TEST certificate's file in the signer folder (``app.signing.testcert`` makes it).
DEMO_CERTIFICATE_FILE = "test-sertifikasi.p12"


def signs_with_demo_certificate(data_dir: Path) -> bool:
    """True when the company signs with the generated TEST certificate. Reads only the signer
    file (no signing package), so the window can ask while it starts."""
    try:
        raw = read_signer_file(data_dir)
    except (OSError, ValueError):
        return False
    path = raw.get("pkcs12_path") if raw else None
    return bool(raw and raw.get("kind") == "pkcs12" and path
                and Path(path).name == DEMO_CERTIFICATE_FILE)


# -- window preferences (UI only; ``ui.prefs``) --------------------------------------------

UI_PREFS_FILE = "ui-settings.json"
LANGUAGE: Setting[str] = Setting("language", "tr",
                                 lambda v: v if v in ("tr", "en") else "tr")


# -- which database this computer uses (``<data>/database.json``) -------------------------

DATABASE_FILE = "database.json"


def _database_url(value: Any) -> str:
    url = _text(value)
    if url and not url.lower().startswith(("postgresql://", "postgres://")):
        raise ValueError(f"bir postgresql:// adresi olmalı: {value!r}")
    return url


# Empty: the data folder's SQLite file. Never with a password (``app.usecases
# .database_settings.save`` checks that before it writes).
DATABASE_URL: Setting[str] = Setting("database_url", "", _database_url)


def database_file(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILE


def read_database_url(data_dir: Path) -> str:
    """The PostgreSQL URL saved on this computer; empty for the SQLite file."""
    return DATABASE_URL.coerce(JsonFile(database_file(data_dir)).load_or_empty()
                               .get(DATABASE_URL.key))


def write_database_url(data_dir: Path, url: str) -> Path:
    """Save (or, with an empty ``url``, forget) the URL the next start uses."""
    data = JsonFile(database_file(data_dir)).load_or_empty()
    data[DATABASE_URL.key] = DATABASE_URL.parse(url)
    return JsonFile(database_file(data_dir)).save(data)
