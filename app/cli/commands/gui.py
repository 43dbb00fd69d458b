"""``tezgah gui``: the desktop window."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="Masaüstü penceresini aç")
    # also after the command (scripts/run.sh passes its arguments after "gui")
    p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="Veri klasörü (varsayılan: TEZGAH_DATA_DIR ya da kullanıcı veri klasörü)")
    p.set_defaults(func=gui)


def gui(args: argparse.Namespace) -> int:
    import os
    import sys

    from app.domain.errors import UserError

    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")):
        raise UserError("Pencere açılamıyor: bu oturumda ekran (DISPLAY) yok. Tezgâh'ı masaüstü "
                        "oturumunda başlatın; ekransız sunucuda 'tezgah demo' ve diğer "
                        "komutları kullanın.")
    from ui.main import main

    return main(args.data_dir)
