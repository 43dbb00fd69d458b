"""Saving a file the user names: the dialog and the confirmation afterwards.

The dialog starts in the folder the last file was saved in (``ui.prefs.LAST_FOLDER``), else
in the user's Documents — never in the program's folder. Its labels are set in Turkish (or
English) here as well, so Qt's own dialog speaks the window's language even where Qt's
``qtbase_tr`` translation is missing. After the file is written a message names it and
offers "Klasörü aç".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ui.prefs import LAST_FOLDER, Prefs


def start_folder(prefs: Prefs | None) -> Path:
    """The last folder a file was saved in, if it is still there; else Documents; else home."""
    last = prefs.get(LAST_FOLDER) if prefs is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return Path.home()


def remember_folder(prefs: Prefs | None, folder: Path) -> None:
    if prefs is not None:
        prefs.set(LAST_FOLDER, str(folder))


def _turkish_labels(dialog: QFileDialog) -> None:
    label = QFileDialog.DialogLabel
    dialog.setLabelText(label.LookIn, QCoreApplication.translate("SaveFile", "Konum:"))
    dialog.setLabelText(label.FileName, QCoreApplication.translate("SaveFile", "Dosya adı:"))
    dialog.setLabelText(label.FileType, QCoreApplication.translate("SaveFile", "Dosya türü:"))
    dialog.setLabelText(label.Accept, QCoreApplication.translate("SaveFile", "Kaydet"))
    dialog.setLabelText(label.Reject, QCoreApplication.translate("SaveFile", "Vazgeç"))


def save_file_dialog(parent: QWidget | None, prefs: Prefs | None, title: str, name: str,
                     name_filter: str, on_chosen: Callable[[Path], None]) -> QFileDialog:
    """Open (window-modal, not blocking) a dialog to save ``name``; ``on_chosen(path)`` runs
    when the user accepts. Returns the dialog (tests drive it)."""
    dialog = QFileDialog(parent, title, str(start_folder(prefs)), name_filter)
    dialog.setObjectName("saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = Path(name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(name)
    _turkish_labels(dialog)

    def chosen(path: str) -> None:
        target = Path(path)
        remember_folder(prefs, target.parent)
        on_chosen(target)

    dialog.fileSelected.connect(chosen)
    # QDialog.open: PySide6 6.12 binds only QFileDialog.open(receiver, member).
    QDialog.open(dialog)
    return dialog


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def saved_message(parent: QWidget | None, path: Path, text: str | None = None) -> QMessageBox:
    """'Kaydedildi' with the file's place and a "Klasörü aç" button (not blocking)."""
    box = QMessageBox(parent)
    box.setObjectName("savedMessage")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("SaveFile", "Kaydedildi"))
    box.setText(text or QCoreApplication.translate("SaveFile", "Dosya kaydedildi:"))
    box.setInformativeText(str(path))
    folder_button = box.addButton(QCoreApplication.translate("SaveFile", "Klasörü aç"),
                                  QMessageBox.ButtonRole.ActionRole)
    folder_button.setObjectName("openFolder")
    folder_button.clicked.connect(lambda: open_folder(path.parent))  # the box then closes
    box.addButton(QMessageBox.StandardButton.Ok)
    QDialog.open(box)
    return box
