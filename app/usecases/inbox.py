"""Gelen Kutusu: what the posta kutusu service received, and our KABUL / RED answers.

Receiving (the service's worker, ``process_spool``; a desktop's ``tezgah inbox pull``):
each envelope is examined (``app.postbox.processing``) and recorded in one transaction with
its consequences — the incoming invoices (``invoices`` rows with direction ``in``), the
answers about our own invoices, and the system response to GİB waiting in the outbox
(channel ``efatura-system``). The envelope's InstanceIdentifier is unique in
``incoming_envelopes``: an envelope recorded once is never recorded again, so a crash at any
moment (before the commit: nothing happened; after it: the spool is told it was processed)
sends no system response twice and loses nothing.

Answering (``respond``): KABUL or RED for a TICARIFATURA within eight days of receipt
(``app.domain.deadlines``), once; signed on the card like an invoice, sent through the
outbox in a POSTBOXENVELOPE (channel ``efatura-answer``).
"""

from __future__ import annotations

import hashlib
import logging
import uuid as uuid_mod
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app import clock, settings
from app.channels.base import Channel
from app.channels.efatura import AnswerChannel, SystemResponseChannel
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import documents
from app.db.repositories import inbox as repo
from app.db.repositories.events import add_event, list_events
from app.domain import deadlines
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.domain.party import Address, Party
from app.domain.status import Status
from app.gib.client import EFaturaClient
from app.gib.envelope import POSTBOX_ENVELOPE, SENDER_ENVELOPE, SYSTEM_ENVELOPE, EnvelopeParty
from app.gib.system_response import build_system_application_response
from app.outbox.queue import enqueue
from app.postbox.processing import Checks, Examined, examine
from app.postbox.spool import Spool
from app.ubl import answer as answers
from app.ubl.parse import parse_invoice
from app.usecases import despatch_receiving
from app.usecases.company import require_company
from app.usecases.importing import add_received_invoice
from app.usecases.invoices import invoice_summary, signature_verdict

log = logging.getLogger("tezgah.postbox")

MAX_ATTEMPTS = 3  # rounds an envelope that breaks the processing is tried before 1195

# Entegrasyon Kılavuzu §3.1: the answer (KABUL / RED) belongs to the commercial scenario.
ANSWERABLE_PROFILES = frozenset({"TICARIFATURA"})
ANSWER_NAMES = {answers.KABUL: "Kabul edildi", answers.RED: "Reddedildi"}
DESPATCH_KINDS = frozenset({DocumentKind.DESPATCH_ADVICE, DocumentKind.RECEIPT_ADVICE})


# -- addresses ----------------------------------------------------------------------------

def postbox_alias(ctx: AppContext) -> str:
    """The company's posta kutusu alias: set with ``company set`` (``postbox_alias``), else
    ``urn:mail:defaultpk@`` + the domain of its gönderici birim alias (the usual pair)."""
    alias = settings.read(ctx, settings.POSTBOX_ALIAS)
    if alias:
        return alias
    company = require_company(ctx)
    gb = company.alias or ""
    if "@" in gb:
        return "urn:mail:defaultpk@" + gb.rsplit("@", 1)[1]
    return ""


def receiving_aliases(ctx: AppContext) -> list[str]:
    """The addresses GİB delivers to for this company: its PK (invoices) and GB (answers
    and system responses about what it sent), and its e-İrsaliye PK (despatch advices) and
    GB (receipt advices) when set."""
    company = require_company(ctx)
    found = (postbox_alias(ctx), company.alias or "",
             settings.read(ctx, settings.DESPATCH_POSTBOX_ALIAS),
             settings.read(ctx, settings.DESPATCH_SENDER_ALIAS))
    return list(dict.fromkeys(a for a in found if a))


# -- the outbox channels of receiving -------------------------------------------------------

def system_response_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                            ) -> Channel | None:
    """System responses go out through GİB's EFatura service, from our posta kutusu."""
    alias = postbox_alias(ctx) if _has_company(ctx) else ""
    if not alias:
        return None
    return SystemResponseChannel(EFaturaClient(efatura_endpoint, timeout=timeout),
                                 check=_envelope_check(ctx), sender_alias=alias)


