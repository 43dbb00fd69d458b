"""Ayarlar › Diğer programlar: how a till, an ERP or a web shop hands invoices to Tezgâh —
the local API (port, open to the network, batch signing) and the watched folder — saved
through ``app.usecases.api_settings``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.domain.errors import UserError
from app.usecases import api_settings
from ui.savefile import open_folder
from ui.services import Services
from ui.tasks import DB

COMMANDS = ("tezgah api serve", "tezgah api token")


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


def _subtitle(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "subtitle")
    return label


class ApiSettings(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Diğer programlar"), parent)
        self.services = services
        self.folder_dialog: QFileDialog | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(_hint(self.tr(
            "Kasa programı, ön muhasebe (ERP) ya da e-ticaret sitesi Tezgâh'a iki yoldan fatura "
            "bırakabilir: bu bilgisayardaki yerel API (HTTP) ya da izlenen klasör. Gelenler "
            "taslak olur; kesmek ve imzalamak burada kalır.")))

        form = QFormLayout()
        lay.addLayout(form)
        form.addRow(_subtitle(self.tr("Yerel API")))
        self.port = QLineEdit()
        self.port.setObjectName("apiPort")
        self.port.setMaxLength(5)
        self.port.setMaximumWidth(90)
        self.port.setPlaceholderText(str(settings.API_PORT.default))
        form.addRow(self.tr("API portu"), self.port)
        self.open_to_network = QCheckBox(self.tr("Ağa aç (başka bilgisayarlar erişebilir)"))
        self.open_to_network.setObjectName("apiOpenToNetwork")
        form.addRow("", self.open_to_network)
        self.network_warning = _hint(self.tr(
            "Kapalıyken yalnızca bu bilgisayardaki programlar erişir (127.0.0.1). Açıkken "
            "aynı ağdaki her bilgisayar API'ye ulaşabilir; yine de API anahtarı gerekir. "
            "Yalnızca güvendiğiniz iş yeri ağında açın, internete açık bir ağda açmayın."))
        self.network_warning.setObjectName("apiNetworkWarning")
        form.addRow("", self.network_warning)
        self.open_to_network.toggled.connect(self._warn)
        self.batch_signing = QCheckBox(self.tr("API ile toplu imzaya izin ver (tek PIN ile "
                                               "bir parti)"))
        self.batch_signing.setObjectName("apiBatchSigning")
        form.addRow("", self.batch_signing)
        form.addRow("", _hint(self.tr(
            "Kapalıyken (önerilen) diğer programlar yalnızca taslak bırakır; faturayı kesmek ve "
            "mali mühür/e-imza ile imzalamak bu pencerede, kartın başındaki kişinin işidir. "
            "Açıkken bir program bir parti taslağı kartın PIN'iyle tek seferde kestirebilir.")))

        form.addRow(_subtitle(self.tr("İzlenen klasör")))
        self.watch_enabled = QCheckBox(self.tr("İzlenen klasörü kullan"))
        self.watch_enabled.setObjectName("watchFolderEnabled")
        form.addRow("", self.watch_enabled)
        form.addRow("", _hint(self.tr(
            "Bu klasöre bırakılan fatura dosyaları (JSON ya da imzasız UBL-TR XML) taslak "
            "olur; işlenenler 'islenen', hatalı olanlar nedenini yazan bir notla 'hatalı' "
            "alt klasörüne taşınır.")))
        row = QHBoxLayout()
        self.watch_folder = QLineEdit()
        self.watch_folder.setObjectName("watchFolder")
        row.addWidget(self.watch_folder, 1)
        self.choose_button = QPushButton(self.tr("Klasör seç…"))
        self.choose_button.setObjectName("watchFolderChoose")
        self.choose_button.clicked.connect(self.choose_folder)
        row.addWidget(self.choose_button)
        self.open_button = QPushButton(self.tr("Klasörü aç"))
        self.open_button.setObjectName("watchFolderOpen")
        self.open_button.clicked.connect(self.open_watch_folder)
        row.addWidget(self.open_button)
        form.addRow(self.tr("Klasör"), row)
        self.watch_now = QLabel()
        self.watch_now.setObjectName("watchFolderNow")
        self.watch_now.setWordWrap(True)
        self.watch_now.setProperty("role", "hint")
        self.watch_now.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.watch_now)

        self.commands = QLabel(
            self.tr("Komut satırında:") + "\n"
            + self.tr("{0}  — API'yi bu ayarlarla başlatır").format(COMMANDS[0]) + "\n"
            + self.tr("{0}  — diğer programlar için API anahtarı üretir").format(COMMANDS[1]))
        self.commands.setObjectName("apiCommands")
        self.commands.setProperty("role", "hint")
        self.commands.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.commands)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Diğer programlar ayarlarını kaydet"))
        self.save_button.setObjectName("saveApiSettings")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("apiMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)

    def refresh(self) -> None:
        self.services.tasks.run(DB, api_settings.api_settings, self.services.ctx,
                                on_success=self._loaded)

    def _loaded(self, values: dict[str, Any]) -> None:
        self.port.setText(str(values[settings.API_PORT.key]))
        self.open_to_network.setChecked(bool(values[settings.API_OPEN_TO_NETWORK.key]))
        self.batch_signing.setChecked(bool(values[settings.API_BATCH_SIGNING.key]))
        self.watch_enabled.setChecked(bool(values[settings.WATCH_FOLDER_ENABLED.key]))
        self.watch_folder.setText(values[settings.WATCH_FOLDER.key])
        self.watch_folder.setPlaceholderText(self.tr("boş: {0}").format(
            values["default_watch_folder"]))
        self.watch_now.setText(self.tr("Kullanılan klasör: {0}").format(
            values["watch_folder_path"]))

    def values(self) -> dict[str, Any]:
        return {settings.API_PORT.key: self.port.text().strip(),
                settings.API_OPEN_TO_NETWORK.key: self.open_to_network.isChecked(),
                settings.API_BATCH_SIGNING.key: self.batch_signing.isChecked(),
                settings.WATCH_FOLDER_ENABLED.key: self.watch_enabled.isChecked(),
                settings.WATCH_FOLDER.key: self.watch_folder.text().strip()}

    def save(self) -> None:
        self._say("", "")
        self.services.tasks.run(DB, api_settings.save_api_settings, self.services.ctx,
                                self.values(), on_success=self._saved, on_error=self._failed)

    def _saved(self, values: dict[str, Any]) -> None:
        self._loaded(values)
        self._say(self.tr("Diğer programlar ayarları kaydedildi. Çalışan bir "
                          "'tezgah api serve' yeniden başlatılınca geçerli olur."), "ok")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._say(exc.message, "error")
            return
        self.services.errors(exc, self)

    def _warn(self, open_to_network: bool) -> None:
        """The warning in red while the API is to listen beyond this computer."""
        self.network_warning.setProperty("role", "error" if open_to_network else "hint")
        self.network_warning.style().unpolish(self.network_warning)
        self.network_warning.style().polish(self.network_warning)

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def choose_folder(self) -> None:
        """A folder chooser (window-modal, not blocking)."""
        start = self.watch_folder.text().strip() or str(self.services.data_dir)
        dialog = QFileDialog(self, self.tr("İzlenen klasör"), start)
        dialog.setObjectName("watchFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda path: self.watch_folder.setText(str(Path(path))))
        self.folder_dialog = dialog
        QDialog.open(dialog)

    def open_watch_folder(self) -> None:
        self.services.tasks.run(DB, api_settings.open_watch_folder, self.services.ctx,
                                self.watch_folder.text().strip(), on_success=open_folder,
                                on_error=self._failed)
