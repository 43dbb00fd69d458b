"""e-İrsaliye received, and our irsaliye yanıtı.

Receiving (the posta kutusu's ``app.usecases.inbox`` and ``tezgah import``): a despatch
advice for us becomes a ``despatches`` row with direction ``in`` and status ``received``; a
receipt advice about one of our despatch advices becomes a ``receipt_advices`` row with
direction ``in`` and, when it is the first within seven days, moves our despatch advice to
``answered`` with the outcome per line (``app.domain.receipt_outcome``). A receipt advice
whose despatch advice is not known is still kept and says so. Each keeps its exact signed
bytes in ``documents`` (in the archive chain) and the verdict on its signature. Documents
are known by their sender and ETTN (GİB's samples share ETTNs): the same bytes again are
"already received"; other bytes under a sender's ETTN already stored are refused.

Answering (``respond_despatch``): once, within seven days of receiving the despatch advice
(``app.domain.deadlines``): ``ReceiptData.from_json`` → render → sign → GİB's XSD and
schematron → numbered (series ``IRY``, ``number_series`` kind ``receipt-advice``) and
stored in one transaction (``app.usecases.numbering.prepare_then_store``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import uuid as uuid_mod
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app import clock
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import despatches as despatch_repo
from app.db.repositories import documents
from app.db.repositories import numbering as numbering_repo
from app.db.repositories import receipts as repo
from app.domain import deadlines
from app.domain.despatch_as_read import Despatch, DocParty, Receipt
from app.domain.despatch_status import DespatchStatus
from app.domain.documents import DocumentKind
from app.domain.errors import NotFoundError, UserError, ValidationFailed
from app.domain.receipt import ReceiptData
from app.domain.receipt_outcome import ReceiptOutcome, receipt_outcome
from app.domain.receipt_status import RECEIPT_STATUS_NAMES, ReceiptStatus
from app.ubl.despatch_read import read_despatch, read_despatch_document, read_receipt
from app.usecases.numbering import Overtaken, locked_next, peek_next, prepare_then_store

log = logging.getLogger("tezgah.despatch")

RECEIPT_SERIES = "IRY"  # our receipt advices' own series (IRY2026000000001)
RECEIPT = DocumentKind.RECEIPT_ADVICE
DESPATCH = DocumentKind.DESPATCH_ADVICE
WAITING = ReceiptStatus.WAITING.value  # our receipt advice, stored, waiting to be sent
QUEUED = ReceiptStatus.QUEUED.value  # … in the outbox (the outbox moves it on)
RECEIVED = ReceiptStatus.RECEIVED.value  # a received receipt advice


# --- what a received document is -----------------------------------------------------------

@dataclass(frozen=True)
class Stored:
    """What storing a received document did: ``new`` False when the same bytes were kept
    before; ``note`` a Turkish sentence when there is something to say."""

    kind: DocumentKind
    row_id: int
    new: bool
    number: str
    ettn: str
    sender_vkn_tckn: str
    sender_name: str
    note: str = ""


def _party_dict(p: DocParty | None) -> dict[str, Any] | None:
    return dataclasses.asdict(p) if p is not None else None


def _already(s: Session, digest: str, found: Any, what: str) -> bool:
    """True when ``found`` (a row of the same sender and ETTN) holds these very bytes;
    a refusal when it holds others."""
    if found is None:
        return False
    if documents.id_by_sha256(s, digest) == found.document_id:
        return True
    raise UserError(f"{found.sender_name or found.sender_vkn_tckn} gönderenin {found.ettn} "
                    f"ETTN'li {what} zaten kayıtlı ({found.number}); aynı ETTN ile başka bir "
                    "belge saklanmadı. Göndericiyle kontrol edin.")


def add_received_despatch(s: Session, content: bytes, signature: dict[str, Any], *,
                          received_at: datetime, now: datetime,
                          envelope: str | None = None) -> Stored:
    """Inside the caller's transaction: a received despatch advice (exact signed bytes) as a
    ``despatches`` row with direction in and status received."""
    d = read_despatch(content)
    digest = hashlib.sha256(content).hexdigest()
    sender = d.supplier
    found = despatch_repo.in_by_sender_ettn(s, sender.vkn_tckn, d.uuid)
    if _already(s, digest, found, "irsaliye"):
        return Stored(DESPATCH, found.id, False, d.number, d.uuid, sender.vkn_tckn,
                      sender.display_name, "Bu irsaliye daha önce alınmış.")
    document_id = documents.insert_row(s, invoice_id=None, kind=DESPATCH.value,
                                       content=content, sha256=digest, now=now)
    shipment = d.shipment
    row = t.Despatch(
        ettn=d.uuid, direction="in", status=DespatchStatus.RECEIVED.value, number=d.number[:16],
        profile=d.profile[:30], type=d.type_code[:30], series=d.number[:3],
        issue_date=d.issue_date,
        issue_time=d.issue_time.strftime("%H:%M:%S") if d.issue_time else "",
        despatch_date=shipment.despatch_date or d.issue_date,
        despatch_time=(shipment.despatch_time.strftime("%H:%M:%S")
                       if shipment.despatch_time else ""),
        receiver_vkn_tckn=d.customer.vkn_tckn[:11],
        receiver_name=d.customer.display_name[:300] or "-",
        sender_vkn_tckn=sender.vkn_tckn[:11], sender_name=sender.display_name[:300] or "-",
        data={"supplier": _party_dict(sender), "customer": _party_dict(d.customer),
              "notes": list(d.notes), "signature": signature, "envelope": envelope,
              "sha256": digest,
              "lines": [{"line_id": ln.line_id, "name": ln.item_name,
                         "quantity": str(ln.quantity), "unit": ln.unit}
                        for ln in d.lines]},
        signed=d.signed, document_id=document_id, received_at=received_at,
        created_at=now, updated_at=now, issued_at=now)
    despatch_repo.add(s, row)
    return Stored(DESPATCH, row.id, True, d.number, d.uuid, sender.vkn_tckn,
                  sender.display_name)


def _outcome_json(outcome: ReceiptOutcome) -> dict[str, Any]:
    return {"summary": outcome.summary(), "everything_accepted": outcome.everything_accepted,
            "unanswered": list(outcome.unanswered), "notes": list(outcome.notes),
            "lines": [{"line_id": ln.line_id, "item_name": ln.item_name, "unit": ln.unit,
                       "despatched": str(ln.despatched), "received": str(ln.received),
                       "accepted": str(ln.accepted), "rejected": str(ln.rejected),
                       "short": str(ln.short), "oversupply": str(ln.oversupply),
                       "reject_reason": ln.reject_reason, "note": ln.note}
                      for ln in outcome.lines]}


def _our_despatch(s: Session, row: t.Despatch) -> Despatch:
    doc = s.get(t.Document, row.document_id)
    assert doc is not None, "an issued despatch advice has its document"
    return read_despatch(doc.content)


def add_received_receipt(s: Session, content: bytes, signature: dict[str, Any], *,
                         received_at: datetime, now: datetime,
                         envelope_id: int | None = None) -> Stored:
    """Inside the caller's transaction: a received receipt advice, matched to our despatch
    advice; the first one within seven days moves it to answered."""
    r = read_receipt(content)
    digest = hashlib.sha256(content).hexdigest()
    sender = r.customer  # who answers: the despatch's receiver
    found = repo.by_sender_ettn(s, "in", sender.vkn_tckn, r.uuid)
    if _already(s, digest, found, "irsaliye yanıtı"):
        return Stored(RECEIPT, found.id, False, r.number, r.uuid, sender.vkn_tckn,
                      sender.display_name, "Bu irsaliye yanıtı daha önce alınmış.")
    ours = despatch_repo.out_by_reference(s, r.despatch.id)
    data: dict[str, Any] = {"signature": signature, "notes": list(r.notes), "sha256": digest}
    counted, note = False, ""
    if ours is None:
        note = (f"Bu irsaliye yanıtının yanıtladığı irsaliye ({r.despatch.id}) kayıtlı "
                "irsaliyelerimiz arasında yok; yanıt yalnızca saklandı.")
    else:
        try:
            data["outcome"] = _outcome_json(receipt_outcome(_our_despatch(s, ours), r))
        except UserError as exc:
            note = f"{exc.message} Yanıt saklandı, irsaliyeye işlenmedi."
        else:
            first = repo.counted_for(s, ours.id)
            if first is not None:
                note = (f"İkinci bir irsaliye yanıtı geldi; ilk yanıt ({first.number}) "
                        "geçerli, bu yanıt dikkate alınmadı.")
            elif not deadlines.may_still_send_receipt(ours.issued_at or received_at,
                                                      received_at):
                note = ("İrsaliye yanıtı yedi günlük süre dolduktan sonra geldi; dikkate "
                        "alınmadı.")
            else:
                counted = True
                note = data["outcome"]["summary"]
    data["note"] = note
    document_id = documents.insert_row(s, invoice_id=None, kind=RECEIPT.value,
                                       content=content, sha256=digest, now=now)
    row = repo.add(s, t.ReceiptAdvice(
        direction="in", status=RECEIVED, ettn=r.uuid, number=r.number[:30],
        issue_date=r.issue_date, despatch_id=ours.id if ours is not None else None,
        despatch_reference=r.despatch.id[:100], sender_vkn_tckn=sender.vkn_tckn[:11],
        sender_name=sender.display_name[:300] or "-",
        receiver_vkn_tckn=r.supplier.vkn_tckn[:11],
        receiver_name=r.supplier.display_name[:300] or "-", data=data, counted=counted,
        signature_valid=bool(signature.get("valid")), document_id=document_id,
        envelope_id=envelope_id, received_at=received_at, created_at=now, updated_at=now))
    if counted and ours is not None:
        ours.status = DespatchStatus.ANSWERED.value
        ours.updated_at = now
    if ours is None:
        log.info('{"event": "receipt-without-despatch", "reference": "%s"}',
                 r.despatch.id[:100].replace('"', ""))
    return Stored(RECEIPT, row.id, True, r.number, r.uuid, sender.vkn_tckn,
                  sender.display_name, note)


def add_received(s: Session, content: bytes, signature: dict[str, Any], *,
                 received_at: datetime, now: datetime, envelope_id: int | None = None,
                 envelope: str | None = None) -> Stored:
    """A received despatch or receipt advice, whichever ``content`` is."""
    document = read_despatch_document(content)
    if isinstance(document, Receipt):
        return add_received_receipt(s, content, signature, received_at=received_at, now=now,
                                    envelope_id=envelope_id)
    return add_received_despatch(s, content, signature, received_at=received_at, now=now,
                                 envelope=envelope)


def import_document(ctx: AppContext, data: bytes) -> dict[str, Any]:
    """``tezgah import`` of a DespatchAdvice or ReceiptAdvice file: verified with the
    company's trust anchors and stored as received, whatever the verdict (it is evidence);
    all or nothing. The same document twice is refused."""
    from app.postbox.processing import signature_summary
    from app.signing import verify_document
    from app.usecases.invoices import signature_verdict
    from app.usecases.trust import trust_store

    document = read_despatch_document(data)  # a clear refusal before anything is verified
    signature = signature_summary(verify_document(data, trust=trust_store(ctx.data_dir)))
    now = clock.local_now()
    with ctx.db.write_session() as s:
        stored = add_received(s, data, signature, received_at=now, now=now)
    if not stored.new:
        raise UserError(f"Bu belge ({stored.number}, ETTN {stored.ettn}) zaten kayıtlı; ikinci "
                        "kez içe alınmadı.")
    return {"kind": stored.kind.value, "kind_name": stored.kind.label, "ettn": stored.ettn,
            "number": stored.number, "sender_name": stored.sender_name,
            "sender_vkn_tckn": stored.sender_vkn_tckn, "note": stored.note,
            "lines": len(document.lines), "signed": document.signed,
            "signature_valid": signature["valid"], "signature_problems": signature["problems"],
            "signature_verdict": signature_verdict(signature),
            "sha256": hashlib.sha256(data).hexdigest()}


# --- reading -------------------------------------------------------------------------------

def _receipt_dict(s: Session, row: t.ReceiptAdvice) -> dict[str, Any]:
    """A receipt advice as ``despatch show`` gives it; ours with ``sending``, how it travels
    (``despatch_sending.sending_of_document``)."""
    from app.usecases.despatch_sending import sending_of_document

    return {"direction": row.direction, "number": row.number, "ettn": row.ettn,
            "status": row.status, "status_name": RECEIPT_STATUS_NAMES.get(row.status, row.status),
            "issue_date": row.issue_date.isoformat(), "counted": row.counted,
            "despatch_reference": row.despatch_reference,
            "sender_name": row.sender_name, "sender_vkn_tckn": row.sender_vkn_tckn,
            "signature_valid": row.signature_valid, "note": (row.data or {}).get("note", ""),
            "outcome": (row.data or {}).get("outcome"),
            "answer": None if row.direction == "in" else row.data,
            "received_at": row.received_at.isoformat(timespec="seconds")
            if row.received_at else None,
            "sending": sending_of_document(s, row.document_id) if row.direction == "out"
            else {}}


def exchange_of(s: Session, row: t.Despatch) -> dict[str, Any]:
    """What ``despatch show`` adds: for a received despatch advice its sender, arrival,
    signature verdict, answer deadline and our answer; for ours the receiver's answers."""
    from app.usecases.invoices import signature_verdict

    answers = [_receipt_dict(s, r) for r in repo.of_despatch(s, row.id)]
    info: dict[str, Any] = {"receipt_advices": answers}
    if row.direction == "in":
        received = row.received_at or row.created_at
        info.update({
            "sender_name": row.sender_name, "sender_vkn_tckn": row.sender_vkn_tckn,
            "received_at": received.isoformat(timespec="seconds"),
            "signature_verdict": signature_verdict(row.data.get("signature")),
            "answer_due": deadlines.receipt_deadline(received).replace(tzinfo=None)
            .isoformat(timespec="seconds"),
            "answerable": not answers and deadlines.may_still_send_receipt(received)})
    else:
        counted = next((a for a in answers if a["counted"]), None)
        info["outcome"] = counted["outcome"] if counted else None
    return info


