"""A finally refused e-Fatura is no dead end: the Giden Kutusu and the invoice window say in
plain Turkish what GİB answered and offer the allowed next steps as buttons, which work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app.gib.simulator import GibSimulator
from app.signing import create_test_certificate, open_signer, save_signer_config, sign_invoice
from app.usecases import catalog
from app.usecases.invoices import show_invoice
from app.usecases.sending import invoice_status, sync
from app.usecases.sync import outbox_rows
from app.usecases.userlist import import_user_list
from tests.fixtures.app import CUSTOMER
from tests.integration.sending import (
    FAST,
    RECEIVER_ALIAS,
    issue_some,
    sending_context,
    user_list_file,
)
from tests.integration.test_outcomes import WRONG_ALIAS, _refused
from tests.ui.conftest import idle


def _visible_steps(panel) -> set[str]:  # type: ignore[no-untyped-def]
    return {b.objectName().removeprefix("step_") for b in panel.findChildren(QPushButton)
            if b.objectName().startswith("step_") and b.isVisibleTo(panel)}


def test_rejected_invoice_offers_its_next_steps_and_they_work(
        start_gui, qtbot, tmp_path: Path, installed_rules_dir: Path,
        make_gib_simulator: Callable[..., GibSimulator]) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.invoice_view import InvoiceViewDialog, load_view

    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    users = user_list_file(tmp_path / "users.xml")
    import_user_list(ctx, users)
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil")
    save_signer_config(ctx.data_dir, cfg)
    sim = make_gib_simulator(userlist_file=users, queue_delay=0.05, processing_delay=0.05,
                             delivery_delay=0.05)
    catalog.save_customer(ctx, {**CUSTOMER, "alias": WRONG_ALIAS})
    with open_signer(cfg, None) as signer:
        def sign(xml: bytes) -> bytes:
            return sign_invoice(xml, signer)

        [wrong] = issue_some(ctx, sign, 1)
        sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)  # → 1181 ADRES BULUNAMADI
        catalog.save_customer(ctx, {**CUSTOMER, "alias": RECEIVER_ALIAS})
        content = _refused(ctx, 1160, sign)  # the invoice itself refused
    assert show_invoice(ctx, wrong)["status"] == "failed"

    gui = start_gui(ctx.data_dir)
    win = gui.window
    win.go(5)
    page = win.outbox
    qtbot.waitUntil(lambda: len(page.rows) == 2 and page.next_steps.isVisibleTo(page),
                    timeout=10_000)
    assert "gönderilmeyi bekliyor" not in page.summary.text()  # refused is not waiting
    assert "2 faturayı GİB reddetti" in page.summary.text()
    panel = page.next_steps
    qtbot.waitUntil(lambda: "1181 ADRES BULUNAMADI" in panel.findChild(QLabel, "outcomeText").text())
    assert _visible_steps(panel) == {"resend_alias", "return", "handled"}
    alias = panel.findChild(QLineEdit, "aliasEdit")
    assert alias.text() == RECEIVER_ALIAS  # suggested from GİB's user list
    qtbot.mouseClick(panel.findChild(QPushButton, "step_resend_alias"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r["ettn"] == wrong and r["state"] == "waiting"
                                for r in page.rows), timeout=10_000)
    assert "1 fatura gönderilmeyi bekliyor" in page.summary.text()
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    info = invoice_status(ctx, wrong)
    assert info["status"] == "completed"
    assert [e["gib_status"] for e in info["envelopes"]] == [1181, 1300]  # delivered once

    # the invoice window of the content refusal: only new-invoice steps
    idle(qtbot, gui.services)
    view = load_view(ctx, content)
    dialog = InvoiceViewDialog(gui.services, view, page)
    dialog.open()
    steps = dialog.next_steps
    assert "1160" in steps.findChild(QLabel, "outcomeText").text()
    assert _visible_steps(steps) == {"new_copy", "return", "handled"}
    qtbot.mouseClick(steps.findChild(QPushButton, "step_handled"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outbox_rows(ctx) == [], timeout=10_000)
    qtbot.waitUntil(lambda: _visible_steps(steps) == {"new_copy", "return"}, timeout=10_000)
    assert show_invoice(ctx, content)["events"][-1]["kind"] == "handled"

    # İade: a new draft referencing the refused invoice opens in the editor
    qtbot.mouseClick(steps.findChild(QPushButton, "step_return"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: win.editor.ettn not in (None, "", content), timeout=10_000)
    qtbot.waitUntil(lambda: show_invoice(ctx, win.editor.ettn)["type"] == "IADE", timeout=10_000)
    idle(qtbot, gui.services)
