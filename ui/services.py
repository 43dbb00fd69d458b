"""What every page gets from the composition root (``ui.main``): no globals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.usecases.context import AppContext
from ui.errors import ErrorReporter
from ui.prefs import Prefs
from ui.tasks import Tasks


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
        """True when the company signs with the generated TEST certificate."""
        from app.signing import load_signer_config
        from app.signing.testcert import DEMO_P12

        try:
            cfg = load_signer_config(self.ctx.data_dir)
        except Exception:
            return False
        return bool(cfg and cfg.kind == "pkcs12" and cfg.pkcs12_path
                    and Path(cfg.pkcs12_path).name == DEMO_P12)
