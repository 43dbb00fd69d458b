"""The desktop application's entry point: ``python -m ui`` / ``tezgah-gui`` / ``tezgah gui``.

It lives beside the UI, not in ``app/``, so that nothing under ``app/`` can reach Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

NO_DISPLAY = ("Pencere açılamıyor: bu oturumda ekran (DISPLAY) yok. Tezgâh'ı masaüstü oturumunda "
              "başlatın; ekransız sunucuda 'tezgah demo' ve diğer komutları kullanın.")


def has_display() -> bool:
    """False only where a window surely cannot open (Linux without X11/Wayland/offscreen)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tezgah-gui", description="Tezgâh masaüstü penceresi")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="Veri klasörü (varsayılan: TEZGAH_DATA_DIR ya da kullanıcı veri klasörü)")
    args, _qt_args = parser.parse_known_args(argv)
    if not has_display():
        print(f"Hata: {NO_DISPLAY}", file=sys.stderr)
        return 1
    from ui.main import main as run_window

    return run_window(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
