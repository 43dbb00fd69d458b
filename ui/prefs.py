"""The window's own preferences (language, last page): a small JSON file in the data dir.

Business settings (company, series, signer) live in the database and the signer folder
through ``app``; this file only holds how the window looks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FILE = "ui-settings.json"


class Prefs:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE
        try:
            self.values: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.values = {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.values, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)
