"""Sending in the background: one sync pass at a time on the network lane.

The window never waits for GİB: a timer asks for a pass while something waits in the
outbox, "Şimdi gönder" asks for one at once, and the outcome only updates the online
indicator and the pages. In demo mode the endpoint is the in-process GİB test simulator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.usecases import earsiv, postbox_api
from app.usecases.sync import SyncPolicy, outbox_rows
from ui.services import Services
from ui.tasks import NET

ONLINE, OFFLINE, UNKNOWN = "online", "offline", "unknown"


@dataclass
class PassResult:
    report: Any
    waiting: int
    work: Any = None  # earsiv.DueWork: reports prepared, days waiting for the card


def sync_pass(ctx: Any, endpoint_url: str | None, policy: SyncPolicy | None,
              timeout: float) -> PassResult:
    """Job: one pass (the finished days' e-Arşiv reports, pack, send what is due, ask for
    status)."""
    work, report = earsiv.sync_with_reports(ctx, endpoint_url=endpoint_url, once=True,
                                            policy=policy, timeout=timeout)
    # a desktop that collects from a posta kutusu elsewhere catches up on every pass
    pulled = postbox_api.pull_if_configured(ctx, timeout=timeout)
    if pulled and pulled.get("error"):
        report.messages.append(pulled["error"])
    # what GİB finally refused does not wait: it waits for the user's decision
    return PassResult(report, sum(1 for r in outbox_rows(ctx) if not r["rejected"]), work)


class SyncController(QObject):
    state_changed = Signal(str, str)  # (online|offline|unknown, message)
    synced = Signal()

    def __init__(self, services: Services, *, endpoint_url: str | None = None,
                 policy: SyncPolicy | None = None, interval_ms: int = 20_000,
                 timeout: float = 30.0) -> None:
        super().__init__()
        self.services = services
        self.endpoint_url = endpoint_url
        self.policy = policy
        self.timeout = timeout
        self.state = UNKNOWN
        self.running = False
        self.again = False
        self.follow_up_ms = min(2_000, interval_ms)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(500, self.run)

    def stop(self) -> None:
        self.timer.stop()

    def run(self) -> None:
        if self.running:
            self.again = True
            return
        self.running = True
        self.services.tasks.run(NET, sync_pass, self.services.ctx, self.endpoint_url,
                                self.policy, self.timeout, on_success=self._done,
                                on_error=self._failed)

    def _done(self, result: PassResult) -> None:
        self.running = False
        r = result.report
        if r.messages and not (r.sent or r.completed or r.failed):
            self._set(OFFLINE, r.messages[-1])  # GİB could not be reached; retried later
        elif r.sent or r.completed or r.failed:
            self._set(ONLINE, "")
        # a pass that had nothing due says nothing about the connection: keep the state
        self.synced.emit()
        if self.again or (result.waiting and r.sent):
            self.again = False
            QTimer.singleShot(300, self.run)
        elif r.retrying and self.timer.isActive():
            # envelopes in flight: look again soon (a pass sends nothing before it is due)
            QTimer.singleShot(self.follow_up_ms, self.run)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._set(OFFLINE, str(exc))
        self.synced.emit()

    def _set(self, state: str, message: str) -> None:
        self.state = state
        self.state_changed.emit(state, message)


def demo_policy() -> SyncPolicy:
    """The demo simulator answers within seconds; ask often."""
    return SyncPolicy(poll_interval=timedelta(seconds=1),
                      backoff=(timedelta(seconds=5), timedelta(seconds=15), timedelta(seconds=30)))
