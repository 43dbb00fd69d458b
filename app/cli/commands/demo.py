"""``tezgah demo``: a data directory to try Tezgâh with — its own folder unless ``--data-dir``
names one (``app.paths.demo_data_dir``), never the user's data folder."""

from __future__ import annotations

import argparse

from app.cli.io import context
from app.usecases.demo import run_demo


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="Demo firma, müşteri, ürün ve faturalar oluştur (kendi "
                       "klasöründe: --data-dir verilmezse Tezgah-Demo)")
    p.set_defaults(func=demo)


def demo(args: argparse.Namespace) -> int:
    if not getattr(args, "data_dir", None):
        from app import logsetup
        from app.paths import demo_data_dir

        args.data_dir = str(demo_data_dir())
        logsetup.configure(args.data_dir, verbose=getattr(args, "verbose", False))
    print("Tezgâh demo — TEST verisi; GİB'e hiçbir şey gönderilmez.")
    for line in run_demo(context(args)):
        print(f"  {line}")
    print(f"Demo klasörüyle devam etmek için: tezgah --data-dir {args.data_dir} invoice list "
          "(gönderim bu klasörde yerel GİB test simülatörüne gider).")
    return 0
