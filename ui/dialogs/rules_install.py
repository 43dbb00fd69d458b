"""Installing GİB's rule packages from the window: download them from GİB's site, or choose
the zip / the folder holding them. Used by the first-start wizard, the settings page and the
invoice editor (``ask_to_install_rules`` when issuing fails with ``RulesMissingError``).

Progress and a clear result are shown in the dialog; never a raw exception text (the
details go to the log)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.usecases import rules
from ui.services import Services
from ui.tasks import NET

log = logging.getLogger("tezgah.ui")


def download(data_dir: Path) -> tuple[str, str]:
    """Job: download both packages from GİB and install those newer than the installed ones;
    (what happened, what is installed), both Turkish."""
    outcome = rules.update_from_gib(data_dir)
    return outcome.describe(), rules.installed_description(data_dir)


def install(data_dir: Path, sources: list[str]) -> str | None:
    """Job: install from the zips or the folder the user chose; what is installed (Turkish),
    or None while one of the two packages is still missing."""
    for source in sources:
        rules.install_from(data_dir, Path(source))
    return rules.installed_description(data_dir) if rules.is_installed(data_dir) else None


class RulesInstallDialog(QDialog):
    """``installed`` is emitted (with what is installed) once both packages are in place."""

    installed = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None,
                 reason: str | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ok = False
        self.setObjectName("rulesInstallDialog")
        self.setWindowTitle(self.tr("GİB kural paketleri"))
        self.resize(560, 300)
        lay = QVBoxLayout(self)
        intro = QLabel((reason + "\n\n" if reason else "") + self.tr(
            "Faturalar kesilmeden önce GİB'in kurallarıyla denetlenir. Bunun için GİB'in iki "
            "paketi gerekir: UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip. GİB'in sitesinden "
            "indirin ya da elinizdeki zip dosyasını veya ikisini tutan klasörü seçin."))
        intro.setObjectName("rulesIntro")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.download_button = QPushButton(self.tr("GİB'in sitesinden indir"))
        self.download_button.setObjectName("rulesDownload")
        self.download_button.clicked.connect(self.download)
        self.zip_button = QPushButton(self.tr("Zip dosyası seç…"))
        self.zip_button.setObjectName("rulesChooseZip")
        self.zip_button.clicked.connect(self.choose_zip)
        self.folder_button = QPushButton(self.tr("Klasör seç…"))
        self.folder_button.setObjectName("rulesChooseFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        for b in (self.download_button, self.zip_button, self.folder_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("rulesStatus")
        lay.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setObjectName("rulesProgress")
        self.progress.setRange(0, 0)  # busy: GİB's site does not always say the size
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.result = QLabel()
        self.result.setObjectName("rulesResult")
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        lay.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Kapat"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    @property
    def busy(self) -> bool:
        return self.progress.isVisible()

    def _start(self, text: str) -> None:
        for b in (self.download_button, self.zip_button, self.folder_button):
            b.setEnabled(False)
        self.status.setText(text)
        self.result.clear()
        self.result.setProperty("role", "")
        self.progress.setVisible(True)

    def _finish(self) -> None:
        for b in (self.download_button, self.zip_button, self.folder_button):
            b.setEnabled(True)
        self.status.clear()
        self.progress.setVisible(False)

    def download(self) -> None:
        self._start(self.tr("GİB'in sitesinden indiriliyor ve kuruluyor…"))
        self.services.tasks.run(NET, download, self.services.data_dir,
                                on_success=self._downloaded, on_error=self._download_failed)

    def choose_zip(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("GİB paketleri (zip)"), "",
                                                "Zip (*.zip)")
        if paths:
            self.install_from(*paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("GİB paketlerinin klasörü"))
        if folder:
            self.install_from(folder)

    def install_from(self, *sources: str) -> None:
        self._start(self.tr("Kuruluyor…"))
        self.services.tasks.run(NET, install, self.services.data_dir, list(sources),
                                on_success=self._installed, on_error=self._install_failed)

    def _installed(self, description: str | None, outcome: str | None = None) -> None:
        self._finish()
        if description is None:
            self.result.setText(self.tr(
                "Paketlerden biri kuruldu. Şimdi diğerini de seçin (UBL-TR1.2.1_Paketi.zip "
                "ve e-FaturaPaketi.zip ikisi de gerekir)."))
            return
        self.ok = True
        self.result.setProperty("role", "")
        if outcome is None:
            outcome = self.tr("Kuruldu. Faturalar artık GİB'in kurallarıyla denetlenebilir.")
        self.result.setText(outcome + "\n" + description)
        self.installed.emit(description)

    def _downloaded(self, result: tuple[str, str]) -> None:
        outcome, description = result
        self._installed(description, outcome)

    def _show_error(self, text: str) -> None:
        self._finish()
        self.result.setProperty("role", "error")
        self.result.setText(text)

    def _download_failed(self, exc: BaseException) -> None:
        log.warning("GİB kural paketleri indirilemedi: %s", exc)
        if isinstance(exc, UserError) and "tezgah " not in exc.message:
            # a damaged download: the package checks say what is wrong, and that nothing changed
            self._show_error(exc.message)
            return
        self._show_error(self.tr(
            "GİB'in sitesinden indirilemedi. İnternet bağlantınızı (ve varsa vekil sunucu "
            "ayarını) denetleyip yeniden deneyin ya da zip dosyalarını başka bir yoldan "
            "edinip 'Zip dosyası seç…' ile kurun."))

    def _install_failed(self, exc: BaseException) -> None:
        log.warning("GİB kural paketleri kurulamadı: %s", exc, exc_info=exc)
        if isinstance(exc, UserError) and "tezgah " not in exc.message:
            # the package checks say in words what is wrong with the chosen file
            self._show_error(exc.message)
            return
        self._show_error(self.tr(
            "Seçilen dosya ya da klasörden GİB kural paketleri kurulamadı. GİB'in "
            "UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip dosyalarını (ya da ikisini tutan "
            "klasörü) seçin."))


def ask_to_install_rules(services: Services, parent: QWidget | None = None,
                         reason: str | None = None) -> RulesInstallDialog:
    """Open the dialog (window-modal, not blocking) and return it; connect to ``installed``
    to go on (e.g. issue again) once the packages are in place."""
    dialog = RulesInstallDialog(services, parent, reason)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
