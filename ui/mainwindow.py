"""The main window: navigation on the left, one page at a time, a status bar that tells
whether GİB is reachable and whether this is a TEST (demo) installation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
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

from app.resources import PROJECT_ROOT
from ui.pages.catalog import CustomersPage, ProductsPage
from ui.pages.dashboard import DashboardPage
from ui.pages.editor import InvoiceEditor
from ui.pages.invoices import InvoicesPage
from ui.pages.outbox import OutboxPage
from ui.pages.settings import SettingsPage
from ui.services import Services

ICONS = PROJECT_ROOT / "resources" / "icons"
NAV = [("dashboard", "Özet"), ("invoices", "Faturalar"), ("new", "Yeni Fatura"),
       ("customers", "Müşteriler"), ("products", "Ürünler"), ("outbox", "Giden Kutusu"),
       ("settings", "Ayarlar")]


def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


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

        self.dashboard = DashboardPage(services)
        self.invoices = InvoicesPage(services)
        self.editor = InvoiceEditor(services)
        self.customers = CustomersPage(services)
        self.products = ProductsPage(services)
        self.outbox = OutboxPage(services)
        self.settings = SettingsPage(services)
        self.pages = [self.dashboard, self.invoices, self.editor, self.customers,
                      self.products, self.outbox, self.settings]
        for i, ((key, title), page) in enumerate(zip(NAV, self.pages, strict=True)):
            item = QListWidgetItem(icon(key), self.tr(title))
            item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
            self.stack.addWidget(page)
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.go(i))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
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
        self.online = QLabel(self.tr("● GİB: bağlantı denenmedi"))
        self.online.setObjectName("onlineIndicator")
        bar.addPermanentWidget(self.online)
        services.tasks.busy_changed.connect(
            lambda n: self.busy.setText(self.tr("Çalışıyor…") if n else ""))

        # wiring between pages
        self.invoices.open_draft.connect(self.open_draft)
        self.invoices.create_return.connect(self.open_return)
        self.editor.issued.connect(self.after_issue)
        if sync is not None:
            self.outbox.set_sync(sync)
            sync.state_changed.connect(self.set_online)
            sync.synced.connect(self.invoices.mark_stale)
            sync.synced.connect(self.dashboard.mark_stale)
        self.go(0)

    def go(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        page = self.pages[index]
        if page is self.editor:
            self.editor.customer_edit.setFocus()

    def open_draft(self, ettn: str) -> None:
        self.editor.open_draft(ettn)
        self.go(2)

    def open_return(self, data: dict) -> None:
        self.editor.load_invoice_json(data)
        self.go(2)

    def after_issue(self, _number: str) -> None:
        for page in (self.dashboard, self.invoices, self.outbox):
            page.stale = True
        if self.sync is not None:
            self.sync.run()

    def set_online(self, state: str, message: str) -> None:
        texts = {"online": self.tr("● GİB: çevrimiçi"),
                 "offline": self.tr("● GİB: çevrimdışı — faturalar kutuda bekliyor"),
                 "unknown": self.tr("● GİB: bağlantı denenmedi")}
        self.online.setText(texts.get(state, state))
        self.online.setProperty("state", state)
        self.online.setToolTip(message)
        self.online.style().unpolish(self.online)
        self.online.style().polish(self.online)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.autosave_now()
        if self.sync is not None:
            self.sync.stop()
        super().closeEvent(event)
