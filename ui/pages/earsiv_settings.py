"""Ayarlar → e-Arşiv: where the daily report goes (GİB's test service or another address),
the time-stamp service (address, user, password — kept in its own private file and never
shown back), the signature level, and a button that asks the TSA for one time-stamp."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.usecases import earsiv
from ui.services import Services
from ui.tasks import DB, NET

LEVELS = (
    ("BES", QT_TRANSLATE_NOOP("EarsivSettings", "BES — yalnız imza, zaman damgası yok: rapor "
                              "GİB'e gönderilemez.")),
    ("T", QT_TRANSLATE_NOOP("EarsivSettings", "T — imza ve zaman damgası: imzanın ne zaman "
                            "atıldığı kanıtlanır.")),
    ("A", QT_TRANSLATE_NOOP("EarsivSettings", "A — zaman damgası, doğrulama verileri ve arşiv "
                            "zaman damgası: GİB kılavuzunun istediği düzey (önerilen).")),
)


class EarsivSettings(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("e-Arşiv raporu"), parent)
        self.services = services
        self.test_endpoint = ""
        lay = QVBoxLayout(self)
        note = QLabel(self.tr("e-Arşiv faturaları her gün GİB'e raporlanır. Rapor mali mühür/"
                              "e-imza ile imzalanır ve zaman damgası alır."))
        note.setWordWrap(True)
        lay.addWidget(note)
        form = QFormLayout()
        svc = QVBoxLayout()
        self.endpoint_test = QRadioButton(self.tr("GİB test servisi"))
        self.endpoint_test.setObjectName("earsivEndpointTest")
        self.endpoint_other = QRadioButton(self.tr("Canlı servis / başka adres (GİB'in "
                                                   "verdiği adresi yazın)"))
        self.endpoint_other.setObjectName("earsivEndpointOther")
        self.endpoint_group = QButtonGroup(self)
        self.endpoint_group.addButton(self.endpoint_test)
        self.endpoint_group.addButton(self.endpoint_other)
        self.endpoint = QLineEdit()
        self.endpoint.setObjectName("earsivEndpoint")
        self.endpoint_test.toggled.connect(self._endpoint_choice)
        for w in (self.endpoint_test, self.endpoint_other, self.endpoint):
            svc.addWidget(w)
        form.addRow(self.tr("Rapor servisi"), svc)
        self.tsa_url = QLineEdit()
        self.tsa_url.setObjectName("tsaUrl")
        self.tsa_user = QLineEdit()
        self.tsa_user.setObjectName("tsaUser")
        self.tsa_password = QLineEdit()
        self.tsa_password.setObjectName("tsaPassword")
        self.tsa_password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Zaman damgası (TSA) adresi"), self.tsa_url)
        form.addRow(self.tr("TSA kullanıcı adı"), self.tsa_user)
        form.addRow(self.tr("TSA parolası"), self.tsa_password)
        levels = QVBoxLayout()
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        for value, text in LEVELS:
            b = QRadioButton(QCoreApplication.translate("EarsivSettings", text))
            b.setObjectName(f"earsivLevel{value}")
            self.level_group.addButton(b)
            self.level_buttons[value] = b
            levels.addWidget(b)
        self.level_buttons["A"].setChecked(True)
        form.addRow(self.tr("İmza düzeyi"), levels)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("e-Arşiv ayarlarını kaydet"))
        self.save_button.setObjectName("saveEarsiv")
        self.save_button.clicked.connect(self.save)
        self.stamp_button = QPushButton(self.tr("Zaman damgası dene"))
        self.stamp_button.setObjectName("tryTimestamp")
        self.stamp_button.clicked.connect(self.try_timestamp)
        row.addWidget(self.save_button)
        row.addWidget(self.stamp_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("earsivMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)

    def _endpoint_choice(self, test: bool) -> None:
        if test and self.test_endpoint:
            self.endpoint.setText(self.test_endpoint)
        self.endpoint.setReadOnly(test)

    def refresh(self) -> None:
        self.services.tasks.run(DB, earsiv.earsiv_settings, self.services.ctx,
                                on_success=self._loaded)

    def _loaded(self, values: dict[str, Any]) -> None:
        self.test_endpoint = values["test_endpoint"]
        url = values["earsiv_endpoint"]
        self.endpoint.setText(url)
        is_test = url.rstrip("/") == self.test_endpoint
        (self.endpoint_test if is_test else self.endpoint_other).setChecked(True)
        self.endpoint.setReadOnly(is_test)
        self.tsa_url.setText(values["tsa_url"])
        self.tsa_user.setText(values["tsa_username"])
        self.tsa_password.clear()  # never shown back
        self.tsa_password.setPlaceholderText(self.tr("kayıtlı (değiştirmek için yazın)")
                                             if values["password_stored"] else "")
        self.level_buttons.get(values["earsiv_signature_level"],
                               self.level_buttons["A"]).setChecked(True)

    def values(self) -> dict[str, Any]:
        level = next(v for v, b in self.level_buttons.items() if b.isChecked())
        url = self.test_endpoint if self.endpoint_test.isChecked() else self.endpoint.text()
        return {"earsiv_endpoint": url.strip(), "tsa_url": self.tsa_url.text().strip(),
                "tsa_username": self.tsa_user.text().strip(),
                "earsiv_signature_level": level}

    def save(self) -> None:
        password = self.tsa_password.text() or None
        self.services.tasks.run(DB, earsiv.save_earsiv_settings, self.services.ctx,
                                self.values(), password, on_success=self._saved,
                                on_error=self._failed)

    def _saved(self, _result: object) -> None:
        self.message.setText(self.tr("e-Arşiv ayarları kaydedildi."))
        self.refresh()

    def try_timestamp(self) -> None:
        """Save, then ask the TSA for one time-stamp and show its time."""
        values, password = self.values(), self.tsa_password.text() or None

        def run(ctx: Any) -> Any:
            earsiv.save_earsiv_settings(ctx, values, password)
            return earsiv.try_timestamp(ctx)

        self.message.setText(self.tr("Zaman damgası isteniyor…"))
        self.services.tasks.run(NET, run, self.services.ctx, on_success=self._stamped,
                                on_error=self._failed)

    def _stamped(self, when: Any) -> None:
        self.message.setText(self.tr("Zaman damgası alındı. TSA'nın saati: {0}").format(
            f"{when:%d.%m.%Y %H:%M:%S}"))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        from app.domain.errors import UserError

        if isinstance(exc, UserError):
            self.message.setText(exc.message)
            return
        self.services.errors(exc, self)
