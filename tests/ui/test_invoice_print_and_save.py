"""The invoice dialog prints through Qt's print dialog, previews the PDF itself, and saves the
PDF through a Turkish save dialog that starts in Documents or the last folder used and ends
with a "Klasörü aç" confirmation."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import ui.dialogs.invoice_view as invoice_view
from app.domain.status import Status
from app.pdf import render_pdf
from tests.ui.conftest import activate, key
from tests.unit.test_pdf_support import tezgah_invoice
from ui.dialogs.invoice_view import InvoiceViewDialog
from ui.prefs import LAST_FOLDER, Prefs

NUMBER = "TZG2026000000042"


@pytest.fixture(scope="module")
def invoice_pdf(ubl_samples_dir: Path) -> bytes:
    """A Tezgâh invoice long enough for two pages."""
    pdf = render_pdf(tezgah_invoice(ubl_samples_dir, lines=45), test_mode=True)
    assert len(pdfium.PdfDocument(pdf)) >= 2
    return pdf


class NowTasks:
    """The task lanes, run at once on the calling thread."""

    def run(self, lane: str, job: Any, *args: Any, on_success: Any = None,
            on_error: Any = None, on_finally: Any = None) -> None:
        result = job(*args)
        if on_success:
            on_success(result)


def dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch, pdf: bytes,
           prefs: Prefs | None = None) -> InvoiceViewDialog:
    monkeypatch.setattr(invoice_view, "invoice_pdf_bytes", lambda ctx, ettn: pdf)
    info = {"ettn": "3f0c1d2e-0000-4000-8000-000000000042", "number": NUMBER,
            "status": Status.SENT, "type": "SATIS", "customer_name": "Alıcı A.Ş.",
            "issue_date": "2026-11-27", "payable": "1234.56", "currency": "TRY",
            "events": [], "html": f"<p>{NUMBER} HTML</p>", "html_refused": "", "pdf": pdf}
    services = SimpleNamespace(is_demo=lambda: False, tasks=NowTasks(), ctx=None, prefs=prefs)
    view = InvoiceViewDialog(services, info)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_print_opens_the_print_dialog_and_prints_every_page(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        invoice_pdf: bytes) -> None:
    view = dialog(qtbot, monkeypatch, invoice_pdf)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(100)
    monkeypatch.setattr(view, "new_printer", lambda: printer, raising=False)

    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    print_dialog = view._print_dialog
    assert isinstance(print_dialog, QPrintDialog)
    assert print_dialog.isVisible() and print_dialog.isModal()
    assert print_dialog.windowTitle() == "Faturayı yazdır"
    print_dialog.accept()

    qtbot.waitUntil(out.exists)
    assert out.read_bytes().startswith(b"%PDF")
    assert len(pdfium.PdfDocument(str(out))) == len(pdfium.PdfDocument(invoice_pdf))


def test_ctrl_p_opens_the_print_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                       invoice_pdf: bytes) -> None:
    view = dialog(qtbot, monkeypatch, invoice_pdf)
    activate(qtbot, view)
    key(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert view._print_dialog.isVisible()
    view._print_dialog.reject()


def test_preview_shows_the_pdf_pages_and_keeps_the_senders_view(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, invoice_pdf: bytes) -> None:
    view = dialog(qtbot, monkeypatch, invoice_pdf)
    assert view.tabs.tabText(0) == "Önizleme"
    assert view.tabs.widget(0) is view.pdf_preview
    assert view.tabs.currentIndex() == 0
    pages = len(pdfium.PdfDocument(invoice_pdf))
    assert len(view.page_labels) == pages
    for label in view.page_labels:
        pixmap = label.pixmap()
        assert not pixmap.isNull()
        assert abs(pixmap.height() / pixmap.width() - 297 / 210) < 0.02  # A4, as printed
    # the HTML of the invoice's own stylesheet stays, as the second tab
    assert view.tabs.tabText(1) == "Gönderenin görünümü"
    assert view.tabs.widget(1) is view.preview
    assert NUMBER in view.preview.toPlainText()


def test_load_view_brings_the_pdf(monkeypatch: pytest.MonkeyPatch, invoice_pdf: bytes) -> None:
    import app.usecases.invoices as invoices
    import app.usecases.printing as printing

    monkeypatch.setattr(invoices, "show_invoice",
                        lambda ctx, ettn: {"ettn": ettn, "status": Status.SENT})
    monkeypatch.setattr(printing, "invoice_html_view",
                        lambda ctx, ettn: SimpleNamespace(html="<p/>", refused=""))
    monkeypatch.setattr(printing, "invoice_pdf_bytes", lambda ctx, ettn: invoice_pdf)
    assert invoice_view.load_view(None, "e")["pdf"] == invoice_pdf


def _save_dialog(qtbot: Any, view: InvoiceViewDialog) -> QFileDialog:
    activate(qtbot, view)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(getattr(view, "_save_dialog", None), QFileDialog))
    save = view._save_dialog
    assert save.isVisible()
    return save


def test_save_pdf_starts_in_documents_speaks_turkish_and_offers_the_folder(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        invoice_pdf: bytes) -> None:
    documents = tmp_path / "Belgeler"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        lambda where: str(documents) if where ==
                        QStandardPaths.StandardLocation.DocumentsLocation else str(tmp_path))
    prefs = Prefs(tmp_path / "data")
    view = dialog(qtbot, monkeypatch, invoice_pdf, prefs)

    save = _save_dialog(qtbot, view)
    assert Path(save.directory().absolutePath()) == documents
    assert save.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    label = QFileDialog.DialogLabel
    assert save.labelText(label.LookIn) == "Konum:"
    assert save.labelText(label.FileName) == "Dosya adı:"
    assert save.labelText(label.Accept) == "Kaydet"
    assert save.labelText(label.Reject) == "Vazgeç"

    chosen = tmp_path / "elsewhere"
    chosen.mkdir()
    save.setDirectory(str(chosen))
    save.selectFile(str(chosen / f"{NUMBER}.pdf"))
    save.accept()

    target = chosen / f"{NUMBER}.pdf"
    qtbot.waitUntil(target.exists)
    assert target.read_bytes() == invoice_pdf
    assert prefs.get(LAST_FOLDER) == str(chosen)
    assert Prefs(tmp_path / "data").get(LAST_FOLDER) == str(chosen)  # kept in the file

    qtbot.waitUntil(lambda: getattr(view, "saved_box", None) is not None)
    box = view.saved_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert str(target) in box.informativeText()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    folder_button = next(b for b in box.buttons() if b.text() == "Klasörü aç")
    folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(chosen))]

    # the next save starts where the last one went
    view.saved_box.close()
    again = _save_dialog(qtbot, view)
    assert Path(again.directory().absolutePath()) == chosen
    again.reject()


def test_qt_own_texts_are_turkish(qapp: QApplication) -> None:
    from ui.main import install_translation

    installed = install_translation(qapp, "tr")
    try:
        assert installed, "qtbase_tr.qm was not found"
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    finally:
        for tr in installed:
            QApplication.removeTranslator(tr)


def test_backup_is_saved_from_documents_and_offers_the_folder(
        start_gui: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        company_dir: Path) -> None:
    documents = tmp_path / "Belgeler"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        lambda where: str(documents) if where ==
                        QStandardPaths.StandardLocation.DocumentsLocation else str(tmp_path))
    gui = start_gui(company_dir)
    page = gui.window.settings
    page.pick_backup()
    save = page.backup_dialog
    assert save.isVisible()
    assert Path(save.directory().absolutePath()) == documents
    assert save.labelText(QFileDialog.DialogLabel.FileName) == "Dosya adı:"
    target = documents / "yedek.zip"
    save.selectFile(str(target))
    save.accept()
    qtbot.waitUntil(lambda: getattr(page, "saved_box", None) is not None, timeout=30_000)
    assert target.exists()
    assert [b.text() for b in page.saved_box.buttons()].count("Klasörü aç") == 1
    assert gui.services.prefs.get(LAST_FOLDER) == str(documents)
    page.saved_box.close()
