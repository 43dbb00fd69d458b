"""What the local HTTP API (``tezgah api serve``, ``app.api``) does, apart from HTTP: the
invoice change feed and issuing a batch of drafts when the owner allows it.

- The token: ``app.usecases.api_token``.
- Changes: the invoices that changed since a cursor (``app.db.repositories.invoice_changes``),
  each once with its current state; the cursor is an opaque string.
- Issuing: signing with the card is a person's act on the desktop; the API issues drafts
  only when the owner turned ``API_BATCH_SIGNING`` on (Ayarlar), in one signer session with
  the PIN given in the request (never logged, stored or repeated back).
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from typing import Any

from app import settings
from app.context import AppContext
from app.db.repositories import invoice_changes as changes_repo
from app.domain.errors import NotFoundError, UserError
from app.usecases.invoices import invoice_summary, show_invoice
from app.usecases.issuing import issue_drafts
from app.usecases.signing import signer_kind

CHANGES_PAGE = 100
MAX_BATCH = 100
_CURSOR_RE = re.compile(r"v1\.([0-9]{1,18})\.([0-9]{1,20})", re.ASCII)
_ISSUING = threading.Lock()  # one batch at a time: one card session


class BatchSigningOff(UserError):
    """The owner has not allowed issuing through the API (HTTP 403)."""


class NotADraft(UserError):
    """An ETTN of the batch names an invoice that is no longer a draft (HTTP 409)."""


class SignerUnavailable(UserError):
    """The card is not in the reader or its driver cannot be loaded (HTTP 503)."""


class SigningBusy(UserError):
    """Another batch is being signed right now (HTTP 409)."""


# -- where to listen ---------------------------------------------------------------------------

def listen_address(ctx: AppContext, host: str | None, port: int | None) -> tuple[str, int]:
    """127.0.0.1 unless the owner opened the API to the network (then every address) or a
    host was given; the port from the settings unless one was given."""
    if host is None:
        host = "0.0.0.0" if settings.read(ctx, settings.API_OPEN_TO_NETWORK) else "127.0.0.1"
    if port is None:
        port = settings.read(ctx, settings.API_PORT)
    if not 0 <= port <= 65535:
        raise UserError("Port 0–65535 arasında olmalı.", field="port")
    return host, port


# -- changes -----------------------------------------------------------------------------------

def encode_cursor(position: changes_repo.Position) -> str:
    raw = f"v1.{position.seq}.{position.xmin}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> changes_repo.Position:
    if not cursor:
        return changes_repo.Position()
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        raw = ""
    match = _CURSOR_RE.fullmatch(raw)
    if match is None:
        raise UserError("İmleç (since) geçersiz: bir önceki yanıttaki 'next' değerini olduğu "
                        "gibi verin ya da baştan okumak için boş bırakın.", field="since")
    return changes_repo.Position(int(match.group(1)), int(match.group(2)))


def _change(item: changes_repo.ChangedInvoice) -> dict[str, Any]:
    if item.row is None:
        return {"ettn": item.ettn, "number": None, "status": "deleted",
                "status_name": "Silindi", "deleted": True}
    summary = invoice_summary(item.row)
    return {"ettn": summary["ettn"], "number": summary["number"], "status": summary["status"],
            "status_name": summary["status_name"], "deleted": False,
            "direction": summary["direction"], "profile": summary["profile"],
            "type": summary["type"], "issue_date": summary["issue_date"],
            "customer_name": summary["customer_name"], "currency": summary["currency"],
            "payable": summary["payable"]}


def changes_since(ctx: AppContext, cursor: str, limit: int = CHANGES_PAGE) -> dict[str, Any]:
    """``{"changes": [...], "next": CURSOR, "more": bool}``: the invoices changed after
    ``cursor`` (empty: from the beginning), oldest change first, each once. ``more``: call
    again with ``next`` at once. An invoice may appear again later (it changed again, or
    once more after a concurrent write on PostgreSQL); none is missed."""
    since = decode_cursor(cursor)
    limit = max(1, min(limit, CHANGES_PAGE))
    with ctx.db.session() as s:
        found, position, more = changes_repo.changed_since(s, since, limit)
        items = [_change(x) for x in found]
    return {"changes": items, "next": encode_cursor(position), "more": more}


# -- issuing -----------------------------------------------------------------------------------

class _RequestPin:
    """The PIN of one request as a ``PinHandler``: given once; a second ask means the card
    refused it. The card's last try is never spent unattended."""

    def __init__(self, pin: str) -> None:
        self._pin = pin
        self._asked = 0

    def ask_pin(self, token_description: str, warning: str | None) -> str | None:
        from app.signing import WrongPinError

        self._asked += 1
        if self._asked > 1:
            raise WrongPinError(f"PIN yanlış: {token_description}. Hiçbir fatura kesilmedi."
                                + (f" {warning}" if warning else ""), warning=warning)
        if warning and "SON" in warning:
            raise WrongPinError("Kartta yalnızca SON bir PIN deneme hakkı kaldı; kart "
                                "kilitlenmesin diye PIN denenmedi. Kartı masaüstünde açın.",
                                warning=warning)
        return self._pin


