"""The ``tezgah`` command.

Each module in ``app.cli.commands`` adds its own sub-commands through
``register(subparsers)``; this module only builds the parser, turns user errors into Turkish
messages on stderr and sets the exit code. A user mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from app.domain.errors import CancelledError, UserError

from . import commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tezgah",
        description="Tezgâh — e-Fatura ve e-Arşiv faturası kesme, imzalama ve GİB'e gönderme.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="Veri klasörü (varsayılan: TEZGAH_DATA_DIR ya da kullanıcı veri klasörü)",
    )
    parser.add_argument(
        "--verbose", "-v",
        action="store_true",
        help="Ayrıntılı günlüğü (GİB çağrıları, HTTP, akıllı kart) standart hataya da yaz; "
        "günlük her zaman veri klasöründeki tezgah.log dosyasındadır",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMUT")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from app import logsetup
    from app.paths import default_data_dir

    logsetup.configure(args.data_dir or default_data_dir(), verbose=args.verbose)
    logging.getLogger("tezgah.cli").debug("tezgah %s", args.command)
    try:
        result = args.func(args)
    except UserError as exc:
        print(f"Hata: {exc.message}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)
    except CancelledError:
        print("İptal edildi.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Kullanıcı tarafından durduruldu.", file=sys.stderr)
        return 130
    finally:
        if args.verbose:
            logsetup.stop_verbose()
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
