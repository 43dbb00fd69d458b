"""The envelope state machine over the outbox's storage. Each function is one transition,
run inside the caller's write transaction; what a status *means* comes from the channel
(``app.channels.base.Status``), so the machine knows no service's codes."""

from __future__ import annotations

from datetime import datetime

from app.channels.base import Outcome, Packed, Status
from app.db import Session
from app.db import tables as t
from app.db.repositories import invoices
from app.db.repositories import outbox as repo
from app.db.repositories.events import add_events
from app.domain.status import Status as InvoiceStatus
from app.outbox import records
from app.outbox.states import (
    COMPLETED,
    DONE,
    ENV_FAILED,
    FAILED,
    HANDLED,
    PROCESSING,
    RETRY,
    SENDING,
    SENT,
    WAITING,
    SyncPolicy,
)


def state_of(s: Session, env_id: int) -> tuple[str, int]:
    """(state, attempts so far)."""
    env = repo.envelope(s, env_id)
    return env.state, env.attempts


def mark_sending(s: Session, env_id: int, attempts: int) -> tuple[str, Packed]:
    """Before each send, in its own transaction: from now on the outcome is unknown until
    the service answers. Returns the envelope's UUID and its fixed bytes."""
    env = repo.envelope(s, env_id)
    env.state, env.attempts = SENDING, attempts + 1
    return env.uuid, Packed(env.content, env.md5)


def envelope_uuid(s: Session, env_id: int) -> str:
    return repo.envelope(s, env_id).uuid


def mark_sent(s: Session, env_id: int, message: str, now: datetime,
              policy: SyncPolicy) -> None:
    env = repo.envelope(s, env_id)
    env.state, env.sent_at, env.last_message = SENT, env.sent_at or now, message
    env.next_action_at = now + policy.poll_interval
    records.moved(s, env, InvoiceStatus.SENT, "sent", message)


def retry(s: Session, env_id: int, message: str, now: datetime, policy: SyncPolicy, *,
          state: str = RETRY) -> None:
    env = repo.envelope(s, env_id)
    env.state = state
    env.next_action_at = now + policy.retry_delay(env.attempts)
    env.last_message = message
    for item in repo.items_of_envelope(s, env.id):
        item.problem = f"Gönderilemedi, {env.next_action_at:%H:%M:%S} tekrar denenecek: " \
                       f"{message}"
        item.updated_at = now


def fail(s: Session, env_id: int, message: str, code: int | None, now: datetime) -> None:
    env = repo.envelope(s, env_id)
    env.state, env.finished_at, env.last_message = ENV_FAILED, now, message
    for item in repo.items_of_envelope(s, env.id):
        item.state, item.problem, item.updated_at = FAILED, message, now
    records.moved(s, env, InvoiceStatus.FAILED, "rejected", message, code=str(code or ""))


def retry_poll(s: Session, env_id: int, message: str, now: datetime,
               policy: SyncPolicy) -> None:
    env = repo.envelope(s, env_id)
    env.polls += 1
    env.next_action_at = now + policy.retry_delay(env.polls)
    env.last_message = message


