"""The posta kutusu service as a program of its own (``tezgah postbox serve``).

The command line reaches ``app.postbox`` only through here (the import contract)."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.context import AppContext
from app.domain.errors import UserError
from app.postbox.service import SERVICE_PATH, PostboxConfig, PostboxServer
from app.postbox.spool import Spool

__all__ = ["SERVICE_PATH", "TlsFiles", "Worker", "list_tokens", "make_server", "new_token",
           "revoke_token", "serve"]


def new_token(ctx: AppContext, name: str) -> str:
    """A new API token for one desktop (shown once; only its hash is kept)."""
    from app.postbox import tokens

    return tokens.new_token(ctx.data_dir, name)


def list_tokens(ctx: AppContext) -> list[dict[str, str]]:
    from app.postbox import tokens

    return [{"name": x.name, "created": x.created} for x in tokens.list_tokens(ctx.data_dir)]


def revoke_token(ctx: AppContext, name: str) -> None:
    from app.postbox import tokens

    tokens.revoke(ctx.data_dir, name)

log = logging.getLogger("tezgah.postbox")
#: How often the service looks whether the scheduled backup is due (seconds).
BACKUP_CHECK_SECONDS = 3600.0


class Worker:
    """The service's own worker: processes what the door stored (``inbox.process_spool``),
    then sends what waits in the outbox — the system responses first of all, and whatever
    the desktop queued in the same data folder (one sync at a time per folder, the outbox's
    lock). Restartable: everything it does is recorded before it is forgotten, so a killed
    worker resumes where it stopped."""

    def __init__(self, ctx: AppContext, *, endpoint_url: str | None = None,
                 interval: float = 10.0, send: bool = True) -> None:
        self.ctx = ctx
        self.endpoint_url = endpoint_url
        self.interval = interval
        self.send = send
        self.spool = Spool.open(ctx.data_dir)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.rounds = 0
        self.last_error = ""
        self._told: set[str] = set()  # e-Arşiv problems already logged
        self._backup_checked = float("-inf")

    def wake(self) -> None:
        self._wake.set()

    def run_once(self) -> None:
        from app.outbox.lock import SyncBusy
        from app.usecases import earsiv, inbox

        report = inbox.process_spool(self.ctx, self.spool)
        if report.processed:
            log.info('{"event": "worker-round", "processed": %d, "accepted": %d, '
                     '"refused": %d, "already": %d}', report.processed, report.accepted,
                     report.refused, report.already)
        if self.send:
            # The same pass as ``tezgah sync`` and the window: the finished days' e-Arşiv
            # reports (prepared when the signer needs no PIN), then the whole outbox.
            # SyncBusy: the desktop is sending from this folder now; the next round will.
            with contextlib.suppress(SyncBusy):
                work, _ = earsiv.sync_with_reports(self.ctx, endpoint_url=self.endpoint_url,
                                                   once=True)
                for problem in sorted(set(work.problems) - self._told):
                    log.warning('{"event": "earsiv", "message": "%s"}',
                                problem.replace('"', "'")[:300])
                self._told = set(work.problems)
        self.rounds += 1

    def backup_if_due(self) -> None:
        """The scheduled backup (``app.usecases.backup_schedule``), looked at about once an
        hour: the service, when it runs, is the one that makes it."""
        from app import clock
        from app.usecases import backup_schedule

        if clock.timestamp() - self._backup_checked < BACKUP_CHECK_SECONDS:
            return
        self._backup_checked = clock.timestamp()
        result = backup_schedule.run_due(self.ctx)
        if result.state in ("done", "failed"):
            log.log(logging.INFO if result.ok else logging.WARNING,
                    '{"event": "backup", "state": "%s", "message": "%s"}', result.state,
                    result.message.replace('"', "'")[:300])

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
                self.last_error = ""
            except UserError as exc:
                self.last_error = exc.message
                log.warning('{"event": "worker-error", "message": "%s"}',
                            exc.message.replace('"', "'")[:300])
            except Exception as exc:  # the worker must keep running; the round is retried
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.exception("posta kutusu işçisi: beklenmeyen hata")
            try:
                self.backup_if_due()
            except Exception:  # run_due records its own failures; this is a bug
                log.exception("posta kutusu: zamanlanmış yedek denetlenemedi")
            self._wake.wait(self.interval)
            self._wake.clear()

    def start(self) -> Worker:
        self._thread = threading.Thread(target=self._loop, name="postbox-worker", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)


@dataclass(frozen=True)
class TlsFiles:
    certfile: Path
    keyfile: Path | None = None


def make_server(ctx: AppContext, host: str, port: int, tls: TlsFiles | None = None, *,
                max_body_bytes: int | None = None, public_url: str | None = None) -> PostboxServer:
    """The server bound to ``host:port`` (not yet serving); the spool is in the data folder."""
    from app.usecases.demo import find_gib_packages

    config = PostboxConfig(data_dir=ctx.data_dir, host=host, port=port,
                           tls_certfile=tls.certfile if tls else None,
                           tls_keyfile=tls.keyfile if tls else None,
                           gib_packages_dir=find_gib_packages(), public_url=public_url)
    if max_body_bytes is not None:
        config.max_body_bytes = max_body_bytes
    return PostboxServer(config)


def serve(ctx: AppContext, host: str, port: int, tls: TlsFiles | None = None, *,
          max_body_bytes: int | None = None, public_url: str | None = None,
          gib_endpoint: str | None = None, worker: bool = True, interval: float = 10.0,
          ready: Callable[[PostboxServer], None] | None = None) -> None:
    """Run the service until interrupted (KeyboardInterrupt); ``ready`` is told the server
    once it listens. With ``worker`` (the default) received envelopes are processed and the
    outbox is sent to ``gib_endpoint`` (the configured GİB address when None)."""
    from app.usecases import phone_page
    from app.usecases.postbox_api import handler

    server = make_server(ctx, host, port, tls, max_body_bytes=max_body_bytes,
                         public_url=public_url)
    server.service.api = handler(ctx)
    server.service.phone = phone_page.handler(
        ctx, secure=(public_url or "").lower().startswith("https://"))
    running = None
    if worker:
        running = Worker(ctx, endpoint_url=gib_endpoint, interval=interval)
        server.service.on_stored = running.wake
        running.start()
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    finally:
        if running is not None:
            running.stop()