def answer_channel(ctx: AppContext, efatura_endpoint: str, timeout: float) -> Channel | None:
    return AnswerChannel(EFaturaClient(efatura_endpoint, timeout=timeout),
                         check=_envelope_check(ctx))


def _has_company(ctx: AppContext) -> bool:
    try:
        require_company(ctx)
    except UserError:
        return False
    return True


def _envelope_check(ctx: AppContext):  # type: ignore[no-untyped-def]
    def check(xml: bytes, documents: Sequence[bytes] = ()) -> list[str]:
        from app.ubl.validate import get_validator

        report = get_validator(ctx.rules_dir).validate_envelope(xml, documents=documents)
        return [f"{p.message} ({p.location})" for p in report.problems]
    return check


# -- receiving ----------------------------------------------------------------------------

def make_checks(ctx: AppContext) -> Checks:
    """GİB's rules and the company's trust anchors. CRLs are not fetched from addresses
    found in strangers' certificates (a received document must not make the service call
    out); the anchors' own CRLs kept in the data folder are used."""
    from app.signing import verify_document
    from app.ubl.validate import get_validator
    from app.usecases.trust import trust_store

    store = trust_store(ctx.data_dir, fetch_crls=False)
    return Checks(get_validator(ctx.rules_dir), lambda doc: verify_document(doc, trust=store))


@dataclass
class ProcessReport:
    processed: int = 0
    accepted: int = 0
    refused: int = 0
    already: int = 0
    invoices: int = 0
    answers: int = 0
    statuses: int = 0
    despatches: int = 0  # e-İrsaliye received
    receipts: int = 0  # irsaliye yanıtları received
    messages: list[str] = field(default_factory=list)


def _party_of(header_party: EnvelopeParty | None) -> tuple[str, str, str]:
    if header_party is None:
        return "", "", ""
    return header_party.vkn_tckn[:11], header_party.alias[:200], header_party.name[:300]


def record(ctx: AppContext, instance_id: str, zip_bytes: bytes, examined: Examined, *,
           received_at: datetime, origin: str, respond: bool = True) -> bool:
    """Store one examined envelope and what follows from it, all in one transaction.
    False when it was recorded before (nothing is done twice)."""
    return _record(ctx, instance_id, zip_bytes, examined, received_at=received_at,
                   origin=origin, respond=respond)[0]


def _record(ctx: AppContext, instance_id: str, zip_bytes: bytes, examined: Examined, *,
            received_at: datetime, origin: str, respond: bool) -> tuple[bool, bytes | None]:
    """``record``, also returning the system response it queued (None: none, or it was
    recorded before)."""
    header = examined.header
    sender_vkn, sender_alias, sender_name = _party_of(header.sender if header else None)
    receiver_vkn, receiver_alias, _ = _party_of(header.receiver if header else None)
    now = clock.local_now()
    company = require_company(ctx)
    if examined.type == SYSTEM_ENVELOPE:
        _apply_statuses(ctx, examined)  # idempotent: before the record, so never lost
    with ctx.db.write_session() as s:
        if repo.envelope_by_uuid(s, instance_id) is not None:
            return False, None
        env = repo.add_envelope(
            s, uuid=instance_id, type=examined.type[:20] or "-",
            element_type=examined.element_type[:30], sender_vkn_tckn=sender_vkn,
            sender_alias=sender_alias, sender_name=sender_name,
            receiver_vkn_tckn=receiver_vkn, receiver_alias=receiver_alias,
            received_at=received_at, processed_at=now, status_code=examined.code,
            description=examined.description, document_count=len(examined.documents),
            origin=origin, content=zip_bytes, md5=hashlib.md5(zip_bytes).hexdigest())
        if examined.ok and examined.document_kind in DESPATCH_KINDS:
            for doc in examined.documents:
                _add_despatch_document(s, env, doc.content, doc.signature, received_at, now)
        elif examined.ok and examined.document_kind == DocumentKind.INVOICE:
            for doc in examined.documents:
                _add_incoming_invoice(s, env, doc.content, doc.signature, received_at, now)
        elif examined.ok and examined.document_kind == DocumentKind.APPLICATION_RESPONSE \
                and examined.type == POSTBOX_ENVELOPE:
            for doc in examined.documents:
                _add_answer(s, env, doc.content, received_at, now)
        response = None
        if respond and examined.code is not None and examined.type != SYSTEM_ENVELOPE \
                and sender_vkn and sender_alias:
            response = _queue_system_response(s, env, examined, company, now)
    return True, response


