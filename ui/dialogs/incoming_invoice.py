"""An incoming invoice (Gelen Kutusu): the sender's own view of it, the verdict on its
signature, its lines and history; PDF, print, the signed original byte for byte, and the
KABUL / RED answer of a TICARIFATURA while its eight days last."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.usecases import inbox
from ui import fmt
from ui.printing import print_pdf
from ui.savefile import save_file_dialog, saved_message
from ui.services import Services
from ui.tasks import DB


def _num(value: Any, places: int = 2) -> str:
    try:
        return fmt.number(Decimal(str(value)), places)
    except (InvalidOperation, ValueError):
        return str(value or "")


def _qty(value: Any) -> str:
    try:
        return fmt.quantity(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value or "")


def _due_day(info: dict[str, Any]) -> str:
    """The last day an answer may be given, as a date (29.11.2026)."""
    return fmt.day((info.get("answer_due") or "")[:10])


def write_bytes_job(make: Callable[[Any, str], bytes]) -> Callable[[Any, str, str], str]:
    """A job writing ``make(ctx, ettn)`` to a file, exactly those bytes."""
    def job(ctx: Any, ettn: str, target: str) -> str:
        Path(target).write_bytes(make(ctx, ettn))
        return target
    return job


class IncomingInvoiceDialog(QDialog):
    def __init__(self, services: Services, info: dict[str, Any], pin_handler: Any,
                 parent: QWidget | None = None, *,
                 on_answered: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info = info
        self.pin_handler = pin_handler
        self.on_answered = on_answered
        self.answer_dialog: Any = None
        self.setObjectName("incomingInvoice")
        self.setWindowTitle(self.tr("Gelen fatura {0}").format(info.get("number") or ""))
        self.resize(900, 720)
        lay = QVBoxLayout(self)

        head = QHBoxLayout()
        self.number_label = QLabel(info.get("number") or "")
        self.number_label.setObjectName("invoiceNumber")
        self.number_label.setProperty("role", "title")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.number_label)
        head.addStretch(1)
        amount = fmt.money(Decimal(str(info.get("payable") or 0)), info.get("currency") or "TRY")
        self.summary_label = QLabel(f"{fmt.day(info.get('issue_date'))} · {amount} · "
                                    f"{info.get('profile') or ''}")
        head.addWidget(self.summary_label)
        lay.addLayout(head)

        self.sender_label = QLabel(self.tr("Gönderen: {0} (VKN/TCKN {1})").format(
            info.get("sender_name") or "", info.get("sender_vkn_tckn") or ""))
        self.sender_label.setObjectName("senderName")
        self.sender_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.sender_label)

        valid = bool(info.get("signature_valid"))
        self.signature_label = QLabel(info.get("signature_verdict") or "")
        self.signature_label.setObjectName("signatureVerdict")
        self.signature_label.setWordWrap(True)
        self.signature_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signature_label.setProperty("role", "ok" if valid else "error")
        self.signature_label.setStyleSheet(
            "font-weight: bold; padding: 6px; border-radius: 4px; "
            + ("color: #1b5e20; background: #e8f5e9;" if valid
               else "color: #b3261e; background: #fdecea;"))
        lay.addWidget(self.signature_label)

        self.answer_label = QLabel("")
        self.answer_label.setObjectName("answerState")
        self.answer_label.setWordWrap(True)
        lay.addWidget(self.answer_label)

        if info.get("html_refused"):
            notice = QLabel(info.get("html_message") or self.tr(
                "Gönderenin hazırladığı görünüm gösterilmedi; fatura Tezgâh'ın kendi "
                "görünümüyle gösteriliyor. Faturanın bilgileri değişmedi."))
            notice.setObjectName("previewNotice")
            notice.setProperty("role", "hint")
            notice.setWordWrap(True)
            lay.addWidget(notice)

        tabs = QTabWidget()
        self.tabs = tabs
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        self.preview.setOpenLinks(False)
        self.preview.setHtml(info.get("html") or "")
        tabs.addTab(self.preview, self.tr("Gönderenin görünümü"))
        tabs.addTab(self._lines_table(info.get("lines") or []),
                    self.tr("Satırlar ({0})").format(len(info.get("lines") or [])))
        self.events_table = QTableWidget(0, 3)
        self.events_table.setObjectName("events")
        self.events_table.setHorizontalHeaderLabels([self.tr("Zaman"), self.tr("Kod"),
                                                     self.tr("Olay")])
        self.events_table.horizontalHeader().setStretchLastSection(True)
        self.events_table.verticalHeader().setVisible(False)
        self.events_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tabs.addTab(self.events_table, self.tr("Geçmiş"))
        self._show_events(info.get("events") or [])
        lay.addWidget(tabs, 1)

        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Yazdır (Ctrl+P)"))
        self.print_button.setObjectName("printIncoming")
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("PDF kaydet (Ctrl+S)"))
        self.pdf_button.setObjectName("savePdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.xml_button = QPushButton(self.tr("Aslını kaydet (XML)"))
        self.xml_button.setObjectName("saveOriginal")
        self.xml_button.setToolTip(self.tr("Gönderenin imzaladığı XML, bayt bayt aynısı"))
        self.xml_button.clicked.connect(self.save_original)
        self.accept_button = QPushButton(self.tr("KABUL et"))
        self.accept_button.setObjectName("acceptInvoice")
        self.accept_button.clicked.connect(lambda: self.open_answer(True))
        self.reject_button = QPushButton(self.tr("REDDET"))
        self.reject_button.setObjectName("rejectInvoice")
        self.reject_button.clicked.connect(lambda: self.open_answer(False))
        for b in (self.print_button, self.pdf_button, self.xml_button, self.accept_button,
                  self.reject_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Kapat"))
        close.setObjectName("closeIncoming")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.update_answer_buttons()
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)

    # -- contents ----------------------------------------------------------------------------
    def _lines_table(self, lines: list[dict[str, Any]]) -> QTableWidget:
        table = QTableWidget(len(lines), 7)
        table.setObjectName("lines")
        table.setHorizontalHeaderLabels([
            self.tr("Mal / hizmet"), self.tr("Miktar"), self.tr("Birim"), self.tr("Birim fiyat"),
            self.tr("KDV %"), self.tr("Tutar (KDV hariç)"), self.tr("KDV")])
        for i, ln in enumerate(lines):
            texts = [ln.get("name") or "", _qty(ln.get("quantity")), ln.get("unit") or "",
                     _num(ln.get("unit_price")), _qty(ln.get("kdv_rate")), _num(ln.get("net")),
                     _num(ln.get("kdv_amount"))]
            for j, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if j in (1, 3, 4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, j, item)
        table.horizontalHeader().setSectionResizeMode(
            0, table.horizontalHeader().ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def _show_events(self, events: list[dict[str, Any]]) -> None:
        self.events_table.setRowCount(len(events))
        for i, ev in enumerate(events):
            self.events_table.setItem(i, 0, QTableWidgetItem(fmt.day(ev["at"])))
            self.events_table.setItem(i, 1, QTableWidgetItem(ev.get("code") or ""))
            self.events_table.setItem(i, 2, QTableWidgetItem(ev.get("message")
                                                             or ev.get("kind") or ""))
        index = self.tabs.indexOf(self.events_table)
        self.tabs.setTabText(index, self.tr("Geçmiş ({0})").format(len(events)))

    # -- KABUL / RED -------------------------------------------------------------------------
    def answer_refusal(self) -> str:
        """Why KABUL / RED cannot be given (empty when it can)."""
        info = self.info
        if not info.get("answerable"):
            return self.tr("Yalnızca TICARIFATURA senaryosundaki faturalar KABUL/RED ile "
                           "yanıtlanır; bu fatura {0}.").format(info.get("profile") or "")
        if info.get("answer"):
            return self.tr("Bu faturaya {0} tarihinde {1} yanıtı verildi; yanıt bir kez verilir "
                           "ve değiştirilemez.").format(fmt.day(info.get("answered_at")),
                                                        info["answer"])
        days = info.get("days_left")
        if days is None or days < 0:
            return self.tr("Yanıt süresi {0} tarihinde doldu (fatura geldikten sonra 8 gün); "
                           "artık sistem üzerinden KABUL/RED verilemez.").format(
                _due_day(info))
        return ""

    def update_answer_buttons(self) -> None:
        refusal = self.answer_refusal()
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(not refusal)
            button.setToolTip(refusal)
        info = self.info
        if info.get("answer"):
            text = self.tr("Yanıt: {0} ({1}).").format(info.get("answer_name") or info["answer"],
                                                       fmt.day(info.get("answered_at")))
            if info.get("answer_reason"):
                text += " " + self.tr("Gerekçe: {0}").format(info["answer_reason"])
        elif refusal:
            text = refusal
        else:
            text = self.tr("Son yanıt günü: {0} ({1} gün kaldı).").format(
                _due_day(info), info.get("days_left"))
        self.answer_label.setText(text)

    def open_answer(self, accept: bool) -> None:
        from ui.dialogs.answer_invoice import AnswerDialog

        if self.answer_refusal():
            return
        self.answer_dialog = AnswerDialog(self.services, self.info, accept, self.pin_handler,
                                          self, on_answered=self._answered)
        self.answer_dialog.open()

    def _answered(self, result: dict[str, Any]) -> None:
        self.info["answer"] = result["answer"]
        self.info["answer_name"] = inbox.ANSWER_NAMES.get(result["answer"], result["answer"])
        self.info["answer_reason"] = result.get("reason") or ""
        self.info["answered_at"] = result.get("answered_at")
        self.update_answer_buttons()
        self.services.tasks.run(DB, lambda ctx, ettn: inbox.show(ctx, ettn)["events"],
                                self.services.ctx, self.info["ettn"],
                                on_success=self._show_events)
        if self.on_answered:
            self.on_answered()

    # -- saving and printing -------------------------------------------------------------------
    def _file_name(self, suffix: str) -> str:
        return f"{self.info.get('number') or self.info['ettn']}.{suffix}"

    def save_pdf(self) -> None:
        self._save_dialog = save_file_dialog(
            self, getattr(self.services, "prefs", None), self.tr("PDF olarak kaydet"),
            self._file_name("pdf"), self.tr("PDF dosyası (*.pdf)"),
            lambda path: self._write(inbox.pdf, path,
                                     self.tr("Fatura PDF olarak kaydedildi:")))

    def save_original(self) -> None:
        self._save_dialog = save_file_dialog(
            self, getattr(self.services, "prefs", None), self.tr("Faturanın aslını kaydet"),
            self._file_name("xml"), self.tr("XML dosyası (*.xml)"),
            lambda path: self._write(inbox.original, path,
                                     self.tr("Faturanın imzalı aslı kaydedildi:")))

    def _write(self, make: Callable[[Any, str], bytes], path: Path, text: str) -> None:
        self.services.tasks.run(DB, write_bytes_job(make), self.services.ctx, self.info["ettn"],
                                str(path), on_success=lambda _p: self._saved(path, text))

    def _saved(self, path: Path, text: str) -> None:
        self.saved_box = saved_message(self, path, text)

    def new_printer(self) -> QPrinter:
        return QPrinter(QPrinter.PrinterMode.HighResolution)

    def print_dialog(self) -> None:
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Faturayı yazdır"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        QDialog.open(dialog)  # PySide6 binds only QPrintDialog.open(receiver, member)
        self._print_dialog = dialog

    def print_to(self, printer: QPrinter) -> None:
        """Render the PDF in the background, then paint it on ``printer`` (GUI thread)."""
        self.services.tasks.run(DB, inbox.pdf, self.services.ctx, self.info["ettn"],
                                on_success=lambda pdf: print_pdf(pdf, printer))