def receipt_xml(ctx: AppContext, ettn: str) -> bytes:
    """The exact bytes of a stored receipt advice, ours or received (by its ETTN; ours
    first)."""
    with ctx.db.session() as s:
        row = repo.by_ettn(s, ettn)
        if row is None:
            raise NotFoundError(f"{ettn.strip()} ETTN'li irsaliye yanıtı bulunamadı.")
        return documents.contents(s, [row.document_id])[0]


def unmatched_receipts(ctx: AppContext) -> list[dict[str, Any]]:
    """Received receipt advices whose despatch advice is not one of ours."""
    with ctx.db.session() as s:
        return [_receipt_dict(s, r) for r in repo.unmatched(s)]


# --- our answer ----------------------------------------------------------------------------

def _received_row(s: Session, ettn: str) -> t.Despatch:
    rows = [r for r in despatch_repo.search(s, text=ettn.strip(), direction="in", limit=50)
            if r.ettn == ettn.strip().upper() or r.number == ettn.strip().upper()]
    if not rows:
        raise NotFoundError(f"{ettn.strip()} ETTN'li gelen irsaliye bulunamadı; 'tezgah "
                            "despatch list --incoming' ile bakın.")
    if len(rows) > 1:
        raise UserError(f"{ettn.strip()} ETTN'li birden çok gelen irsaliye var (farklı "
                        "göndericilerden); yanıt verilemedi, göndericilerle kontrol edin.")
    return rows[0]


