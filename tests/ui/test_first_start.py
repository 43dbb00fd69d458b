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


def _dispose(wizard) -> None:  # type: ignore[no-untyped-def]
    """Delete a wizard that was left unfinished now: left to the garbage collector, it would
    be destroyed in the middle of a later test's start (and crash it)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    wizard.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _answer_question(qtbot, yes: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer the wizard's "quit?" question as soon as it shows."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()

    asked: list[str] = []
    QTimer.singleShot(20, answer)
    return asked


def test_escape_in_the_wizard_asks_before_quitting(start_gui, qtbot, tmp_path: Path) -> None:
    gui = start_gui(tmp_path / "data")
    wiz = gui.wizard
    activate(qtbot, wiz)
    rejected: list[int] = []
    wiz.rejected.connect(lambda: rejected.append(1))
    asked = _answer_question(qtbot, yes=False)
    qtbot.keyClick(wiz, Qt.Key.Key_Escape)
    assert asked and "kapatılsın mı" in asked[0]
    assert wiz.isVisible() and not rejected
    asked = _answer_question(qtbot, yes=True)
    qtbot.keyClick(wiz, Qt.Key.Key_Escape)
    assert asked
    assert not wiz.isVisible() and rejected
    _dispose(wiz)


def test_wizard_without_rules_offers_the_install_in_the_window(
        start_gui, qtbot, tmp_path: Path, gib_dir: Path, monkeypatch) -> None:
    """No GİB packages beside the app and no internet: the Done page says so in words and
    offers the install (no raw exception text, no terminal command)."""
    import app.ubl.rules
    import app.usecases.demo
    from app.usecases import rules

    def offline(*args: object, **kwargs: object) -> None:
        raise OSError("<urlopen error [Errno -3] Temporary failure in name resolution>")

    monkeypatch.setattr(app.usecases.demo, "find_gib_packages", lambda: None)
    monkeypatch.setattr(app.ubl.rules, "download_rules", offline)
    gui = start_gui(tmp_path / "data")
    wiz = gui.wizard
    activate(qtbot, wiz)
    for _ in range(4):
        wiz.next()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.done_page, timeout=60_000)
    report = wiz.done_page.report.text()
    assert "kurulu değil" in report
    assert "urlopen" not in report and "tezgah rules" not in report
    assert wiz.done_page.install_rules.isVisible()

    wiz.done_page.install_rules.click()
    from ui.dialogs.rules_install import RulesInstallDialog

    dialog = wiz.findChild(RulesInstallDialog)
    qtbot.waitUntil(dialog.isVisible)
    # downloading fails: a clear sentence, never the exception
    monkeypatch.setattr(rules, "update_from_gib", offline)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.result.text() != "", timeout=10_000)
    text = dialog.result.text()
    assert "indirilemedi" in text and "urlopen" not in text and "Errno" not in text
    # a file that is no GİB package: said in words
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    dialog.install_from(str(junk))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.result.text() != "", timeout=10_000)
    assert "tezgah" not in dialog.result.text() and not dialog.ok
    # the folder holding GİB's zips installs them
    dialog.install_from(str(gib_dir))
    qtbot.waitUntil(lambda: dialog.ok, timeout=120_000)
    assert "Kuruldu" in dialog.result.text()
    assert rules.is_installed(tmp_path / "data")
    assert not wiz.done_page.install_rules.isVisible()
    assert "kurulu değil" not in wiz.done_page.report.text()
    dialog.close()
    idle(qtbot, gui.services)
    _dispose(wiz)
