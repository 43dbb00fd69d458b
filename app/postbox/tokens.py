"""The desktops' API tokens of a posta kutusu service (``tezgah postbox token new|list|revoke``).

A token is shown once, when it is made; only its SHA-256 is kept, in
``<data>/postbox/tokens.json`` (owner-only file). A request carries it as
``Authorization: Bearer <token>``; it is compared in constant time with every kept hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from app import clock
from app.domain.errors import UserError

_NAME_RE = re.compile(r"[A-Za-z0-9._-]{1,40}")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TokenInfo:
    name: str
    created: str


def tokens_file(data_dir: Path) -> Path:
    return Path(data_dir) / "postbox" / "tokens.json"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _load(data_dir: Path) -> list[dict[str, str]]:
    path = tokens_file(data_dir)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"API anahtarları dosyası okunamadı ({path}): {exc}") from exc
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def _save(data_dir: Path, rows: list[dict[str, str]]) -> None:
    path = tokens_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def new_token(data_dir: Path, name: str) -> str:
    """A new token named ``name`` (one per desktop); returned once, kept only as a hash."""
    name = (name or "").strip()
    if not _NAME_RE.fullmatch(name):
        raise UserError("Anahtar adı 1–40 karakter olmalı: harf, rakam, '.', '_' ya da '-' "
                        "(ör. kasa-1).")
    with _LOCK:
        rows = _load(data_dir)
        if any(r.get("name") == name for r in rows):
            raise UserError(f"'{name}' adlı bir anahtar zaten var; başka bir ad seçin ya da "
                            "önce 'tezgah postbox token revoke' ile kaldırın.")
        token = "tzg_" + secrets.token_urlsafe(32)
        rows.append({"name": name, "sha256": _digest(token),
                     "created": clock.local_now().isoformat(timespec="seconds")})
        _save(data_dir, rows)
    return token


def list_tokens(data_dir: Path) -> list[TokenInfo]:
    return [TokenInfo(r.get("name", ""), r.get("created", "")) for r in _load(data_dir)]


def revoke(data_dir: Path, name: str) -> None:
    with _LOCK:
        rows = _load(data_dir)
        kept = [r for r in rows if r.get("name") != name]
        if len(kept) == len(rows):
            raise UserError(f"'{name}' adlı bir anahtar yok.")
        _save(data_dir, kept)


def authorized(data_dir: Path, authorization: str) -> str | None:
    """The name of the token in an ``Authorization: Bearer …`` header, or None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        return None
    digest = _digest(token)
    found = None
    for row in _load(data_dir):
        if hmac.compare_digest(row.get("sha256", ""), digest):
            found = row.get("name")
    return found