def check_respondable(s: Session, row: t.Despatch, at: datetime) -> None:
    """Refuses (in Turkish) an answer that is not allowed: not a received despatch advice,
    answered already, or the seven days are over."""
    if row.direction != "in":
        raise UserError("İrsaliye yanıtı yalnızca gelen irsaliyeye verilir; bu irsaliye sizin "
                        "kestiğiniz bir irsaliye.")
    ours = repo.ours_for(s, row.id)
    if ours is not None:
        raise UserError(f"Bu irsaliyeye zaten yanıt verildi ({ours.number}, "
                        f"{ours.created_at:%d.%m.%Y %H:%M}); irsaliye yanıtı bir kez verilir.")
    received = row.received_at or row.created_at
    if not deadlines.may_still_send_receipt(received, at):
        due = deadlines.receipt_deadline(received)
        raise UserError(f"Yanıt süresi doldu: son gün {due:%d.%m.%Y %H:%M} idi (irsaliye "
                        "alındıktan sonra 7 gün). Bu irsaliyeye artık sistem üzerinden yanıt "
                        "verilemez.")


@dataclass(frozen=True)
class _Read:
    despatch_id: int
    despatch: Despatch
    receipt: ReceiptData
    expected: int
    number: str
    sender_alias: str


def _answer_to(ctx: AppContext, s: Session, row: t.Despatch) -> str:
    """Where our answer goes: the alias the despatch advice came from (the received
    envelope's sender), else the sender's DespatchAdvice gönderici birim in GİB's user list;
    "" when neither is known."""
    from app.db.repositories import inbox as inbox_repo
    from app.gib.userlist import UserListStore

    env = inbox_repo.envelope_by_uuid(s, row.data["envelope"]) \
        if row.data.get("envelope") else None
    if env is not None and env.sender_alias:
        return str(env.sender_alias)
    found = UserListStore(ctx.db.engine).despatch_alias(row.sender_vkn_tckn, role="GB")
    return found.alias if found is not None else ""


