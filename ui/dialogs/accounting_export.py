"""Muhasebeci için dışa aktar: a period's invoices as Excel or CSV for the accountant, and,
when ticked, the same period's originals as a zip beside it (``app.usecases.period_export``).

The period starts as the previous calendar month in Türkiye. The work runs on the database
lane; the dialog shows its stage meanwhile and, at the end, what was written (invoices and
totals) with "Klasörü aç". Errors go to the window's error display."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.usecases import period_export
from ui import fmt
from ui.savefile import remember_folder, save_file_dialog, saved_message, start_folder
from ui.services import Services
from ui.tasks import DB

KINDS = ("sales", "purchases", "all")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def export_job(ctx: Any, first: date, last: date, out: Path, kind: str, with_archive: bool,
               force: bool, progress: Any) -> period_export.PeriodExport:
    """Job: the export; ``progress`` is a thread-safe signal's ``emit``."""
    return period_export.run(ctx, first, last, out, kind=kind, with_archive=with_archive,
                             force=force, on_progress=progress)


class AccountingExportDialog(QDialog):
    progressed = Signal(str, int, int)  # emitted by the job's thread, shown on the GUI's

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.busy = False
        self.chosen_by_user = False  # a file chosen or typed: the period no longer renames it
        self.result_value: period_export.PeriodExport | None = None
        self.overwrite_box: QMessageBox | None = None
        self.saved_box: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.setObjectName("accountingExportDialog")
        self.setWindowTitle(self.tr("Muhasebeci için dışa aktar"))
        self.resize(620, 380)
        lay = QVBoxLayout(self)
        note = QLabel(self.tr("Dönemin kesilen ve gelen faturaları, tutarları imzalı "
                              "belgelerden okunarak tek dosyada: her fatura bir satır; Excel "
                              "dosyasında ayrıca KDV oranı sayfaları ve aylık KDV özeti. "
                              "Taslaklar yazılmaz; iptal edilenler işaretlenir, toplamlara "
                              "katılmaz."))
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        lay.addWidget(note)
        form = QFormLayout()
        lay.addLayout(form)

        period = QHBoxLayout()
        self.date_from = QDateEdit()
        self.date_from.setObjectName("exportFrom")
        self.date_to = QDateEdit()
        self.date_to.setObjectName("exportTo")
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("dd.MM.yyyy")
            d.setCalendarPopup(True)
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        self.last_month_button = QPushButton(self.tr("Geçen ay"))
        self.last_month_button.setObjectName("exportLastMonth")
        self.last_month_button.clicked.connect(
            lambda: self.set_period(*period_export.previous_month(fmt.today())))
        self.this_month_button = QPushButton(self.tr("Bu ay"))
        self.this_month_button.setObjectName("exportThisMonth")
        self.this_month_button.clicked.connect(
            lambda: self.set_period(*period_export.this_month(fmt.today())))
        period.addWidget(self.last_month_button)
        period.addWidget(self.this_month_button)
        period.addStretch(1)
        form.addRow(self.tr("Dönem"), period)

        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        for value, label in zip(KINDS, (self.tr("Satışlar (kesilen faturalar)"),
                                        self.tr("Alışlar (gelen faturalar)"),
                                        self.tr("Tümü (satışlar ve alışlar)")), strict=True):
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(self.kind.findData("all"))
        form.addRow(self.tr("Faturalar"), self.kind)

        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.addItem(self.tr("Excel (.xlsx)"), ".xlsx")
        self.format.addItem(self.tr("CSV (.csv, noktalı virgüllü)"), ".csv")
        form.addRow(self.tr("Biçim"), self.format)

        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.path.textEdited.connect(self._typed)
        self.choose_button = QPushButton(self.tr("Seç…"))
        self.choose_button.setObjectName("exportChoose")
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose_button)
        form.addRow(self.tr("Dosya"), file_row)

        self.with_archive = QCheckBox(self.tr("Aynı dönemin asıl belgeleri (zip)"))
        self.with_archive.setObjectName("exportArchive")
        self.with_archive.setToolTip(self.tr(
            "İmzalı faturalar, yanıtlar, e-Arşiv raporları ve zarflar saklandıkları gibi; "
            "dizin ve SHA-256 özetleriyle tek zip dosyasında, seçilen dosyanın yanında."))
        self.with_archive.toggled.connect(lambda _on: self._show_archive_name())
        form.addRow("", self.with_archive)
        self.archive_name = QLabel()
        self.archive_name.setObjectName("exportArchiveName")
        self.archive_name.setProperty("role", "hint")
        form.addRow("", self.archive_name)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("Dışa aktar"))
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Kapat"))
        self.close_button.setObjectName("exportClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)

        self.inputs: tuple[QWidget, ...] = (
            self.date_from, self.date_to, self.last_month_button, self.this_month_button,
            self.kind, self.format, self.path, self.choose_button, self.with_archive,
            self.export_button, self.close_button)
        self.progressed.connect(self._progressed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.date_from.dateChanged.connect(self._period_changed)
        self.date_to.dateChanged.connect(self._period_changed)
        self.set_period(*period_export.previous_month(fmt.today()))

    # -- the choices ------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def suffix(self) -> str:
        return str(self.format.currentData())

    def set_period(self, first: date, last: date) -> None:
        self.date_from.setDate(_qdate(first))
        self.date_to.setDate(_qdate(last))

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self._show_archive_name()

    def _period_changed(self) -> None:
        if self.chosen_by_user:
            return
        current = self.path.text().strip()
        folder = Path(current).parent if current else start_folder(self.services.prefs)
        first, last = self.period()
        self.set_path(folder / period_export.default_name(first, last, self.suffix()))

    def _format_changed(self) -> None:
        current = self.path.text().strip()
        if current:
            self.set_path(Path(current).with_suffix(self.suffix()))

    def _typed(self, _text: str) -> None:
        self.chosen_by_user = True
        self._show_archive_name()

    def _show_archive_name(self) -> None:
        current = self.path.text().strip()
        shown = self.with_archive.isChecked() and bool(current)
        self.archive_name.setText(self.tr("Zip: {0}").format(
            period_export.archive_path(Path(current)).name) if shown else "")

    def choose_file(self) -> None:
        filters = {".xlsx": self.tr("Excel dosyası (*.xlsx)"),
                   ".csv": self.tr("CSV dosyası (*.csv)")}
        current = self.path.text().strip()
        name = current or period_export.default_name(*self.period(), self.suffix())
        self.file_dialog = save_file_dialog(self, self.services.prefs,
                                            self.tr("Dışa aktarılacak dosya"), name,
                                            filters[self.suffix()], self._chosen)
        # whether to overwrite is asked once, when the export starts (with the zip's name)
        self.file_dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)

    def _chosen(self, path: Path) -> None:
        suffix = path.suffix.lower()
        if suffix in period_export.FORMATS and suffix != self.suffix():
            self.format.setCurrentIndex(self.format.findData(suffix))
        self.chosen_by_user = True
        self.set_path(path)

    # -- the export -------------------------------------------------------------------
    def start(self) -> None:
        if self.busy:
            return
        text = self.path.text().strip()
        if not text:
            self.services.errors(UserError(self.tr("Kaydedilecek dosyayı seçin.")), self)
            return
        out = Path(text).expanduser()
        there = period_export.existing(out, self.with_archive.isChecked())
        if not there:
            self.run_export(out, force=False)
            return
        box = QMessageBox(self)
        box.setObjectName("overwriteQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Dosya zaten var"))
        box.setText(self.tr("Bu dosya zaten var; üzerine yazılsın mı?") if len(there) == 1
                    else self.tr("Bu dosyalar zaten var; üzerine yazılsın mı?"))
        box.setInformativeText("\n".join(str(p) for p in there))
        overwrite = box.addButton(self.tr("Üzerine yaz"), QMessageBox.ButtonRole.AcceptRole)
        overwrite.setObjectName("overwriteYes")
        keep = box.addButton(self.tr("Vazgeç"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("overwriteNo")
        box.setDefaultButton(keep)
        overwrite.clicked.connect(lambda: self.run_export(out, force=True))
        self.overwrite_box = box
        QDialog.open(box)

    def run_export(self, out: Path, *, force: bool) -> None:
        first, last = self.period()
        self._set_busy(True)
        self.status.setText(self.tr("Başlıyor…"))
        self.services.tasks.run(DB, export_job, self.services.ctx, first, last, out,
                                self.kind.currentData(), self.with_archive.isChecked(), force,
                                self.progressed.emit, on_success=self._done,
                                on_error=self._failed, on_finally=lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in self.inputs:
            w.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _progressed(self, stage: str, done: int, total: int) -> None:
        if stage == "archive" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status.setText(self.tr("Asıl belgeler zip'e yazılıyor… {0}/{1}")
                                .format(done, total))
            return
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Faturalar okunuyor…") if stage == "read"
                            else self.tr("Dosya yazılıyor…"))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        self.services.errors(exc, self)

    def _done(self, result: period_export.PeriodExport) -> None:
        self.result_value = result
        remember_folder(self.services.prefs, result.path.parent)
        summary = self.summary(result)
        self.status.setText(summary)
        self.saved_box = saved_message(self, result.path, summary)
        paths = [str(result.path)]
        if result.archive is not None:
            paths.append(str(result.archive.path))
        self.saved_box.setInformativeText("\n".join(paths))
        self.saved_box.setWindowTitle(self.tr("Dışa aktarıldı"))

    def summary(self, r: period_export.PeriodExport) -> str:
        """What was written, in the window's language."""
        lines = [self.tr("{0} fatura dışa aktarıldı ({1}–{2}).").format(
            r.rows, fmt.day(r.first), fmt.day(r.last))]
        if r.kind in ("sales", "all"):
            s = r.sales
            lines.append(self.tr("Satışlar: {0} fatura · matrah {1} · hesaplanan KDV {2} · "
                                 "tevkifat {3} · ödenecek {4}").format(
                s.invoices, fmt.money(s.base), fmt.money(s.kdv), fmt.money(s.withholding),
                fmt.money(s.payable)))
        if r.kind in ("purchases", "all"):
            p = r.purchases
            lines.append(self.tr("Alışlar: {0} fatura · matrah {1} · indirilecek KDV {2} · "
                                 "tevkifat {3} · ödenecek {4}").format(
                p.invoices, fmt.money(p.base), fmt.money(p.kdv), fmt.money(p.withholding),
                fmt.money(p.payable)))
        if r.not_counted:
            lines.append(self.tr("{0} fatura (iptal, ret ya da GİB reddi) listede işaretli, "
                                 "toplamlara katılmadı.").format(r.not_counted))
        if r.archive is not None:
            lines.append(self.tr("Asıl belgeler: {0} belge, {1} görünüm, zip dosyasında.")
                         .format(r.archive.originals, r.archive.views))
        if r.problems:
            lines.append(self.tr("Uyarı: {0} belge okunamadı; dosyada yoklar:")
                         .format(len(r.problems)))
            lines += r.problems[:5]
        return "\n".join(lines)

    def reject(self) -> None:
        if not self.busy:  # the export finishes first
            super().reject()


def open_accounting_export(services: Services, parent: QWidget | None,
                           previous: AccountingExportDialog | None = None
                           ) -> AccountingExportDialog:
    """Open the dialog (window-modal, not blocking); one at a time."""
    if previous is not None and previous.isVisible():
        previous.raise_()
        previous.activateWindow()
        return previous
    if previous is not None:
        previous.deleteLater()
    dialog = AccountingExportDialog(services, parent)
    QDialog.open(dialog)
    return dialog
