"""``tezgah trust add CA.pem | list | remove PARMAK_İZİ``: the certificates ``verify`` trusts.

Kept as files in the data folder (``<data>/trust``). Add the Kamu SM root and the mali mühür
/ NES issuing CA certificates you trust; a signer's own certificate is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.io import json_text
from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.usecases import trust


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trust", help="Güvenilen kök sertifikalar (imza doğrulaması için)")
    tsub = p.add_subparsers(dest="trust_command", metavar="İŞLEM")
    tsub.required = True
    add = tsub.add_parser("add", help="Kök / ara CA sertifikası (ya da CRL) ekle")
    add.add_argument("file", metavar="CA.pem")
    add.set_defaults(func=_add)
    lst = tsub.add_parser("list", help="Güvenilen sertifikaları listele")
    lst.add_argument("--json", action="store_true", dest="as_json")
    lst.set_defaults(func=_list)
    rem = tsub.add_parser("remove", help="Güvenilen bir sertifikayı kaldır")
    rem.add_argument("ident", metavar="PARMAK_İZİ",
                     help="SHA-256 parmak izinin başı ya da dosya adı ('trust list' gösterir)")
    rem.set_defaults(func=_remove)


def _line(a: trust.AnchorInfo) -> str:
    kind = "kök" if a.self_signed else f"ara sertifika (veren: {a.issuer})"
    demo = "  [yalnız demo modu]" if a.demo_only else ""
    return (f"{a.fingerprint[:16]}  {a.name} — {kind}, geçerlilik "
            f"{a.not_before:%d.%m.%Y} – {a.not_after:%d.%m.%Y}{demo}")


def _add(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import trust

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"Dosya bulunamadı: {source}")
    added = trust.add(resolve_data_dir(args.data_dir), source)
    if not added:
        print(f"İptal listesi (CRL) kaydedildi: {source.name}")
    for a in added:
        print(f"Güvenilen sertifika eklendi: {_line(a)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import trust

    anchors = trust.anchors(resolve_data_dir(args.data_dir))
    if args.as_json:
        print(json_text([{"file": a.file, "fingerprint": a.fingerprint, "name": a.name,
                           "issuer": a.issuer, "self_signed": a.self_signed,
                           "not_before": a.not_before.isoformat(),
                           "not_after": a.not_after.isoformat(), "demo_only": a.demo_only}
                          for a in anchors], ensure_ascii=False, indent=2))
        return 0
    if not anchors:
        print("Güvenilen kök sertifika yok: 'tezgah verify' hiçbir imzayı GEÇERLİ saymaz. "
              "Eklemek için: tezgah trust add KÖK.pem")
    for a in anchors:
        print(_line(a))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import trust

    gone = trust.remove(resolve_data_dir(args.data_dir), args.ident)
    print(f"Kaldırıldı: {gone.file} {gone.name}")
    return 0
