"""What every page gets from the composition root (``ui.main``): no globals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.context import AppContext
from app.paths import signer_dir
from ui.errors import ErrorReporter
from ui.prefs import Prefs
from ui.tasks import Tasks

SIGNER_FILE = "signer.json"  # app.signing.config.CONFIG_FILE
DEMO_P12 = "test-sertifikasi.p12"  # app.signing.testcert.DEMO_P12 (tests/ui check both)


@dataclass
class Services:
    ctx: AppContext
    tasks: Tasks
    errors: ErrorReporter
    prefs: Prefs

    @property
    def data_dir(self) -> Path:
        return self.ctx.data_dir

    def is_demo(self) -> bool:
        """True when the company signs with the generated TEST certificate.

        Read from the signer's JSON file (app.signing.config) without importing the signing
        package: the window asks this while it starts, before anything is signed."""
        try:
            raw = json.loads((signer_dir(self.ctx.data_dir) / SIGNER_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return False
        path = raw.get("pkcs12_path") if isinstance(raw, dict) else None
        return bool(raw.get("kind") == "pkcs12" and path and Path(path).name == DEMO_P12)
