"""What every page gets from the composition root (``ui.main``): no globals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.context import AppContext
from app.settings import read_signer_file
from ui.errors import ErrorReporter
from ui.prefs import Prefs
from ui.tasks import Tasks

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

        Read from the signer file through ``app.settings`` without importing the signing
        package: the window asks this while it starts, before anything is signed."""
        try:
            raw = read_signer_file(self.ctx.data_dir)
        except (OSError, ValueError):
            return False
        path = raw.get("pkcs12_path") if raw else None
        return bool(raw and raw.get("kind") == "pkcs12" and path and Path(path).name == DEMO_P12)
