"""Putting documents into the outbox and packing them into envelopes of a channel."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from app.channels.base import Channel, PackRefused, Party
from app.db import Session
from app.db import tables as t
from app.db.repositories import documents
from app.db.repositories import outbox as repo
from app.db.repositories.events import add_events
from app.domain.documents import DocumentKind
from app.outbox.records import QUEUED_MESSAGE, queued
from app.outbox.states import ENVELOPED, READY, WAITING

__all__ = ["QUEUED_MESSAGE", "enqueue", "pack"]

# Why an item waits when its receiver's alias is not known; a channel may say it its own way
# (``unknown_alias_message``, with ``{vkn}``).
UNKNOWN_ALIAS = ("Alıcının ({vkn}) posta kutusu etiketi (PK) bilinmiyor: müşteri kartına "
                 "etiketi yazın ya da GİB kullanıcı listesini güncelleyin.")


def enqueue(s: Session, *, document_id: int, kind: DocumentKind, channel: str,
            receiver_vkn_tckn: str, receiver_alias: str, now: datetime,
            invoice: t.Invoice | None = None) -> None:
    """Inside the transaction that stored the document: it waits for ``channel`` from now
    on. An invoice's or a despatch advice's status (and an invoice's history) say so too
    (``app.outbox.records``)."""
    repo.add_item(s, document_id=document_id, kind=kind.value, channel=channel,
                  invoice_id=invoice.id if invoice is not None else None,
                  receiver_vkn_tckn=receiver_vkn_tckn, receiver_alias=receiver_alias,
                  state=WAITING, now=now)
    queued(s, channel, document_id, invoice)


def pack(s: Session, channel: Channel, *, sender: Party,
         resolve_alias: Callable[[str], str], now: datetime) -> list[t.Envelope]:
    """Group the channel's waiting documents per receiver into envelopes of at most
    ``channel.max_documents`` (Ek-1: one receiver per envelope; schematron
    InvoiceCountCheck: 100 invoices at most).

    ``resolve_alias(vkn) -> str`` fills a missing receiver alias from the user list."""
    items = repo.items_in_state(s, WAITING, channel.name, claim=True)
    groups: dict[tuple[str, str], list[t.OutboxItem]] = defaultdict(list)
    for item in items:
        alias = item.receiver_alias or resolve_alias(item.receiver_vkn_tckn)
        if not alias:
            item.problem = getattr(channel, "unknown_alias_message", UNKNOWN_ALIAS).format(
                vkn=item.receiver_vkn_tckn)
            item.updated_at = now
            continue
        item.receiver_alias = alias
        groups[(item.receiver_vkn_tckn, alias)].append(item)
    envelopes = []
    for (vkn, alias), group in groups.items():
        for start in range(0, len(group), channel.max_documents):
            chunk = group[start:start + channel.max_documents]
            doc_ids = [item.document_id for item in chunk]
            contents = documents.contents(s, doc_ids)
            # A channel whose service names the envelope after its content (the e-Arşiv
            # report's raporNo) says so with ``envelope_uuid_for(documents)``.
            uuid_for = getattr(channel, "envelope_uuid_for", None)
            try:
                env_uuid = uuid_for(contents) if uuid_for else str(uuid.uuid4()).upper()
                if uuid_for and repo.envelope_id_by_uuid(s, env_uuid) is not None:
                    raise PackRefused([f"{env_uuid} numaralı zarf zaten var; aynı belge yeni "
                                       "bir zarfla gönderilemez."])
                packed = channel.pack(contents, sender=sender,
                                      receiver=Party(vkn, alias), envelope_uuid=env_uuid,
                                      created=now)
            except PackRefused as exc:
                for item in chunk:
                    item.problem = ("Zarf GİB kurallarına uymuyor: "
                                    + "; ".join(exc.problems[:5]))
                    item.updated_at = now
                continue
            env = repo.add_envelope(s, uuid=env_uuid, channel=channel.name,
                                    receiver_vkn_tckn=vkn, receiver_alias=alias,
                                    sender_alias=sender.alias, state=READY, attempts=0,
                                    polls=0, next_action_at=now, content=packed.content,
                                    md5=packed.md5, created_at=now, last_message="")
            for item in chunk:
                item.state, item.envelope_id, item.problem, item.updated_at = (
                    ENVELOPED, env.id, "", now)
            repo.link_documents(s, env.id, doc_ids)
            add_events(s, [item.invoice_id for item in chunk if item.invoice_id is not None],
                       "enveloped", f"{env_uuid} numaralı zarfa kondu.",
                       data={"envelope": env_uuid})
            envelopes.append(env)
    return envelopes
