"""``tezgah demo``: a data directory to try Tezgâh with — its own folder unless ``--data-dir``
names one (``app.paths.demo_data_dir``), never the user's data folder.

``tezgah demo --exchange``: two demo businesses in ``<demo>/satici`` and ``<demo>/alici``
exchange a TICARIFATURA end to end through the in-process GİB test simulator, each step
printed as it happens (``app.usecases.demo.run_exchange_demo``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.io import context


def description() -> str:
    # Built when the help is shown: the deadline lives in app.usecases.demo, which the
    # other commands need not load.
    from app.usecases.demo import EXCHANGE_DEADLINE_SECONDS

    return (
        "Denemek için bir demo veri klasörü kurar (--data-dir verilmezse kendi Tezgah-Demo "
        "klasörüne; kullanıcının veri klasörüne hiçbir zaman kurmaz). Seçeneksiz: demo firma, müşteriler, "
        "ürünler ve TEST sertifikasıyla imzalanmış faturalar; gönderim yerel GİB test "
        "simülatörüne gider. "
        "--exchange: iki demo firma kurar (KLASÖR/satici ve KLASÖR/alici) ve aralarında bir "
        "TICARIFATURA'yı baştan sona gösterir: fatura kesilir, GİB'e gönderilir, alıcının posta "
        "kutusuna ulaşır, alıcı sistem yanıtı 1200 verir, satıcıda 1300 olur, alıcı KABUL eder ve "
        "satıcıda fatura \"Kabul edildi\" olur. Ardından satıcı faturadaki mallar için bir "
        "e-İrsaliye keser; irsaliye aynı yoldan alıcıya ulaşır, alıcı irsaliye yanıtı verir "
        "(bir satırda eksik) ve satıcıda irsaliye satır satır sonucuyla \"Yanıtlandı\" olur. "
        "Her adım olduğu anda yazılır; bir adım "
        f"{EXCHANGE_DEADLINE_SECONDS:.0f} saniye içinde olmazsa demo nedenini yazıp durur. Her şey bu bilgisayarda çalışır (iki posta "
        "kutusu servisi ve GİB test simülatörü 127.0.0.1 üzerinde); gerçek GİB'e hiçbir şey "
        "gönderilmez. Yeniden çalıştırılınca aynı firmalarla yeni bir fatura alışverişi yapar. "
        "Sonunda iki tarafa nasıl bakılacağını yazar (tezgah --data-dir KLASÖR/alici inbox list, "
        "tezgah --data-dir KLASÖR/satici invoice status ETTN, tezgah --data-dir … gui).")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="Demo firma, müşteri, ürün ve faturalar oluştur (kendi "
                       "klasöründe: --data-dir verilmezse Tezgah-Demo); --exchange ile iki "
                       "demo firma arasında fatura alışverişi", description=description)
    p.add_argument("--exchange", action="store_true",
                   help="İki demo firma (KLASÖR/satici ve KLASÖR/alici) arasında bir "
                   "TICARIFATURA'yı kesilmesinden KABUL edilmesine kadar adım adım göster "
                   "(yerel GİB test simülatörü ve iki posta kutusu servisiyle)")
    p.set_defaults(func=demo)


def demo(args: argparse.Namespace) -> int:
    from app.usecases.demo import run_demo

    if not getattr(args, "data_dir", None):
        from app import logsetup
        from app.paths import demo_data_dir

        args.data_dir = str(demo_data_dir())
        logsetup.configure(args.data_dir, verbose=getattr(args, "verbose", False))
    if getattr(args, "exchange", False):
        return exchange(Path(args.data_dir))
    print("Tezgâh demo — TEST verisi; GİB'e hiçbir şey gönderilmez.")
    for line in run_demo(context(args)):
        print(f"  {line}")
    print(f"Demo klasörüyle devam etmek için: tezgah --data-dir {args.data_dir} invoice list "
          "(gönderim bu klasörde yerel GİB test simülatörüne gider).")
    return 0


def exchange(root: Path) -> int:
    from app.usecases.demo import EXCHANGE_BUYER_DIR, EXCHANGE_SELLER_DIR, run_exchange_demo

    print("Tezgâh demo — iki demo firma arasında TICARIFATURA alışverişi. TEST verisi; gerçek "
          "GİB'e hiçbir şey gönderilmez.", flush=True)
    result = run_exchange_demo(root, say=lambda line: print(f"  {line}", flush=True))
    seller, buyer = root / EXCHANGE_SELLER_DIR, root / EXCHANGE_BUYER_DIR
    print(f"Tamam: {result.number} faturası (ETTN {result.ettn}) alıcıya ulaştı ve KABUL "
          "edildi.")
    if result.despatch is not None:
        print(f"Tamam: {result.despatch.number} irsaliyesi alıcıya ulaştı; alıcının irsaliye "
              f"yanıtı {result.despatch.receipt_number} satıcıya ulaştı.")
    print("İki tarafa da bakmak için:")
    rows = [("Alıcının gelen kutusu", f"tezgah --data-dir {buyer} inbox list"),
            ("Satıcıda faturanın durumu",
             f"tezgah --data-dir {seller} invoice status {result.ettn}")]
    if result.despatch is not None:
        rows += [(f"{who} irsaliye", f"tezgah --data-dir {folder} despatch show "
                  f"{result.despatch.ettn}")
                 for who, folder in (("Satıcıda", seller), ("Alıcıda", buyer))]
    rows += [("Satıcının penceresi", f"tezgah --data-dir {seller} gui"),
             ("Alıcının penceresi", f"tezgah --data-dir {buyer} gui")]
    width = max(len(label) for label, _ in rows) + 1
    for label, command in rows:
        print(f"  {label + ':':<{width}} {command}")
    print("(Bu klasörlerde gönderim yalnız yerel GİB test simülatörüne gider; posta kutusu "
          "servisleri demo bitince durdu.)")
    return 0
