"""Putting issued invoices into the outbox and packing them into envelopes."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.repositories import outbox as repo
from app.db.repositories.events import add_event, add_events
from app.domain.status import Status
from app.gib.envelope import MAX_INVOICES, EnvelopeParty, build_envelope
from app.gib.package import zip_envelope

WAITING, ENVELOPED, DONE, FAILED = "waiting", "enveloped", "done", "failed"


def enqueue(s: Session, invoice: t.Invoice, now: datetime) -> None:
    """Inside the issuing transaction: the invoice waits for GİB from now on."""
    customer = invoice.data.get("customer", {})
    repo.add_item(s, invoice_id=invoice.id, receiver_vkn_tckn=invoice.customer_vkn_tckn,
                  receiver_alias=customer.get("alias", ""), state=WAITING, now=now)
    invoice.status = Status.QUEUED
    add_event(s, invoice.id, "queued", "Gönderilmek üzere giden kutusuna alındı.")


def pack(s: Session, *, sender_vkn: str, sender_alias: str, sender_name: str,
         resolve_alias, now: datetime, validate=None) -> list[t.Envelope]:  # type: ignore[no-untyped-def]
    """Group waiting invoices per receiver into envelopes of at most 100 (Ek-1: one
    receiver per envelope; schematron InvoiceCountCheck: 100 invoices at most).

    ``resolve_alias(vkn) -> str`` fills a missing receiver alias from the user list;
    ``validate(envelope_xml) -> list[str]`` reports problems (envelope XSD + schematron)."""
    items = repo.items_in_state(s, WAITING)
    groups: dict[tuple[str, str], list[t.OutboxItem]] = defaultdict(list)
    for item in items:
        alias = item.receiver_alias or resolve_alias(item.receiver_vkn_tckn)
        if not alias:
            item.problem = (f"Alıcının ({item.receiver_vkn_tckn}) e-Fatura posta kutusu etiketi "
                            "bilinmiyor: müşteri kartına etiketi yazın ya da GİB kullanıcı "
                            "listesini güncelleyin.")
            item.updated_at = now
            continue
        item.receiver_alias = alias
        groups[(item.receiver_vkn_tckn, alias)].append(item)
    envelopes = []
    for (vkn, alias), group in groups.items():
        for start in range(0, len(group), MAX_INVOICES):
            chunk = group[start:start + MAX_INVOICES]
            env_uuid = str(uuid.uuid4()).upper()
            xml = build_envelope(
                repo.signed_invoices(s, [item.invoice_id for item in chunk]),
                sender=EnvelopeParty(vkn_tckn=sender_vkn, alias=sender_alias, name=sender_name),
                receiver=EnvelopeParty(vkn_tckn=vkn, alias=alias, name=""),
                envelope_uuid=env_uuid, created=now)
            problems = validate(xml) if validate else []
            if problems:
                for item in chunk:
                    item.problem = "Zarf GİB kurallarına uymuyor: " + "; ".join(problems[:5])
                    item.updated_at = now
                continue
            content, md5 = zip_envelope(xml, env_uuid, timestamp=now)
            env = repo.add_envelope(s, uuid=env_uuid, receiver_vkn_tckn=vkn, receiver_alias=alias,
                                    sender_alias=sender_alias, state="ready", attempts=0,
                                    polls=0, next_action_at=now, content=content, md5=md5,
                                    created_at=now, last_message="")
            for item in chunk:
                item.state, item.envelope_id, item.problem, item.updated_at = (
                    ENVELOPED, env.id, "", now)
            ids = [item.invoice_id for item in chunk]
            repo.link_invoices(s, env.id, ids)
            add_events(s, ids, "enveloped", f"{env_uuid} numaralı zarfa kondu.",
                       data={"envelope": env_uuid})
            envelopes.append(env)
    return envelopes
