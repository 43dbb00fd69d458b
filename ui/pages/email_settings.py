"""Ayarlar → E-posta: the mail server e-Arşiv invoices delivered ELEKTRONIK go through. The
password is written to its own private file and never shown back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.usecases import email_delivery
from ui.services import Services
from ui.tasks import DB, NET

SECURITY = (("starttls", "STARTTLS (587)"), ("tls", "TLS (465)"),
            ("none", QT_TRANSLATE_NOOP("EmailSettings",
                                       "Yok (yalnızca bu bilgisayardaki sunucu)")))


class EmailSettings(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("E-posta (SMTP)"), parent)
        self.services = services
        lay = QVBoxLayout(self)
        note = QLabel(self.tr("Gönderim şekli ELEKTRONIK olan e-Arşiv faturaları, PDF'i ve "
                              "imzalı XML'i ekli olarak bu sunucu üzerinden alıcıya gider."))
        note.setWordWrap(True)
        lay.addWidget(note)
        form = QFormLayout()
        self.host = QLineEdit()
        self.host.setObjectName("smtpHost")
        self.port = QSpinBox()
        self.port.setObjectName("smtpPort")
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurity")
        for value, label in SECURITY:
            self.security.addItem(self.tr(label), value)
        self.username = QLineEdit()
        self.username.setObjectName("smtpUser")
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.from_address = QLineEdit()
        self.from_address.setObjectName("smtpFrom")
        self.from_name = QLineEdit()
        self.from_name.setObjectName("smtpFromName")
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("smtpCaFile")
        form.addRow(self.tr("Sunucu"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Güvenlik"), self.security)
        form.addRow(self.tr("Kullanıcı adı"), self.username)
        form.addRow(self.tr("Parola"), self.password)
        form.addRow(self.tr("Gönderen adresi"), self.from_address)
        form.addRow(self.tr("Gönderen adı"), self.from_name)
        form.addRow(self.tr("CA dosyası (isteğe bağlı)"), self.ca_file)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("E-posta ayarlarını kaydet"))
        self.save_button.setObjectName("saveSmtp")
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(self.tr("Deneme e-postası gönder"))
        self.test_button.setObjectName("testSmtp")
        self.test_button.clicked.connect(self.send_test)
        row.addWidget(self.save_button)
        row.addWidget(self.test_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("smtpMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)

    def refresh(self) -> None:
        self.services.tasks.run(DB, email_delivery.email_settings, self.services.ctx,
                                on_success=self._loaded)

    def _loaded(self, values: dict[str, Any]) -> None:
        self.host.setText(values["smtp_host"])
        self.port.setValue(int(values["smtp_port"]))
        self.security.setCurrentIndex(max(0, self.security.findData(values["smtp_security"])))
        self.username.setText(values["smtp_username"])
        self.from_address.setText(values["smtp_from_address"])
        self.from_name.setText(values["smtp_from_name"])
        self.ca_file.setText(values["smtp_ca_file"])
        self.password.clear()  # never shown back
        self.password.setPlaceholderText(self.tr("kayıtlı (değiştirmek için yazın)")
                                         if values["password_stored"] else "")

    def values(self) -> dict[str, Any]:
        return {"smtp_host": self.host.text().strip(), "smtp_port": self.port.value(),
                "smtp_security": self.security.currentData(),
                "smtp_username": self.username.text().strip(),
                "smtp_from_address": self.from_address.text().strip(),
                "smtp_from_name": self.from_name.text().strip(),
                "smtp_ca_file": self.ca_file.text().strip()}

    def save(self) -> None:
        password = self.password.text() or None
        self.services.tasks.run(DB, email_delivery.save_email_settings, self.services.ctx,
                                self.values(), password, on_success=self._saved,
                                on_error=self._failed)

    def _saved(self, _result: object) -> None:
        self.message.setText(self.tr("E-posta ayarları kaydedildi."))
        self.refresh()

    def send_test(self) -> None:
        """Save, then send a test message to the sender's own address."""
        password = self.password.text() or None

        def run(ctx: Any) -> str:
            email_delivery.save_email_settings(ctx, self.values_now, password)
            return email_delivery.test_email(ctx)

        self.values_now = self.values()
        self.message.setText(self.tr("Deneme e-postası gönderiliyor…"))
        self.services.tasks.run(NET, run, self.services.ctx,
                                on_success=lambda to: (self.message.setText(
                                    self.tr("Deneme e-postası gönderildi: {0}").format(to)),
                                    self.refresh()),
                                on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from app.domain.errors import UserError

        if isinstance(exc, UserError):
            self.message.setText(exc.message)
            return
        self.services.errors(exc, self)