def _add_incoming_invoice(s: Session, env: t.IncomingEnvelope, content: bytes,
                          signature: dict[str, Any], received_at: datetime,
                          now: datetime) -> None:
    digest = hashlib.sha256(content).hexdigest()
    if documents.id_by_sha256(s, digest) is not None:
        return  # the same signed invoice came again (a sender's resend): kept once
    parsed = parse_invoice(content)
    row, _ = add_received_invoice(
        s, content, parsed, signature, digest, now,
        event=("received", f"Posta kutusuna geldi ({env.uuid} numaralı zarf)."),
        event_data={"envelope": env.uuid})
    due = (deadlines.answer_deadline(received_at).replace(tzinfo=None)
           if parsed.profile in ANSWERABLE_PROFILES else None)
    repo.add_item(s, invoice_id=row.id, envelope_id=env.id, received_at=received_at,
                  answer_due=due)


def _add_despatch_document(s: Session, env: t.IncomingEnvelope, content: bytes,
                           signature: dict[str, Any], received_at: datetime,
                           now: datetime) -> None:
    """A despatch advice for us or a receipt advice about ours (``app.usecases.
    despatch_receiving``); the same one again is kept once. One that clashes with a stored
    document of its sender's is left in the envelope's zip (GİB refuses such a resend with
    1164, so it is not expected) and logged."""
    try:
        stored = despatch_receiving.add_received(s, content, signature,
                                                 received_at=received_at, now=now,
                                                 envelope_id=env.id, envelope=env.uuid)
    except UserError as exc:
        log.warning('{"event": "despatch-document-not-stored", "envelope": "%s", '
                    '"reason": "%s"}', env.uuid, exc.message.replace('"', "'")[:200])
        return
    if stored.note:
        log.info('{"event": "despatch-document", "envelope": "%s", "note": "%s"}', env.uuid,
                 stored.note.replace('"', "'")[:200])


def _add_answer(s: Session, env: t.IncomingEnvelope, content: bytes, received_at: datetime,
                now: datetime) -> None:
    """A KABUL / RED about one of our invoices: the first one within eight days decides
    (Entegrasyon Kılavuzu §3.1–3.2); later ones are kept and noted, nothing more."""
    answer = answers.read_answer(content)
    invoice = repo.our_invoice_by_reference(s, answer.document_id)
    digest = hashlib.sha256(content).hexdigest()
    doc = documents.add(s, invoice_id=invoice.id if invoice else None,
                        kind="received-answer", content=content, sha256=digest, now=now)
    counted = False
    note = ""
    if invoice is not None:
        first = repo.counted_answer(s, invoice.id)
        sent_at = invoice.issued_at or received_at
        if answer.code not in answers.ANSWER_CODES:
            note = f"{answer.code} yanıtı geldi."
        elif invoice.profile not in ANSWERABLE_PROFILES:
            note = f"{invoice.profile} faturasına {answer.code} yanıtı geldi; dikkate alınmadı."
        elif first is not None:
            note = (f"İkinci bir yanıt ({answer.code}) geldi; ilk yanıt ({first.code}) "
                    "geçerli, bu yanıt dikkate alınmadı.")
        elif not deadlines.may_still_answer(sent_at, received_at):
            note = (f"{answer.code} yanıtı sekiz günlük süre dolduktan sonra geldi; dikkate "
                    "alınmadı.")
        else:
            counted = True
    repo.add_answer(s, invoice_id=invoice.id if invoice else None, envelope_id=env.id,
                    document_id=doc.id, code=answer.code[:20], reason=answer.reason,
                    reference=answer.document_id[:100], answered_on=answer.issue_date[:10],
                    received_at=received_at, counted=counted)
    if invoice is None:
        log.info('{"event": "answer-without-invoice", "reference": "%s"}',
                 answer.document_id[:100].replace('"', ""))
        return
    if counted:
        accepted = answer.code == answers.KABUL
        invoice.status = Status.ACCEPTED if accepted else Status.REJECTED
        invoice.updated_at = now
        reason = f" Gerekçe: {answer.reason}" if answer.reason else ""
        message = ("Müşteri faturayı KABUL etti." if accepted else
                   "Müşteri faturayı REDDETTİ." + reason + " Sonraki adım: bu faturayı "
                   "iptal etmek yerine müşteriyle anlaşıp gerekiyorsa düzeltilmiş yeni bir "
                   "fatura kesin; malı geri aldıysanız iade faturası düzenleyin.")
        add_event(s, invoice.id, "customer-accepted" if accepted else "customer-rejected",
                  message, code=answer.code, data={"envelope": env.uuid,
                                                   "reason": answer.reason})
    else:
        add_event(s, invoice.id, "customer-answer-ignored", note, code=answer.code[:20],
                  data={"envelope": env.uuid})