def _check_ettns(ettns: object) -> list[str]:
    if not isinstance(ettns, list) or not ettns:
        raise UserError("'ettns' kesilecek taslakların ETTN listesi olmalı (en az bir tane).",
                        field="ettns")
    if len(ettns) > MAX_BATCH:
        raise UserError(f"Bir seferde en fazla {MAX_BATCH} taslak kesilebilir.", field="ettns")
    if not all(isinstance(x, str) and x.strip() for x in ettns):
        raise UserError("'ettns' içindeki her değer bir ETTN (metin) olmalı.", field="ettns")
    clean = [x.strip() for x in ettns]
    if len(set(clean)) != len(clean):
        raise UserError("'ettns' aynı ETTN'i iki kez içeriyor.", field="ettns")
    return clean


def _check_drafts(ctx: AppContext, ettns: list[str]) -> None:
    for ettn in ettns:
        try:
            info = show_invoice(ctx, ettn)
        except NotFoundError as exc:
            raise NotFoundError(exc.message, field="ettns") from None
        if info["direction"] != "out" or info["status"] != "draft":
            number = f" ({info['number']})" if info["number"] else ""
            raise NotADraft(f"{ettn} ETTN'li fatura taslak değil{number}: durumu "
                            f"'{info['status_name']}'. Hiçbir fatura kesilmedi.", field="ettns")


def _secret(ctx: AppContext, pin: object) -> object:
    kind = signer_kind(ctx)
    if pin is not None and not isinstance(pin, str):
        raise UserError("'pin' metin olmalı.", field="pin")
    if kind == "pkcs11":
        if not pin:
            raise UserError("Kartla imza için 'pin' gerekli (bir toplu kesim için bir kez).",
                            field="pin")
        return _RequestPin(pin)
    if kind == "pkcs12" and not settings.signs_with_demo_certificate(ctx.data_dir):
        if not pin:
            raise UserError("Sertifika dosyasıyla imza için dosyanın parolası 'pin' olarak "
                            "verilmeli.", field="pin")
        return pin
    return None  # the TEST certificate (or no signer: company_signer says what to do)


def issue(ctx: AppContext, ettns: object, pin: object) -> list[dict[str, Any]]:
    """Issue the drafts in one signer session (one PIN) when the owner allowed it; the
    summary of each issued invoice. A refused PIN or a missing card issues none and uses no
    number; a draft that cannot be issued stops the batch there (the ones before it stay
    issued, it and the ones after stay drafts)."""
    if not settings.read(ctx, settings.API_BATCH_SIGNING):
        raise BatchSigningOff(
            "API ile fatura kesme kapalı: taslak kaydedildi ve masaüstünde bir kişinin "
            "imzalamasını bekliyor. İşletme sahibi Ayarlar'da API ile toplu imzayı açarsa bu "
            "istek kabul edilir.")
    clean = _check_ettns(ettns)
    _check_drafts(ctx, clean)  # before the card is opened: no PIN is spent on a bad batch
    secret = _secret(ctx, pin)
    if not _ISSUING.acquire(blocking=False):
        raise SigningBusy("Şu anda başka bir toplu imza sürüyor; bitince yeniden deneyin.")
    try:
        results = issue_drafts(ctx, clean, secret)
    except UserError as exc:
        raise _with_field(exc) from None
    finally:
        _ISSUING.release()
    out = []
    for result in results:
        info = show_invoice(ctx, result.ettn)
        out.append({"ettn": info["ettn"], "number": info["number"], "status": info["status"],
                    "status_name": info["status_name"]})
    return out


def _with_field(exc: UserError) -> UserError:
    """A signer's refusal names the request field to fix (``pin``); a missing card or driver
    says the signer is unavailable."""
    from app.signing import (
        ModuleMissingError,
        PinLockedError,
        TokenNotFoundError,
        WrongPasswordError,
        WrongPinError,
    )

    found = (exc, exc.__cause__)
    if any(isinstance(x, WrongPinError | PinLockedError | WrongPasswordError) for x in found):
        return UserError(exc.message, field="pin")
    if any(isinstance(x, TokenNotFoundError | ModuleMissingError) for x in found):
        return SignerUnavailable(exc.message)
    return exc


__all__ = ["BatchSigningOff", "NotADraft", "SignerUnavailable", "SigningBusy", "changes_since", "decode_cursor",
           "encode_cursor", "issue", "listen_address"]
