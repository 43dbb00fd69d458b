"""Composition root: builds the context, the task lanes, the error reporter and the sync,
and hands them to the windows. Nothing else creates these.

``tezgah gui`` calls ``main``. A fresh data folder starts with the first-start wizard; in
demo mode (the TEST certificate) the local GİB test simulator runs in-process and the sync
sends to it, never to GİB.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.resources import resource_path
from app.settings import LANGUAGE
from app.usecases.company import get_company
from app.usecases.rules import install_shipped_if_newer
from ui.errors import ErrorReporter, install_excepthook
from ui.prefs import Prefs
from ui.services import Services
from ui.tasks import Tasks

TRANSLATIONS = resource_path("translations")
log = logging.getLogger("tezgah.ui")


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Tezgâh")
    app.setOrganizationName("Tezgah")
    from ui.style import apply_style

    apply_style(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def install_translation(app: QApplication, language: str) -> list[QTranslator]:
    """Turkish is the source language; English comes from resources/translations."""
    QLocale.setDefault(QLocale(QLocale.Language.Turkish if language == "tr"
                               else QLocale.Language.English, QLocale.Country.Turkey))
    installed = []
    if language != "tr":
        for path, name in ((TRANSLATIONS, f"tezgah_{language}"),
                           (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                            f"qtbase_{language}")):
            tr = QTranslator(app)
            if tr.load(name, str(path)):
                app.installTranslator(tr)
                installed.append(tr)
    else:
        # Qt's own texts (file and print dialogs, standard buttons) in Turkish
        for folder in qt_translation_folders():
            tr = QTranslator(app)
            if tr.load("qtbase_tr", str(folder)):
                app.installTranslator(tr)
                installed.append(tr)
                break
    return installed


def qt_translation_folders() -> list[Path]:
    """Where ``qtbase_<lang>.qm`` may be: Qt's translations path, else the one PySide6's
    wheel ships beside its libraries (a relocated or frozen install)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations"]
    return [f for i, f in enumerate(folders) if f not in folders[:i]]


@dataclass
class Gui:
    """What ``start`` built (tests and the screenshot script drive these)."""

    app: QApplication
    services: Services
    window: Any = None
    wizard: Any = None
    sync: Any = None
    simulator: Any = None

    def show_main(self) -> Any:
        from ui.mainwindow import MainWindow

        self.window = MainWindow(self.services, None)
        self.services.errors.parent = self.window
        if self.show:
            self.window.show()
        if self.start_sync:
            # sending starts right after the window is up (it is never needed to show it)
            QTimer.singleShot(0, self.start_sending)
        return self.window

    def start_sending(self) -> None:
        from ui.sync import SyncController, demo_policy

        if self.sync is not None or self.window is None:
            return
        endpoint, policy = self.endpoint_url, self.sync_policy
        if endpoint is None and self.services.is_demo():
            self.simulator = start_demo_simulator(self.services.ctx)
            endpoint = self.simulator.url if self.simulator else None
            policy = policy or demo_policy()
        self.sync = SyncController(self.services, endpoint_url=endpoint, policy=policy,
                                   interval_ms=self.sync_interval_ms)
        self.window.attach_sync(self.sync)
        self.sync.start()

    start_sync: bool = True
    show: bool = True
    endpoint_url: str | None = None  # None: the setting (or the demo simulator)
    sync_policy: Any = None
    sync_interval_ms: int = 20_000

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.sync is not None:
            self.sync.stop()
        self.services.tasks.shutdown()
        if self.simulator is not None:
            self.simulator.stop()


def start_demo_simulator(ctx: AppContext) -> Any:
    """The in-process GİB test simulator of demo mode (``app.usecases.demo``); the window
    works without it — sending then waits in the outbox."""
    try:
        from app.usecases.demo import start_demo_simulator as start_simulator

        return start_simulator(ctx)
    except Exception:
        log.exception("GİB test simülatörü başlatılamadı")
        return None


def log_to_file(data_dir: Path) -> None:
    """``tezgah.log`` in the data folder, set up by ``app.logsetup`` like the command line's
    (unexpected errors with their tracebacks, GİB calls; never a PIN or a document)."""
    from app import logsetup

    logsetup.configure(data_dir)


def start(data_dir: str | Path | None, *, show: bool = True, start_sync: bool = True,
          argv: list[str] | None = None, endpoint_url: str | None = None,
          sync_policy: Any = None, sync_interval_ms: int = 20_000) -> Gui:
    app = application(argv)
    ctx = AppContext.open(data_dir)
    log_to_file(ctx.data_dir)
    install_shipped_if_newer(ctx.data_dir, strict=False)  # GİB's rules this build carries
    prefs = Prefs(ctx.data_dir)
    install_translation(app, prefs.get(LANGUAGE))
    errors = ErrorReporter()
    tasks = Tasks(errors)
    services = Services(ctx=ctx, tasks=tasks, errors=errors, prefs=prefs)
    gui = Gui(app=app, services=services)
    gui.show = show
    gui.start_sync = start_sync
    gui.endpoint_url, gui.sync_policy = endpoint_url, sync_policy
    gui.sync_interval_ms = sync_interval_ms
    if get_company(ctx) is None:
        from ui.wizard import FirstStartWizard

        gui.wizard = FirstStartWizard(services)
        gui.wizard.accepted.connect(gui.show_main)
        errors.parent = gui.wizard
        if show:
            gui.wizard.show()
    else:
        gui.show_main()
    return gui


def main(data_dir: str | Path | None = None, argv: list[str] | None = None) -> int:
    try:
        gui = start(data_dir, argv=argv)
    except Exception as exc:
        return cannot_start(exc, data_dir)
    # from here on, an exception nothing caught (a slot, an event handler) is logged to
    # tezgah.log and shown calmly instead of vanishing on stderr
    restore = install_excepthook(gui.services.errors)
    try:
        return gui.app.exec()
    finally:
        restore()
        gui.close()


def cannot_start(exc: Exception, data_dir: str | Path | None) -> int:
    """The window cannot open — a damaged or lost database, a full, read-only or locked data
    folder: the reason and the way back in a message box, a log line, an exit code (those of
    ``tezgah``). Anything else is a bug and keeps its traceback."""
    from app.domain.errors import UserError
    from app.paths import default_data_dir
    from app.usecases.failures import explain

    folder = Path(data_dir) if data_dir else default_data_dir()
    failure = explain(exc, folder)
    if failure is None and not isinstance(exc, UserError):
        raise exc
    message = failure.message if failure is not None else exc.message  # type: ignore[attr-defined]
    code = failure.exit_code if failure is not None else getattr(exc, "exit_code", 1)
    log_to_file(folder)
    log.error("the window cannot start: %s: %s", type(exc).__name__, str(exc).splitlines()[0])
    from PySide6.QtWidgets import QMessageBox

    application()
    QMessageBox.critical(None, "Tezgâh", message)
    return code