def _apply_statuses(ctx: AppContext, examined: Examined) -> None:
    from app.usecases.sending import apply_system_response_file

    for doc in examined.documents:
        try:
            apply_system_response_file(ctx, doc.content)
        except UserError as exc:  # a status GİB sent that names nothing of ours (test plan §7 b)
            log.info('{"event": "system-response-not-applied", "reason": "%s"}',
                     exc.message.replace('"', "'")[:200])


def _queue_system_response(s: Session, env: t.IncomingEnvelope, examined: Examined,
                           company: Party, now: datetime) -> bytes:
    """The system response (Ek-2 §4.2) about ``env``, waiting in the outbox for GİB."""
    created = clock.now()
    envelope_date = ((examined.header.created or "")[:10] if examined.header else "") or \
        created.date().isoformat()
    ar = build_system_application_response(
        envelope_id=env.uuid, envelope_date=envelope_date, code=examined.code or 1195,
        description=examined.description[:900],
        sender=EnvelopeParty(company.vkn_tckn, env.receiver_alias or "", company.display_name),
        receiver=EnvelopeParty(env.sender_vkn_tckn, env.sender_alias, env.sender_name),
        created=created, envelope_type=env.type)
    doc = documents.add(s, invoice_id=None, kind=DocumentKind.SYSTEM_RESPONSE.value, content=ar,
                        sha256=hashlib.sha256(ar).hexdigest(), now=now)
    env.response_document_id = doc.id
    enqueue(s, document_id=doc.id, kind=DocumentKind.SYSTEM_RESPONSE,
            channel=SystemResponseChannel.name, receiver_vkn_tckn=env.sender_vkn_tckn,
            receiver_alias=env.sender_alias, now=now)
    return ar


def response_of(ctx: AppContext, instance_id: str) -> bytes | None:
    """The system response recorded for a received envelope (what ``getApplicationResponse``
    answers GİB), or None while it is not processed."""
    with ctx.db.session() as s:
        env = repo.envelope_by_uuid(s, instance_id)
        if env is None or env.response_document_id is None:
            return None
        return documents.contents(s, [env.response_document_id])[0]


