"""``tezgah rules install --from PATH | --shipped`` · ``rules update`` · ``rules show``: GİB's
rule packages."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.errors import UserError

if TYPE_CHECKING:
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
        help="GİB zip dosyalarından ya da bu sürümle gelen paketlerden kur",
        description="UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip dosyalarını (ya da onları "
        "içeren klasörü) kurar; isteğe bağlı olarak GİB'in e-Arşiv paketini "
        "(earsiv_paket_v1.1_8.zip: e-Arşiv raporunun şeması ve şematronu) de; --shipped ile bu Tezgâh sürümünün içinde gelen paketleri, "
        "yalnızca kurulu olanlardan yeniyseler.",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--from", dest="source", metavar="YOL",
        help="GİB zip dosyalarını içeren klasör ya da zip dosyalarından biri",
    )
    source.add_argument(
        "--shipped", action="store_true",
        help="bu sürümle (masaüstü kurulum paketiyle) gelen GİB paketlerini kur: hiçbir paket "
        "kurulu değilse ya da gelenler kurulu olanlardan yeniyse",
    )
    p.set_defaults(func=_install)

    p = sub.add_parser(
        "update",
        help="GİB'de daha yeni paket varsa indirip kur",
        description="İki paketi GİB'in sitesinden (ya da TEZGAH_RULES_BASE_URL adresinden) "
        "indirir, tarihlerini kurulu olanlarla karşılaştırır ve yalnızca daha yeni olanı kurar; "
        "eski bir paket kurulu olanın yerine geçmez. GİB'in e-Arşiv paketi de indirilmeye "
        "çalışılır; indirilemezse bu söylenir, hata sayılmaz.",
    )
    p.set_defaults(func=_update)

    p = sub.add_parser("show", help="Kurulu paketleri göster")
    p.set_defaults(func=_show)


def _data_dir(args: argparse.Namespace) -> Path:
    from app.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def _install(args: argparse.Namespace) -> int:
    from app.usecases import rules

    if args.shipped:
        return _install_shipped(args)
    info = rules.install_from(_data_dir(args), Path(args.source))
    print("GİB kural paketleri kuruldu.")
    print(info.describe())
    return 0


def _install_shipped(args: argparse.Namespace) -> int:
    from app.usecases import rules

    outcome = rules.install_shipped_if_newer(_data_dir(args))
    if outcome is None:
        raise UserError(
            "Bu Tezgâh sürümü GİB kural paketlerini içermiyor (paketler masaüstü kurulum "
            "paketiyle gelir). 'tezgah rules update' ile GİB'den indirin ya da 'tezgah rules "
            "install --from KLASÖR' ile zip dosyalarından kurun.")
    _print_outcome(outcome)
    return 0


def _update(args: argparse.Namespace) -> int:
    from app.usecases import rules

    print("GİB'deki kural paketleri denetleniyor…")
    _print_outcome(rules.update_from_gib(_data_dir(args)))
    return 0


def _print_outcome(outcome: rules.UpdateOutcome) -> None:
    print(outcome.describe())
    if outcome.changed and outcome.info is not None:
        print(outcome.info.describe())


def _show(args: argparse.Namespace) -> int:
    from app.usecases import rules

    partial = rules.incomplete_description(_data_dir(args))
    if partial is not None:
        print(partial)  # what is there, then the error says what is missing
    print(rules.installed_description(_data_dir(args)))
    return 0
