""""How will you sign": the USB token / smart card (PKCS#11) or the demo TEST certificate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.usecases.signers import (
    SignerConfig,
    card_driver_dialog,
    card_module_hints,
    card_module_problem,
    card_modules,
    tokens_of,
)
from ui import fmt
from ui.services import Services
from ui.tasks import TOKEN


def scan_tokens(module_path: str) -> list[Any]:
    """Job (token lane): the tokens of a module with their certificates."""
    return tokens_of(module_path)


class SignerPicker(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.company_vkn = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.demo = QRadioButton(self.tr("Önce deneyin: TEST sertifikası ve yerel GİB test "
                                         "simülatörü (gerçek fatura kesilmez)"))
        self.demo.setObjectName("demoRadio")
        self.token = QRadioButton(self.tr("USB imza cihazı / akıllı kart (mali mühür ya da e-imza)"))
        self.token.setObjectName("tokenRadio")
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.token)
        self.demo.setChecked(True)
        lay.addWidget(self.demo)
        lay.addWidget(self.token)
        self.token_box = QWidget()
        tl = QVBoxLayout(self.token_box)
        row = QHBoxLayout()
        self.module = QComboBox()
        self.module.setObjectName("moduleCombo")
        self.module.setEditable(True)
        for path, card in card_modules():
            self.module.addItem(card, path)  # the card's name; its file under Ayrıntılar
        row.addWidget(QLabel(self.tr("Kart sürücüsü (PKCS#11):")))
        row.addWidget(self.module, 1)
        self.browse_button = QPushButton(self.tr("Dosya seç…"))
        self.browse_button.setObjectName("browseModuleButton")
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(self.browse_button)
        self.scan_button = QPushButton(self.tr("Kartları ara"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.clicked.connect(self.scan)
        row.addWidget(self.scan_button)
        tl.addLayout(row)
        self.details_button = QToolButton()
        self.details_button.setObjectName("driverDetailsButton")
        self.details_button.setText(self.tr("Ayrıntılar"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details = QLabel()
        self.details.setObjectName("driverDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(False)
        self.details_button.toggled.connect(self._show_details)
        tl.addWidget(self.details_button)
        tl.addWidget(self.details)
        self.module.currentIndexChanged.connect(lambda _i: self._update_details())
        self.module.editTextChanged.connect(lambda _t: self._update_details())
        self._update_details()
        self.certs = QListWidget()
        self.certs.setObjectName("certList")
        tl.addWidget(self.certs)
        self.info = QLabel()
        self.info.setObjectName("signerInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tl.addWidget(self.info)
        lay.addWidget(self.token_box)
        self.token.toggled.connect(self.token_box.setEnabled)
        self.token_box.setEnabled(False)
        if not self.module.count():
            # Drivers of the wrong width (a 32-bit one in SysWOW64 …) are not offered; why
            # not is said here.
            text = self.tr("Bu bilgisayarda kullanılabilir bir kart sürücüsü bulunamadı; "
                           "kartınızın sürücüsünü kurun ya da dosyasını seçin.")
            self.info.setText("\n\n".join([text, *card_module_hints()]))

    def module_path(self) -> str:
        data = self.module.currentData()
        text = self.module.currentText().strip()
        return data if data and self.module.itemText(self.module.currentIndex()) == text else text

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown
                                         else Qt.ArrowType.RightArrow)

    def _update_details(self) -> None:
        path = self.module_path()
        self.details.setText(self.tr("Kart sürücüsünün dosyası: {0}").format(path) if path
                             else self.tr("Kart sürücüsü seçilmedi."))

    def _browse(self) -> None:
        folder, pattern = card_driver_dialog()
        filters = ";;".join([self.tr("Kart sürücüsü ({0})").format(pattern),
                             self.tr("Tüm dosyalar (*)")])
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Kart sürücüsü (PKCS#11 modülü)"),
                                              folder, filters)
        if path:
            self.use_module_file(path)

    def use_module_file(self, path: str) -> bool:
        """Offer a driver file the user picked; when it cannot be this Tezgâh's driver (not a
        library, 32/64-bit mismatch …) say why instead and leave the choice as it was."""
        problem = card_module_problem(path)
        if problem:
            self.info.setText("⚠ " + problem)
            return False
        self.module.addItem(Path(path).name, path)
        self.module.setCurrentIndex(self.module.count() - 1)
        self.info.clear()
        return True

    def scan(self) -> None:
        path = self.module_path()
        if not path:
            return
        self.certs.clear()
        self.info.setText(self.tr("Kartlar okunuyor…"))
        self.services.tasks.run(TOKEN, scan_tokens, path, on_success=self._scanned,
                                on_error=self._scan_failed)

    def _scan_failed(self, exc: BaseException) -> None:
        self.info.setText(str(exc))

    def _scanned(self, tokens: list[Any]) -> None:
        best = None
        for tok in tokens:
            if not tok.token_present:
                continue
            for cert in tok.certificates:
                info = cert.info
                text = (f"{info.display_name} · {info.vkn_tckn or '?'} · {tok.label}\n"
                        f"{self.tr('Veren')}: {info.issuer_cn} · "
                        f"{self.tr('Geçerlilik')}: {fmt.day(info.not_after.date())}")
                problem = info.validity_problem()
                if problem:
                    text += f"\n⚠ {problem}"
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (tok.label, cert.id_hex))
                self.certs.addItem(item)
                if best is None and info.vkn_tckn == self.company_vkn and not problem:
                    best = item
        if best is not None:
            self.certs.setCurrentItem(best)
        elif self.certs.count():
            self.certs.setCurrentRow(0)
        self.info.setText(self.tr("{0} sertifika bulundu.").format(self.certs.count())
                          if self.certs.count() else self.tr("Takılı kartta sertifika bulunamadı."))

    def config(self) -> SignerConfig | None:
        """The chosen token configuration; None for demo mode."""
        if self.demo.isChecked():
            return None
        item = self.certs.currentItem()
        label, cert_id = item.data(Qt.ItemDataRole.UserRole) if item else (None, None)
        return SignerConfig(kind="pkcs11", module_path=self.module_path(), token_label=label,
                            cert_id_hex=cert_id)