def process_spool(ctx: AppContext, spool: Spool | None = None, *, respond: bool = True,
                  limit: int | None = None, checks: Checks | None = None) -> ProcessReport:
    """Examine and record every envelope the service stored and has not processed yet."""
    spool = spool or Spool.open(ctx.data_dir)
    report = ProcessReport()
    pending = spool.pending()
    if limit is not None:
        pending = pending[:limit]
    if not pending:
        return report
    checks = checks or make_checks(ctx)
    aliases = receiving_aliases(ctx)
    company = require_company(ctx)
    for stored in pending:
        ident = stored.instance_id
        data = spool.read(ident)
        received_at = _received_at(stored)
        try:
            examined = examine(ident, data, checks=checks, company_vkn_tckn=company.vkn_tckn,
                               aliases=aliases)
            new, response = _record(ctx, ident, data, examined, received_at=received_at,
                                    origin="service", respond=respond)
        except OSError:
            raise  # the computer's trouble (disk), not the envelope's: the next round tries
        except Exception as exc:
            # Something in this envelope breaks the processing itself (it passed GİB's
            # rules, yet cannot be read). It must not block the ones after it, nor be
            # retried for ever: after MAX_ATTEMPTS it is recorded as 1195 SISTEM HATASI
            # (the sender may send it again), its zip kept as received.
            failures = int(stored.meta.get("failures") or 0) + 1
            log.exception("posta kutusu: zarf %s işlenemedi (%d. deneme)", ident, failures)
            if failures < MAX_ATTEMPTS:
                spool.note_failure(ident, failures, f"{type(exc).__name__}: {exc}"[:300])
                report.messages.append(f"{ident}: işlenemedi, yeniden denenecek")
                continue
            examined = Examined(ident, 1195, f"SISTEM HATASI: zarf işlenemedi "
                                f"({type(exc).__name__})", examined_header(data))
            new, response = _record(ctx, ident, data, examined, received_at=received_at,
                                    origin="service", respond=respond)
        _count(report, examined, new)
        if not new:  # recorded before a crash: what was sent then is what GİB may ask for
            response = response_of(ctx, ident)
        spool.mark_processed(ident, response=response, code=examined.code)
        log.info('{"event": "processed", "envelope": "%s", "type": "%s", "code": %s}',
                 ident, examined.type, examined.code if examined.code is not None else "null")
    return report


def examined_header(zip_bytes: bytes) -> Any:
    """The envelope's header when it can be read at all (to address the system response)."""
    from app.gib.envelope import parse_envelope
    from app.postbox.processing import read_zip

    try:
        return parse_envelope(read_zip(zip_bytes)[1])
    except Exception:  # nothing readable: the response cannot be addressed
        return None


def _received_at(stored: Any) -> datetime:
    """When the door stored the envelope (the spool's record, UTC), Istanbul wall clock."""
    value = (stored.meta or {}).get("received_at")
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return clock.local_now()
    return clock.to_istanbul(moment).replace(tzinfo=None)


def _count(report: ProcessReport, examined: Examined, new: bool) -> None:
    report.processed += 1
    if not new:
        report.already += 1
        return
    if not examined.ok:
        report.refused += 1
        report.messages.append(f"{examined.instance_id}: {examined.description}")
        return
    report.accepted += 1
    if examined.document_kind == DocumentKind.DESPATCH_ADVICE:
        report.despatches += len(examined.documents)
    elif examined.document_kind == DocumentKind.RECEIPT_ADVICE:
        report.receipts += len(examined.documents)
    elif examined.type == SENDER_ENVELOPE:
        report.invoices += len(examined.documents)
    elif examined.type == POSTBOX_ENVELOPE:
        report.answers += len(examined.documents)
    else:
        report.statuses += len(examined.documents)


# -- the inbox as the user sees it ---------------------------------------------------------

def _item_dict(item: t.InboxItem, inv: t.Invoice, env: t.IncomingEnvelope | None,
               today: datetime) -> dict[str, Any]:
    info = invoice_summary(inv)
    due = item.answer_due
    info.update({
        "sender_name": inv.customer_name, "sender_vkn_tckn": inv.customer_vkn_tckn,
        "received_at": item.received_at.isoformat(timespec="seconds"),
        "read": item.read_at is not None,
        "answerable": inv.profile in ANSWERABLE_PROFILES,
        "answer_due": due.isoformat(timespec="seconds") if due else None,
        "days_left": (due.date() - today.date()).days if due else None,
        "answer": item.answer, "answer_name": ANSWER_NAMES.get(item.answer, ""),
        "answer_reason": item.answer_reason,
        "answered_at": item.answered_at.isoformat(timespec="seconds") if item.answered_at
        else None,
        "envelope": env.uuid if env is not None else None,
        "signature_verdict": signature_verdict(inv.data.get("signature")),
    })
    return info


def list_inbox(ctx: AppContext) -> list[dict[str, Any]]:
    """Incoming invoices, unread first."""
    today = clock.local_now()
    with ctx.db.session() as s:
        rows = repo.items(s)
        envs = {e.id: e for e in repo.envelopes(s, limit=100_000)} if rows else {}
        return [_item_dict(item, inv, envs.get(item.envelope_id), today) for item, inv in rows]


