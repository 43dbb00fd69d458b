"""The frozen bundle's one entry point (``dist/tezgah/tezgah``; on Windows also the windowed
``tezgah-gui.exe``).

* no arguments: the desktop window — what a double-click or the Start-menu entry starts;
* ``gui [--data-dir D]``: the window too (the command line's ``tezgah gui``);
* ``--tezgah-child NAME …``: a helper program of Tezgâh's own (``app.programs``): the window
  started by ``tezgah gui``, or the XSLT sandbox's child;
* anything else: the ``tezgah`` command line.

The dispatch happens before anything of ``app`` is imported, so the sandbox child starts with
only the standard library and lxml loaded, as it does from a checkout.
"""

from __future__ import annotations

import os
import sys

CHILD_FLAG = "--tezgah-child"  # app.programs.CHILD_FLAG (not imported: see the docstring)


def _bundle_dir() -> str:
    return getattr(sys, "_MEIPASS", os.path.dirname(os.path.abspath(__file__)))


def _run_xslt_child(args: list[str]) -> int:
    import runpy

    script = os.path.join(_bundle_dir(), "app", "pdf", "xslt_child.py")
    sys.argv = [script, *args]
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def _run_gui(args: list[str]) -> int:
    from ui.__main__ import main as gui_main

    return gui_main(args)


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == [CHILD_FLAG]:
        name, rest = (args[1] if len(args) > 1 else ""), args[2:]
        if name == "xslt":
            return _run_xslt_child(rest)
        if name == "gui":
            return _run_gui(rest)
        print(f"Hata: bilinmeyen yardımcı program '{name}'.", file=sys.stderr)
        return 2
    if not args or args[0] == "gui":
        return _run_gui(args[1:])
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
