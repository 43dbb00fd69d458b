"""``tezgah api serve|token``: the local HTTP API for the shop's other software (POS, ERP)."""

from __future__ import annotations

import argparse
import contextlib
import sys

from app.cli.io import context
from app.domain.errors import UserError

#: How often ``api serve`` looks into the watched folder (seconds).
WATCH_INTERVAL = 3.0


def register(sub: argparse._SubParsersAction) -> None:
    api = sub.add_parser(
        "api", help="Yerel HTTP API: kasa / ön muhasebe yazılımı için",
    ).add_subparsers(dest="api_cmd", metavar="İŞLEM")
    api.required = True
    p = api.add_parser(
        "serve", help="Yerel API'yi başlat",
        description="Kasa / ön muhasebe yazılımı fatura JSON'undan taslak oluşturur, durumu, "
        "PDF'i ve değişiklikleri okur; işletme sahibi Ayarlar'da izin verdiyse taslakları "
        "toplu keser. Her istek 'tezgah api token' ile üretilen anahtarı taşır. Varsayılan "
        "olarak yalnızca bu bilgisayardan erişilir (127.0.0.1). Tanım: /openapi.json. "
        "Ctrl-C ya da SIGTERM ile durur.",
    )
    p.add_argument("--port", type=int, metavar="PORT",
                   help="Dinlenecek port (varsayılan: Ayarlar'daki, 8787; 0: boş bir port)")
    p.add_argument("--host", metavar="ADRES",
                   help="Dinlenecek adres (varsayılan 127.0.0.1; Ayarlar'da ağa açıldıysa "
                   "0.0.0.0)")
    p.add_argument("--no-watch", action="store_true",
                   help="İzlenen klasörü tarama (varsayılan: Ayarlar'da açıksa her "
                   f"{WATCH_INTERVAL:g} sn'de bir tarar)")
    p.set_defaults(func=_serve)
    tok = api.add_parser(
        "token", help="Yeni API anahtarı üret (öncekini geçersiz kılar)",
        description="Yeni bir API anahtarı üretir ve son satırda yalnız başına yazar. Anahtar "
        "yalnızca şimdi gösterilir (veri klasöründe yalnızca özeti saklanır); önceki anahtar "
        "artık çalışmaz.",
    )
    tok.set_defaults(func=_token)


def _serve(args: argparse.Namespace) -> int:
    import logging
    import signal

    from app.api.server import serve
    from app.usecases.api_token import has_token
    from app.usecases.local_api import listen_address

    ctx = context(args)
    host, port = listen_address(ctx, args.host, args.port)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    api_log = logging.getLogger("tezgah.api")
    api_log.addHandler(handler)
    api_log.setLevel(logging.INFO)

    def ready(server) -> None:  # type: ignore[no-untyped-def]
        print(f"Yerel API: {server.url}", flush=True)
        print(f"Tanım: {server.url}/openapi.json", flush=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            print(f"Dikkat: API {host} adresinde, ağdaki başka bilgisayarlara da açık.",
                  flush=True)
        if not args.no_watch:
            from app.usecases.watch_folder import folder_path, watching_enabled

            state = "" if watching_enabled(ctx) else " (Ayarlar'da kapalı; açılınca taranır)"
            print(f"İzlenen klasör: {folder_path(ctx)}{state}", flush=True)
        if not has_token(ctx.data_dir):
            print("Henüz API anahtarı yok: 'tezgah api token' ile üretin.", flush=True)
        print("Durdurmak için Ctrl-C.", flush=True)

    def _terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C

    with contextlib.suppress(ValueError):  # not in the main thread (tests)
        signal.signal(signal.SIGTERM, _terminate)
    watching = None
    if not args.no_watch:
        # The same watched folder as the window's: files a till leaves there become drafts
        # while only the API runs (the setting WATCH_FOLDER_ENABLED pauses it).
        from app.cli.commands.folder import print_report
        from app.usecases.watch_folder import start_watching

        watching = start_watching(ctx, WATCH_INTERVAL, print_report)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            serve(ctx, host, port, ready=ready)
    except OSError as exc:
        raise UserError(f"Yerel API {host}:{port} adresinde başlatılamadı: "
                        f"{exc.strerror or exc}") from exc
    finally:
        if watching is not None:
            watching.stop()
    print("Yerel API durdu.", flush=True)
    return 0


def _token(args: argparse.Namespace) -> int:
    from app.usecases.api_token import new_token

    token = new_token(context(args))
    print("Yeni API anahtarı üretildi; önceki anahtar artık çalışmaz. Bu anahtar yalnızca "
          "şimdi gösterilir; kasa yazılımına 'Authorization: Bearer ANAHTAR' olarak verin:")
    print(token)
    return 0
