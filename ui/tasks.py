"""Background operations: small jobs that get their dependencies as arguments.

Three lanes, each a thread pool of its own:
- ``DB``: one thread for database work that should not block the window;
- ``TOKEN``: one thread for all PKCS#11 I/O (card libraries are not thread-safe), so
  signing and everything that opens the token runs here, one job after another;
- ``NET``: a small pool for GİB traffic.

A job never touches a widget. Its result (or exception) comes back to the GUI thread
through a queued Qt signal and is handed to the callbacks given to ``run``. Exceptions
without an ``on_error`` go to the one error reporter (``ui.errors``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.errors import CancelledError

DB, TOKEN, NET = "db", "token", "net"


class CancelToken:
    """Asked by long jobs between steps; ``cancel()`` makes the next check raise."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise CancelledError()


class Tasks(QObject):
    """Runs jobs on the lanes and delivers their outcome on the GUI thread."""

    _finished = Signal(object, object, object)  # (callbacks, result, exception)
    busy_changed = Signal(int)

    def __init__(self, error_handler: Callable[[BaseException], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._error_handler = error_handler
        self._pools = {
            DB: ThreadPoolExecutor(1, thread_name_prefix="tezgah-db"),
            TOKEN: ThreadPoolExecutor(1, thread_name_prefix="tezgah-token"),
            NET: ThreadPoolExecutor(3, thread_name_prefix="tezgah-net"),
        }
        self._pending = 0
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, lane: str, job: Callable[..., Any], *args: Any,
            on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_finally: Callable[[], None] | None = None) -> Future[Any] | None:
        if self._closed:  # the window is closing: nothing new starts
            return None
        self._pending += 1
        self.busy_changed.emit(self._pending)
        callbacks = (on_success, on_error, on_finally)

        def work() -> Any:
            try:
                result = job(*args)
            except BaseException as exc:
                self._finished.emit(callbacks, None, exc)
                raise
            self._finished.emit(callbacks, result, None)
            return result

        return self._pools[lane].submit(work)

    def _deliver(self, callbacks: tuple, result: Any, exc: BaseException | None) -> None:
        on_success, on_error, on_finally = callbacks
        self._pending -= 1
        self.busy_changed.emit(self._pending)
        try:
            if exc is None:
                if on_success:
                    on_success(result)
            elif on_error:
                on_error(exc)
            else:
                self._error_handler(exc)
        finally:
            if on_finally:
                on_finally()

    def shutdown(self) -> None:
        self._closed = True
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
