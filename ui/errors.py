"""The one place where exceptions become dialogs.

``UserError`` messages are Turkish and shown as they are; ``CancelledError`` is silent; a
failure of the machine (disk full, read-only or locked data folder, damaged database —
``app.usecases.failures``) is shown calmly with what to do and logged in one line; anything
else is a bug: logged with its traceback, shown with a short apology.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
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
        box.open()
