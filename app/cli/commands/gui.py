"""``tezgah gui``: the desktop window, started as its own process (``python -m ui``).

The command line never imports the UI package: the window is another program of Tezgâh's,
found beside this one.
"""

from __future__ import annotations

import argparse

from app import programs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="Masaüstü penceresini aç")
    # also after the command (scripts/run.sh passes its arguments after "gui")
    p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="Veri klasörü (varsayılan: TEZGAH_DATA_DIR ya da kullanıcı veri klasörü)")
    p.set_defaults(func=gui)


def gui(args: argparse.Namespace) -> int:
    import subprocess

    command = programs.gui_command()
    if args.data_dir:
        command += ["--data-dir", str(args.data_dir)]
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130
