"""The one place where exceptions become dialogs.

``UserError`` messages are Turkish and shown as they are; ``CancelledError`` is silent; a
failure of the machine (disk full, read-only or locked data folder, damaged database —
``app.usecases.failures``) is shown calmly with what to do and logged in one line; anything
else is a bug: logged with its traceback, shown with a short apology.

``install_excepthook`` sends what nothing caught — an exception in a Qt slot or event
handler, which PySide6 hands to ``sys.excepthook``, or in a thread — the same way, so it
always reaches ``tezgah.log`` (``app.logsetup``) and the window shows a calm message.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import CancelledError, UserError
from app.usecases.failures import explain

log = logging.getLogger("tezgah.ui")


def message_for(exc: BaseException) -> str | None:
    """What the user reads for ``exc``; None for a silent cancel."""
    if isinstance(exc, CancelledError):
        return None
    if isinstance(exc, UserError):
        return exc.message
    failure = explain(exc)
    if failure is not None:  # disk full, read-only, locked, damaged database …
        return failure.message
    return QCoreApplication.translate(
        "ErrorReporter", "Beklenmeyen bir hata oldu; işlem yapılmadı. Ayrıntı günlük "
        "dosyasına yazıldı.") + f"\n\n{type(exc).__name__}: {exc}"


class ErrorReporter:
    """Shows errors as window-modal message boxes (non-blocking ``open()``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.last_message: str | None = None
        self.box: QMessageBox | None = None

    def __call__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        text = message_for(exc)
        if text is None:
            return
        failure = None if isinstance(exc, UserError) else explain(exc)
        if failure is not None:
            log.error("%s: %s: %s", failure.kind, type(exc).__name__, exc)
            log.debug("%s", "".join(traceback.format_exception(exc)))
        elif not isinstance(exc, UserError):
            log.error("%s", "".join(traceback.format_exception(exc)))
        self.last_message = text
        box = QMessageBox(parent or self.parent)
        box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, UserError) or failure
                    else QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("ErrorReporter", "Tezgâh"))
        box.setText(text)
        box.setObjectName("errorBox")
        self.box = box  # kept: a box without a parent would be collected before it shows
        QMessageBox.open(box)


def install_excepthook(report: ErrorReporter) -> Callable[[], None]:
    """Route uncaught exceptions to ``report`` (GUI thread) or to the log (other threads);
    returns the function that puts the previous hooks back."""
    previous, previous_thread = sys.excepthook, threading.excepthook

    def hook(kind: type[BaseException], exc: BaseException | None,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc if exc is not None else kind(), tb)
            return
        if exc is None:
            exc = kind()
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        app = QCoreApplication.instance()
        try:
            if app is not None and QThread.currentThread() is app.thread():
                report(exc)
            else:
                log.error("%s", "".join(traceback.format_exception(exc)))
        except Exception:  # the message itself failed: the log still gets both
            log.error("%s", "".join(traceback.format_exception(exc)))
            log.exception("the error message could not be shown")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        log.error("in thread %s: %s", getattr(args.thread, "name", "?"),
                  "".join(traceback.format_exception(args.exc_value)))

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous
        if threading.excepthook is thread_hook:
            threading.excepthook = previous_thread

    return restore
