"""First start: company identity, address, series, and how the company signs."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import UserError
from app.domain.party import Party
from app.settings import DEFAULT_EARCHIVE_SERIES, DEFAULT_EFATURA_SERIES
from app.usecases import catalog, rules, signers
from app.usecases.company import set_company
from app.usecases.demo import DEMO_COMPANY, DEMO_CUSTOMERS, DEMO_PRODUCTS, ensure_rules
from app.usecases.signers import SignerConfig
from ui.dialogs.rules_install import ask_to_install_rules
from ui.services import Services
from ui.tasks import DB
from ui.widgets.forms import FieldErrors
from ui.widgets.party_form import PartyForm
from ui.widgets.signer_picker import SignerPicker

log = logging.getLogger("tezgah.ui")


def setup_company(ctx: Any, company: dict[str, Any], signer: SignerConfig | None,
                  demo_data: bool) -> list[str]:
    """Job: store the company, the signer (or a TEST certificate) and GİB's rules."""
    report = []
    party = set_company(ctx, company)
    report.append(f"Firma kaydedildi: {party.display_name}")
    cfg = signers.use_signer(ctx.data_dir, signer, party)
    if signer is None:
        report.append("İmza: TEST sertifikası oluşturuldu (gerçek mali mühür değildir).")
    else:
        report.append(f"İmza: {cfg.describe()}")
    if demo_data:
        for c in DEMO_CUSTOMERS:
            catalog.save_customer(ctx, c)
        for p in DEMO_PRODUCTS:
            catalog.save_product(ctx, p)
        report.append("Örnek müşteriler ve ürünler eklendi.")
    try:
        report.append(ensure_rules(ctx))
    except UserError as exc:
        # the window offers the install (download or choose the zip); details go to the log
        log.warning("GİB kural paketleri kurulamadı: %s", exc.message)
        report.append(RULES_MISSING)
    return report


#: The set-up's line when GİB's packages could not be installed (the Done page offers them).
RULES_MISSING = QT_TRANSLATE_NOOP(
    "FirstStartWizard", "GİB kural paketleri henüz kurulu değil (GİB'in sitesine "
    "ulaşılamadı). Fatura kesmeden önce aşağıdaki düğmeyle kurun.")


class WelcomePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Tezgâh'a hoş geldiniz"))
        self.setSubTitle(self.tr("Faturalarınızı kendiniz kesin ve GİB'e doğrudan gönderin. "
                                 "Birkaç adımda hazır olursunuz."))
        lay = QVBoxLayout(self)
        self.own = QRadioButton(self.tr("Kendi firmamın bilgilerini gireceğim"))
        self.own.setObjectName("ownRadio")
        self.demo = QRadioButton(self.tr("Önce deneyin: örnek firma, TEST sertifikası ve yerel "
                                         "GİB test simülatörü ile"))
        self.demo.setObjectName("tryRadio")
        lay.addWidget(self.demo)
        lay.addWidget(self.own)
        lay.addStretch(1)
        # A computer joining a shop whose data is on a PostgreSQL server (Ayarlar has it too).
        self.shared = QPushButton(self.tr("Veriler paylaşılan bir sunucuda (PostgreSQL)…"))
        self.shared.setObjectName("sharedDatabase")
        lay.addWidget(self.shared)


class CompanyPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Firma kimliği"))
        self.setSubTitle(self.tr("Vergi levhanızdaki bilgiler. VKN/TCKN yazarken denetlenir."))
        lay = QVBoxLayout(self)
        self.form = PartyForm(sections=("identity",))
        lay.addWidget(self.form)
        self.alias = QLineEdit()
        self.alias.setObjectName("senderAlias")
        self.alias.setPlaceholderText("urn:mail:defaultgb@firmaniz.com.tr")
        # In the company form's own layout, so its label lines up with the fields above.
        self.form.errors.row(self.form.form, self.tr("Gönderici birim (GB) etiketi"), "alias",
                             self.alias)
        self.alias.setToolTip(self.tr("GİB'in size verdiği gönderici birim etiketi: "
                                      "faturalarınız bu adresten gönderilir."))

    def validatePage(self) -> bool:
        self.form.errors.clear()
        data = self.form.to_dict()
        data["address"] = {"city": "-", "district": "-"}
        try:
            Party.from_dict(data)
        except UserError as exc:
            if not self.form.errors.show(exc):
                self.form.errors.show(UserError(exc.message, field="vkn_tckn"))
            return False
        return True


class AddressPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Adres ve iletişim"))
        self.setSubTitle(self.tr("Faturanın üst bilgisinde görünür."))
        lay = QVBoxLayout(self)
        self.form = PartyForm(sections=("address", "contact"), with_alias=False)
        lay.addWidget(self.form)


class SeriesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Fatura serileri"))
        self.setSubTitle(self.tr("Fatura numaraları seriyle başlar: ABC2026000000001. Üç "
                                 "karakter, büyük harf ya da rakam."))
        form = QFormLayout(self)
        self.errors = FieldErrors()
        self.efatura = QLineEdit(DEFAULT_EFATURA_SERIES)
        self.efatura.setObjectName("efaturaSeries")
        self.earchive = QLineEdit(DEFAULT_EARCHIVE_SERIES)
        self.earchive.setObjectName("earchiveSeries")
        for e in (self.efatura, self.earchive):
            e.setMaxLength(3)
            e.textEdited.connect(lambda t, e=e: e.setText(t.upper()))
        self.errors.row(form, self.tr("e-Fatura serisi"), "efatura_series", self.efatura)
        self.errors.row(form, self.tr("e-Arşiv serisi"), "earchive_series", self.earchive)


class SignerPage(QWizardPage):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Faturaları nasıl imzalayacaksınız?"))
        self.setSubTitle(self.tr("Gerçek faturalar mali mühür ya da e-imza ile imzalanır. "
                                 "Denemek için TEST sertifikası kullanabilirsiniz."))
        lay = QVBoxLayout(self)
        self.picker = SignerPicker(services)
        lay.addWidget(self.picker)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.done = False

    def initializePage(self) -> None:
        wiz: FirstStartWizard = self.wizard()  # type: ignore[assignment]
        self.picker.company_vkn = wiz.company.form.vkn.text().strip()
        if self.picker.token.isChecked() and not self.picker.certs.count():
            self.picker.scan()

    def validatePage(self) -> bool:
        if self.done:
            return True
        wiz: FirstStartWizard = self.wizard()  # type: ignore[assignment]
        if self.picker.token.isChecked() and self.picker.certs.currentItem() is None:
            self.message.setText(self.tr("Önce kartı takıp 'Kartları ara' ile sertifikanızı "
                                         "seçin ya da deneme modunu seçin."))
            return False
        wiz.start_setup()
        return False


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Hazır"))
        lay = QVBoxLayout(self)
        self.report = QLabel()
        self.report.setObjectName("setupReport")
        self.report.setWordWrap(True)
        lay.addWidget(self.report)
        self.install_rules = QPushButton(self.tr("GİB kural paketlerini kur…"))
        self.install_rules.setObjectName("installRules")
        self.install_rules.setVisible(False)
        lay.addWidget(self.install_rules)
        lay.addStretch(1)


