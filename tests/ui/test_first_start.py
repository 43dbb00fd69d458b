"""First start: the wizard in demo mode leads to a TEST main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from app.signing import load_signer_config
from app.usecases.catalog import list_customers
from app.usecases.company import get_company
from tests.ui.conftest import activate, idle, type_text


def test_wizard_checks_vkn_as_typed_and_sets_up_demo_mode(start_gui, qtbot, tmp_path: Path,
                                                          installed_rules_dir: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "rules").symlink_to(installed_rules_dir, target_is_directory=True)
    gui = start_gui(data)
    wiz = gui.wizard
    assert wiz is not None and gui.window is None
    activate(qtbot, wiz)

    # trying it first is the default; choosing one's own company empties the demo details
    assert wiz.welcome.demo.isChecked() and wiz.company.form.vkn.text() == "3880530121"
    own = wiz.welcome.own
    qtbot.mouseClick(own, Qt.MouseButton.LeftButton, pos=QPoint(8, own.height() // 2))
    assert own.isChecked()
    assert wiz.company.form.vkn.text() == ""
    # a wrong check digit is reported while typing, and blocks "İleri"
    wiz.next()
    vkn = wiz.company.form.vkn
    vkn.setFocus()
    type_text(qtbot, "3880530122")
    assert "kontrol" in vkn.hint.text()
    wiz.next()
    assert wiz.currentPage() is wiz.company
    assert wiz.company.form.errors.message("vkn_tckn")

    # then "try it first": the demo company is filled in, TEST certificate chosen
    wiz.back()
    demo = wiz.welcome.demo
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton, pos=QPoint(8, demo.height() // 2))
    assert wiz.company.form.vkn.text() == "3880530121"
    assert vkn.valid
    for _ in range(4):
        wiz.next()
    assert wiz.currentPage() is wiz.signer
    assert wiz.signer.picker.demo.isChecked()
    wiz.next()  # runs the set-up in the background, then moves on
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.done_page, timeout=60_000)
    assert "TEST sertifikası" in wiz.done_page.report.text()
    wiz.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: gui.window is not None)

    ctx = gui.services.ctx
    assert get_company(ctx).vkn_tckn == "3880530121"
    cfg = load_signer_config(ctx.data_dir)
    assert cfg is not None and cfg.kind == "pkcs12"
    assert {p.vkn_tckn for p in list_customers(ctx)} >= {"4700582260", "10000000146"}
    win = gui.window
    assert gui.services.is_demo()
    assert win.test_banner.isVisible() and "TEST" in win.test_banner.text()
    assert win.test_badge.isVisible()
    assert "TEST" in win.windowTitle()
    idle(qtbot, gui.services)
