"""The posta kutusu service's API for the shop's desktops, and the desktop's side of it.

A desktop that does not share the service's data folder collects what the service received
(``tezgah inbox pull --from URL``) and hands it its KABUL / RED answers to send. Every call
carries a token the shop made on the service (``tezgah postbox token new``); there is no
anonymous access. Under ``/api/v1/``:

- ``GET envelopes?after=N&limit=M``: the recorded envelopes with a number greater than N,
  oldest first, each with its zip (base64), the verdict the service sent GİB and its number;
  the desktop keeps the last number it recorded, so nothing is collected twice and a desktop
  that was offline catches up from where it stopped.
- ``POST answers``: ``{"ettn": …, "document": base64 of the signed ApplicationResponse}``;
  the service checks it (an answer to that invoice, GİB's XSD and schematron, signed by the
  company) and queues it for GİB exactly as its own answer. The same answer again is taken as
  already done; a different one is refused (the first answer is the only one).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from app import http, settings
from app.context import AppContext
from app.db.repositories import documents
from app.db.repositories import inbox as repo
from app.domain.errors import UserError
from app.postbox import tokens
from app.postbox.processing import Examined, ReceivedDocument, examine, read_zip
from app.ubl import answer as answers
from app.usecases import inbox
from app.usecases.company import require_company

PAGE = 50
MAX_PAGE_BYTES = 64 * 1024 * 1024


# -- the service's side ---------------------------------------------------------------------

def handler(ctx: AppContext):  # type: ignore[no-untyped-def]
    """The function ``PostboxService.api`` calls for each request under ``/api/v1/``."""

    def handle(method: str, path: str, query: str, authorization: str,
               body: bytes) -> tuple[int, Any]:
        who = tokens.authorized(ctx.data_dir, authorization)
        if who is None:
            return 401, {"error": "Geçerli bir API anahtarı gerekli (Authorization: Bearer …)."}
        name = path[len("/api/v1/"):].strip("/")
        try:
            if method == "GET" and name == "envelopes":
                return 200, _envelopes(ctx, parse_qs(query))
            if method == "POST" and name == "answers":
                return _answer(ctx, body, who)
        except UserError as exc:
            return 400, {"error": exc.message}
        return 404, {"error": "Böyle bir API işlemi yok."}

    return handle


def _int_arg(args: dict[str, list[str]], key: str, default: int, top: int) -> int:
    text = (args.get(key) or [str(default)])[0]
    if not (text.isascii() and text.isdigit()):
        raise UserError(f"'{key}' bir sayı olmalı.")
    return min(int(text), top)


def _envelopes(ctx: AppContext, args: dict[str, list[str]]) -> dict[str, Any]:
    after = _int_arg(args, "after", 0, 2**62)
    limit = max(1, _int_arg(args, "limit", PAGE, PAGE))
    with ctx.db.session() as s:
        rows = repo.envelopes_after(s, after, limit=limit)
        out = [{"seq": e.id, "uuid": e.uuid, "type": e.type,
                "received_at": e.received_at.isoformat(timespec="seconds"),
                "status_code": e.status_code, "description": e.description,
                "md5": e.md5, "zip": base64.b64encode(e.content).decode("ascii")}
               for e in rows]
    return {"envelopes": out, "next": out[-1]["seq"] if out else after}


def _answer(ctx: AppContext, body: bytes, who: str) -> tuple[int, Any]:
    from app.signing import verify_document
    from app.ubl.validate import get_validator
    from app.usecases.trust import trust_store

    try:
        data = json.loads(body.decode("utf-8"))
        ettn = str(data["ettn"]).strip()
        signed = base64.b64decode(str(data["document"]), validate=True)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        return 400, {"error": "Beklenen: {\"ettn\": …, \"document\": base64}."}
    read = answers.read_answer(signed)
    if read.code not in answers.ANSWER_CODES or read.document_id.upper() != ettn.upper():
        return 400, {"error": "Belge bu faturaya KABUL ya da RED yanıtı değil."}
    report = get_validator(ctx.rules_dir).validate_application_response(signed)
    if not report.ok:
        return 400, {"error": "Yanıt GİB kurallarına uymuyor: "
                     + "; ".join(str(p) for p in report.problems[:3])}
    company = require_company(ctx)
    result = verify_document(signed, trust=trust_store(ctx.data_dir, fetch_crls=False))
    if not result.intact or result.signer_vkn_tckn != company.vkn_tckn:
        return 400, {"error": "Yanıt firmanın mali mühür/e-imzasıyla imzalanmamış ya da imza "
                     "bozuk."}
    with ctx.db.session() as s:
        found = repo.item_by_ettn(s, ettn)
        if found is None:
            return 404, {"error": f"Serviste {ettn} ETTN'li gelen fatura yok."}
        item, _ = found
        if item.answer and item.answer_document_id is not None:
            same = documents.contents(s, [item.answer_document_id])[0] == signed
            if same:
                return 200, {"answer": item.answer, "queued": True, "already": True}
            return 409, {"error": f"Bu faturaya zaten {item.answer} yanıtı verilmiş."}
    inbox.store_answer(ctx, ettn, read.code, read.reason, signed, queue=True)
    return 200, {"answer": read.code, "queued": True, "already": False, "by": who}


# -- the desktop's side ---------------------------------------------------------------------

def _headers(ctx: AppContext, token: str | None) -> dict[str, str]:
    value = token or settings.read_postbox_token(ctx.data_dir)
    if not value:
        raise UserError("Posta kutusu servisinin API anahtarı yok: serviste 'tezgah postbox "
                        "token new --name BU-BILGISAYAR' ile bir anahtar üretip burada "
                        "'tezgah inbox pull --from URL --token-env DEGISKEN' ile verin.")
    return {"Authorization": f"Bearer {value}", "Accept": "application/json"}


def _api_url(base: str, name: str, query: dict[str, Any] | None = None) -> str:
    url = base.rstrip("/") + "/api/v1/" + name
    return url + ("?" + urlencode(query) if query else "")


def _json_answer(response: http.Response, where: str) -> dict[str, Any]:
    try:
        data = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(f"{where} anlaşılır bir yanıt vermedi (HTTP {response.status}).") \
            from exc
    if not isinstance(data, dict):
        raise UserError(f"{where} beklenmeyen bir yanıt verdi.")
    if response.status != 200:
        message = str(data.get("error") or "")[:300]
        if response.status == 401:
            raise UserError("Posta kutusu servisi API anahtarını kabul etmedi; serviste yeni "
                            "bir anahtar üretip '--token-env' ile verin.")
        raise UserError(f"{where} isteği reddetti (HTTP {response.status}): {message}")
    return data


def _http_error(exc: http.HttpError, base: str) -> UserError:
    return UserError(f"Posta kutusu servisine ({http.host_port(base)}) ulaşılamadı: "
                     f"{exc.message} Gelen faturalar serviste bekliyor; bağlantı gelince "
                     "yeniden deneyin.")


def pull(ctx: AppContext, base_url: str | None = None, *, token: str | None = None,
         timeout: float = 60.0, ca_file: str | None = None) -> dict[str, Any]:
    """Collect what the service received since the last pull and record it here (no system
    response is sent from here: the service sent it). ``base_url`` and ``token`` given once
    are remembered (the token in a private file)."""
    base = (base_url or settings.read(ctx, settings.POSTBOX_SERVICE_URL)).strip()
    if not base:
        raise UserError("Posta kutusu servisinin adresi yok: 'tezgah inbox pull --from "
                        "https://pk.firma.com.tr' ile verin.")
    if not base.startswith(("https://", "http://")):
        raise UserError("Servis adresi https:// ile başlamalı.")
    headers = _headers(ctx, token)
    checks = inbox.make_checks(ctx)
    aliases = inbox.receiving_aliases(ctx)
    company_vkn = require_company(ctx).vkn_tckn
    cursor = settings.read(ctx, settings.POSTBOX_PULL_CURSOR) if not base_url or \
        base == settings.read(ctx, settings.POSTBOX_SERVICE_URL) else 0
    counts = {"envelopes": 0, "new": 0, "invoices": 0}
    while True:
        url = _api_url(base, "envelopes", {"after": cursor, "limit": PAGE})
        try:
            response = http.get(url, headers, timeout=timeout, max_bytes=MAX_PAGE_BYTES,
                                ca_file=ca_file)
        except http.HttpError as exc:
            raise _http_error(exc, base) from exc
        page = _json_answer(response, "Posta kutusu servisi")
        rows = page.get("envelopes") or []
        if not isinstance(rows, list):
            raise UserError("Posta kutusu servisi beklenmeyen bir yanıt verdi.")
        for row in rows:
            new = _record_pulled(ctx, row, checks=checks, aliases=aliases,
                                 company_vkn=company_vkn)
            counts["envelopes"] += 1
            counts["new"] += int(new)
            seq = row.get("seq")
            if isinstance(seq, int) and seq > cursor:
                cursor = seq
        with ctx.db.write_session() as s:
            settings.put(s, settings.POSTBOX_PULL_CURSOR, cursor)
            if base_url:
                settings.put(s, settings.POSTBOX_SERVICE_URL, base)
        if len(rows) < PAGE:
            break
    if token:
        settings.write_postbox_token(ctx.data_dir, token)
    counts["invoices"] = len(inbox.list_inbox(ctx))
    return counts


def connection(ctx: AppContext) -> dict[str, Any]:
    """What the settings page shows: the service's address, whether a token is kept, how
    far this desktop has collected, and the company's posta kutusu alias as set."""
    return {"url": settings.read(ctx, settings.POSTBOX_SERVICE_URL),
            "has_token": bool(settings.read_postbox_token(ctx.data_dir)),
            "cursor": settings.read(ctx, settings.POSTBOX_PULL_CURSOR),
            "alias": settings.read(ctx, settings.POSTBOX_ALIAS)}