def _read_for_answer(ctx: AppContext, s: Session, ettn: str, data: dict[str, Any]) -> _Read:
    row = _received_row(s, ettn)
    check_respondable(s, row, clock.local_now())
    despatch = _our_despatch(s, row)
    receipt = ReceiptData.from_json(data, despatch)
    expected, number = peek_next(s, RECEIPT_SERIES, clock.today(), RECEIPT)
    return _Read(row.id, despatch, receipt, expected, number, _answer_to(ctx, s, row))


def _prepare(read: _Read, sign: Any, validator: Any, our_vkn: str) -> bytes:
    from app.ubl.receipt_build import render_receipt

    xml = render_receipt(read.receipt, number=read.number, uuid=str(uuid_mod.uuid4()).upper(),
                         created=clock.now().replace(microsecond=0), our_vkn=our_vkn)
    signed = sign(xml)
    report = validator.validate_receipt_advice(signed)
    if not report.ok:
        raise ValidationFailed(
            "İrsaliye yanıtı GİB kurallarına uymuyor; saklanmadı ve numara kullanılmadı:\n"
            + "\n".join(f"- {p.message} ({p.location})" for p in report.problems),
            report.problems)
    return signed


def _store(s: Session, read: _Read, xml: bytes) -> dict[str, Any]:
    row = s.get(t.Despatch, read.despatch_id)
    assert row is not None
    check_respondable(s, row, clock.local_now())  # another window may have answered
    today = clock.today()
    sequence, _ = locked_next(s, RECEIPT_SERIES, today, RECEIPT)
    if sequence != read.expected:
        raise Overtaken
    numbering_repo.advance(s, RECEIPT.value, RECEIPT_SERIES, today.year, sequence, today)
    now = clock.local_now()
    digest = hashlib.sha256(xml).hexdigest()
    document_id = documents.insert_row(s, invoice_id=None, kind=RECEIPT.value, content=xml,
                                       sha256=digest, now=now)
    receipt = read_receipt(xml)
    queued = _queue(s, document_id, row, read.sender_alias, now)
    repo.add(s, t.ReceiptAdvice(
        direction="out", status=QUEUED if queued else WAITING, ettn=receipt.uuid,
        number=read.number, issue_date=receipt.issue_date, despatch_id=row.id,
        despatch_reference=row.ettn, sender_vkn_tckn=receipt.customer.vkn_tckn[:11],
        sender_name=receipt.customer.display_name[:300] or "-",
        receiver_vkn_tckn=row.sender_vkn_tckn, receiver_name=row.sender_name,
        data=read.receipt.to_json(), counted=True, signature_valid=None,
        document_id=document_id, envelope_id=None, received_at=None, created_at=now,
        updated_at=now))
    row.status = DespatchStatus.ANSWERED.value
    row.updated_at = now
    return {"ettn": row.ettn, "receipt_number": read.number, "receipt_ettn": receipt.uuid,
            "sha256": digest, "queued": queued,
            "status": QUEUED if queued else WAITING,
            "status_name": RECEIPT_STATUS_NAMES[QUEUED if queued else WAITING]}


