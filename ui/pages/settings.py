"""Ayarlar: company, series, signer, GİB endpoint, rules, user list, data folder, backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.settings import LANGUAGE
from app.usecases import backup, postbox_api, sending, signers, userlist
from app.usecases.company import (
    company_series,
    get_company,
    internet_sale_series_setting,
    set_company,
)
from ui.fmt import endpoint_name
from ui.pages.api_settings import ApiSettings
from ui.pages.base import Page
from ui.pages.earsiv_settings import EarsivSettings
from ui.pages.email_settings import EmailSettings
from ui.savefile import save_file_dialog, saved_message
from ui.services import Services
from ui.tasks import DB, NET
from ui.widgets.database_form import DatabaseSettings
from ui.widgets.forms import FieldErrors
from ui.widgets.party_form import PartyForm
from ui.widgets.signer_picker import SignerPicker


def load_settings(ctx: Any) -> dict[str, Any]:
    company = get_company(ctx)
    return {"company": company.to_dict() if company else None,
            "series": company_series(ctx),
            "internet_series": internet_sale_series_setting(ctx), "signer": signers.describe_current_signer(ctx.data_dir),
            "endpoint": sending.endpoint_info(ctx), "postbox": postbox_api.connection(ctx)}


def save_signer(ctx: Any, cfg: Any) -> str:
    """Job: sign with ``cfg`` from now on (None: the TEST certificate)."""
    return signers.use_signer(ctx.data_dir, cfg, get_company(ctx)).describe()


def import_user_list(ctx: Any, path: str) -> str:
    summary = userlist.import_user_list(ctx, path)
    return f"{summary.users} kullanıcı, {summary.aliases} etiket alındı."


class SettingsPage(Page):
    title = QT_TRANSLATE_NOOP("SettingsPage", "Ayarlar")
    endpoint_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.layout_.addWidget(self.tabs, 1)

        def tab(title: str) -> QVBoxLayout:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            body = QWidget()
            body.setMaximumWidth(900)
            scroll.setWidget(body)
            self.tabs.addTab(scroll, title)
            return QVBoxLayout(body)

        lay = tab(self.tr("Firma ve seriler"))

        # company and series
        box = QGroupBox(self.tr("Firma ve seriler"))
        bl = QVBoxLayout(box)
        self.company = PartyForm(alias_role="sender")
        self.company.alias.setObjectName("companyAlias")
        bl.addWidget(self.company)
        sf = self.company.form  # the series line up with the company's fields
        self.series_errors = FieldErrors()
        self.efatura = QLineEdit()
        self.earchive = QLineEdit()
        self.internet_series = QLineEdit()
        self.internet_series.setObjectName("internetSaleSeries")
        self.internet_series.setPlaceholderText(self.tr("boş: e-Arşiv serisi"))
        for e in (self.efatura, self.earchive, self.internet_series):
            e.setMaxLength(3)
        self.series_errors.row(sf, self.tr("e-Fatura serisi"), "efatura_series", self.efatura)
        self.series_errors.row(sf, self.tr("e-Arşiv serisi"), "earchive_series", self.earchive)
        self.series_errors.row(sf, self.tr("İnternet satışı serisi"), "internet_sale_series",
                               self.internet_series)
        self.postbox_alias = QLineEdit()
        self.postbox_alias.setObjectName("postboxAlias")
        self.postbox_alias.setPlaceholderText(self.tr("boş: urn:mail:defaultpk@ + GB "
                                                      "etiketinin alan adı"))
        self.series_errors.row(sf, self.tr("Posta kutusu etiketi (PK)"), "postbox_alias",
                               self.postbox_alias)
        save = QPushButton(self.tr("Firma bilgilerini kaydet"))
        save.setObjectName("saveCompany")
        save.clicked.connect(self.save_company)
        bl.addWidget(save)
        lay.addWidget(box)
        lay.addStretch(1)

        # signer
        lay = tab(self.tr("İmza"))
        sbox = QGroupBox(self.tr("İmza"))
        sl = QVBoxLayout(sbox)
        self.signer_now = QLabel()
        self.signer_now.setWordWrap(True)
        sl.addWidget(self.signer_now)
        self.picker = SignerPicker(services)
        sl.addWidget(self.picker)
        sbtn = QPushButton(self.tr("İmza ayarını kaydet"))
        sbtn.clicked.connect(self.save_signer)
        sl.addWidget(sbtn)
        lay.addWidget(sbox)
        lay.addStretch(1)

        # GİB
        lay = tab(self.tr("GİB"))
        gbox = QGroupBox(self.tr("GİB bağlantısı"))
        gl = QVBoxLayout(gbox)
        self.gib_test = QRadioButton(self.tr("GİB test ortamı"))
        self.gib_live = QRadioButton(self.tr("GİB canlı ortam (gerçek faturalar)"))
        group = QButtonGroup(self)
        group.addButton(self.gib_test)
        group.addButton(self.gib_live)
        gl.addWidget(self.gib_test)
        gl.addWidget(self.gib_live)
        self.gib_now = QLabel()
        self.gib_now.setObjectName("gibEndpointNow")
        self.gib_now.setWordWrap(True)
        self.gib_now.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        gl.addWidget(self.gib_now)
        self.gib_note = QLabel()
        self.gib_note.setWordWrap(True)
        self.gib_note.setProperty("role", "hint")
        gl.addWidget(self.gib_note)
        row = QHBoxLayout()
        gsave = QPushButton(self.tr("Bağlantıyı kaydet"))
        gsave.clicked.connect(self.save_endpoint)
        row.addWidget(gsave)
        ul = QPushButton(self.tr("Kayıtlı kullanıcı listesini dosyadan al…"))
        ul.clicked.connect(self.pick_user_list)
        row.addWidget(ul)
        rules = QPushButton(self.tr("GİB kural paketlerini kur…"))
        rules.setObjectName("installRules")
        rules.clicked.connect(self.pick_rules)
        row.addWidget(rules)
        row.addStretch(1)
        gl.addLayout(row)
        lay.addWidget(gbox)
        lay.addWidget(self._postbox_box())
        lay.addStretch(1)

        # data
        lay = tab(self.tr("Veriler, yedek, dil"))
        dbox = QGroupBox(self.tr("Veriler ve yedek"))
        dl = QVBoxLayout(dbox)
        self.folder = QLabel(str(services.data_dir))
        self.folder.setObjectName("dataFolder")
        dl.addWidget(self.folder)
        row = QHBoxLayout()
        open_folder = QPushButton(self.tr("Klasörü aç"))
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(services.data_dir))))
        row.addWidget(open_folder)
        bk = QPushButton(self.tr("Şimdi yedekle…"))
        bk.setObjectName("backupButton")
        bk.clicked.connect(self.pick_backup)
        row.addWidget(bk)
        rs = QPushButton(self.tr("Yedekten geri yükle…"))
        rs.clicked.connect(self.pick_restore)
        row.addWidget(rs)
        row.addStretch(1)
        dl.addLayout(row)
        lang_row = QHBoxLayout()
        lang_row.addWidget(QLabel(self.tr("Dil / Language:")))
        self.language = QComboBox()
        self.language.addItem("Türkçe", "tr")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(
            services.prefs.get(LANGUAGE))))
        self.language.currentIndexChanged.connect(self._language)
        lang_row.addWidget(self.language)
        lang_row.addStretch(1)
        dl.addLayout(lang_row)
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        dl.addWidget(self.message)
        lay.addWidget(dbox)
        lay.addStretch(1)

        # e-mail (SMTP) for e-Arşiv invoices delivered ELEKTRONIK
        lay = tab(self.tr("E-posta"))
        self.email = EmailSettings(services)
        lay.addWidget(self.email)
        lay.addStretch(1)

        # the daily e-Arşiv report: its service, the time-stamp service, the signature level
        lay = tab(self.tr("e-Arşiv"))
        self.earsiv = EarsivSettings(services)
        lay.addWidget(self.earsiv)
        lay.addStretch(1)

        # which database this computer uses: its SQLite file or the shop's PostgreSQL server
        lay = tab(self.tr("Veritabanı"))
        self.database = DatabaseSettings(services)
        lay.addWidget(self.database)
        lay.addStretch(1)

        # the shop's other software: the local API and the watched folder
        lay = tab(self.tr("Diğer programlar"))
        self.other_programs = ApiSettings(services)
        lay.addWidget(self.other_programs)
        lay.addStretch(1)

    def refresh(self) -> None:
        self.services.tasks.run(DB, load_settings, self.services.ctx, on_success=self._loaded)
        self.email.refresh()
        self.earsiv.refresh()
        self.other_programs.refresh()

    def _loaded(self, s: dict[str, Any]) -> None:
        if s["company"]:
            self.company.set_dict(s["company"])
            self.picker.company_vkn = s["company"]["vkn_tckn"]
        self.efatura.setText(s["series"][0])
        self.earchive.setText(s["series"][1])
        self.internet_series.setText(s["internet_series"])
        self.postbox_alias.setText(s["postbox"]["alias"])
        self._show_postbox(s["postbox"])
        self.signer_now.setText(self.tr("Şu an: {0}").format(
            s["signer"] or self.tr("ayarlanmamış")) + (
            self.tr(" (TEST sertifikası — deneme modu)") if self.services.is_demo() else ""))
        self.picker.demo.setChecked(self.services.is_demo())
        self.picker.token.setChecked(not self.services.is_demo())
        self._show_endpoint(s["endpoint"])
        self.gib_note.setText(self.tr("Deneme modunda faturalar bu bilgisayardaki GİB test "
                                      "simülatörüne gönderilir; gerçek GİB'e hiçbir şey gitmez.")
                              if self.services.is_demo() else "")

    def _ok(self, text: str) -> None:
        self.message.setText(text)

    def _postbox_box(self) -> QGroupBox:
        """Where incoming invoices come from when the posta kutusu service runs on another
        computer: its address and this desktop's API token (kept in a private file)."""
        box = QGroupBox(self.tr("Posta kutusu servisi (gelen faturalar)"))
        form = QFormLayout(box)
        hint = QLabel(self.tr("Posta kutusu servisi bu bilgisayarla aynı veri klasörünü "
                              "kullanıyorsa burayı boş bırakın. Başka bir bilgisayarda "
                              "çalışıyorsa adresini ve orada 'tezgah postbox token new' ile "
                              "üretilen anahtarı yazın; gelen faturalar her gönderimde alınır."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form.addRow(hint)
        self.postbox_url = QLineEdit()
        self.postbox_url.setObjectName("postboxServiceUrl")
        self.postbox_url.setPlaceholderText("https://pk.firma.com.tr")
        form.addRow(self.tr("Servis adresi"), self.postbox_url)
        self.postbox_token = QLineEdit()
        self.postbox_token.setObjectName("postboxToken")
        self.postbox_token.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("API anahtarı"), self.postbox_token)
        self.postbox_state = QLabel()
        self.postbox_state.setObjectName("postboxState")
        self.postbox_state.setWordWrap(True)
        form.addRow(self.postbox_state)
        pull = QPushButton(self.tr("Bağlan ve gelenleri al"))
        pull.setObjectName("postboxPull")
        pull.clicked.connect(self.pull_postbox)
        form.addRow(pull)
        return box

    def _show_postbox(self, info: dict[str, Any]) -> None:
        self.postbox_url.setText(info.get("url") or "")
        self.postbox_token.clear()
        self.postbox_token.setPlaceholderText(self.tr("kayıtlı (değiştirmek için yazın)")
                                              if info.get("has_token") else "")
        self.postbox_state.setText(self.tr("Son alınan zarf: {0}").format(info["cursor"])
                                   if info.get("url") else "")

    def pull_postbox(self) -> None:
        url = self.postbox_url.text().strip()
        token = self.postbox_token.text().strip() or None

        def done(result: dict[str, Any]) -> None:
            self.postbox_state.setText(self.tr("{0} zarf alındı, {1} tanesi yeni.").format(
                result["envelopes"], result["new"]))
            self.postbox_token.clear()
            self.postbox_token.setPlaceholderText(self.tr("kayıtlı (değiştirmek için yazın)"))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.postbox_state.setText(str(exc))
                return
            self.services.errors(exc, self)

        def job(ctx: Any, base: str | None, key: str | None) -> dict[str, Any]:
            return postbox_api.pull(ctx, base, token=key)

        self.services.tasks.run(NET, job, self.services.ctx, url or None, token,
                                on_success=done, on_error=failed)

    def save_company(self) -> None:
        self.company.errors.clear()
        self.series_errors.clear()
        data = self.company.to_dict() | {"efatura_series": self.efatura.text().upper(),
                                         "earchive_series": self.earchive.text().upper(),
                                         "internet_sale_series":
                                             self.internet_series.text().upper(),
                                         "postbox_alias": self.postbox_alias.text().strip()}

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError) and (self.company.errors.show(exc)
                                               or self.series_errors.show(exc)):
                return
            self.services.errors(exc, self)

        self.services.tasks.run(DB, set_company, self.services.ctx, data,
                                on_success=lambda _p: self._ok(self.tr("Firma bilgileri kaydedildi.")),
                                on_error=failed)

    def save_signer(self) -> None:
        self.services.tasks.run(DB, save_signer, self.services.ctx, self.picker.config(),
                                on_success=lambda d: (self._ok(self.tr("İmza ayarı kaydedildi: {0}")
                                                               .format(d)), self.refresh()))

    def _show_endpoint(self, info: dict[str, str]) -> None:
        self.gib_live.setChecked(info["kind"] == "live")
        self.gib_test.setChecked(info["kind"] != "live")
        self.gib_now.setText(self.tr("Şu an: {0} — {1}").format(endpoint_name(info),
                                                               info["url"]))

    def save_endpoint(self) -> None:
        kind = "live" if self.gib_live.isChecked() else "test"

        def saved(info: dict[str, str]) -> None:
            self._show_endpoint(info)
            self._ok(self.tr("GİB bağlantısı: {0}").format(info["url"]))
            self.endpoint_changed.emit()

        self.services.tasks.run(DB, sending.choose_endpoint, self.services.ctx, kind,
                                on_success=saved)

    def pick_user_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("GİB kullanıcı listesi"), "",
                                              "XML (*.xml)")
        if path:
            self.services.tasks.run(DB, import_user_list, self.services.ctx, path,
                                    on_success=self._ok)

    def pick_rules(self) -> None:
        """Download GİB's packages or choose the zip / folder, in the install dialog."""
        from ui.dialogs.rules_install import ask_to_install_rules

        self.rules_dialog = ask_to_install_rules(self.services, self)
        self.rules_dialog.installed.connect(lambda _: self.refresh())

    def pick_backup(self) -> None:
        self.backup_dialog = save_file_dialog(self, self.services.prefs,
                                              self.tr("Yedek dosyası"), backup.default_name(),
                                              "Zip (*.zip)", self.backup_to)

    def backup_to(self, path: Path) -> None:
        self.services.tasks.run(DB, backup.backup, self.services.data_dir, path,
                                on_success=self._backed_up)

    def _backed_up(self, path: Path) -> None:
        self._ok(self.tr("Yedek alındı: {0}").format(path))
        self.saved_box = saved_message(self, Path(path), self.tr("Yedek alındı:"))

    def pick_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Yedek dosyası"), "", "Zip (*.zip)")
        if not path:
            return
        answer = QMessageBox.question(self, self.tr("Geri yükle"), self.tr(
            "Bu klasördeki bütün veriler yedektekilerle değiştirilecek. Devam edilsin mi?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.services.tasks.run(DB, backup.restore, self.services.data_dir, Path(path),
                                    on_success=lambda _r: self._ok(self.tr(
                                        "Yedek geri yüklendi. Tezgâh'ı yeniden başlatın.")))

    def _language(self) -> None:
        self.services.prefs.set(LANGUAGE, self.language.currentData())
        self._ok(self.tr("Dil değişikliği Tezgâh yeniden başlatılınca geçerli olur."))
