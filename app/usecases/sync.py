"""Sending envelopes to GİB and following them to a final state.

Exactly once (Ek-3 §8: fault 2001 "zarf daha önce gönderilmiş"): an envelope's UUID and zip
are fixed when it is packed. Before each send the envelope is marked ``sending`` in its own
transaction; a process that dies after that mark but before storing the answer leaves the
outcome unknown, so the next run first asks GİB for the envelope's status and sends the
*same* zip again only when GİB does not know it. A resend that GİB already has answers 2001,
which is taken as "received" and followed with ``getApplicationResponse``.

The envelopes' states and what each transition writes are ``app.outbox.machine``; what GİB's
answers mean is the channel's (``app.channels.efatura``); this use case orders the steps and
their transactions, which is what makes the sending exactly-once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app import clock as app_clock
from app.channels.base import Channel, ChannelError, Party, Refused, Undelivered
from app.channels.efatura import EFaturaChannel
from app.context import AppContext
from app.db.repositories import outbox
from app.domain.documents import DocumentKind
from app.gib.client import EFaturaClient
from app.outbox import failpoints, machine
from app.outbox.lock import envelope_claim
from app.outbox.queue import pack
from app.outbox.states import (  # noqa: F401  (the states' names for existing callers)
    ACTIVE,
    COMPLETED,
    DONE,
    ENV_FAILED,
    ENVELOPED,
    FAILED,
    PROCESSING,
    READY,
    RETRY,
    SENDING,
    SENT,
    WAITING,
    SyncPolicy,
)
from app.usecases.company import require_company


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

    def add(self, other: SyncReport) -> None:
        """Count another channel's pass into this one."""
        for name in ("packed", "sent", "completed", "failed", "retrying"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.messages.extend(other.messages)


class Sync:
    def __init__(self, ctx: AppContext, client: EFaturaClient | None, *,
                 policy: SyncPolicy | None = None,
                 clock: Callable[[], datetime] = app_clock.local_now,
                 resolve_alias: Callable[[str], str] | None = None,
                 channel: Channel | None = None) -> None:
        self.ctx = ctx
        self._client = client
        self.channel: Channel = channel or EFaturaChannel(client,
                                                          check=self._envelope_check)
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
        with self.ctx.db.write_session() as s:
            if not company.alias and getattr(self.channel, "needs_sender_alias", True):
                for item in outbox.items_in_state(s, WAITING, self.channel.name):
                    item.problem = ("Firmanın gönderici birim (GB) etiketi tanımlı değil; "
                                    "Ayarlar'da ya da 'tezgah company set' ile yazın.")
                return 0
            envelopes = pack(s, self.channel,
                             sender=Party(company.vkn_tckn, company.alias or "",
                                          company.display_name),
                             resolve_alias=self.resolve_alias, now=self.clock())
            return len(envelopes)

    def _envelope_check(self, xml: bytes, documents: Sequence[bytes] = ()) -> list[str]:
        from app.ubl.validate import get_validator

        report = get_validator(self.ctx.rules_dir).validate_envelope(xml, documents=documents)
        return [f"{p.message} ({p.location})" for p in report.problems]

    # -- one pass ----------------------------------------------------------------------------
    def run_once(self) -> SyncReport:
        report = SyncReport()
        report.packed = self.pack()
        failpoints.hit("after-pack")
        now = self.clock()
        with self.ctx.db.session() as s:
            due = outbox.due_envelope_ids(s, ACTIVE, now, self.channel.name)
        for env_id in due:
            self._advance(env_id, report)
        with self.ctx.db.session() as s:
            report.retrying = outbox.count_envelopes(s, ACTIVE, self.channel.name)
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
                nxt = outbox.next_action_at(s, ACTIVE, self.channel.name)
            wait = max(0.0, (nxt - self.clock()).total_seconds()) if nxt else 0.0
            if max_seconds is not None and (
                    self.clock() - started).total_seconds() + wait > max_seconds:
                break
            sleep(min(wait, 60.0) or 0.05)
        return total

    # -- the steps, each in its own transaction ----------------------------------------------
    def _advance(self, env_id: int, report: SyncReport) -> None:
        # Several computers may sync one PostgreSQL database: one works on an envelope at a
        # time, from a fresh read of its state; the others skip it for now.
        with envelope_claim(self.ctx.db, env_id) as mine:
            if mine:
                self._advance_claimed(env_id, report)

    def _advance_claimed(self, env_id: int, report: SyncReport) -> None:
        with self.ctx.db.session() as s:
            state, attempts = machine.state_of(s, env_id)
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
            uuid, packed = machine.mark_sending(s, env_id, attempts)
        failpoints.hit("after-mark-sending")
        try:
            self.channel.send(uuid, packed)
            failpoints.hit("after-send")
        except Refused as exc:
            if exc.already_received:
                self._mark_sent(env_id, getattr(self.channel, "already_received_message",
                                                "Hizmet zarfı daha önce almış."), report)
                return
            self._fail(env_id, exc, report)
            return
        except Undelivered as exc:
            self._retry(env_id, exc, report)
            return
        self._mark_sent(env_id, getattr(self.channel, "sent_message", "Zarf iletildi."), report)

    def _mark_sent(self, env_id: int, message: str, report: SyncReport) -> None:
        with self.ctx.db.write_session() as s:
            machine.mark_sent(s, env_id, message, self.clock(), self.policy)
        report.sent += 1
        failpoints.hit("after-mark-sent")

    def _retry(self, env_id: int, exc: ChannelError, report: SyncReport, *,
               state: str = RETRY) -> None:
        with self.ctx.db.write_session() as s:
            machine.retry(s, env_id, exc.message, self.clock(), self.policy, state=state)
        report.messages.append(exc.message)

    def _fail(self, env_id: int, exc: ChannelError, report: SyncReport) -> None:
        with self.ctx.db.write_session() as s:
            machine.fail(s, env_id, exc.message, exc.code, self.clock())
        report.failed += 1
        report.messages.append(exc.message)

    def _poll(self, env_id: int, report: SyncReport, *, unknown_if_missing: bool = False) -> bool:
        """Ask GİB about the envelope. Returns False when GİB does not know it (only asked
        with ``unknown_if_missing``, i.e. the send may never have arrived)."""
        with self.ctx.db.session() as s:
            uuid = machine.envelope_uuid(s, env_id)
        try:
            answer = self.channel.poll(uuid)
        except Refused as exc:
            if unknown_if_missing:
                return False
            self._retry_poll(env_id, exc, report)
            return True
        except Undelivered as exc:
            if unknown_if_missing:
                # Cannot tell whether GİB has it: still unknown, ask again before any resend.
                self._retry(env_id, exc, report, state=SENDING)
                return True
            self._retry_poll(env_id, exc, report)
            return True
        failpoints.hit("after-poll")
        self.apply_status(env_id, answer.code, answer.description, report)
        return True

    def _retry_poll(self, env_id: int, exc: ChannelError, report: SyncReport) -> None:
        with self.ctx.db.write_session() as s:
            machine.retry_poll(s, env_id, exc.message, self.clock(), self.policy)
        report.messages.append(exc.message)

    def apply_status(self, env_id: int, code: int | None, description: str,
                     report: SyncReport) -> None:
        status = self.channel.status(code, description)
        with self.ctx.db.write_session() as s:
            ended = machine.apply_status(s, env_id, code, status, self.clock(), self.policy)
        if ended == COMPLETED:
            report.completed += 1
        elif ended == ENV_FAILED:
            report.failed += 1


def outbox_rows(ctx: AppContext) -> list[dict]:
    """What waits and why, for ``tezgah outbox`` and the Giden Kutusu page. ``rejected``:
    GİB refused it finally — it does not wait; it needs a decision (``app.usecases.outcomes``)
    until it is sent again or marked as handled (then it leaves this list). ``kind`` and
    ``kind_label``: what the document is (an invoice, a despatch advice …)."""
    with ctx.db.session() as s:
        result = []
        for item, number, ettn, customer, status, env in outbox.item_rows(
                s, (WAITING, ENVELOPED, FAILED)):
            result.append({
                "kind": item.kind, "kind_label": DocumentKind(item.kind).label,
                "number": number, "ettn": ettn, "customer": customer, "status": status,
                "state": item.state, "receiver": item.receiver_vkn_tckn,
                "alias": item.receiver_alias, "problem": item.problem,
                "envelope": env.uuid if env else None,
                "envelope_state": env.state if env else None,
                "attempts": env.attempts if env else 0,
                "next_attempt": env.next_action_at.isoformat(timespec="seconds")
                if env and env.state in ACTIVE else None,
                "gib_status": env.status_code if env else None,
                "rejected": item.state == FAILED,
            })
        return result
