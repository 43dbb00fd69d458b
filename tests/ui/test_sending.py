"""Sending from the window: issued invoices reach the local GİB simulator in the
background until "tamamlandı"; with the simulator down they wait in the Giden Kutusu, the
status bar says offline, and once it is back they are delivered exactly once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget

from app.gib.simulator import GibSimulator
from app.signing import create_test_certificate, save_signer_config
from app.usecases.invoices import show_invoice
from tests.fixtures.app import CUSTOMER
from tests.integration.sending import (
    FAST,
    RECEIVER_ALIAS,
    received_by_simulator,
    sending_context,
    user_list_file,
)
from tests.ui.conftest import idle


def issue_from_editor(qtbot, gui, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Issue ``count`` invoices through the editor (TEST certificate: no PIN asked)."""
    win = gui.window
    ettns = []
    for i in range(count):
        win.go(2)
        editor = win.editor
        editor.load_invoice_json({
            "profile": "TICARIFATURA", "type": "SATIS",
            "customer": {**CUSTOMER, "alias": RECEIVER_ALIAS},
            "lines": [{"name": f"Şişe {i}", "quantity": "3", "unit": "C62",
                       "unit_price": "12.50", "kdv_rate": "20"}]})
        ettn = editor.ettn
        editor.view_dialog = None
        editor.issue()
        qtbot.waitUntil(lambda ed=editor: ed.view_dialog is not None, timeout=60_000)
        editor.view_dialog.close()
        ettns.append(ettn)
    return ettns


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_sync_to_simulator_offline_and_back(start_gui, qtbot, tmp_path: Path,
                                            installed_rules_dir: Path,
                                            make_gib_simulator: Callable[..., GibSimulator]) -> None:
    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil")
    save_signer_config(ctx.data_dir, cfg)
    users = user_list_file(tmp_path / "users.xml")
    sim_dir = tmp_path / "sim"
    sim = make_gib_simulator(data_dir=sim_dir, userlist_file=users, queue_delay=0.05,
                             processing_delay=0.05, delivery_delay=0.05)
    port = sim.port
    gui = start_gui(ctx.data_dir, start_sync=True, endpoint_url=sim.url, sync_policy=FAST,
                    sync_interval_ms=150)
    win = gui.window

    # online: one invoice goes all the way to 1300
    [first] = issue_from_editor(qtbot, gui, 1)
    qtbot.waitUntil(lambda: show_invoice(ctx, first)["status"] == "completed", timeout=30_000)
    qtbot.waitUntil(lambda: "çevrimiçi" in win.online.text())
    win.go(1)
    qtbot.waitUntil(lambda: win.invoices.model.rowCount() == 1
                    and win.invoices.model.row(0).status == "completed")

    # offline: the simulator stops; two more are issued and wait in the outbox
    sim.stop()
    second = issue_from_editor(qtbot, gui, 2)
    qtbot.waitUntil(lambda: "çevrimdışı" in win.online.text(), timeout=30_000)
    win.go(5)
    qtbot.waitUntil(lambda: len(win.outbox.rows) == 2, timeout=10_000)
    assert all(show_invoice(ctx, e)["status"] == "queued" for e in second)
    assert "bekliyor" in win.outbox.summary.text()
    assert any("Gönderilemedi" in (r["problem"] or "") for r in win.outbox.rows)
    assert win.isEnabled()  # the window was never blocked
    win.outbox.open_row(win.outbox.table.model().index(0, 0))  # why it waits, in its history
    qtbot.waitUntil(lambda: getattr(win.outbox, "dialog", None) is not None)
    history = win.outbox.dialog.findChild(QTableWidget, "events")
    assert any("giden kutusu" in history.item(r, 2).text().lower() for r in range(history.rowCount()))
    win.outbox.dialog.close()

    # back online on the same address: "Şimdi gönder" delivers them, once each
    make_gib_simulator(data_dir=sim_dir, port=port, userlist_file=users, queue_delay=0.05,
                       processing_delay=0.05, delivery_delay=0.05)
    win.outbox.send_now()
    qtbot.waitUntil(lambda: all(show_invoice(ctx, e)["status"] == "completed" for e in second),
                    timeout=30_000)
    qtbot.waitUntil(lambda: "çevrimiçi" in win.online.text())
    qtbot.waitUntil(lambda: win.outbox.rows == [], timeout=10_000)
    assert received_by_simulator(sim_dir) == {e: 1 for e in [first, *second]}
    gui.sync.stop()
    idle(qtbot, gui.services)
