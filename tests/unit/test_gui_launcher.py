"""The desktop window is its own program: ``tezgah gui`` starts ``python -m ui``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _env_without_display() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def test_tezgah_gui_without_a_screen_explains_in_turkish(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "app", "gui", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=_env_without_display(), timeout=60)
    assert out.returncode == 1
    assert "ekran (DISPLAY) yok" in out.stderr
    assert "Traceback" not in out.stderr


def test_the_command_line_never_loads_qt() -> None:
    code = ("import sys; from app.cli import build_parser; build_parser(); "
            "print(any(m.startswith(('PySide6', 'ui')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