class FirstStartWizard(QWizard):
    finished_setup = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("firstStartWizard")
        self.setWindowTitle(self.tr("Tezgâh — ilk kurulum"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(760, 620)
        self.welcome = WelcomePage()
        self.company = CompanyPage()
        self.address = AddressPage()
        self.series = SeriesPage()
        self.signer = SignerPage(services)
        self.done_page = DonePage()
        for p in (self.welcome, self.company, self.address, self.series, self.signer,
                  self.done_page):
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("İleri >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Geri"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Başla"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Vazgeç"))
        self.welcome.demo.toggled.connect(self.fill_demo)
        self.welcome.own.toggled.connect(self.clear_demo)
        self.report: list[str] = []
        self._quit_confirmed = False
        self.done_page.install_rules.clicked.connect(self.open_rules_install)
        self.welcome.shared.clicked.connect(self.open_database_settings)
        self.database_dialog: QDialog | None = None
        # Trying it first is the embedded default: the demo company, a TEST certificate and
        # the local GİB test simulator, all shown as TEST.
        self.welcome.demo.setChecked(True)

    def open_database_settings(self) -> None:
        """Ayarlar → Veritabanı in a dialog: point this computer at the shop's server (the
        app starts again on it)."""
        from ui.widgets.database_form import DatabaseSettings

        dialog = QDialog(self)
        dialog.setObjectName("databaseDialog")
        dialog.setWindowTitle(self.tr("Veritabanı"))
        lay = QVBoxLayout(dialog)
        dialog.form = DatabaseSettings(self.services, dialog)  # type: ignore[attr-defined]
        dialog.form.postgres.setChecked(True)  # type: ignore[attr-defined]
        lay.addWidget(dialog.form)  # type: ignore[attr-defined]
        close = QPushButton(self.tr("Kapat"))
        close.clicked.connect(dialog.reject)
        lay.addWidget(close)
        self.database_dialog = dialog
        dialog.open()

    def fill_demo(self, on: bool) -> None:
        if not on:
            return
        self.company.form.set_dict(DEMO_COMPANY)
        self.company.alias.setText(DEMO_COMPANY["alias"])
        self.address.form.set_dict(DEMO_COMPANY)
        self.series.efatura.setText(DEMO_COMPANY["efatura_series"])
        self.series.earchive.setText(DEMO_COMPANY["earchive_series"])
        self.signer.picker.demo.setChecked(True)

    def clear_demo(self, on: bool) -> None:
        if not on or self.company.form.vkn.text() != DEMO_COMPANY["vkn_tckn"]:
            return
        empty = {"address": {}}
        self.company.form.set_dict(empty)
        self.company.alias.clear()
        self.address.form.set_dict(empty)

    def company_dict(self) -> dict[str, Any]:
        ident = self.company.form.to_dict()
        rest = self.address.form.to_dict()
        data = {**rest, **{k: v for k, v in ident.items() if k != "address"}}
        for key in ("email", "phone", "iban"):
            data[key] = rest[key]
        data["alias"] = self.company.alias.text().strip()
        data["efatura_series"] = self.series.efatura.text().strip().upper()
        data["earchive_series"] = self.series.earchive.text().strip().upper()
        return data

    def start_setup(self) -> None:
        self.signer.progress.setVisible(True)
        self.signer.message.clear()
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.services.tasks.run(DB, setup_company, self.services.ctx, self.company_dict(),
                                self.signer.picker.config(), self.welcome.demo.isChecked(),
                                on_success=self._setup_done, on_error=self._setup_failed)

    def _setup_done(self, report: list[str]) -> None:
        self.report = report
        self.signer.progress.setVisible(False)
        self.signer.done = True
        self.button(QWizard.WizardButton.NextButton).setEnabled(True)
        self._show_report()
        self.done_page.install_rules.setVisible(
            not rules.is_installed(self.services.data_dir))
        self.next()

    def _show_report(self) -> None:
        self.done_page.report.setText("\n".join(
            f"• {self.tr(line) if line == RULES_MISSING else line}" for line in self.report))

    def open_rules_install(self) -> None:
        """The in-app install of GİB's packages (download, or choose the zip / folder)."""
        dialog = ask_to_install_rules(self.services, self)
        dialog.installed.connect(self._rules_installed)

    def _rules_installed(self, description: str) -> None:
        self.report = [line for line in self.report if line != RULES_MISSING]
        self.report.append("GİB kural paketleri kuruldu.")
        self._show_report()
        self.done_page.install_rules.setVisible(False)

    # -- leaving: Esc, "Vazgeç" and the window's close button ask first --------------------

    def confirm_quit(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Tezgâh — ilk kurulum"),
                          self.tr("Kurulum bitmedi. Tezgâh kapatılsın mı?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setObjectName("quitQuestion")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Kapat"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Kuruluma dön"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if self._quit_confirmed or self.confirm_quit():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not event.spontaneous():  # closed by the program (shutting down), not by the user
            self._quit_confirmed = True
        super().closeEvent(event)

    def _setup_failed(self, exc: BaseException) -> None:
        self.signer.progress.setVisible(False)
        self.button(QWizard.WizardButton.NextButton).setEnabled(True)
        if isinstance(exc, UserError):
            field = exc.field or ""
            for page, form in ((self.company, self.company.form.errors),
                               (self.address, self.address.form.errors),
                               (self.series, self.series.errors)):
                if field and form.show(exc):
                    while self.currentPage() is not page and self.currentId() > 0:
                        self.back()
                    return
            self.signer.message.setText(exc.message)
            return
        self.services.errors(exc, self)
