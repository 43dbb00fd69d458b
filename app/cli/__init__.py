"""The ``tezgah`` command.

Each module in ``app.cli.commands`` adds its own sub-commands through
``register(subparsers)``. Every command module is loaded to build the parser, so at its top
it imports only what registering needs (argparse, ``app.domain.errors``, ``app.cli.io``);
the use cases a command calls are imported inside its handler. ``tezgah --help`` thus loads
no use case, and the file tools (sign, verify, validate, pdf, html) neither the database nor
Qt (``tests/unit/test_cli_imports.py``). This module only builds the parser, turns user
errors into Turkish messages on stderr and sets the exit code. A user mistake never shows a
traceback, and neither does a failure of the machine (disk full, read-only or locked data
folder, damaged database: ``app.usecases.failures`` has the messages and exit codes).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.domain.errors import CancelledError, UserError

from . import commands
from .turkish import TurkishArgumentParser


def build_parser() -> argparse.ArgumentParser:
    parser = TurkishArgumentParser(
        prog="tezgah",
        description="Tezgâh — e-Fatura ve e-Arşiv faturası kesme, imzalama ve GİB'e gönderme.",
        # a command's own option (gib-simulator --data) is never taken for an abbreviation of
        # a global one (--data-dir, --database-url)
        allow_abbrev=False,
    )
    parser.add_argument(
        "--data-dir",
        metavar="KLASÖR",
        help="Veri klasörü (varsayılan: TEZGAH_DATA_DIR ya da kullanıcı veri klasörü)",
    )
    parser.add_argument(
        "--database-url",
        metavar="ADRES",
        help="Birden çok bilgisayarın paylaştığı PostgreSQL veritabanı: "
        "postgresql://kullanıcı@sunucu:port/veritabanı (varsayılan: TEZGAH_DATABASE_URL; "
        "yoksa veri klasöründeki SQLite dosyası). Parola adreste değil: PGPASSWORD ya da "
        "~/.pgpass",
    )
    parser.add_argument(
        "--verbose", "-v",
        action="store_true",
        help="Ayrıntılı günlüğü (GİB çağrıları, HTTP, akıllı kart) standart hataya da yaz; "
        "günlük her zaman veri klasöründeki tezgah.log dosyasındadır",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMUT")
    sub.required = True
    for name in commands.MODULES:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    import logging

    from app import logsetup
    from app.paths import default_data_dir

    logsetup.configure(args.data_dir or default_data_dir(), verbose=args.verbose)
    logging.getLogger("tezgah.cli").debug("tezgah %s", args.command)
    try:
        if args.database_url:
            # Every context this command opens (and every process it starts) uses it.
            from app.paths import ENV_DATABASE_URL

            os.environ[ENV_DATABASE_URL] = args.database_url
        result = args.func(args)
        sys.stdout.flush()  # a reader that went away shows up here, not at exit
    except UserError as exc:
        where = f" (alan: {exc.field})" if exc.field else ""  # the JSON path, for files
        print(f"Hata: {exc.message}{where}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)
    except CancelledError:
        print("İptal edildi.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Kullanıcı tarafından durduruldu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _output_closed()
    except Exception as exc:
        # The machine said no (disk full, read-only, locked, damaged database …): a Turkish
        # message, its own exit code and a log entry, never a traceback. Anything else is a
        # bug and keeps its traceback.
        from app.usecases.failures import explain

        failure = explain(exc, _data_dir_or_none(args.data_dir))
        if failure is None:
            raise
        log = logging.getLogger("tezgah.cli")
        log.error("tezgah %s: %s: %s: %s", args.command, failure.kind, type(exc).__name__,
                  str(exc).splitlines()[0] if str(exc) else "")
        log.debug("tezgah %s: traceback", args.command, exc_info=exc)
        print(f"Hata: {failure.message}", file=sys.stderr)
        return failure.exit_code
    finally:
        if args.verbose:
            logsetup.stop_verbose()
    return int(result or 0)


def _data_dir_or_none(explicit: str | None) -> Path | None:
    from app.paths import default_data_dir

    try:
        return Path(explicit) if explicit else default_data_dir()
    except Exception:  # the message is then given without the folder
        return None


def _output_closed() -> int:
    """The reader of our output went away (``tezgah invoice list | head -1``): stop quietly,
    as a program killed by SIGPIPE would, with nothing left to flush at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass
    return 128 + 13  # SIGPIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
