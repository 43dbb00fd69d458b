"""Received e-İrsaliye on the İrsaliyeler page and our irsaliye yanıtı: a despatch advice
Deneme Tekstil signed with its TEST certificate is imported by Çağlayan Şişecilik (the
company of these tests, signing with its own TEST certificate: no PIN) and listed under
"Gelen irsaliyeler" with the days left to answer; a rejected quantity without its reason
is refused at the reason cell; one line short with a reason is answered, stored and never
answered twice; after seven days the answer button says why it is off; our own despatch
advice answered by its receiver shows the outcome per line."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import clock
from app.context import AppContext
from app.domain.errors import UserError
from app.usecases import despatch_receiving, despatches
from app.usecases.company import set_company
from app.usecases.signers import use_test_certificate
from tests.fixtures.app import COMPANY, CUSTOMER
from tests.fixtures.despatch import EXAMPLES, despatch_signers
from tests.ui.conftest import activate, idle

LEFT = Qt.MouseButton.LeftButton


def _as_customer(company_dir: Path) -> AppContext:
    """Çağlayan Şişecilik, the receiver of the example despatch, signing with TEST."""
    ctx = AppContext.open(company_dir)
    set_company(ctx, CUSTOMER)
    use_test_certificate(company_dir, CUSTOMER["vkn_tckn"], CUSTOMER["name"])
    return ctx


def _receive(ctx: AppContext, base: Path) -> str:
    """Deneme Tekstil's despatch advice (signed with its TEST certificate), imported."""
    with despatch_signers(base) as signers:
        xml = signers.despatch()
    return str(despatch_receiving.import_document(ctx, xml)["ettn"])


def _page(start_gui: Any, qtbot: Any, company_dir: Path, direction: str) -> tuple[Any, Any]:
    gui = start_gui(company_dir)
    win = gui.window
    activate(qtbot, win)
    row = next(i for i in range(win.nav.count()) if win.nav.item(i).text() == "İrsaliyeler")
    qtbot.mouseClick(win.nav.viewport(), LEFT,
                     pos=win.nav.visualItemRect(win.nav.item(row)).center())
    page = win.despatches
    idle(qtbot, gui.services)
    page.direction.setCurrentIndex(page.direction.findData(direction))
    idle(qtbot, gui.services)
    return gui, page


def _open(qtbot: Any, gui: Any, page: Any, ettn: str) -> Any:
    page.open_row(page.row_of(ettn))
    idle(qtbot, gui.services)
    view = page.view_dialog
    assert view.isVisible()
    return view


def _set(dialog: Any, row: int, key: str, text: str) -> None:
    from ui.despatch.answer import COL

    dialog.table.item(row, COL[key]).setText(text)


