"""Ayarlar → Veritabanı and the wizard's database page: this computer's SQLite file or a
PostgreSQL server the shop's computers share (host, port, database, user — never a
password), a connection test run in the background, and saving the choice for the next
start (``app.usecases.database_settings``)."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from PySide6.QtCore import QProcess, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.usecases import database_settings as dbs
from ui.services import Services
from ui.tasks import NET


def restart_app() -> None:
    """Start Tezgâh again with the same arguments, then quit this one."""
    args = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    started = QProcess.startDetached(sys.executable, args)
    if started[0] if isinstance(started, tuple) else started:
        QApplication.quit()


class DatabaseSettings(QGroupBox):
    saved = Signal(str)  # the saved URL (empty: SQLite)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Veritabanı"), parent)
        self.setObjectName("databaseSettings")
        self.services = services
        lay = QVBoxLayout(self)
        self.sqlite = QRadioButton(self.tr("Bu bilgisayar (SQLite)"))
        self.sqlite.setObjectName("dbSqlite")
        self.postgres = QRadioButton(self.tr("Paylaşılan sunucu (PostgreSQL)"))
        self.postgres.setObjectName("dbPostgres")
        group = QButtonGroup(self)
        group.addButton(self.sqlite)
        group.addButton(self.postgres)
        lay.addWidget(self.sqlite)
        lay.addWidget(self.postgres)
        form = QFormLayout()
        self.host = QLineEdit()
        self.host.setObjectName("dbHost")
        self.host.setPlaceholderText(self.tr("ör. kasa-sunucu ya da 192.168.1.10"))
        self.port = QLineEdit()
        self.port.setObjectName("dbPort")
        self.port.setPlaceholderText(str(dbs.DEFAULT_PORT))
        self.database = QLineEdit()
        self.database.setObjectName("dbName")
        self.user = QLineEdit()
        self.user.setObjectName("dbUser")
        self.url = QLineEdit()
        self.url.setObjectName("dbUrl")
        self.url.setPlaceholderText("postgresql://kullanıcı@sunucu:5432/veritabanı")
        form.addRow(self.tr("Sunucu"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Veritabanı"), self.database)
        form.addRow(self.tr("Kullanıcı"), self.user)
        form.addRow(self.tr("Adres"), self.url)
        lay.addLayout(form)
        for field in (self.host, self.port, self.database, self.user):
            field.textEdited.connect(self._fields_edited)
        self.url.textEdited.connect(self._url_edited)
        self.postgres.toggled.connect(self._choice)
        note = QLabel(dbs.PASSWORD_NOTE + "\n\n" + dbs.MOVE_NOTE)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        lay.addWidget(note)
        self.now = QLabel()
        self.now.setObjectName("dbNow")
        self.now.setWordWrap(True)
        lay.addWidget(self.now)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Bağlantıyı dene"))
        self.test_button.setObjectName("dbTest")
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        self.save_button = QPushButton(self.tr("Veritabanı ayarını kaydet"))
        self.save_button.setObjectName("dbSave")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("dbMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.restart_box: QMessageBox | None = None
        self.load()

    # -- showing ---------------------------------------------------------------------------
    def load(self) -> None:
        ctx = self.services.ctx
        choice = dbs.current(ctx.data_dir, ctx.db.location)
        if choice.saved:
            self.url.setText(choice.saved)
            self._url_edited(choice.saved)
        self.postgres.setChecked(bool(choice.saved))
        self.sqlite.setChecked(not choice.saved)
        self._choice(bool(choice.saved))
        text = self.tr("Şu an kullanılan: {0}").format(choice.in_use)
        if choice.overridden:
            text += " " + self.tr("(--database-url ya da TEZGAH_DATABASE_URL ile verildi; "
                                  "bunlar buradaki ayardan önce gelir)")
        self.now.setText(text)

    def _choice(self, postgres: bool) -> None:
        for w in (self.host, self.port, self.database, self.user, self.url, self.test_button):
            w.setEnabled(postgres)

    def _server(self) -> dbs.Server:
        port = self.port.text().strip()
        try:
            number = int(port) if port else None
        except ValueError:
            raise UserError(self.tr("Port bir sayı olmalı."), field="port") from None
        return dbs.Server(self.host.text(), number, self.database.text(), self.user.text())

    def _fields_edited(self, _text: str = "") -> None:
        with contextlib.suppress(UserError):  # not complete yet
            self.url.setText(dbs.url_of(self._server()))

    def _url_edited(self, text: str) -> None:
        try:
            server = dbs.server_of(text.strip())
        except ValueError:
            return
        self.host.setText(server.host)
        self.port.setText(str(server.port) if server.port else "")
        self.database.setText(server.database)
        self.user.setText(server.user)

    def chosen_url(self) -> str:
        """The URL the form describes; empty for SQLite."""
        if not self.postgres.isChecked():
            return ""
        return self.url.text().strip() or dbs.url_of(self._server())

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "ok" if ok else "error")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # -- actions ---------------------------------------------------------------------------
    def test_connection(self) -> None:
        try:
            url = self.chosen_url()
        except UserError as exc:
            self._say(exc.message, False)
            return
        self._say(self.tr("Bağlanılıyor…"), True)
        self.test_button.setEnabled(False)
        self.services.tasks.run(
            NET, dbs.check, url,
            on_success=lambda result: self._say(result.message, result.ok),
            on_error=lambda exc: self._say(getattr(exc, "message", str(exc)), False),
            on_finally=lambda: self.test_button.setEnabled(self.postgres.isChecked()))

    def save(self) -> None:
        try:
            url = dbs.save(self.services.ctx.data_dir, self.chosen_url())
        except UserError as exc:
            self._say(exc.message, False)
            return
        if url:
            self.url.setText(url)
        self._say(self.tr("Kaydedildi: {0}. Tezgâh yeniden başlatılınca kullanılır.").format(
            url or self.tr("bu bilgisayardaki SQLite dosyası")), True)
        self.saved.emit(url)
        if url != self._in_use_url():
            self.ask_restart()

    def _in_use_url(self) -> str:
        db: Any = self.services.ctx.db
        return "" if db.is_sqlite else db.location

    def ask_restart(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Yeniden başlat"), self.tr(
            "Yeni veritabanı ayarı Tezgâh yeniden başlatılınca kullanılır. Şimdi yeniden "
            "başlatılsın mı?"), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self)
        box.setObjectName("dbRestart")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Yeniden başlat"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Sonra"))
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(restart_app)
        self.restart_box = box
        box.open()
