"""Sending e-İrsaliye through the outbox: despatch advices we issue and receipt advices
(irsaliye yanıtı) we answer with, each queued in the transaction that stored it, so that
``sync`` sends it exactly once (``app.usecases.sync``).

The addresses come from GİB's user list (UserList guide §2: ``Document[@type=DespatchAdvice]``):
a despatch advice goes to the receiver's DespatchAdvice posta kutusu, never to its e-Fatura
alias (GİB answers 1181); the envelope's sender is the company's DespatchAdvice gönderici
birim, or its gönderici birim (``company set``) when the list does not name one.
"""

from __future__ import annotations

from datetime import datetime

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
    """The receiver's active DespatchAdvice posta kutusu alias from GİB's user list; a
    ``UserError`` in Turkish when it has none (then no e-İrsaliye can be sent to it)."""
    from app.gib.userlist import UserListStore

    store = UserListStore(ctx.db.engine)
    found = store.despatch_alias(vkn_tckn)
    if found is not None:
        return found.alias
    if store.count() == 0:
        raise UserError("GİB kullanıcı listesi yüklü değil; alıcının e-İrsaliye posta kutusu "
                        "etiketi bulunamıyor. Önce 'tezgah userlist import' ile listeyi "
                        "yükleyin. İrsaliye kesilmedi ve numara kullanılmadı.",
                        field="customer")
    raise UserError(f"Alıcı ({vkn_tckn}) GİB kullanıcı listesinde e-İrsaliye kullanıcısı "
                    "değil (DespatchAdvice etiketi yok): e-İrsaliye gönderilemez. Kağıt "
                    "irsaliye düzenleyin ya da güncel kullanıcı listesini yükleyin. İrsaliye "
                    "kesilmedi ve numara kullanılmadı.", field="customer")


def sender_despatch_alias(ctx: AppContext) -> str:
    """The company's e-İrsaliye gönderici birim: its DespatchAdvice alias in GİB's user list
    (GB first), else the company's gönderici birim alias; "" when neither is known."""
    from app.gib.userlist import UserListStore
    from app.usecases.company import require_company

    company = require_company(ctx)
    found = UserListStore(ctx.db.engine).despatch_alias(company.vkn_tckn, role="GB")
    return found.alias if found is not None else (company.alias or "")


# -- the channels -----------------------------------------------------------------------------

def _envelope_check(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.usecases.inbox import _envelope_check as check

    return check(ctx)


def _channel(cls: type[DespatchChannel] | type[ReceiptAdviceChannel], ctx: AppContext,
             efatura_endpoint: str, timeout: float) -> Channel | None:
    try:
        alias = sender_despatch_alias(ctx)
    except UserError:  # no company yet: nothing of ours can be waiting
        return None
    return cls(EFaturaClient(efatura_endpoint, timeout=timeout), check=_envelope_check(ctx),
               sender_alias=alias)


def despatch_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                     ) -> Channel | None:
    """Our despatch advices, through GİB's EFatura service (SENDERENVELOPE)."""
    return _channel(DespatchChannel, ctx, efatura_endpoint, timeout)


def receipt_advice_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                           ) -> Channel | None:
    """Our receipt advices, through GİB's EFatura service (POSTBOXENVELOPE)."""
    return _channel(ReceiptAdviceChannel, ctx, efatura_endpoint, timeout)


# -- queueing ---------------------------------------------------------------------------------

def _stored(s: Session, document_id: int, kind: DocumentKind) -> t.Document:
    doc = s.get(t.Document, document_id)
    if doc is None or doc.kind != kind.value:
        raise UserError(f"{document_id} numaralı belge bulunamadı ya da türü "
                        f"{kind.label} değil; gönderilemez.")
    return doc


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
