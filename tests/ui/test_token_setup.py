"""Choosing the USB token in the first-start wizard: the card's certificates are listed and
the one of the company (its VKN, still valid) is chosen by itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.signing import load_signer_config
from tests.ui.conftest import idle


def test_wizard_lists_token_certificates_and_preselects_the_company(
        start_gui, qtbot, tmp_path: Path, installed_rules_dir: Path, softhsm) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "rules").symlink_to(installed_rules_dir, target_is_directory=True)
    gui = start_gui(data)
    wiz = gui.wizard
    wiz.welcome.own.setChecked(True)
    wiz.next()
    form = wiz.company.form
    form.vkn.setText(softhsm.vkn)
    form.name.setText("Deneme Tekstil Sanayi ve Ticaret A.Ş.")
    form.tax_office.setText("Beşiktaş")
    wiz.next()
    wiz.address.form.district.setText("Beşiktaş")
    wiz.address.form.city.setText("İstanbul")
    wiz.next()
    wiz.next()
    assert wiz.currentPage() is wiz.signer
    picker = wiz.signer.picker
    picker.token.setChecked(True)
    picker.module.setEditText(softhsm.module)
    picker.scan()
    qtbot.waitUntil(lambda: picker.certs.count() > 0, timeout=20_000)
    texts = [picker.certs.item(i).text() for i in range(picker.certs.count())]
    assert any(softhsm.tckn in t for t in texts)  # the person's e-imza is listed too
    assert any("süresi" in t for t in texts)  # the expired one says so
    chosen = picker.certs.currentItem()
    label, cert_id = chosen.data(Qt.ItemDataRole.UserRole)
    # a valid certificate of the company (the token holds an RSA and an EC one for its VKN)
    assert label == softhsm.label
    assert cert_id in (softhsm.cert_ids["mali_muhur"], softhsm.cert_ids["ec"],
                       softhsm.cert_ids["ec384"])
    assert softhsm.vkn in chosen.text() and "⚠" not in chosen.text()

    wiz.next()  # stores the company and the token choice (never a PIN)
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.done_page, timeout=30_000)
    cfg = load_signer_config(data)
    assert (cfg.kind, cfg.module_path, cfg.token_label, cfg.cert_id_hex) == (
        "pkcs11", softhsm.module, softhsm.label, cert_id)
    assert softhsm.user_pin not in (data / "signer" / "signer.json").read_text(encoding="utf-8")
    idle(qtbot, gui.services)
    wiz.accept()
    qtbot.waitUntil(lambda: gui.window is not None)
    assert not gui.services.is_demo() and not gui.window.test_banner.isVisible()
