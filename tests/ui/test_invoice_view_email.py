"""The invoice view of an e-Arşiv invoice: "E-postayı yeniden gönder" asks the address (the
buyer's pre-filled) and sends it through the e-mail delivery use case (a demo folder writes
the message to demo-mail/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app import settings
from app.context import AppContext
from app.usecases.email_delivery import demo_mail_dir
from app.usecases.invoices import list_invoices
from tests.integration.test_earsiv_daily_report import _issue_on
from tests.ui.conftest import idle
from ui.dialogs.invoice_view import InvoiceViewDialog, load_view


def test_resend_email_asks_the_address_and_sends(start_gui, qtbot, company_dir: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(company_dir)
    _issue_on(ctx, [date(2026, 11, 27)])
    settings.write(ctx, settings.DEMO_FOLDER, True)
    ettn = list_invoices(ctx)[0]["ettn"]
    gui = start_gui(company_dir)
    idle(qtbot, gui.services)
    info = load_view(ctx, ettn)
    dialog = InvoiceViewDialog(gui.services, info, gui.window)
    qtbot.addWidget(dialog)
    assert dialog.resend_email_button is not None
    assert dialog.resend_email_button.text() == "E-postayı yeniden gönder"
    dialog.ask_email_address()
    ask = dialog.email_dialog
    buyer = ((info.get("data") or {}).get("customer") or {}).get("email") or ""
    assert ask.textValue() == buyer
    ask.setTextValue("alici@deneme.invalid")
    ask.accept()
    qtbot.waitUntil(lambda: getattr(dialog, "email_box", None) is not None, timeout=60_000)
    assert "alici@deneme.invalid" in dialog.email_message, dialog.email_message
    assert list(demo_mail_dir(ctx).glob("*.eml"))
