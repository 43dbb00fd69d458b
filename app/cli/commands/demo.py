"""``tezgah demo``: a data directory to try Tezgâh with."""

from __future__ import annotations

import argparse

from app.cli.io import context
from app.usecases.demo import run_demo


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="Demo firma, müşteri, ürün ve faturalar oluştur")
    p.set_defaults(func=demo)


def demo(args: argparse.Namespace) -> int:
    print("Tezgâh demo — TEST verisi; GİB'e hiçbir şey gönderilmez.")
    for line in run_demo(context(args)):
        print(f"  {line}")
    return 0
