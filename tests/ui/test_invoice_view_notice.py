"""A received invoice whose own stylesheet is refused by the sandbox opens in Tezgâh's view,
with a calm note saying why; a usable one is shown as the sender designed it, without a note."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.domain.status import Status
from app.resources import resource_path
from tests.unit.test_pdf_support import payable_1234_56
from tests.unit.test_xslt import SENDER_XSLT, embed
from tests.unit.test_xslt_sandbox import INCLUDE_PASSWD, RECURSION
from ui.dialogs.invoice_view import InvoiceViewDialog, load_view


def received(monkeypatch: pytest.MonkeyPatch, xml: bytes) -> dict[str, Any]:
    """``load_view`` of a stored received invoice whose XML is ``xml``."""
    import app.usecases.invoices as invoices
    import app.usecases.printing as printing

    info = {"ettn": "3f0c1d2e-0000-4000-8000-000000000001", "number": "ABC2026000000007",
            "status": Status.RECEIVED, "type": "SATIS", "customer_name": "Gönderen A.Ş.",
            "issue_date": "2026-11-27", "payable": "1234.56", "currency": "TRY",
            "events": []}
    monkeypatch.setattr(invoices, "show_invoice", lambda ctx, ettn: dict(info))
    monkeypatch.setattr(printing, "invoice_xml", lambda ctx, ettn: xml)
    return load_view(None, info["ettn"])


def dialog(qtbot: Any, info: dict[str, Any]) -> InvoiceViewDialog:
    services = SimpleNamespace(is_demo=lambda: False, tasks=None, ctx=None)
    view = InvoiceViewDialog(services, info)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    return view


@pytest.mark.parametrize("hostile", [RECURSION, INCLUDE_PASSWD], ids=["recursion", "include"])
def test_refused_stylesheet_shows_tezgahs_view_with_a_calm_note(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, ubl_samples_dir: Path,
        hostile: bytes) -> None:
    info = received(monkeypatch, embed(payable_1234_56(ubl_samples_dir), hostile))
    assert info["html_refused"] in ("recursion", "access")
    view = dialog(qtbot, info)
    assert view.preview_notice is not None and view.preview_notice.isVisible()
    note = view.preview_notice.text()
    assert note.startswith("Gönderenin hazırladığı görünüm güvenlik için gösterilmedi")
    assert "Tezgâh'ın kendi görünümüyle" in note
    text = view.preview.toPlainText()
    assert "TZG2026000000042" in text and "root:" not in text


def test_broken_stylesheet_note_does_not_speak_of_danger(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, ubl_samples_dir: Path) -> None:
    info = received(monkeypatch, embed(payable_1234_56(ubl_samples_dir),
                                       b"<xsl:stylesheet broken"))
    view = dialog(qtbot, info)
    assert view.preview_notice is not None
    assert view.preview_notice.text().startswith("Gönderenin hazırladığı görünüm açılamadı")


def test_usable_stylesheet_is_shown_without_a_note(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, ubl_samples_dir: Path) -> None:
    info = received(monkeypatch, embed(payable_1234_56(ubl_samples_dir), SENDER_XSLT))
    view = dialog(qtbot, info)
    assert view.preview_notice is None
    assert "SENDER DESIGN" in view.preview.toPlainText()


def test_the_note_in_english(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                             ubl_samples_dir: Path) -> None:
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "tezgah_en.qm")))
    QApplication.installTranslator(translator)
    try:
        info = received(monkeypatch, embed(payable_1234_56(ubl_samples_dir), RECURSION))
        view = dialog(qtbot, info)
        assert view.preview_notice is not None
        assert view.preview_notice.text().startswith("For safety, the sender's own view")
    finally:
        QApplication.removeTranslator(translator)