def test_received_despatch_listed_answered_once_with_a_short_line(
        start_gui, qtbot, company_dir: Path, tmp_path: Path) -> None:
    from ui.despatch.answer import COL
    from ui.pages.despatches import DAYS_COLUMN

    ctx = _as_customer(company_dir)
    ettn = _receive(ctx, tmp_path / "signers")
    gui, page = _page(start_gui, qtbot, company_dir, "in")
    row = page.row_of(ettn)
    assert row >= 0
    assert page.table.item(row, 2).text() == COMPANY["name"]
    assert page.table.horizontalHeaderItem(2).text() == "Gönderen"
    assert page.table.item(row, DAYS_COLUMN).text() in ("7 gün", "6 gün")  # midnight between
    assert page.table.item(row, 4).text() == "Gelen"

    view = _open(qtbot, gui, page, ettn)
    panel = view.receipt_panel
    assert panel.answer_button.text() == "İrsaliye yanıtı ver"
    assert panel.answer_button.isEnabled()
    qtbot.mouseClick(panel.answer_button, LEFT)
    dialog = panel.dialog
    assert dialog.isVisible() and dialog.table.rowCount() == 2
    first = panel.info["data"]["lines"][0]
    assert dialog.table.item(0, COL["quantity"]).text() == first["quantity"]
    assert dialog.table.item(0, COL["unit"]).text() == "Adet"
    # all received by default: no reason asked
    assert dialog.table.item(0, COL["received"]).text() == first["quantity"]
    reason = dialog.table.item(0, COL["reason"])
    assert not reason.flags() & Qt.ItemFlag.ItemIsEditable

    # goods rejected without a reason: the use case's Turkish error at the reason cell
    _set(dialog, 0, "rejected", "5")
    assert reason.flags() & Qt.ItemFlag.ItemIsEditable
    qtbot.mouseClick(dialog.ok_button, LEFT)
    idle(qtbot, gui.services)
    assert dialog.isVisible()
    assert "red nedeni yazılmalı" in dialog.error.text()
    assert (dialog.table.currentRow(), dialog.table.currentColumn()) == (0, COL["reason"])
    assert despatches.show_despatch(ctx, ettn)["receipt_advices"] == []

    # "Hepsi teslim alındı" puts every line back; then the first line two short, with why
    qtbot.mouseClick(dialog.all_button, LEFT)
    assert dialog.table.item(0, COL["rejected"]).text() == ""
    assert not dialog.error.isVisible()
    received = Decimal(first["quantity"]) - 2
    _set(dialog, 0, "received", str(received))
    _set(dialog, 0, "short", "2")
    _set(dialog, 0, "reason", "2 koli gelmedi")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    idle(qtbot, gui.services)
    idle(qtbot, gui.services)
    assert not dialog.isVisible()

    info = despatches.show_despatch(ctx, ettn)
    assert info["status"] == "answered" and not info["answerable"]
    [ours] = info["receipt_advices"]
    line = ours["answer"]["lines"][0]
    assert (Decimal(line["received"]), Decimal(line["short"]), line["note"]) == (
        received, 2, "2 koli gelmedi")
    assert Decimal(ours["answer"]["lines"][1]["short"]) == 0
    # the view and the list say so; a second answer is impossible, and says why
    assert view.status_label.text() == "Yanıtlandı"
    assert not panel.answer_button.isEnabled()
    assert "yanıt verildi" in panel.state.text() and ours["number"] in panel.state.text()
    assert page.table.item(page.row_of(ettn), 4).text() == "Yanıtlandı"
    with pytest.raises(UserError, match="zaten yanıt verildi"):
        despatch_receiving.respond_despatch(ctx, ettn, {"lines": [
            {"line_id": first["line_id"], "received": first["quantity"]}]})


def test_two_days_left_in_red_and_after_seven_days_no_answer(start_gui, qtbot, company_dir: Path,
                                    tmp_path: Path) -> None:
    from ui.pages.despatches import DAYS_COLUMN

    ctx = _as_customer(company_dir)
    ettn = _receive(ctx, tmp_path / "signers")
    received = clock.now()
    with clock.frozen_at(received + timedelta(days=5)):  # two days left: in red
        gui, page = _page(start_gui, qtbot, company_dir, "in")
        days = page.table.item(page.row_of(ettn), DAYS_COLUMN)
        assert days.text() == "2 gün"
        assert days.foreground().color().name() == "#b3261e"
    with clock.frozen_at(received + timedelta(days=7, minutes=1)):
        page.refresh()
        idle(qtbot, gui.services)
        assert page.table.item(page.row_of(ettn), DAYS_COLUMN).text() == "Süresi doldu"
        view = _open(qtbot, gui, page, ettn)
        panel = view.receipt_panel
        assert not panel.answer_button.isEnabled()
        assert "Yanıt süresi doldu" in panel.state.text()
        assert "Yanıt süresi doldu" in panel.answer_button.toolTip()


def test_our_despatch_answered_shows_the_outcome_per_line(
        start_gui, qtbot, company_dir: Path, tmp_path: Path) -> None:
    ctx = AppContext.open(company_dir)
    set_company(ctx, COMPANY)
    use_test_certificate(company_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    data = json.loads((EXAMPLES / "TEMELIRSALIYE-SEVK.json").read_text(encoding="utf-8"))
    data.pop("series", None)
    ettn = despatches.create_draft(ctx, data)
    despatches.issue_despatches(ctx, [ettn], None)
    with despatch_signers(tmp_path / "signers") as signers:
        receipt = signers.receipt(despatches.despatch_xml(ctx, ettn))
    despatch_receiving.import_document(ctx, receipt)

    gui, page = _page(start_gui, qtbot, company_dir, "out")
    assert page.table.isColumnHidden(5)
    view = _open(qtbot, gui, page, ettn)
    panel = view.receipt_panel
    assert not panel.answer_button.isVisible()
    assert panel.outcome.rowCount() == 2
    assert panel.outcome.item(0, 0).text() == data["lines"][0]["name"]
    assert panel.outcome.item(0, 3).text() == "120"  # received
    assert "Alıcının irsaliye yanıtı" in panel.state.text()
