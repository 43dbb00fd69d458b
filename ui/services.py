"""What every page gets from the composition root (``ui.main``): no globals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.context import AppContext
from app.settings import signs_with_demo_certificate
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
        return signs_with_demo_certificate(self.ctx.data_dir)