def pull_if_configured(ctx: AppContext, *, timeout: float = 30.0) -> dict[str, Any] | None:
    """A pull when this desktop collects from a service elsewhere (None otherwise); what
    cannot be reached now waits on the service — the answer says so instead of raising."""
    if not settings.read(ctx, settings.POSTBOX_SERVICE_URL):
        return None
    try:
        return pull(ctx, timeout=timeout)
    except UserError as exc:
        return {"envelopes": 0, "new": 0, "error": exc.message}


def _record_pulled(ctx: AppContext, row: Any, *, checks: inbox.Checks, aliases: list[str],
                   company_vkn: str) -> bool:
    """Record one envelope the service sent; its verdict is the service's (it answered GİB
    with it), the signature verdicts are this desktop's own (its trust anchors)."""
    try:
        ident = str(row["uuid"])
        data = base64.b64decode(str(row["zip"]), validate=True)
        code = row.get("status_code")
        received_at = datetime.fromisoformat(str(row["received_at"]))
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise UserError("Posta kutusu servisinden gelen bir zarf okunamadı.") from exc
    if not (code is None or isinstance(code, int)) or row.get("md5") != \
            hashlib.md5(data).hexdigest():
        raise UserError(f"{ident} zarfı servisten bozuk geldi (özet tutmuyor); yeniden deneyin.")
    examined = examine(ident, data, checks=checks, company_vkn_tckn=company_vkn,
                       aliases=aliases)
    if code == 1200 and not examined.ok:
        # The service accepted it (and told GİB so): it is ours whatever this desktop's
        # anchors say; its documents are kept with this desktop's verdicts.
        examined = _accepted_as_is(ident, data, examined, checks)
    elif code != examined.code and code is not None:
        examined = Examined(ident, code, str(row.get("description") or ""), examined.header,
                            [], examined.envelope_xml)
    return inbox.record(ctx, ident, data, examined, received_at=received_at.replace(tzinfo=None),
                        origin="pull", respond=False)


