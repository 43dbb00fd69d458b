"""The scheduled backup from the window (``app.usecases.backup_schedule``): looked at in a
thread of its own when the window opens, and when it closes — then with a small progress
dialog the user can skip. The posta kutusu service, when it runs, makes it too; the data
folder's lock lets one run at a time."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

log = logging.getLogger("tezgah.ui")


def run_due_job(ctx: Any, force: bool = False) -> Any:
    """Job: the scheduled backup if due; never raises (a failure comes back as a result)."""
    from app.usecases import backup_schedule

    try:
        return backup_schedule.run_due(ctx, force=force)
    except Exception as exc:  # run_due records its own failures; this is a bug
        log.exception("scheduled backup failed unexpectedly")
        return backup_schedule.RunResult("failed", f"Yedek alınamadı: {exc}")


def due_job(ctx: Any) -> bool:
    from app.usecases import backup_schedule

    try:
        return backup_schedule.due(ctx)
    except Exception:
        log.exception("whether a backup is due could not be read")
        return False


class BackupRunner(QObject):
    """Runs ``run_due`` in a daemon thread; ``finished`` carries its result to the GUI
    thread, ``ran`` the same with the number ``start`` returned. A second ``start`` waits
    for the first run before its own."""

    finished = Signal(object)
    ran = Signal(int, object)

    def __init__(self, ctx: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._thread: threading.Thread | None = None
        self._runs = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> int:
        previous = self._thread
        self._runs += 1
        number = self._runs

        def work() -> None:
            if previous is not None:
                previous.join()
            result = run_due_job(self.ctx)
            self.ran.emit(number, result)
            self.finished.emit(result)

        self._thread = threading.Thread(target=work, name="tezgah-backup", daemon=True)
        self._thread.start()
        return number


def backup_at_close(parent: QWidget, runner: BackupRunner) -> Any:
    """At close: when a backup is due (or the one started with the window still runs), make
    it under a "Yedek alınıyor…" dialog with an Atla button. Returns the result, or None when
    nothing was due or the user skipped (a skipped backup is made next time)."""
    if not runner.running and not due_job(runner.ctx):
        return None
    dialog = QProgressDialog(parent.tr("Yedek alınıyor…"), parent.tr("Atla"), 0, 0, parent)
    dialog.setObjectName("backupProgress")
    dialog.setWindowTitle(parent.tr("Tezgâh"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    results: list[Any] = []

    number = 0

    def done(ran: int, result: Any) -> None:
        if ran == number:
            results.append(result)
            loop.quit()

    runner.ran.connect(done)
    dialog.canceled.connect(loop.quit)
    number = runner.start()
    dialog.show()
    loop.exec()
    runner.ran.disconnect(done)
    dialog.close()
    dialog.deleteLater()
    result = results[-1] if results else None
    if result is not None and result.state == "failed":
        QMessageBox.warning(parent, parent.tr("Yedek alınamadı"), result.message)
    return result