def _queue(s: Session, document_id: int, row: t.Despatch, alias: str, now: datetime) -> bool:
    """Hands our signed receipt advice to the outbox (a POSTBOXENVELOPE to the despatch's
    sender, ``despatch_sending.queue_receipt_advice``); False when the sender's e-İrsaliye
    address is not known: it stays stored, waiting to be sent."""
    from app.usecases.despatch_sending import queue_receipt_advice

    if not alias:
        return False
    queue_receipt_advice(s, document_id, row.sender_vkn_tckn, alias, now=now)
    return True


def respond_despatch(ctx: AppContext, ettn: str, data: dict[str, Any],
                     secret: object = None) -> dict[str, Any]:
    """Answer a received despatch advice with our irsaliye yanıtı (``data``: the JSON of
    ``ReceiptData.from_json``), signed on the company's signer (``secret``: the PIN or a PIN
    handler, never stored). Refused when not allowed (``check_respondable``)."""
    from app.ubl.validate import get_validator
    from app.usecases.company import require_company
    from app.usecases.signing import company_signer

    company = require_company(ctx)
    validator = get_validator(ctx.rules_dir)
    with ctx.db.session() as s:
        first = _read_for_answer(ctx, s, ettn, data)  # refusals before the PIN is asked
    with company_signer(ctx, secret) as sign:
        return prepare_then_store(
            ctx, lambda s: _read_for_answer(ctx, s, ettn, data),
            lambda read: _prepare(read, sign, validator, company.vkn_tckn),
            _store, first=first)


__all__ = ["RECEIPT_SERIES", "Stored", "add_received", "add_received_despatch",
           "add_received_receipt", "check_respondable", "exchange_of",
           "import_document", "receipt_xml", "respond_despatch", "unmatched_receipts"]