def _accepted_as_is(ident: str, data: bytes, examined: Examined,
                    checks: inbox.Checks) -> Examined:
    from app.gib.envelope import extract_documents, parse_envelope
    from app.postbox.processing import signature_summary

    _, xml = read_zip(data)
    header = parse_envelope(xml)
    docs = []
    for raw, element in zip(extract_documents(xml), header.documents, strict=True):
        doc = ReceivedDocument(raw, element.tag, "")
        try:
            doc.signature = signature_summary(checks.verify(raw))
        except Exception as exc:  # the verdict says it did not verify, and why
            doc.signature = {"valid": False, "intact": False, "problems": [str(exc)[:200]],
                             "signer_name": None, "signer_vkn_tckn": None,
                             "signing_time": None}
        docs.append(doc)
    return Examined(ident, 1200, "ZARF BASARIYLA ISLENDI", header, docs, xml)


def hand_answer(ctx: AppContext, base: str, ettn: str, signed: bytes, *,
                token: str | None = None, timeout: float = 60.0) -> dict[str, Any]:
    """Give the service our signed answer to send (``POST answers``)."""
    body = json.dumps({"ettn": ettn, "document": base64.b64encode(signed).decode("ascii")}
                      ).encode("utf-8")
    headers = {**_headers(ctx, token), "Content-Type": "application/json"}
    try:
        response = http.post(_api_url(base, "answers"), body, headers, timeout=timeout,
                             max_bytes=1024 * 1024)
    except http.HttpError as exc:
        raise UserError(f"Yanıt posta kutusu servisine iletilemedi, gönderilmedi: {exc.message} "
                        "Bağlantı gelince yeniden yanıtlayın.") from exc
    return _json_answer(response, "Posta kutusu servisi")

