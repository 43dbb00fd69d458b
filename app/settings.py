"""Tezgâh's settings: every key with its type and default, and the one reader and writer of
each place they are kept. The command line, the window and the demo all go through here.

Where settings live:

* **Business settings** — the database's ``settings`` table (key → JSON value, stored by
  ``app.db.repositories.settings``): the GİB endpoint and the sync timings below. ``get(session, SETTING)`` / ``put(session, SETTING,
  value)`` with a session the caller opened; ``read(ctx, SETTING)`` / ``write(ctx, SETTING,
  value)`` open one on ``ctx.db``. Company and invoice series are not here: they are the
  ``companies`` record (``app.usecases.company``); their default series are below.
* **The signer** — ``<data>/signer/signer.json`` (PKCS#11 module, token, certificate id or the
  PKCS#12 file; never a PIN or password). ``read_signer_file`` / ``write_signer_file`` are its
  only reader and writer; ``app.signing.config`` turns it into a checked ``SignerConfig``.
* **Window preferences** — ``<data>/ui-settings.json`` (language): UI only, kept by
  ``ui.prefs.Prefs`` through ``JsonFile`` and typed ``Setting`` s like the ones here.

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
from app.paths import signer_dir

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

DB_SETTINGS: dict[str, Setting[Any]] = {
    s.key: s for s in (GIB_ENDPOINT, SYNC_POLL_SECONDS, SYNC_RETRY_SECONDS, DEMO_FOLDER)}


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