def _get(s: Session, ettn: str) -> tuple[t.InboxItem, t.Invoice]:
    found = repo.item_by_ettn(s, ettn)
    if found is None:
        raise UserError(f"Gelen kutusunda {ettn} ETTN'li fatura yok; 'tezgah inbox list' ile "
                        "bakın.")
    return found


def show(ctx: AppContext, ettn: str, *, mark_read: bool = True) -> dict[str, Any]:
    """One incoming invoice with its lines, history and answer; opening it marks it read."""
    with ctx.db.write_session() as s:
        item, inv = _get(s, ettn)
        if mark_read and item.read_at is None:
            item.read_at = clock.local_now()
        env = s.get(t.IncomingEnvelope, item.envelope_id)
        info = _item_dict(item, inv, env, clock.local_now())
        info["lines"] = [{"name": ln.name, "quantity": str(ln.quantity), "unit": ln.unit,
                          "unit_price": str(ln.unit_price), "kdv_rate": str(ln.kdv_rate),
                          "net": str(ln.net), "kdv_amount": str(ln.kdv_amount)}
                         for ln in inv.lines]
        info["notes"] = inv.data.get("notes", [])
        info["supplier"] = inv.data.get("supplier", {})
        info["events"] = list_events(s, inv.id)
        return info


def original(ctx: AppContext, ettn: str) -> bytes:
    """The incoming invoice exactly as the sender signed it."""
    with ctx.db.session() as s:
        _, inv = _get(s, ettn)
        doc = documents.latest_of_invoice(s, inv.id, ["received"])
        if doc is None:
            raise UserError("Faturanın imzalı aslı bulunamadı.")
        return doc.content


def pdf(ctx: AppContext, ettn: str) -> bytes:
    """Tezgâh's PDF of an incoming invoice, read from the signed original."""
    from app.usecases.printing import document_pdf

    return document_pdf(original(ctx, ettn))


def html_view(ctx: AppContext, ettn: str) -> Any:
    """The sender's own visualisation (its embedded XSLT, in the sandbox), or Tezgâh's."""
    from app.usecases.printing import document_html

    return document_html(original(ctx, ettn))


