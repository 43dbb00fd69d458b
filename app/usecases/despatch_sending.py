"""Sending e-İrsaliye through the outbox: despatch advices we issue and receipt advices
(irsaliye yanıtı) we answer with, each queued in the transaction that stored it, so that
``sync`` sends it exactly once (``app.usecases.sync``).

The addresses come from GİB's user list (UserList guide §2: ``Document[@type=DespatchAdvice]``):
a despatch advice goes to the receiver's DespatchAdvice posta kutusu, never to its e-Fatura
alias (GİB answers 1181); the envelope's sender is the company's e-İrsaliye gönderici birim
(``sender_despatch_alias``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app import clock
from app.channels.base import Channel
from app.channels.despatch import DespatchChannel, ReceiptAdviceChannel
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.gib.client import EFaturaClient
from app.outbox.queue import enqueue

# -- addresses ------------------------------------------------------------------------------


def receiver_despatch_alias(ctx: AppContext, vkn_tckn: str) -> str:
    """The receiver's active DespatchAdvice posta kutusu alias in GİB's user list; "" when it
    has none (then no e-İrsaliye can be sent to it)."""
    from app.gib.userlist import UserListStore

    found = UserListStore(ctx.db.engine).despatch_alias(vkn_tckn)
    return found.alias if found is not None else ""


def sender_despatch_alias(ctx: AppContext) -> str:
    """The company's e-İrsaliye gönderici birim: as set (``company set``
    ``despatch_sender_alias``), else its DespatchAdvice alias in GİB's user list (GB first),
    else the company's gönderici birim alias; "" when none is known."""
    from app import settings
    from app.gib.userlist import UserListStore
    from app.usecases.company import require_company

    company = require_company(ctx)
    chosen = settings.read(ctx, settings.DESPATCH_SENDER_ALIAS)
    if chosen:
        return chosen
    found = UserListStore(ctx.db.engine).despatch_alias(company.vkn_tckn, role="GB")
    return found.alias if found is not None else (company.alias or "")


# -- the channels -----------------------------------------------------------------------------

def _envelope_check(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.usecases.inbox import _envelope_check as check

    return check(ctx)


def _sender(ctx: AppContext) -> str | None:
    try:
        return sender_despatch_alias(ctx)
    except UserError:  # no company yet: nothing of ours can be waiting
        return None


def despatch_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                     ) -> Channel | None:
    """Our despatch advices, through GİB's EFatura service (SENDERENVELOPE), each receiver's
    DespatchAdvice alias read from the user list when packing."""
    sender = _sender(ctx)
    if sender is None:
        return None
    return DespatchChannel(EFaturaClient(efatura_endpoint, timeout=timeout),
                           check=_envelope_check(ctx), sender_alias=sender,
                           resolve_alias=lambda vkn: receiver_despatch_alias(ctx, vkn))


def receipt_advice_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                           ) -> Channel | None:
    """Our receipt advices, through GİB's EFatura service (POSTBOXENVELOPE), to the alias
    given when queued."""
    sender = _sender(ctx)
    if sender is None:
        return None
    return ReceiptAdviceChannel(EFaturaClient(efatura_endpoint, timeout=timeout),
                                check=_envelope_check(ctx), sender_alias=sender)


# -- queueing ---------------------------------------------------------------------------------

def _stored(s: Session, document_id: int, kind: DocumentKind) -> t.Document:
    doc = s.get(t.Document, document_id)
    if doc is None or doc.kind != kind.value:
        raise UserError(f"{document_id} numaralı belge bulunamadı ya da türü "
                        f"{kind.label} değil; gönderilemez.")
    return doc


def queue_despatch(s: Session, document_id: int, receiver_vkn: str, *,
                   now: datetime) -> None:
    """Inside the transaction issuing the despatch advice (``app.usecases.despatches``): its
    signed document waits for ``sync`` on the despatch channel, the despatch advice is
    ``queued``. The receiver's DespatchAdvice alias is read from GİB's user list when the
    envelope is packed; while it has none, nothing is sent and the item says why."""
    enqueue(s, document_id=document_id, kind=DocumentKind.DESPATCH_ADVICE,
            channel=DespatchChannel.name, receiver_vkn_tckn=receiver_vkn,
            receiver_alias="", now=now)


def queue_receipt_advice(s: Session, document_id: int, receiver_vkn: str,
                         receiver_alias: str, *, now: datetime | None = None) -> None:
    """Inside the caller's write transaction, the one that stored the signed ReceiptAdvice
    (``documents`` row of kind ``receipt-advice``): it waits in the outbox for ``sync``,
    which sends it once in its own POSTBOXENVELOPE (ElementType RECEIPTADVICE) to
    ``receiver_alias`` of ``receiver_vkn`` — the despatch advice's sender and the
    DespatchAdvice alias its despatch came from (the received envelope's sender alias).
    Raises ``UserError`` (and queues nothing) for another kind of document or no alias."""
    _stored(s, document_id, DocumentKind.RECEIPT_ADVICE)
    alias = receiver_alias.strip()
    if not alias:
        raise UserError("İrsaliye yanıtının gideceği posta kutusu etiketi (irsaliyeyi "
                        "gönderenin e-İrsaliye etiketi) boş; yanıt gönderilemez.")
    enqueue(s, document_id=document_id, kind=DocumentKind.RECEIPT_ADVICE,
            channel=ReceiptAdviceChannel.name, receiver_vkn_tckn=receiver_vkn.strip(),
            receiver_alias=alias, now=now or clock.local_now())


# -- reading ------------------------------------------------------------------------------------

def sending_of(ctx: AppContext, ettn: str) -> dict[str, Any]:
    """How our despatch advice ``ettn`` travels: its outbox item (``state``, ``alias``, the
    ``problem`` — GİB's code and reason after a refusal) and every envelope that carried it
    (UUID, state, attempts, GİB's last status code and message, when sent and finished);
    ``{}`` when it was never queued (a draft, an unsigned copy)."""
    from app.db.repositories import despatches

    with ctx.db.session() as s:
        row = despatches.out_by_ettn(s, ettn)
        if row is None or row.document_id is None:
            return {}
        return sending_of_document(s, row.document_id)


def sending_of_document(s: Session, document_id: int) -> dict[str, Any]:
    """``sending_of`` for any document handed to the outbox (a despatch advice, our receipt
    advice), inside the caller's session; ``{}`` when it was never queued."""
    from app.db.repositories import outbox

    item = outbox.item_of_document(s, document_id)
    if item is None:
        return {}
    return {
        "state": item.state, "receiver_alias": item.receiver_alias,
        "problem": item.problem,
        "envelopes": [{
            "uuid": e.uuid, "state": e.state, "attempts": e.attempts,
            "gib_status": e.status_code, "message": e.last_message,
            "sent_at": _at(e.sent_at), "finished_at": _at(e.finished_at)}
            for e in outbox.envelopes_of_document(s, document_id)],
    }


def _at(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None
