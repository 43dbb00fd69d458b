"""How Tezgâh starts its own helper programs, from a checkout, a wheel or the frozen bundle.

Two programs run as child processes: the desktop window (``tezgah gui`` → ``python -m ui``)
and the XSLT sandbox's child (``app/pdf/xslt_child.py``, run by its file path so that it
imports nothing of ``app``). In the frozen bundle there is no Python interpreter to start:
the bundle's executable is started again with a private first argument, and its entry
(``installer/entry.py``) runs the same code. The private arguments are fixed names, never a
path from the caller, so they cannot be used to run anything else.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHILD_FLAG = "--tezgah-child"
GUI_CHILD = "gui"
XSLT_CHILD = "xslt"


def frozen() -> bool:
    """True inside the frozen desktop bundle (PyInstaller sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def _bundle_console_executable() -> str:
    """The bundle's console program (``tezgah``/``tezgah.exe``) beside whichever of its
    executables runs now: the windowed ``tezgah-gui.exe`` has no usable standard streams."""
    exe = Path(sys.executable)
    name = "tezgah.exe" if sys.platform == "win32" else "tezgah"
    sibling = exe.with_name(name)
    return str(sibling if sibling.is_file() else exe)


def child_popen_options() -> dict[str, int]:
    """Extra ``subprocess.Popen`` arguments for a helper program: on Windows no console
    window flashes up for it (CREATE_NO_WINDOW)."""
    return {"creationflags": 0x08000000} if sys.platform == "win32" else {}


def gui_command() -> list[str]:
    if frozen():
        return [sys.executable, CHILD_FLAG, GUI_CHILD]
    return [sys.executable, "-m", "ui"]


def xslt_child_command(script: Path) -> list[str]:
    """The sandbox child: ``python -I script`` (isolated mode: no user site, no PYTHON*
    variables, no current directory on the path), or the bundle with its private flag."""
    if frozen():
        return [_bundle_console_executable(), CHILD_FLAG, XSLT_CHILD]
    return [sys.executable, "-I", str(script)]