def unread_count(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return repo.unread_count(s)


def envelopes(ctx: AppContext, *, limit: int = 200) -> list[dict[str, Any]]:
    """The received envelopes with the verdict sent back, newest first."""
    with ctx.db.session() as s:
        return [{"uuid": e.uuid, "type": e.type, "sender_vkn_tckn": e.sender_vkn_tckn,
                 "sender_alias": e.sender_alias, "sender_name": e.sender_name,
                 "received_at": e.received_at.isoformat(timespec="seconds"),
                 "status_code": e.status_code, "description": e.description,
                 "documents": e.document_count, "origin": e.origin}
                for e in repo.envelopes(s, limit=limit)]


# -- KABUL / RED -------------------------------------------------------------------------

def _seller(inv: t.Invoice) -> Party:
    data = dict(inv.data.get("supplier") or {})
    data["address"] = Address(**{k: v for k, v in (data.get("address") or {}).items()
                                 if k in Address.__dataclass_fields__})
    return Party(**{k: v for k, v in data.items() if k in Party.__dataclass_fields__})


def check_answerable(item: t.InboxItem, inv: t.Invoice, at: datetime) -> None:
    """Refuses (in Turkish) an answer that is not allowed: another profile, answered already,
    or the eight days are over (the deadline is shown)."""
    if inv.profile not in ANSWERABLE_PROFILES:
        raise UserError(f"{inv.profile} faturasına KABUL/RED yanıtı verilmez; yalnızca "
                        "TICARIFATURA senaryosundaki faturalar yanıtlanır.")
    if item.answer:
        when = f" ({item.answered_at:%d.%m.%Y %H:%M})" if item.answered_at else ""
        raise UserError(f"Bu faturaya zaten {item.answer} yanıtı verildi{when}; yanıt bir kez "
                        "verilir ve değiştirilemez.")
    if item.answer_due is None or at > item.answer_due:
        due = f"{item.answer_due:%d.%m.%Y %H:%M}" if item.answer_due else "-"
        raise UserError(f"Yanıt süresi doldu: son gün {due} idi (fatura alındıktan sonra 8 "
                        "gün). Bu faturaya artık sistem üzerinden KABUL/RED verilemez; "
                        "itirazınızı noter, taahhütlü mektup ya da KEP ile iletebilirsiniz.")


def store_answer(ctx: AppContext, ettn: str, code: str, reason: str, signed: bytes, *,
                 queue: bool) -> None:
    """Keep our signed answer and note it on the invoice, in one transaction; with ``queue``
    it waits in the outbox for GİB (POSTBOXENVELOPE to the invoice's sender)."""
    now = clock.local_now()
    with ctx.db.write_session() as s:
        item, inv = _get(s, ettn)
        check_answerable(item, inv, now)  # again: another window may have answered meanwhile
        env = s.get(t.IncomingEnvelope, item.envelope_id)
        doc = documents.add(s, invoice_id=inv.id, kind=DocumentKind.APPLICATION_RESPONSE.value,
                            content=signed, sha256=hashlib.sha256(signed).hexdigest(), now=now)
        item.answer, item.answer_reason, item.answered_at = code, answers.clean_text(reason), now
        item.answer_document_id = doc.id
        item.read_at = item.read_at or now
        if queue:
            enqueue(s, document_id=doc.id, kind=DocumentKind.APPLICATION_RESPONSE,
                    channel=AnswerChannel.name, receiver_vkn_tckn=inv.customer_vkn_tckn,
                    receiver_alias=env.sender_alias if env is not None else "", now=now,
                    invoice=inv)
        where = ("gönderilmek üzere giden kutusunda" if queue else
                 "posta kutusu servisi gönderecek")
        add_event(s, inv.id, "answered", f"{code} yanıtı verildi"
                  + (f": {answers.clean_text(reason)}" if reason.strip() else "")
                  + f"; {where}.", code=code)


def respond(ctx: AppContext, ettn: str, *, accept: bool, reason: str = "",
            secret: object = None) -> dict[str, Any]:
    """KABUL or RED an incoming TICARIFATURA: sign the answer on the card (``secret``: the
    PIN or a PIN handler, never stored), then in one transaction keep it, note it on the
    invoice and queue it for GİB. Refused when it is not allowed (see ``check_answerable``)."""
    from app.ubl.validate import get_validator
    from app.usecases.signing import company_signer

    code = answers.KABUL if accept else answers.RED
    company = require_company(ctx)
    now = clock.local_now()
    with ctx.db.session() as s:
        item, inv = _get(s, ettn)
        check_answerable(item, inv, now)
        seller, number, ettn_value, issued = _seller(inv), inv.number or "", inv.ettn, \
            inv.issue_date
    unsigned = answers.build_answer(
        us=company, seller=seller, invoice_number=number, invoice_uuid=ettn_value,
        invoice_date=issued, code=code, reason=reason,
        answer_uuid=str(uuid_mod.uuid4()).upper(), created=clock.now())
    with company_signer(ctx, secret) as sign:
        signed = sign(unsigned)
    report = get_validator(ctx.rules_dir).validate_application_response(signed)
    if not report.ok:
        raise UserError("Yanıt GİB kurallarına uymuyor: "
                        + "; ".join(str(p) for p in report.problems[:3]))
    remote = settings.read(ctx, settings.POSTBOX_SERVICE_URL)
    if remote:
        # This desktop collects from a posta kutusu elsewhere: the service sends the answer
        # (its outbox); it is recorded here only once the service took it.
        from app.usecases.postbox_api import hand_answer

        hand_answer(ctx, remote, ettn_value, signed)
        store_answer(ctx, ettn_value, code, reason, signed, queue=False)
    else:
        store_answer(ctx, ettn_value, code, reason, signed, queue=True)
    now = clock.local_now()
    return {"ettn": ettn_value, "answer": code, "reason": answers.clean_text(reason),
            "answered_at": now.isoformat(timespec="seconds")}
