"""The local API's token (``tezgah api token``): one at a time; a new one replaces the one
before it, which stops working at once. Shown once when made; only its SHA-256 is kept, in
``<data>/postbox/local_api_token.json`` (owner-only file), kept like the posta kutusu's keys
by ``app.postbox.tokens``. Loads nothing of invoices, so making a token stays cheap."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from app.context import AppContext
from app.postbox import tokens

TOKEN_NAME = "api"

TOKEN = tokens.Kind("local_api_token.json", "yerel API anahtarı", "Yerel API anahtarı dosyası",
                    "tezgah api token", lambda: "tzg_" + secrets.token_urlsafe(32),
                    lambda text: text.strip(), TOKEN_NAME)
_TOKEN_LOCK = threading.Lock()


def token_file(data_dir: Path) -> Path:
    return tokens.tokens_file(data_dir, TOKEN)


def new_token(ctx: AppContext) -> str:
    """A new API token; the one before it stops working. Returned once, kept as a hash."""
    with _TOKEN_LOCK:
        if tokens.exists(ctx.data_dir, TOKEN_NAME, TOKEN):
            tokens.revoke(ctx.data_dir, TOKEN_NAME, TOKEN)
        return tokens.new_token(ctx.data_dir, TOKEN_NAME, TOKEN)


def authorized(data_dir: Path, authorization: str) -> bool:
    """Whether an ``Authorization: Bearer …`` header carries the current token (compared in
    constant time with its kept hash)."""
    scheme, _, offered = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return tokens.check(data_dir, offered, TOKEN) is not None


def has_token(data_dir: Path) -> bool:
    return bool(tokens.list_tokens(data_dir, TOKEN))
