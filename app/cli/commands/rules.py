"""``tezgah rules install --from PATH`` · ``rules update`` · ``rules show``: GİB's rule packages."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.paths import resolve_data_dir
from app.usecases import rules


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="GİB kural paketleri (XSD ve şematron): kur, güncelle, göster",
        description="GİB'in UBL-TR şemaları ve e-Fatura şematron paketleri.",
    )
    sub = parser.add_subparsers(dest="rules_command", metavar="İŞLEM")
    sub.required = True

    p = sub.add_parser(
        "install",
        help="GİB zip dosyalarından kur",
        description="UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip dosyalarını (ya da onları "
        "içeren klasörü) kurar.",
    )
    p.add_argument(
        "--from", dest="source", required=True, metavar="YOL",
        help="GİB zip dosyalarını içeren klasör ya da zip dosyalarından biri",
    )
    p.set_defaults(func=_install)

    p = sub.add_parser("update", help="Paketleri GİB'in sitesinden indirip kur")
    p.set_defaults(func=_update)

    p = sub.add_parser("show", help="Kurulu paketleri göster")
    p.set_defaults(func=_show)


def _data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(args.data_dir)


def _install(args: argparse.Namespace) -> int:
    info = rules.install_from(_data_dir(args), Path(args.source))
    print("GİB kural paketleri kuruldu.")
    print(info.describe())
    return 0


def _update(args: argparse.Namespace) -> int:
    print("GİB kural paketleri indiriliyor…")
    info = rules.update_from_gib(_data_dir(args))
    print("GİB kural paketleri güncellendi.")
    print(info.describe())
    return 0


def _show(args: argparse.Namespace) -> int:
    partial = rules.incomplete_description(_data_dir(args))
    if partial is not None:
        print(partial)  # what is there, then the error says what is missing
    print(rules.installed_description(_data_dir(args)))
    return 0
