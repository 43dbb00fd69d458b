"""``tezgah token list``: slots, cards and the certificates on them (no PIN needed)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.usecases.signers import TokenDescription


def register(sub: argparse._SubParsersAction) -> None:
    token = sub.add_parser("token", help="Akıllı kart / USB imza cihazları").add_subparsers(
        dest="action", metavar="İŞLEM", required=True
    )
    p = token.add_parser("list", help="Yuvaları, kartları ve üzerlerindeki sertifikaları listele")
    p.add_argument("--module", metavar="YOL", help="PKCS#11 modülü (verilmezse kurulu olanlar aranır)")
    p.set_defaults(func=token_list)


def _print_token(t: TokenDescription) -> None:
    from app.usecases.signers import CERTIFICATE_KIND_LABEL as KIND_LABEL

    if not t.token_present:
        print(f"  Yuva {t.slot_id}: {t.slot_description} — kart takılı değil")
        return
    print(f"  Yuva {t.slot_id}: {t.slot_description}")
    if not t.initialized:
        print("    Kart boş (kullanıma hazırlanmamış).")
        return
    print(f"    Kart: {t.label!r}  üretici {t.manufacturer}, model {t.model}, seri no {t.serial}")
    if t.pin_locked:
        print("    PIN BLOKE: kart PUK ile açılmadan imza atılamaz.")
    elif t.pin_warning:
        print(f"    {t.pin_warning}")
    if not t.certificates:
        print("    Sertifika yok.")
    for c in t.certificates:
        info = c.info
        state = info.validity_problem()
        print(f"    Sertifika (kimlik {c.id_hex or '-'}): {info.display_name}")
        print(f"      Tür: {KIND_LABEL[info.kind]}, VKN/TCKN: {info.vkn_tckn or '-'}, anahtar: {info.key_type}")
        print(f"      Yayıncı: {info.issuer_cn}")
        print(
            f"      Geçerlilik: {info.not_before:%d.%m.%Y} – {info.not_after:%d.%m.%Y}"
            + (f"  ({state})" if state else "")
        )
        if info.is_test:
            print("      TEST SERTİFİKASI: GİB bununla imzalanmış belgeyi kabul etmez.")


def token_list(args: argparse.Namespace) -> int:
    from app.usecases.signers import card_module_hints, card_modules, tokens_of

    if args.module:
        modules = [(args.module, "")]
    else:
        modules = card_modules()
        if not modules:
            hints = card_module_hints()  # drivers found but of the wrong width
            raise UserError(
                "Bu bilgisayarda kullanılabilir bir akıllı kart sürücüsü (PKCS#11 modülü) "
                "bulunamadı. Kartınızın sürücüsünü kurun ya da --module YOL ile dosyayı gösterin."
                + "".join(f"\n{h}" for h in hints)
            )
    for path, card in modules:
        print(f"Modül: {path}" + (f" ({card})" if card else ""))
        tokens = tokens_of(path)
        if not tokens:
            print("  Yuva yok (kart okuyucu takılı değil).")
        for t in tokens:
            _print_token(t)
    return 0
