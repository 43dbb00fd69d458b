"""An issued invoice: number, preview of its PDF (the very pages that are printed and saved),
the invoice's own HTML view, Print and Save PDF.

Used right after issuing (with the sending state) and from the Faturalar list (with the
event history and "İade faturası oluştur").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.status import Status
from app.usecases import invoices as inv_uc
from app.usecases.cancellation import view_of as cancellation_view
from app.usecases.outcomes import outcome as outcome_of
from app.usecases.printing import invoice_pdf_bytes
from ui import fmt
from ui.printing import page_images, print_pdf
from ui.savefile import save_file_dialog, saved_message
from ui.services import Services
from ui.tasks import DB
from ui.widgets.badges import StatusBadge
from ui.widgets.next_steps import NextStepsPanel

log = logging.getLogger("tezgah.ui")
PREVIEW_DPI = 96


def load_view(ctx: Any, ettn: str) -> dict[str, Any]:
    """Job: everything the dialog shows (plain data)."""
    from app.usecases import printing

    info = inv_uc.show_invoice(ctx, ettn)
    info["outcome"] = (outcome_of(ctx, ettn) if info.get("direction") == "out"
                       and info["status"] != Status.DRAFT else None)
    info["html"] = ""
    info["html_refused"] = ""
    info["pdf"] = None
    if info["status"] != Status.DRAFT and info.get("direction") == "out":
        info.update(cancellation_view(ctx, ettn))  # İPTAL: when and why, or the rule
    if info["status"] != Status.DRAFT:
        view = printing.invoice_html_view(ctx, ettn)
        info["html"] = view.html
        info["html_refused"] = view.refused  # the sender's stylesheet was not used: why
        try:  # the preview shows the PDF itself; without it the HTML view still opens
            info["pdf"] = printing.invoice_pdf_bytes(ctx, ettn)
        except Exception:
            log.exception("the PDF preview of %s could not be made", ettn)
    return info


class InvoiceViewDialog(QDialog):
    def __init__(self, services: Services, info: dict[str, Any], parent: QWidget | None = None,
                 *, on_return: Callable[[dict[str, Any]], None] | None = None,
                 sending_state: str = "",
                 on_cancelled: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info = info
        self.setObjectName("invoiceView")
        self.setWindowTitle(self.tr("Fatura {0}").format(info.get("number") or self.tr("taslak")))
        self.resize(900, 720)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.number_label = QLabel(info.get("number") or self.tr("Taslak"))
        self.number_label.setObjectName("invoiceNumber")
        self.number_label.setProperty("role", "title")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.number_label)
        self.status_badge = StatusBadge(info["status"])
        head.addWidget(self.status_badge)
        head.addStretch(1)
        summary = QLabel(f"{info['customer_name']} · {fmt.day(info['issue_date'])} · "
                         f"{fmt.money(fmt.parse_decimal(info['payable']) or 0, info['currency'])}")
        head.addWidget(summary)
        lay.addLayout(head)
        if sending_state:
            state = QLabel(sending_state)
            state.setObjectName("sendingState")
            state.setWordWrap(True)
            lay.addWidget(state)
        self.next_steps = NextStepsPanel(services, self)  # GİB's final answer and what next
        self.next_steps.show_outcome(info.get("outcome"))
        lay.addWidget(self.next_steps)
        if info.get("direction") == "in":
            # A received invoice: the verdict on its signature when it was imported.
            self.signature_label = QLabel(info.get("signature_verdict") or "")
            self.signature_label.setObjectName("signatureVerdict")
            self.signature_label.setWordWrap(True)
            self.signature_label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse)
            self.signature_label.setProperty(
                "role", "ok" if info.get("signature_valid") else "error")
            if not info.get("signature_valid"):
                self.signature_label.setStyleSheet("color: #b3261e; font-weight: bold;")
            lay.addWidget(self.signature_label)
        self.on_cancelled = on_cancelled
        self.cancellation_label = QLabel("")  # İPTAL: when, by whom, why
        self.cancellation_label.setObjectName("cancellationLabel")
        self.cancellation_label.setWordWrap(True)
        self.cancellation_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancellation_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self._show_cancellation(info.get("cancellation"))
        lay.addWidget(self.cancellation_label)
        if services.is_demo():
            test = QLabel(self.tr("TEST — demo sertifikasıyla imzalandı; geçerli fatura değildir."))
            test.setProperty("role", "test")
            lay.addWidget(test)
        self.preview_notice: QLabel | None = None
        if info.get("html_refused"):
            self.preview_notice = QLabel(self._refused_text(info["html_refused"]))
            self.preview_notice.setObjectName("previewNotice")
            self.preview_notice.setProperty("role", "hint")
            self.preview_notice.setWordWrap(True)
            lay.addWidget(self.preview_notice)
        tabs = QTabWidget()
        self.tabs = tabs
        self.page_labels: list[QLabel] = []
        self.pdf_preview = self._pdf_pages(info.get("pdf"))
        tabs.addTab(self.pdf_preview, self.tr("Önizleme"))
        # The invoice through its own stylesheet (the sender's design), as the buyer's
        # viewer shows it.
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        self.preview.setOpenLinks(False)
        self.preview.setHtml(info.get("html") or "")
        tabs.addTab(self.preview, self.tr("Gönderenin görünümü"))
        events = info.get("events") or []
        table = QTableWidget(len(events), 3)
        table.setObjectName("events")
        table.setHorizontalHeaderLabels([self.tr("Zaman"), self.tr("Kod"), self.tr("Olay")])
        for i, ev in enumerate(events):
            table.setItem(i, 0, QTableWidgetItem(fmt.day(ev["at"])))
            table.setItem(i, 1, QTableWidgetItem(ev.get("code") or ""))
            table.setItem(i, 2, QTableWidgetItem(ev.get("message") or ev.get("kind") or ""))
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tabs.addTab(table, self.tr("Geçmiş ({0})").format(len(events)))
        lay.addWidget(tabs, 1)

        buttons = QHBoxLayout()
        issued = info["status"] != Status.DRAFT
        self.print_button = QPushButton(self.tr("Yazdır (Ctrl+P)"))
        self.print_button.setEnabled(issued)
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("PDF kaydet (Ctrl+S)"))
        self.pdf_button.setEnabled(issued)
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        if on_return and issued and info.get("type") != "IADE":
            ret = QPushButton(self.tr("İade faturası oluştur"))
            ret.setObjectName("returnButton")
            ret.clicked.connect(lambda: (self.accept(), on_return(info)))
            buttons.addWidget(ret)
        self.cancel_invoice_button: QPushButton | None = None
        if info.get("cancel_rule"):  # an own issued invoice, not cancelled
            self.cancel_invoice_button = QPushButton(self.tr("İptal et…"))
            self.cancel_invoice_button.setObjectName("cancelInvoiceButton")
            self.cancel_invoice_button.clicked.connect(self.open_cancel)
            buttons.addWidget(self.cancel_invoice_button)
        self.resend_email_button: QPushButton | None = None
        if (issued and info.get("direction") == "out" and info.get("signed")
                and info.get("profile") == "EARSIVFATURA"):
            self.resend_email_button = QPushButton(self.tr("E-postayı yeniden gönder"))
            self.resend_email_button.setObjectName("resendEmailButton")
            self.resend_email_button.clicked.connect(self.ask_email_address)
            buttons.addWidget(self.resend_email_button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Kapat"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)

    # -- e-mail to the buyer (e-Arşiv) -------------------------------------------------------
    def ask_email_address(self) -> None:
        """Ask the address (the buyer's pre-filled), then send the invoice by e-mail again."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(self)
        dialog.setObjectName("emailAddressDialog")
        dialog.setWindowTitle(self.tr("E-postayı yeniden gönder"))
        dialog.setLabelText(self.tr("Fatura (PDF ve imzalı XML) bu adrese gönderilecek:"))
        dialog.setTextValue(str(((self.info.get("data") or {}).get("customer") or {})
                                .get("email") or ""))
        dialog.setOkButtonText(self.tr("Gönder"))
        dialog.setCancelButtonText(self.tr("Vazgeç"))
        dialog.textValueSelected.connect(self.resend_email)
        self.email_dialog = dialog
        dialog.open()

    def resend_email(self, address: str) -> None:
        from app.usecases.email_delivery import send_invoice_email
        from ui.tasks import NET

        if self.resend_email_button is not None:
            self.resend_email_button.setEnabled(False)
        self.email_message = self.tr("E-posta gönderiliyor…")
        self.services.tasks.run(NET, lambda ctx, ettn, to: send_invoice_email(ctx, ettn, to=to),
                                self.services.ctx, self.info["ettn"], address.strip(),
                                on_success=self._email_sent, on_error=self._email_failed)

    def _email_sent(self, result: dict[str, Any]) -> None:
        if self.resend_email_button is not None:
            self.resend_email_button.setEnabled(True)
        self.email_message = (self.tr("E-posta gönderildi: {0}") if result["sent"] else
                              self.tr("E-posta giden kutusunda, gönderilecek: {0}")).format(
            result["to"])
        self._email_box(self.email_message)

    def _email_failed(self, exc: BaseException) -> None:
        from ui.errors import message_for

        if self.resend_email_button is not None:
            self.resend_email_button.setEnabled(True)
        self.email_message = message_for(exc) or ""
        if self.email_message:
            self._email_box(self.email_message)

    def _email_box(self, text: str) -> None:
        self.email_box = QMessageBox(QMessageBox.Icon.Information,
                                     self.tr("E-postayı yeniden gönder"), text,
                                     QMessageBox.StandardButton.Ok, self)
        self.email_box.setObjectName("emailResult")
        self.email_box.open()

    # -- cancelling (İPTAL) ----------------------------------------------------------------
    def _show_cancellation(self, cancelled: dict[str, Any] | None) -> None:
        if not cancelled:
            self.cancellation_label.setVisible(False)
            return
        when = fmt.day(cancelled["cancelled_at"])  # dd.mm.yyyy HH:MM
        by = f" ({cancelled['cancelled_by']})" if cancelled.get("cancelled_by") else ""
        self.cancellation_label.setText(self.tr("İPTAL: {0} tarihinde iptal edildi{1}. "
                                                "Neden: {2}").format(
            when, by, cancelled["reason"]))
        self.cancellation_label.setVisible(True)

    def open_cancel(self) -> None:
        """e-Arşiv: the reason dialog with the rule and its source. e-Fatura: how it is
        cancelled through GİB instead (Tezgâh does not cancel it)."""
        from ui.dialogs.cancel_invoice import CancelInvoiceDialog

        rule = self.info.get("cancel_rule") or {}
        if not rule.get("allowed"):
            self.cancel_info_box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("e-Fatura iptali"),
                f"{rule.get('text', '')}\n\n" + self.tr("Kaynak: {0}").format(
                    rule.get("source", "")), QMessageBox.StandardButton.Ok, self)
            self.cancel_info_box.setObjectName("cancelRefused")
            self.cancel_info_box.open()
            return
        self.cancel_dialog = CancelInvoiceDialog(self.services, self.info, rule, self,
                                                 on_cancelled=self._cancelled)
        self.cancel_dialog.open()

    def _cancelled(self, result: Any) -> None:
        self.info["status"] = Status.CANCELLED
        self.info["cancel_rule"] = None
        self.info["cancellation"] = {
            "cancelled_at": result.cancelled_at.isoformat(timespec="seconds"),
            "reason": result.reason, "cancelled_by": "", "via": "ui"}
        self.status_badge.set_status(Status.CANCELLED)
        self._show_cancellation(self.info["cancellation"])
        if self.cancel_invoice_button is not None:
            self.cancel_invoice_button.setVisible(False)
        # the preview shows the PDF with its İPTAL stamp
        self.services.tasks.run(DB, invoice_pdf_bytes, self.services.ctx, self.info["ettn"],
                                on_success=self._new_preview)
        if self.on_cancelled:
            self.on_cancelled()

    def _new_preview(self, pdf: bytes) -> None:
        old = self.pdf_preview
        index = self.tabs.indexOf(old)
        self.page_labels = []
        self.pdf_preview = self._pdf_pages(pdf)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, self.pdf_preview, self.tr("Önizleme"))
        self.tabs.setCurrentIndex(index)
        old.deleteLater()

    def _refused_text(self, reason: str) -> str:
        """Why the invoice is shown in Tezgâh's view and not in the sender's own design."""
        if reason == "invalid":
            return self.tr("Gönderenin hazırladığı görünüm açılamadı; fatura Tezgâh'ın kendi "
                           "görünümüyle gösteriliyor. Faturanın bilgileri değişmedi.")
        return self.tr("Gönderenin hazırladığı görünüm güvenlik için gösterilmedi; fatura "
                       "Tezgâh'ın kendi görünümüyle gösteriliyor. Faturanın bilgileri "
                       "değişmedi.")

    def _pdf_pages(self, pdf: bytes | None) -> QWidget:
        """The PDF's pages as images, one under the other (what Print and Save PDF give)."""
        area = QScrollArea()
        area.setObjectName("pdfPreview")
        area.setWidgetResizable(True)
        area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        images = page_images(pdf, PREVIEW_DPI) if pdf else []
        for image in images:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("background: white; border: 1px solid #c8c8c8;")
            column.addWidget(page)
            self.page_labels.append(page)
        if not images:
            empty = QLabel(self.tr("Bu faturanın PDF'i yok.") if self.info["status"] == Status.DRAFT
                           else self.tr("PDF önizlemesi hazırlanamadı; ayrıntı günlük dosyasına "
                                        "yazıldı. \"Gönderenin görünümü\" sekmesine bakın."))
            empty.setObjectName("pdfPreviewEmpty")
            empty.setWordWrap(True)
            column.addWidget(empty)
        area.setWidget(inner)
        return area

    # -- printing -----------------------------------------------------------------------
    def print_to(self, printer: QPrinter, on_done: Callable[[int], None] | None = None) -> None:
        """Render the PDF in the background, then paint it on ``printer`` (GUI thread)."""
        ettn = self.info["ettn"]
        self.services.tasks.run(DB, invoice_pdf_bytes, self.services.ctx, ettn,
                                on_success=lambda pdf: self._printed(print_pdf(pdf, printer),
                                                                     on_done))

    def _printed(self, pages: int, on_done: Callable[[int], None] | None) -> None:
        if on_done:
            on_done(pages)

    def new_printer(self) -> QPrinter:
        return QPrinter(QPrinter.PrinterMode.HighResolution)

    def print_dialog(self) -> None:
        if not self.print_button.isEnabled():
            return
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Faturayı yazdır"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        # QDialog.open, not dialog.open(): PySide6 6.12 binds only QPrintDialog.open(receiver,
        # member) and refuses the call without arguments.
        QDialog.open(dialog)
        self._print_dialog = dialog

    def save_pdf(self) -> None:
        if not self.pdf_button.isEnabled():
            return
        name = f"{self.info.get('number') or self.info['ettn']}.pdf"
        self._save_dialog = save_file_dialog(
            self, getattr(self.services, "prefs", None), self.tr("PDF olarak kaydet"), name,
            self.tr("PDF dosyası (*.pdf)"),
            lambda path: self.write_pdf(str(path), lambda: self._saved(path)))

    def _saved(self, path: Path) -> None:
        self.saved_box = saved_message(self, path, self.tr("Fatura PDF olarak kaydedildi:"))

    def write_pdf(self, path: str, on_done: Callable[[], None] | None = None) -> None:
        def job(ctx: Any, ettn: str, target: str) -> str:
            from pathlib import Path

            Path(target).write_bytes(invoice_pdf_bytes(ctx, ettn))
            return target

        self.services.tasks.run(DB, job, self.services.ctx, self.info["ettn"], path,
                                on_success=lambda _p: on_done() if on_done else None)
