"""The window's own preferences (language, the last folder a file was saved in):
``ui-settings.json`` in the data dir, UI only.

Business settings (GİB endpoint, sync timings, signer, company) live in the database and the
signer folder and are read and written only by ``app.settings``; this file only holds how
the window looks, through the same ``JsonFile`` and typed ``Setting`` s
(``app.settings.LANGUAGE``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from app.settings import UI_PREFS_FILE, JsonFile, Setting

T = TypeVar("T")
FILE = UI_PREFS_FILE
# The folder the last file was saved in (save dialogs start there; ``ui.savefile``).
LAST_FOLDER: Setting[str] = Setting("last_folder", "", str)


class Prefs:
    def __init__(self, data_dir: Path) -> None:
        self.file = JsonFile(Path(data_dir) / UI_PREFS_FILE)
        self.path = self.file.path
        self.values: dict[str, Any] = self.file.load_or_empty()

    def get(self, key: Setting[T]) -> T:
        return key.coerce(self.values.get(key.key))

    def set(self, key: Setting[T], value: T) -> None:
        self.values[key.key] = key.parse(value)
        self.file.save(self.values)
