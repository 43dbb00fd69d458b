"""``tezgah postbox serve``: the posta kutusu service (GİB delivers incoming envelopes here)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from app.cli.io import context
from app.domain.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    pb = sub.add_parser(
        "postbox", help="Posta kutusu servisi: GİB'in gönderdiği gelen zarfları al",
    ).add_subparsers(dest="postbox_cmd", metavar="İŞLEM")
    pb.required = True
    p = pb.add_parser(
        "serve", help="Posta kutusu servisini başlat (EFatura web servisi, sunucu olarak)",
        description="GİB'in EFatura WSDL'ini sunucu olarak uygular (sendDocument, "
        "getApplicationResponse). Gelen zarflar önce veri klasöründeki postbox/spool "
        "klasörüne kalıcı olarak yazılır, sonra yanıtlanır. Ctrl-C ya da SIGTERM ile durur.",
    )
    p.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                   help="Dinlenecek adres (varsayılan 127.0.0.1; dışarıya açmak için 0.0.0.0)")
    p.add_argument("--port", type=int, default=8443, metavar="PORT", help="Dinlenecek port (varsayılan 8443; 0: boş bir port)")
    p.add_argument("--tls-cert", metavar="PEM", help="HTTPS için sunucu sertifikası (PEM)")
    p.add_argument("--tls-key", metavar="PEM", help="HTTPS için özel anahtar (PEM)")
    p.add_argument("--max-body", type=int, metavar="BAYT",
                   help="Kabul edilen en büyük istek gövdesi (bayt)")
    p.add_argument("--public-url", metavar="URL",
                   help="WSDL'de yayımlanacak servis adresi (ters vekil arkasında https://…)")
    p.add_argument("--gib-endpoint", metavar="URL",
                   help="Sistem yanıtlarının gönderileceği GİB EFatura servisi (varsayılan: "
                   "ayarlardaki adres)")
    p.add_argument("--no-worker", action="store_true",
                   help="Yalnızca zarfları al; işleme ve gönderme yapma")
    p.add_argument("--interval", type=float, default=10.0, metavar="SN",
                   help="İşçinin giden kutusunu yoklama aralığı (varsayılan 10 sn)")
    p.set_defaults(func=_serve)

    tok = pb.add_parser(
        "token", help="Masaüstlerinin API anahtarları (tezgah inbox pull için)",
    ).add_subparsers(dest="token_cmd", metavar="İŞLEM")
    tok.required = True
    new = tok.add_parser("new", help="Yeni anahtar üret (bir kez gösterilir)")
    new.add_argument("--name", required=True, metavar="AD", help="Bilgisayarın adı (ör. kasa-1)")
    new.set_defaults(func=_token_new)
    lst = tok.add_parser("list", help="Anahtarları listele (anahtarların kendisi saklanmaz)")
    lst.set_defaults(func=_token_list)
    rev = tok.add_parser("revoke", help="Bir anahtarı geçersiz kıl")
    rev.add_argument("name", metavar="AD")
    rev.set_defaults(func=_token_revoke)

    phone = pb.add_parser(
        "phone", help="Telefon sayfasının anahtarları (servisin /telefon/ sayfası)",
    ).add_subparsers(dest="phone_cmd", metavar="İŞLEM")
    phone.required = True
    pnew = phone.add_parser("new", help="Yeni telefon anahtarı üret (bir kez gösterilir)")
    pnew.add_argument("--name", default="telefonum", metavar="AD",
                      help="Telefonun adı (varsayılan telefonum)")
    pnew.set_defaults(func=_phone_new)
    plst = phone.add_parser("list", help="Telefon anahtarlarını listele")
    plst.set_defaults(func=_phone_list)
    prev = phone.add_parser("revoke", help="Bir telefon anahtarını geçersiz kıl (oturumları "
                            "da biter)")
    prev.add_argument("name", metavar="AD")
    prev.set_defaults(func=_phone_revoke)


def _serve(args: argparse.Namespace) -> int:
    import logging
    import signal

    from app.usecases.postbox import TlsFiles, serve

    if bool(args.tls_cert) != bool(args.tls_key):
        raise UserError("HTTPS için --tls-cert ve --tls-key birlikte verilmeli.")
    for option, value in (("--tls-cert", args.tls_cert), ("--tls-key", args.tls_key)):
        if value and not Path(value).is_file():
            raise UserError(f"{option} dosyası bulunamadı: {value}")
    if args.interval <= 0:
        raise UserError("--interval sıfırdan büyük olmalı.")
    if args.max_body is not None and args.max_body <= 0:
        raise UserError("--max-body sıfırdan büyük olmalı.")
    tls = TlsFiles(Path(args.tls_cert), Path(args.tls_key)) if args.tls_cert else None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    postbox_log = logging.getLogger("tezgah.postbox")
    postbox_log.addHandler(handler)
    postbox_log.setLevel(logging.INFO)

    def ready(server) -> None:  # type: ignore[no-untyped-def]
        print(f"Posta kutusu servisi: {server.url}", flush=True)
        print(f"WSDL: {server.url}?wsdl", flush=True)
        print(f"Durum: {server.base_url}/health", flush=True)
        from app.usecases.phone_page import page_address

        print(f"Telefon sayfası: {page_address(server.base_url, args.public_url)}",
              flush=True)
        print("Durdurmak için Ctrl-C.", flush=True)

    def _terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C

    with contextlib.suppress(ValueError):  # not in the main thread (tests)
        signal.signal(signal.SIGTERM, _terminate)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            serve(context(args), args.host, args.port, tls, max_body_bytes=args.max_body,
                  public_url=args.public_url, gib_endpoint=args.gib_endpoint,
                  worker=not args.no_worker, interval=args.interval, ready=ready)
    except OSError as exc:
        raise UserError(f"Posta kutusu servisi {args.host}:{args.port} adresinde "
                        f"başlatılamadı: {exc.strerror or exc}") from exc
    print("Posta kutusu servisi durdu.", flush=True)
    return 0


def _token_new(args: argparse.Namespace) -> int:
    from app.usecases.postbox import new_token

    token = new_token(context(args), args.name)
    print(token)
    print(f"'{args.name}' için API anahtarı üretildi. Bu anahtar yalnızca şimdi gösterilir; "
          "masaüstünde 'tezgah inbox pull --from https://… --token-env DEGISKEN' ile verin.",
          file=sys.stderr)
    return 0


def _token_list(args: argparse.Namespace) -> int:
    from app.usecases.postbox import list_tokens

    rows = list_tokens(context(args))
    if not rows:
        print("Hiç API anahtarı yok.")
    for row in rows:
        print(f"{row['name']}\t{row['created']}")
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    from app.usecases.postbox import revoke_token

    revoke_token(context(args), args.name)
    print(f"'{args.name}' anahtarı geçersiz kılındı.")
    return 0


def _phone_new(args: argparse.Namespace) -> int:
    from app.usecases.phone_page import new_key

    key = new_key(context(args), args.name)
    print(f"'{args.name}' için telefon anahtarı üretildi; yalnızca şimdi gösterilir.")
    print("Telefon sayfası: servisin adresi + /telefon/ (ör. https://192.168.1.20:8443/telefon/;"
          " 'tezgah postbox serve' başlarken tam adresi yazar). Girişte bu anahtarı yazın:")
    print(key)
    return 0


def _phone_list(args: argparse.Namespace) -> int:
    from app.usecases.phone_page import list_keys

    rows = list_keys(context(args))
    if not rows:
        print("Hiç telefon anahtarı yok.")
    for row in rows:
        print(f"{row['name']}\t{row['created']}")
    return 0


def _phone_revoke(args: argparse.Namespace) -> int:
    from app.usecases.phone_page import revoke_key

    revoke_key(context(args), args.name)
    print(f"'{args.name}' telefon anahtarı geçersiz kılındı; açık oturumları da kapandı.")
    return 0
