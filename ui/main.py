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

from app.resources import PROJECT_ROOT
from app.usecases.company import get_company
from app.usecases.context import AppContext
from ui.errors import ErrorReporter
from ui.prefs import Prefs
from ui.services import Services
from ui.tasks import Tasks

TRANSLATIONS = PROJECT_ROOT / "resources" / "translations"
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
        tr = QTranslator(app)
        if tr.load("qtbase_tr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(tr)
            installed.append(tr)
    return installed


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
    """The local GİB test simulator for demo mode, knowing the company and the customers
    that have a posta kutusu alias as registered users."""
    try:
        from app.gib.simulator import GibSimulator, SimulatorConfig
        from app.gib.userlist import INVOICE, RegisteredUser, UserAlias, write_user_list
        from app.usecases.catalog import list_customers
        from app.usecases.demo import find_gib_packages

        company = get_company(ctx)
        t0 = "2020-01-01T00:00:00"
        users = []
        for party in [company, *list_customers(ctx)]:
            if party is None or not party.alias:
                continue
            role = "GB" if party is company else "PK"
            aliases = [UserAlias(party.alias, role, INVOICE, t0, t0, None)]
            if party is company:
                aliases.append(UserAlias(party.alias.replace("defaultgb", "defaultpk"), "PK",
                                         INVOICE, t0, t0, None))
            users.append(RegisteredUser(party.vkn_tckn, party.display_name, "OZEL", t0,
                                        "ENTEGRASYON", tuple(aliases)))
        sim_dir = ctx.data_dir / "gib-simulator"
        sim_dir.mkdir(parents=True, exist_ok=True)
        ul = sim_dir / "demo-userlist.xml"
        ul.write_bytes(write_user_list(users))
        sim = GibSimulator(SimulatorConfig(data_dir=sim_dir, userlist_file=ul,
                                           gib_packages_dir=find_gib_packages(),
                                           rules_dir=ctx.rules_dir))
        return sim.start()
    except Exception:  # the window works without it; sending then waits in the outbox
        log.exception("GİB test simülatörü başlatılamadı")
        return None


def log_to_file(data_dir: Path) -> None:
    """Unexpected errors go to ``tezgah.log`` in the data folder (never a PIN: nothing
    logs one)."""
    path = (Path(data_dir) / "tezgah.log").resolve()
    root = logging.getLogger("tezgah")
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)


def start(data_dir: str | Path | None, *, show: bool = True, start_sync: bool = True,
          argv: list[str] | None = None, endpoint_url: str | None = None,
          sync_policy: Any = None, sync_interval_ms: int = 20_000) -> Gui:
    app = application(argv)
    ctx = AppContext.open(data_dir)
    log_to_file(ctx.data_dir)
    prefs = Prefs(ctx.data_dir)
    install_translation(app, prefs.get("language", "tr"))
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
    logging.basicConfig(level=logging.WARNING)
    gui = start(data_dir, argv=argv)
    try:
        return gui.app.exec()
    finally:
        gui.close()
