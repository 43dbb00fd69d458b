"""Choosing the card driver file by hand: the dialog looks for the platform's libraries in the
usual driver folder, and a driver of the wrong width is explained in Turkish, not offered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from app.signing import discovery
from tests.fixtures.binaries import PE_X86, elf, pe
from tests.fixtures.token import SOFTHSM_MODULE


def _picker(gui: Any, qtbot: Any) -> Any:
    from ui.widgets import signer_picker

    picker = signer_picker.SignerPicker(gui.services)
    qtbot.addWidget(picker)
    picker.show()
    picker.token.setChecked(True)
    return picker


@pytest.mark.slow  # edit loop: the width check is tested quickly in tests/unit/test_module_arch.py
def test_picked_driver_of_the_wrong_width_is_explained(
        start_gui, qtbot, company_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gui = start_gui(company_dir)
    picker = _picker(gui, qtbot)
    before = (picker.module.count(), picker.module_path())
    asked: list[tuple[str, str, str]] = []
    picked = {"path": str(elf(tmp_path / "libakisp11.so", 32, 3))}

    def dialog(_parent: Any, caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append((caption, folder, filters))
        return picked["path"], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog))
    picker.browse_button.click()
    (caption, folder, filters), = asked
    assert "PKCS#11" in caption
    assert filters.split(";;") == ["Kart sürücüsü (*.so)", "Tüm dosyalar (*)"]
    assert folder == str(discovery.driver_folder()) and Path(folder).is_dir()
    text = picker.info.text()
    assert "libakisp11.so” 32 bit bir kart sürücüsü; Tezgâh ise 64 bit çalışıyor" in text
    assert "64 bit sürücü paketini kurun" in text
    assert picker.info.isVisible()
    assert (picker.module.count(), picker.module_path()) == before  # not offered

    # An .exe (or any non-library) is named as such.
    picked["path"] = str(pe(tmp_path / "AKIS_Kurulum.exe", PE_X86, 0x0103))
    picker.browse_button.click()
    assert "bir program (çalıştırılabilir dosya), kart sürücüsü" in picker.info.text()

    # A driver of the right width is offered and chosen.
    if Path(SOFTHSM_MODULE).exists():
        picked["path"] = SOFTHSM_MODULE
        picker.browse_button.click()
        assert picker.module_path() == SOFTHSM_MODULE and picker.info.text() == ""


@pytest.mark.slow  # edit loop: the width check is tested quickly in tests/unit/test_module_arch.py
def test_only_driver_found_of_the_wrong_width_is_a_hint(
        start_gui, qtbot, company_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gui = start_gui(company_dir)
    lib = tmp_path / "lib"
    lib.mkdir()
    elf(lib / "libakisp11.so", 32, 3)
    monkeypatch.setattr(discovery, "_linux_dirs", lambda: [lib])
    picker = _picker(gui, qtbot)
    assert picker.module.count() == 0
    text = picker.info.text()
    assert "kullanılabilir bir kart sürücüsü bulunamadı" in text
    assert "TÜBİTAK AKİS: “" in text and "32 bit bir kart sürücüsü; Tezgâh ise 64 bit" in text

    # Typing the file's path and scanning gives the same explanation through the token lane.
    picker.module.setEditText(str(lib / "libakisp11.so"))
    picker.scan()
    qtbot.waitUntil(lambda: "Tezgâh ise 64 bit" in picker.info.text()
                    and "okunuyor" not in picker.info.text(), timeout=10_000)
    assert "yüklenemedi" in picker.info.text()
