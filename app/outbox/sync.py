"""Sending envelopes to GİB and following them to a final state.

Exactly once (Ek-3 §8: fault 2001 "zarf daha önce gönderilmiş"): an envelope's UUID and zip
are fixed when it is packed. Before each send the envelope is marked ``sending`` in its own
transaction; a process that dies after that mark but before storing the answer leaves the
outcome unknown, so the next run first asks GİB for the envelope's status and sends the
*same* zip again only when GİB does not know it. A resend that GİB already has answers 2001,
which is taken as "received" and followed with ``getApplicationResponse``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app import clock as app_clock
from app.context import AppContext
from app.db import tables as t
from app.db.repositories import invoices, outbox
from app.db.repositories.events import add_events
from app.domain.status import Status
from app.gib import codes
from app.gib.client import EFaturaClient
from app.gib.errors import GibError, NotDelivered, Rejected
from app.gib.package import zip_file_name
from app.outbox import failpoints
from app.outbox.queue import DONE, ENVELOPED, FAILED, WAITING, pack
from app.usecases.company import require_company

READY, SENDING, RETRY, SENT, PROCESSING, COMPLETED, ENV_FAILED = (
    "ready", "sending", "retry", "sent", "processing", "completed", "failed")
ACTIVE = (READY, SENDING, RETRY, SENT, PROCESSING)


@dataclass
class SyncPolicy:
    """How patient the sync is. Tests use zero delays."""

    poll_interval: timedelta = timedelta(seconds=20)
    backoff: tuple[timedelta, ...] = (timedelta(seconds=30), timedelta(minutes=1),
                                      timedelta(minutes=2), timedelta(minutes=5),
                                      timedelta(minutes=15), timedelta(minutes=30))

    def retry_delay(self, attempts: int) -> timedelta:
        return self.backoff[min(max(attempts - 1, 0), len(self.backoff) - 1)]


@dataclass
class SyncReport:
    packed: int = 0
    sent: int = 0
    completed: int = 0
    failed: int = 0
    retrying: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return self.retrying > 0


def _set_invoices(s: Session, env: t.Envelope, status: Status, kind: str, message: str,
                  code: str = "") -> None:
    """Move the envelope's invoices to ``status``; log it for those whose status changed
    (and for all of them when GİB gave a code). Set-based: an envelope holds up to 100."""
    ids = outbox.invoice_ids_of_envelope(s, env.id)
    changed = invoices.set_status(s, ids, status)
    add_events(s, ids if code else changed, kind, message, code=code,
               data={"envelope": env.uuid})


def _items(s: Session, env: t.Envelope) -> list[t.OutboxItem]:
    return outbox.items_of_envelope(s, env.id)


class Sync:
    def __init__(self, ctx: AppContext, client: EFaturaClient | None, *,
                 policy: SyncPolicy | None = None,
                 clock: Callable[[], datetime] = app_clock.local_now,
                 resolve_alias: Callable[[str], str] | None = None) -> None:
        self.ctx = ctx
        self._client = client
        self.policy = policy or SyncPolicy()
        self.clock = clock
        self.resolve_alias = resolve_alias or (lambda _vkn: "")

    @property
    def client(self) -> EFaturaClient:
        if self._client is None:
            raise RuntimeError("this Sync only applies responses; it has no GİB client")
        return self._client

    # -- packing ---------------------------------------------------------------------------
    def pack(self) -> int:
        company = require_company(self.ctx)
        validate = self._envelope_validator()
        with self.ctx.db.write_session() as s:
            if not company.alias:
                waiting = outbox.items_in_state(s, WAITING)
                for item in waiting:
                    item.problem = ("Firmanın gönderici birim etiketi (alias) tanımlı değil; "
                                    "Ayarlar'da ya da 'tezgah company set' ile yazın.")
                return 0
            envelopes = pack(s, sender_vkn=company.vkn_tckn, sender_alias=company.alias,
                             sender_name=company.display_name, resolve_alias=self.resolve_alias,
                             now=self.clock(), validate=validate)
            return len(envelopes)

    def _envelope_validator(self):  # type: ignore[no-untyped-def]
        from app.ubl.validate import get_validator

        validator = get_validator(self.ctx.rules_dir)

        def check(xml: bytes) -> list[str]:
            report = validator.validate_envelope(xml)
            return [f"{p.message} ({p.location})" for p in report.problems]

        return check

    # -- one pass ----------------------------------------------------------------------------
    def run_once(self) -> SyncReport:
        report = SyncReport()
        report.packed = self.pack()
        failpoints.hit("after-pack")
        now = self.clock()
        with self.ctx.db.session() as s:
            due = outbox.due_envelope_ids(s, ACTIVE, now)
        for env_id in due:
            self._advance(env_id, report)
        with self.ctx.db.session() as s:
            report.retrying = outbox.count_envelopes(s, ACTIVE)
        return report

    def run_until_done(self, *, max_rounds: int = 1000, sleep: Callable[[float], None],
                       max_seconds: float | None = None) -> SyncReport:
        """Repeat passes until nothing is active, ``max_rounds`` passes or ``max_seconds``
        (what is left waits in the outbox for the next sync)."""
        total = SyncReport()
        started = self.clock()
        for _ in range(max_rounds):
            r = self.run_once()
            for name in ("packed", "sent", "completed", "failed"):
                setattr(total, name, getattr(total, name) + getattr(r, name))
            total.messages.extend(r.messages)
            total.retrying = r.retrying
            if not r.retrying:
                break
            with self.ctx.db.session() as s:
                nxt = outbox.next_action_at(s, ACTIVE)
            wait = max(0.0, (nxt - self.clock()).total_seconds()) if nxt else 0.0
            if max_seconds is not None and (
                    self.clock() - started).total_seconds() + wait > max_seconds:
                break
            sleep(min(wait, 60.0) or 0.05)
        return total

    # -- the state machine -------------------------------------------------------------------
    def _advance(self, env_id: int, report: SyncReport) -> None:
        with self.ctx.db.session() as s:
            env = outbox.envelope(s, env_id)
            state, attempts = env.state, env.attempts
        if state == SENDING:
            # The last run died (or lost the answer) after starting to send: ask first.
            if self._poll(env_id, report, unknown_if_missing=True):
                return
            state = RETRY
        if state in (READY, RETRY):
            self._send(env_id, attempts, report)
        elif state in (SENT, PROCESSING):
            self._poll(env_id, report)

    def _send(self, env_id: int, attempts: int, report: SyncReport) -> None:
        with self.ctx.db.write_session() as s:
            env = outbox.envelope(s, env_id)
            env.state, env.attempts = SENDING, attempts + 1
            uuid, content, md5 = env.uuid, env.content, env.md5
        failpoints.hit("after-mark-sending")
        try:
            self.client.send_document(zip_file_name(uuid), content, md5)
            failpoints.hit("after-send")
        except Rejected as exc:
            if exc.already_received:
                self._mark_sent(env_id, "GİB zarfı daha önce almış (2001); durumu sorgulanıyor.",
                                report)
                return
            self._fail(env_id, exc, report)
            return
        except NotDelivered as exc:
            self._retry(env_id, exc, report)
            return
        self._mark_sent(env_id, "Zarf GİB'e iletildi.", report)

    def _mark_sent(self, env_id: int, message: str, report: SyncReport) -> None:
        now = self.clock()
        with self.ctx.db.write_session() as s:
            env = outbox.envelope(s, env_id)
            env.state, env.sent_at, env.last_message = SENT, env.sent_at or now, message
            env.next_action_at = now + self.policy.poll_interval
            _set_invoices(s, env, Status.SENT, "sent", message)
        report.sent += 1
        failpoints.hit("after-mark-sent")

    def _retry(self, env_id: int, exc: GibError, report: SyncReport, *,
               state: str = RETRY) -> None:
        now = self.clock()
        with self.ctx.db.write_session() as s:
            env = outbox.envelope(s, env_id)
            env.state = state
            env.next_action_at = now + self.policy.retry_delay(env.attempts)
            env.last_message = exc.message
            for item in _items(s, env):
                item.problem = f"Gönderilemedi, {env.next_action_at:%H:%M:%S} tekrar denenecek: " \
                               f"{exc.message}"
                item.updated_at = now
        report.messages.append(exc.message)

    def _fail(self, env_id: int, exc: GibError, report: SyncReport) -> None:
        now = self.clock()
        with self.ctx.db.write_session() as s:
            env = outbox.envelope(s, env_id)
            env.state, env.finished_at, env.last_message = ENV_FAILED, now, exc.message
            for item in _items(s, env):
                item.state, item.problem, item.updated_at = FAILED, exc.message, now
            _set_invoices(s, env, Status.FAILED, "rejected", exc.message,
                          code=str(exc.code or ""))
        report.failed += 1
        report.messages.append(exc.message)

    def _poll(self, env_id: int, report: SyncReport, *, unknown_if_missing: bool = False) -> bool:
        """Ask GİB about the envelope. Returns False when GİB does not know it (only asked
        with ``unknown_if_missing``, i.e. the send may never have arrived)."""
        with self.ctx.db.session() as s:
            env = outbox.envelope(s, env_id)
            uuid = env.uuid
        try:
            answer = self.client.get_application_response(uuid)
        except Rejected as exc:
            if unknown_if_missing:
                return False
            self._retry_poll(env_id, exc, report)
            return True
        except NotDelivered as exc:
            if unknown_if_missing:
                # Cannot tell whether GİB has it: still unknown, ask again before any resend.
                self._retry(env_id, exc, report, state=SENDING)
                return True
            self._retry_poll(env_id, exc, report)
            return True
        failpoints.hit("after-poll")
        self.apply_status(env_id, answer.status_code, answer.description, report)
        return True

    def _retry_poll(self, env_id: int, exc: GibError, report: SyncReport) -> None:
        with self.ctx.db.write_session() as s:
            env = outbox.envelope(s, env_id)
            env.polls += 1
            env.next_action_at = self.clock() + self.policy.retry_delay(env.polls)
            env.last_message = exc.message
        report.messages.append(exc.message)

    def apply_status(self, env_id: int, code: int | None, description: str,
                      report: SyncReport) -> None:
        now = self.clock()
        info = codes.status(code) if code is not None else None
        with self.ctx.db.write_session() as s:
            env = outbox.envelope(s, env_id)
            env.polls += 1
            env.status_code = code
            text = f"{code} {info.gib_text}: {info.meaning}" if info else description
            env.last_message = text
            if env.sent_at is None:
                env.sent_at = now
            if info is None or not info.final:
                env.state = PROCESSING
                env.next_action_at = now + self.policy.poll_interval
                _set_invoices(s, env, Status.PROCESSING, "gib-status", text, code=str(code or ""))
                return
            env.finished_at = now
            if info.success:
                env.state = COMPLETED
                for item in _items(s, env):
                    item.state, item.problem, item.updated_at = DONE, "", now
                _set_invoices(s, env, Status.COMPLETED, "gib-status", text, code=str(code))
                report.completed += 1
                return
            env.state = ENV_FAILED
            outcome = info.outcome
            if outcome is codes.Outcome.RESEND:
                # Refused for a reason on GİB's or the receiver's side: the same invoices go
                # out again in a fresh envelope (a new UUID, Ek-2 §4.1).
                for item in _items(s, env):
                    item.state, item.envelope_id, item.updated_at = WAITING, None, now
                    item.problem = f"{text} — yeni zarfla tekrar gönderilecek."
                _set_invoices(s, env, Status.QUEUED, "gib-status", f"{text} {info.action}",
                              code=str(code))
            elif outcome is codes.Outcome.ALREADY_SENT:
                for item in _items(s, env):
                    item.state, item.problem, item.updated_at = DONE, text, now
                _set_invoices(s, env, Status.SENT, "gib-status", f"{text} {info.action}",
                              code=str(code))
            else:
                for item in _items(s, env):
                    item.state, item.problem, item.updated_at = FAILED, f"{text} {info.action}", now
                _set_invoices(s, env, Status.FAILED, "gib-status", f"{text} {info.action}",
                              code=str(code))
                report.failed += 1


def outbox_rows(ctx: AppContext) -> list[dict]:
    """What waits and why, for ``tezgah outbox`` and the Giden Kutusu page."""
    with ctx.db.session() as s:
        rows = outbox.item_rows(s, (WAITING, ENVELOPED, FAILED))
        result = []
        for item, number, ettn, customer, status, env in rows:
            result.append({
                "number": number, "ettn": ettn, "customer": customer, "status": status,
                "state": item.state, "receiver": item.receiver_vkn_tckn,
                "alias": item.receiver_alias, "problem": item.problem,
                "envelope": env.uuid if env else None,
                "envelope_state": env.state if env else None,
                "attempts": env.attempts if env else 0,
                "next_attempt": env.next_action_at.isoformat(timespec="seconds")
                if env and env.state in ACTIVE else None,
                "gib_status": env.status_code if env else None,
            })
        return result
