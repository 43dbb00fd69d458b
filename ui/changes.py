"""Seeing what other seats changed: every few seconds, while the window is shown, the
change stamps (``app.usecases.changes.versions``) are read in a thread of their own — a
slow or unreachable server never holds up the window, nor the database lane other jobs
wait in — and ``changed`` names the topics that moved since the last look. The window
then reloads the lists of those topics, keeping what the user selected and where the list
was scrolled."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.usecases import changes

log = logging.getLogger("tezgah.ui")
INTERVAL_MS = 2_000


class ChangeWatcher(QObject):
    """Polls the change stamps; emits ``changed(set_of_topics)`` on the GUI thread."""

    changed = Signal(object)
    _read = Signal(object, object)  # (versions or None, exception or None)

    def __init__(self, ctx: Any, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.versions: dict[str, int] | None = None
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="tezgah-changes")
        self._running: Future[Any] | None = None
        self._closed = False
        self._read.connect(self._arrived)

    def start(self) -> None:
        if not self._closed:
            self.timer.start()
            self.poll()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        """Start again; a change made while paused is seen at once."""
        if not self._closed and not self.timer.isActive():
            self.start()

    def poll(self) -> None:
        if self._closed or (self._running is not None and not self._running.done()):
            return  # the last look has not come back yet (a slow server): skip this one
        self._running = self._pool.submit(self._work)

    def _work(self) -> None:
        try:
            found = changes.versions(self.ctx)
        except Exception as exc:  # the next look tries again
            self._read.emit(None, exc)
            return
        self._read.emit(found, None)

    def _arrived(self, found: dict[str, int] | None, exc: BaseException | None) -> None:
        if self._closed:
            return
        if found is None:
            log.debug("change stamps not read: %s", exc)
            return
        before, self.versions = self.versions, found
        if before is not None:
            moved = changes.changed(before, found)
            if moved:
                self.changed.emit(moved)

    def stop(self) -> None:
        """Stop looking; a look under way is waited for (one small query), so that it never
        reports to a window that is gone."""
        self._closed = True
        self.timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
