"""The main window: navigation on the left, one page at a time, a status bar that tells
whether GİB is reachable and whether this is a TEST (demo) installation."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt
from PySide6.QtGui import QCloseEvent, QHideEvent, QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.resources import resource_path
from ui.backup import BackupRunner, backup_at_close
from ui.fmt import endpoint_name
from ui.folder_watch import FolderWatch
from ui.services import Services
from ui.tasks import DB

if TYPE_CHECKING:
    from ui.pages.catalog import CustomersPage, ProductsPage
    from ui.pages.dashboard import DashboardPage
    from ui.pages.despatches import DespatchesPage
    from ui.pages.editor import InvoiceEditor
    from ui.pages.inbox import InboxPage
    from ui.pages.invoices import InvoicesPage
    from ui.pages.outbox import OutboxPage
    from ui.pages.settings import SettingsPage

ICONS = resource_path("icons")
NAV = [("dashboard", QT_TRANSLATE_NOOP("MainWindow", "Özet")),
       ("invoices", QT_TRANSLATE_NOOP("MainWindow", "Faturalar")),
       ("new", QT_TRANSLATE_NOOP("MainWindow", "Yeni Fatura")),
       ("despatches", QT_TRANSLATE_NOOP("MainWindow", "İrsaliyeler")),
       ("customers", QT_TRANSLATE_NOOP("MainWindow", "Müşteriler")),
       ("products", QT_TRANSLATE_NOOP("MainWindow", "Ürünler")),
       ("outbox", QT_TRANSLATE_NOOP("MainWindow", "Giden Kutusu")),
       ("inbox", QT_TRANSLATE_NOOP("MainWindow", "Gelen Kutusu")),
       ("settings", QT_TRANSLATE_NOOP("MainWindow", "Ayarlar"))]
# The page shown by each navigation row (pages keep their index; Gelen Kutusu and
# İrsaliyeler came later).
NAV_PAGES = [0, 1, 2, 8, 3, 4, 5, 7, 6]
INBOX = 7
DESPATCHES = 8
# The pages (``self.pages``' order) that show each topic of ``app.usecases.changes``.
TOPIC_PAGES = {"invoices": (0, 1, 5), "customers": (3,), "products": (4,),
               "outbox": (0, 1, 5), "inbox": (0, INBOX), "settings": (),
               "despatches": (DESPATCHES,)}


def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def endpoint_job(ctx: Any, override: str | None) -> dict[str, str]:
    """Job: which GİB service the sending uses (``app.usecases.sending.endpoint_info``)."""
    from app.usecases.sending import endpoint_info

    return endpoint_info(ctx, override)


class MainWindow(QMainWindow):
    def __init__(self, services: Services, sync: Any = None) -> None:
        super().__init__()
        self.services = services
        self.sync = sync
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Tezgâh") + (self.tr(" — TEST (deneme modu)")
                                                  if services.is_demo() else ""))
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.test_banner = QLabel(self.tr("TEST — deneme modu: TEST sertifikasıyla imzalanır, "
                                          "yerel GİB test simülatörüne gönderilir. Kesilen "
                                          "faturalar geçerli değildir."))
        self.test_banner.setObjectName("testBanner")
        self.test_banner.setProperty("role", "test")
        self.test_banner.setVisible(services.is_demo())
        outer.addWidget(self.test_banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(200)
        body.addWidget(self.nav)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Pages are built the first time they are shown (start-up builds only Özet).
        # (module, class): imported on first use too, so start-up loads only what Özet needs
        self.factories = [("dashboard", "DashboardPage"), ("invoices", "InvoicesPage"),
                          ("editor", "InvoiceEditor"), ("catalog", "CustomersPage"),
                          ("catalog", "ProductsPage"), ("outbox", "OutboxPage"),
                          ("settings", "SettingsPage"), ("inbox", "InboxPage"),
                          ("despatches", "DespatchesPage")]
        self.pages: list[Any] = [None] * len(self.factories)
        for _ in self.factories:
            self.stack.addWidget(QWidget())
        for i, (key, title) in enumerate(NAV):
            item = QListWidgetItem(icon(key), self.tr(title))
            item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self,
                      lambda i=i: self.go(NAV_PAGES[i]))
        self.inbox_item = self.nav.item(NAV_PAGES.index(INBOX))
        self.nav.currentRowChanged.connect(lambda row: self._show_page(NAV_PAGES[row]))
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, lambda: self.go(2))
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)

        # status bar
        bar = self.statusBar()
        self.test_badge = QLabel(self.tr(" TEST "))
        self.test_badge.setObjectName("testBadge")
        self.test_badge.setProperty("role", "testBadge")
        self.test_badge.setVisible(services.is_demo())
        bar.addPermanentWidget(self.test_badge)
        self.busy = QLabel()
        bar.addPermanentWidget(self.busy)
        self.endpoint = QLabel()
        self.endpoint.setObjectName("gibEndpoint")
        bar.addPermanentWidget(self.endpoint)
        self.online = QLabel(self.tr("● GİB: bağlantı denenmedi"))
        self.online.setObjectName("onlineIndicator")
        bar.addPermanentWidget(self.online)
        services.tasks.busy_changed.connect(
            lambda n: self.busy.setText(self.tr("Çalışıyor…") if n else ""))
        self.start_change_watch()
        # files a till or an ERP drops into the watched folder become drafts
        self.folder_watch = FolderWatch(self, services.ctx)
        self.folder_watch.start()

        self.sync = None
        if sync is not None:
            self.attach_sync(sync)
        else:
            self.refresh_endpoint()
        self.go(0)
        self.refresh_unread()
        # The scheduled backup, if due, in a thread of its own (the window is not held up).
        self.backup = BackupRunner(services.ctx, self)
        self.backup.finished.connect(self.backup_done)
        self.backup.start()

    def attach_sync(self, sync: Any) -> None:
        """Connect the background sending to the status bar and the pages."""
        self.sync = sync
        sync.state_changed.connect(self.set_online)
        sync.synced.connect(self.refresh_unread)
        self.refresh_endpoint()
        for index, page in enumerate(self.pages):
            if page is None:
                continue
            if index == 5:
                page.set_sync(sync)
            if index in (0, 1, INBOX):
                sync.synced.connect(page.mark_stale)

    def page(self, index: int) -> Any:
        """The page at ``index``, built and wired on first use."""
        page = self.pages[index]
        if page is None:
            module, name = self.factories[index]
            page = getattr(import_module(f"ui.pages.{module}"), name)(self.services)
            self.pages[index] = page
            old = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            if index == 1:
                page.open_draft.connect(self.open_draft)
                page.create_return.connect(self.open_return)
            if index == 2:
                page.issued.connect(self.after_issue)
            if index == 6:
                page.endpoint_changed.connect(self.refresh_endpoint)
            if index == INBOX:
                page.unread_changed.connect(self.refresh_unread)
            if self.sync is not None:
                if index == 5:
                    page.set_sync(self.sync)
                if index in (0, 1, INBOX):
                    self.sync.synced.connect(page.mark_stale)
        return page

    @property
    def dashboard(self) -> DashboardPage:
        return self.page(0)

    @property
    def invoices(self) -> InvoicesPage:
        return self.page(1)

    @property
    def editor(self) -> InvoiceEditor:
        return self.page(2)

    @property
    def customers(self) -> CustomersPage:
        return self.page(3)

    @property
    def products(self) -> ProductsPage:
        return self.page(4)

    @property
    def outbox(self) -> OutboxPage:
        return self.page(5)

    @property
    def settings(self) -> SettingsPage:
        return self.page(6)

    @property
    def inbox(self) -> InboxPage:
        return self.page(INBOX)

    @property
    def despatches(self) -> DespatchesPage:
        return self.page(DESPATCHES)

    def _show_page(self, index: int) -> None:
        if index == INBOX and self.pages[INBOX] is not None:
            self.pages[INBOX].stale = True  # invoices may have come meanwhile: reload
        self.stack.setCurrentWidget(self.page(index))
        if index == INBOX:
            self.refresh_unread()

    def go(self, index: int) -> None:
        """Show the page at ``index`` (``self.pages``' order, not the navigation's)."""
        self.nav.setCurrentRow(NAV_PAGES.index(index))
        self._show_page(index)
        if index == 2:
            self.editor.customer_edit.setFocus()

    def open_draft(self, ettn: str) -> None:
        self.editor.open_draft(ettn)
        self.go(2)

    def open_return(self, data: dict) -> None:
        self.editor.load_invoice_json(data)
        self.go(2)

    def after_issue(self, _number: str) -> None:
        for page in self.pages:
            if page is not None:
                page.stale = True
        if self.sync is not None:
            self.sync.run()

    def refresh_unread(self) -> None:
        """Gelen Kutusu's title with the number of unread incoming invoices."""
        from app.usecases.inbox import unread_count

        self.services.tasks.run(DB, unread_count, self.services.ctx,
                                on_success=self.set_unread,
                                on_error=lambda _exc: None)  # a badge raises no error box

    def set_unread(self, count: int) -> None:
        row = NAV_PAGES.index(INBOX)
        title = self.tr(NAV[row][1])
        self.inbox_item.setText(f"{title} ({count})" if count else title)
        shortcut = f"Ctrl+{row + 1}"
        self.inbox_item.setToolTip(self.tr("{0} okunmamış gelen fatura").format(count)
                                   + f" · {shortcut}" if count else shortcut)
        font = self.inbox_item.font()
        font.setBold(bool(count))
        self.inbox_item.setFont(font)

    def refresh_endpoint(self) -> None:
        """Show which GİB service the sending uses (the demo's is the local simulator)."""
        override = getattr(self.sync, "endpoint_url", None)
        self.services.tasks.run(DB, endpoint_job, self.services.ctx, override,
                                on_success=self.set_endpoint)

    def set_endpoint(self, info: dict[str, str]) -> None:
        self.endpoint.setText(endpoint_name(info))
        self.endpoint.setProperty("kind", info["kind"])
        self.endpoint.setToolTip(info["url"])

    def set_online(self, state: str, message: str) -> None:
        texts = {"online": self.tr("● GİB: çevrimiçi"),
                 "offline": self.tr("● GİB: çevrimdışı — faturalar kutuda bekliyor"),
                 "unknown": self.tr("● GİB: bağlantı denenmedi")}
        self.online.setText(texts.get(state, state))
        self.online.setProperty("state", state)
        self.online.setToolTip(message)
        self.online.style().unpolish(self.online)
        self.online.style().polish(self.online)

    # -- what other seats change (another desktop, window or the posta kutusu service) ----
    def start_change_watch(self) -> None:
        """Poll the database's change stamps while the window is shown (``ui.changes``)."""
        from ui.changes import ChangeWatcher

        self.watcher = ChangeWatcher(self.services.ctx, self)
        self.watcher.changed.connect(self.others_changed)

    def others_changed(self, topics: set[str]) -> None:
        """Reload the pages that show ``topics`` (a page not shown reloads when it is next
        shown). The invoice editor and Ayarlar are never reloaded: they hold the user's
        unsaved input."""
        pages: set[int] = set()
        for topic in topics:
            pages.update(TOPIC_PAGES.get(topic, ()))
        for index in sorted(pages):
            if self.pages[index] is not None:
                self.pages[index].mark_stale()
        if "inbox" in topics:
            self.refresh_unread()
        if "settings" in topics:
            self.refresh_endpoint()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.isMinimized():
            self.watcher.resume()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.watcher.pause()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.isVisible():
            if self.isMinimized():
                self.watcher.pause()
            else:
                self.watcher.resume()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.watcher.stop()
        self.folder_watch.stop()
        if self.pages[2] is not None:
            self.pages[2].autosave_now()
            if self.pages[2].busy:
                self.pages[2].pin_handler.cancel()  # a worker may be waiting for a PIN
        for index in (INBOX, DESPATCHES):  # an answer or a despatch may wait for a PIN
            if self.pages[index] is not None:
                self.pages[index].pin_handler.cancel()
        if self.sync is not None:
            self.sync.stop()
        backup_at_close(self, self.backup)
        super().closeEvent(event)

    def backup_done(self, result: Any) -> None:
        """The scheduled backup's outcome in the status bar (a failure stays until the next)."""
        if result.state == "done":
            self.statusBar().showMessage(self.tr("Yedek alındı ve doğrulandı."), 10_000)
        elif result.state == "failed":
            self.statusBar().showMessage(result.message)
