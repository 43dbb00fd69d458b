"""Access keys of a posta kutusu service, kept only as hashes.

Two kinds, one mechanism:

* the desktops' API tokens (``tezgah postbox token new|list|revoke``), sent as
  ``Authorization: Bearer <token>``, kept in ``<data>/postbox/tokens.json``;
* the owner's phone keys (``tezgah postbox phone new|list|revoke``), typed once into the
  phone page's login form (``app.usecases.phone_page``), kept in
  ``<data>/postbox/phone_keys.json``. A phone key is short enough to type: 20 characters of
  Crockford's base32 in groups of five (100 bits); what is typed is normalised (case, spaces,
  dashes, the look-alikes O/I/L) before it is hashed.

A key is shown once, when it is made; only its SHA-256 is kept (the keys are random, so a
plain hash is enough), in an owner-only file. A key offered is compared in constant time with
every kept hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import clock
from app.domain.errors import UserError

_NAME_RE = re.compile(r"[A-Za-z0-9._-]{1,40}")
_LOCK = threading.Lock()
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _api_token() -> str:
    return "tzg_" + secrets.token_urlsafe(32)


def _phone_key() -> str:
    chars = "".join(secrets.choice(_CROCKFORD) for _ in range(20))
    return "-".join(chars[i:i + 5] for i in range(0, 20, 5))


def _same(text: str) -> str:
    return text.strip()


def normalize_phone_key(text: str) -> str:
    """What a phone key means however it was typed: upper case, no spaces or dashes, the
    look-alike letters read as digits."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -\t")
    return cleaned.translate(_LOOKALIKES)


@dataclass(frozen=True)
class Kind:
    """One kind of key: where it is kept, how it is made and read, and its words."""

    file_name: str
    label: str  # "API anahtarı", in the user's messages
    file_label: str
    revoke_command: str
    make: Callable[[], str]
    normalize: Callable[[str], str]
    example_name: str


API = Kind("tokens.json", "API anahtarı", "API anahtarları dosyası",
           "tezgah postbox token revoke", _api_token, _same, "kasa-1")
PHONE = Kind("phone_keys.json", "telefon anahtarı", "Telefon anahtarları dosyası",
             "tezgah postbox phone revoke", _phone_key, normalize_phone_key, "telefonum")


@dataclass(frozen=True)
class TokenInfo:
    name: str
    created: str


def tokens_file(data_dir: Path, kind: Kind = API) -> Path:
    return Path(data_dir) / "postbox" / kind.file_name


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _load(data_dir: Path, kind: Kind = API) -> list[dict[str, str]]:
    path = tokens_file(data_dir, kind)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{kind.file_label} okunamadı ({path}): {exc}") from exc
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def _save(data_dir: Path, rows: list[dict[str, str]], kind: Kind = API) -> None:
    path = tokens_file(data_dir, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def new_token(data_dir: Path, name: str, kind: Kind = API) -> str:
    """A new key named ``name`` (one per desktop or phone); returned once, kept only as a
    hash."""
    name = (name or "").strip()
    if not _NAME_RE.fullmatch(name):
        raise UserError("Anahtar adı 1–40 karakter olmalı: harf, rakam, '.', '_' ya da '-' "
                        f"(ör. {kind.example_name}).")
    with _LOCK:
        rows = _load(data_dir, kind)
        if any(r.get("name") == name for r in rows):
            raise UserError(f"'{name}' adlı bir {kind.label} zaten var; başka bir ad seçin ya "
                            f"da önce '{kind.revoke_command}' ile kaldırın.")
        token = kind.make()
        rows.append({"name": name, "sha256": _digest(kind.normalize(token)),
                     "created": clock.local_now().isoformat(timespec="seconds")})
        _save(data_dir, rows, kind)
    return token


def list_tokens(data_dir: Path, kind: Kind = API) -> list[TokenInfo]:
    return [TokenInfo(r.get("name", ""), r.get("created", "")) for r in _load(data_dir, kind)]


def revoke(data_dir: Path, name: str, kind: Kind = API) -> None:
    with _LOCK:
        rows = _load(data_dir, kind)
        kept = [r for r in rows if r.get("name") != name]
        if len(kept) == len(rows):
            raise UserError(f"'{name}' adlı bir {kind.label} yok.")
        _save(data_dir, kept, kind)


def exists(data_dir: Path, name: str, kind: Kind = API) -> bool:
    """Whether a key of that name is still kept (a revoked key ends its sessions)."""
    return any(r.get("name") == name for r in _load(data_dir, kind))


def check(data_dir: Path, offered: str, kind: Kind = API) -> str | None:
    """The name of the kept key ``offered`` is, or None."""
    value = kind.normalize(offered or "")
    if not value or len(value) > 200:
        return None
    digest = _digest(value)
    found = None
    for row in _load(data_dir, kind):
        if hmac.compare_digest(row.get("sha256", ""), digest):
            found = row.get("name")
    return found


def authorized(data_dir: Path, authorization: str) -> str | None:
    """The name of the API token in an ``Authorization: Bearer …`` header, or None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return check(data_dir, token, API)
