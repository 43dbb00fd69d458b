"""``tezgah gib-simulator`` (the local GİB test simulator) and ``tezgah userlist import|lookup``
(GİB's registered-user list)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from app.domain.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "gib-simulator",
        help="Yerel GİB test simülatörünü başlat (gerçek GİB değildir)",
        description="GİB'in EFatura web servisini (sendDocument, getApplicationResponse) taklit "
        "eden yerel test sunucusu. Deneme ve testler içindir; gerçek GİB değildir, buraya "
        "gönderilen faturalar yasal olarak gönderilmiş sayılmaz.",
    )
    p.add_argument("--port", type=int, required=True, help="Dinlenecek port (0: boş bir port)")
    p.add_argument("--host", default="127.0.0.1", help="Dinlenecek adres (varsayılan 127.0.0.1)")
    p.add_argument("--data", metavar="KLASÖR",
                   help="Simülatörün veri klasörü (varsayılan: <veri klasörü>/gib-simulator)")
    p.add_argument("--userlist", metavar="DOSYA",
                   help="Kayıtlı kullanıcı listesi (GİB biçiminde XML); verilmezse yerleşik test "
                   "listesi <veri>/userlist.xml olarak yazılır")
    p.add_argument("--wsdl", metavar="DOSYA", help="GİB'in EFatura_Test.wsdl dosyası")
    p.add_argument("--gib-dir", metavar="KLASÖR",
                   help="GİB'in e-FaturaPaketi.zip dosyasını içeren klasör (WSDL oradan okunur)")
    p.add_argument("--rules", metavar="KLASÖR",
                   help="XSD/şematron denetimi için GİB kural klasörü (varsayılan: uygulamanın)")
    p.add_argument("--queue-delay", type=float, default=0.5, help="1000 durumunda kalma (sn)")
    p.add_argument("--processing-delay", type=float, default=0.5,
                   help="1100 durumunda kalma (sn)")
    p.add_argument("--delivery-delay", type=float, default=1.0,
                   help="1200'den 1300'e geçiş (sn)")
    p.add_argument("--signature-check", choices=("auto", "verify", "presence"), default="auto",
                   help="İmza denetimi: verify (doğrula), presence (yalnızca varlığı, GİB Merkez "
                   "gibi), auto (doğrulayıcı varsa doğrula)")
    p.add_argument("--tls-cert", metavar="PEM", help="HTTPS için sertifika (PEM)")
    p.add_argument("--tls-key", metavar="PEM", help="HTTPS için özel anahtar (PEM)")
    p.add_argument("--deliver", action="append", default=[], metavar="ETIKET=ADRES",
                   help="Bu etikete (posta kutusu ya da gönderici birim) gelen zarfları o "
                   "işletmenin EFatura servisine ilet (GİB Merkez gibi); tekrarlanabilir. Ör. "
                   "urn:mail:defaultpk@b.com.tr=https://pk.b.com.tr/EFaturaMerkez/services/"
                   "EFatura. Kayıt simülatörün veri klasöründe saklanır.")
    p.add_argument("--delivery-retry-interval", type=float, default=7200.0, metavar="SN",
                   help="İletilemeyen zarfı tekrar deneme aralığı (sn; GİB: 7200 = 2 saat)")
    p.add_argument("--delivery-retries", type=int, default=4, metavar="SAYI",
                   help="İlk denemeden sonraki tekrar sayısı; sonra 1215 (GİB: 4)")
    p.add_argument("--delivery-poll-interval", type=float, default=60.0, metavar="SN",
                   help="1220'deki zarf için alıcının getApplicationResponse sorgu aralığı (sn)")
    p.add_argument("--delivery-ca", metavar="PEM",
                   help="Alıcı servislerinin HTTPS sertifikası için ek güvenilir CA (test CA'sı)")
    p.set_defaults(func=_simulator)

    u = subparsers.add_parser(
        "userlist",
        help="GİB kayıtlı kullanıcı listesi: içe aktar, sorgula",
        description="GİB'in e-Fatura kayıtlı kullanıcı listesi (VKN/TCKN → posta kutusu etiketi).",
    )
    sub = u.add_subparsers(dest="userlist_command", metavar="İŞLEM")
    sub.required = True
    imp = sub.add_parser("import", help="GİB'in kullanıcı listesi XML dosyasını içe aktar")
    imp.add_argument("file", metavar="DOSYA")
    imp.set_defaults(func=_userlist_import)
    look = sub.add_parser("lookup", help="Bir VKN/TCKN'nin e-Fatura etiketlerini göster")
    look.add_argument("vkn", metavar="VKN")
    look.add_argument("--json", action="store_true", help="JSON olarak yaz")
    look.set_defaults(func=_userlist_lookup)


def _simulator(args: argparse.Namespace) -> int:
    import logging
    import signal

    from app.paths import resolve_data_dir, rules_dir
    from app.usecases.simulator import BANNER, GibSimulator, SimulatorConfig, parse_target

    data_dir = resolve_data_dir(args.data_dir)
    sim_dir = Path(args.data) if args.data else data_dir / "gib-simulator"
    try:
        deliver = dict(parse_target(text) for text in args.deliver)
    except ValueError as exc:
        raise UserError(f"--deliver: {exc}") from exc
    config = SimulatorConfig(
        data_dir=sim_dir,
        host=args.host,
        port=args.port,
        queue_delay=args.queue_delay,
        processing_delay=args.processing_delay,
        delivery_delay=args.delivery_delay,
        userlist_file=Path(args.userlist) if args.userlist else None,
        wsdl_file=Path(args.wsdl) if args.wsdl else None,
        gib_packages_dir=Path(args.gib_dir) if args.gib_dir else _gib_packages(),
        rules_dir=Path(args.rules) if args.rules else rules_dir(data_dir),
        signature_check=args.signature_check,
        tls_certfile=Path(args.tls_cert) if args.tls_cert else None,
        tls_keyfile=Path(args.tls_key) if args.tls_key else None,
        deliver=deliver,
        delivery_retries=args.delivery_retries,
        delivery_retry_interval=args.delivery_retry_interval,
        delivery_poll_interval=args.delivery_poll_interval,
        delivery_ca_file=Path(args.delivery_ca) if args.delivery_ca else None,
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    try:
        sim = GibSimulator(config)
    except OSError as exc:
        raise UserError(f"Simülatör {args.host}:{args.port} adresinde başlatılamadı: {exc}") from exc
    print(f"{BANNER}", flush=True)
    print("Tezgâh GİB test simülatörü — gerçek GİB değildir.", flush=True)
    print(f"EFatura servisi: {sim.url}", flush=True)
    print(f"WSDL: {sim.url}?wsdl", flush=True)
    print(f"Kullanıcı listesi: {sim.base_url}/_sim/userlist.xml", flush=True)
    print(f"Veri klasörü: {sim_dir}", flush=True)
    for alias, url in sim.delivery_targets().items():
        print(f"İletim: {alias} → {url}", flush=True)
    print(f"XSD/şematron denetimi: {'açık' if sim.validator else 'kapalı (kurallar kurulu değil)'}; "
          f"imza: {'doğrulanıyor' if sim.verify else 'yalnızca varlığı denetleniyor'}", flush=True)
    def _terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # stop cleanly on SIGTERM too (closes the state database)

    with contextlib.suppress(ValueError):  # not in the main thread (e.g. called from tests)
        signal.signal(signal.SIGTERM, _terminate)
    with contextlib.suppress(KeyboardInterrupt):
        sim.serve_forever()
    return 0


def _gib_packages() -> Path | None:
    try:
        from app.usecases.demo import find_gib_packages
    except ImportError:
        return None
    return find_gib_packages()


def _context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.context import AppContext

    return AppContext.open(args.data_dir)


def _userlist_import(args: argparse.Namespace) -> int:
    from app.usecases.userlist import import_user_list

    summary = import_user_list(_context(args), args.file)
    print(f"{summary.users} kullanıcı ve {summary.aliases} etiket içe aktarıldı.")
    return 0


def _userlist_lookup(args: argparse.Namespace) -> int:
    import json

    from app.usecases.userlist import lookup_user

    found = lookup_user(_context(args), args.vkn)
    vkn, user, aliases, chosen = found.vkn_tckn, found.user, found.aliases, found.invoice_alias
    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return 0
    if user is None:
        if found.list_is_empty:
            print("Kullanıcı listesi boş; önce 'tezgah userlist import DOSYA' ile GİB'in listesini "
                  "içe aktarın.")
            return 1
        print(f"{vkn} e-Fatura kayıtlı kullanıcısı değil: bu alıcıya e-Arşiv faturası kesilir.")
        return 0
    print(f"{vkn} — {user.title} ({user.type}, {user.account_type})")
    for a in aliases:
        state = f"silindi {a.deletion_time}" if a.deleted else "etkin"
        print(f"  {a.document_type:<15} {a.type or '-':<3} {a.alias}  (açılış {a.creation_time}, "
              f"{state})")
    if chosen:
        print(f"e-Fatura için kullanılacak etiket: {chosen.alias}")
    else:
        print("Etkin e-Fatura etiketi yok: bu alıcıya e-Arşiv faturası kesilir.")
    return 0