def apply_status(s: Session, env_id: int, code: int | None, status: Status, now: datetime,
                 policy: SyncPolicy) -> str | None:
    """Record the service's status of the envelope; returns ``completed`` or ``failed``
    when it ended that way (for the sync's report), else None."""
    env = repo.envelope(s, env_id)
    env.polls += 1
    env.status_code = code
    text = status.text
    env.last_message = text
    if env.sent_at is None:
        env.sent_at = now
    if not status.final:
        env.state = PROCESSING
        env.next_action_at = now + policy.poll_interval
        records.moved(s, env, InvoiceStatus.PROCESSING, "gib-status", text,
                      code=str(code or ""))
        return None
    env.finished_at = now
    items = repo.items_of_envelope(s, env.id)
    if status.outcome is Outcome.SUCCESS:
        env.state = COMPLETED
        for item in items:
            item.state, item.problem, item.updated_at = DONE, "", now
        records.moved(s, env, InvoiceStatus.COMPLETED, "gib-status", text, code=str(code))
        return COMPLETED
    env.state = ENV_FAILED
    if status.outcome is Outcome.RESEND:
        # Refused for a reason on GİB's or the receiver's side: the same documents go out
        # again in a fresh envelope (a new UUID, Ek-2 §4.1).
        for item in items:
            item.state, item.envelope_id, item.updated_at = WAITING, None, now
            item.problem = f"{text} — yeni zarfla tekrar gönderilecek."
        records.moved(s, env, InvoiceStatus.QUEUED, "gib-status", f"{text} {status.action}",
                      code=str(code))
        return None
    if status.outcome is Outcome.ALREADY_SENT:
        for item in items:
            item.state, item.problem, item.updated_at = DONE, text, now
        records.moved(s, env, InvoiceStatus.SENT, "gib-status", f"{text} {status.action}",
                      code=str(code))
        return None
    for item in items:
        item.state, item.problem, item.updated_at = FAILED, f"{text} {status.action}", now
    records.moved(s, env, InvoiceStatus.FAILED, "gib-status", f"{text} {status.action}",
                  code=str(code))
    return ENV_FAILED


def requeue_failed(s: Session, invoice_id: int, now: datetime, *, alias: str = "",
                   message: str) -> int:
    """The user sends a finally refused invoice's same document again: its failed outbox
    items wait for a new envelope (a new UUID at packing), with the receiver's ``alias`` when
    given. Returns how many items went back; 0 when none was failed (already requeued), so a
    second press cannot send it twice."""
    items = [i for i in repo.items_of_invoice(s, invoice_id) if i.state == FAILED]
    for item in items:
        _back_to_outbox(item, now, alias)
    if items:
        invoices.set_status(s, [invoice_id], InvoiceStatus.QUEUED)
        add_events(s, [invoice_id], "resend", message,
                   data={"alias": alias} if alias else None)
    return len(items)


def requeue_failed_document(s: Session, document_id: int, now: datetime, *,
                            alias: str = "", read_alias_again: bool = False) -> bool:
    """``requeue_failed`` for a document whose channel moves its own record (a despatch
    advice, our receipt advice; ``records.queued`` moves it back to queued). Without
    ``alias``, ``read_alias_again`` forgets the alias it was packed to, so packing reads it
    from GİB's user list again. False when its item is not failed (already requeued), so a
    second press cannot send it twice."""
    item = repo.item_of_document(s, document_id)
    if item is None or item.state != FAILED:
        return False
    if read_alias_again and not alias:
        item.receiver_alias = ""
    _back_to_outbox(item, now, alias)
    records.queued(s, item.channel, document_id, None)
    return True


def _back_to_outbox(item: t.OutboxItem, now: datetime, alias: str) -> None:
    """A failed item waits for a new envelope (a new UUID at packing), to ``alias`` if given."""
    item.state, item.envelope_id, item.problem, item.updated_at = WAITING, None, "", now
    if alias:
        item.receiver_alias = alias


def mark_handled_document(s: Session, document_id: int, now: datetime) -> bool:
    """``mark_handled`` for such a document: its failed item leaves the outbox's count."""
    item = repo.item_of_document(s, document_id)
    if item is None or item.state != FAILED:
        return False
    item.state, item.updated_at = HANDLED, now
    return True


def mark_handled(s: Session, invoice_id: int, now: datetime, *, by: str, note: str = "") -> int:
    """The user dealt with a final refusal: the invoice's failed items leave the outbox's
    count (state ``handled``); the event records who and when. Returns how many items."""
    items = [i for i in repo.items_of_invoice(s, invoice_id) if i.state == FAILED]
    for item in items:
        item.state, item.updated_at = HANDLED, now
    if items:
        add_events(s, [invoice_id], "handled",
                   f"Çözüldü olarak işaretlendi ({by})." + (f" {note}" if note else ""),
                   data={"by": by, "at": now.isoformat(timespec="seconds")})
    return len(items)
