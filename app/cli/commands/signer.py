"""``tezgah signer configure …`` and ``tezgah signer test-certificate``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.domain.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    signer = sub.add_parser("signer", help="Firmanın imza aracı (mali mühür / e-imza)").add_subparsers(
        dest="action", metavar="İŞLEM", required=True
    )
    p = signer.add_parser("configure", help="Fatura keserken kullanılacak imza aracını ayarla")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument("--pkcs11", action="store_true", help="Akıllı kart / USB imza cihazı")
    kind.add_argument("--pkcs12", metavar="DOSYA", help="PKCS#12 (.p12/.pfx) sertifika dosyası")
    p.add_argument("--module", metavar="YOL", help="PKCS#11 modülü (kart sürücüsü)")
    p.add_argument("--token-label", metavar="ETİKET", help="Kartın etiketi")
    p.add_argument("--cert-id", metavar="HEX", help="Karttaki sertifikanın kimliği (CKA_ID)")
    p.set_defaults(func=configure_command)

    p = signer.add_parser("test-certificate", help="Deneme için TEST sertifikası oluştur (PKCS#12)")
    p.add_argument("--vkn-tckn", metavar="NO", help="Firmanın VKN'si ya da TCKN'si")
    p.add_argument("--name", metavar="AD", help="Firma unvanı ya da ad soyad")
    p.set_defaults(func=test_certificate_command)

    p = signer.add_parser("show", help="Ayarlı imza aracını göster")
    p.set_defaults(func=show_command)


def configure_command(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import signers

    data_dir = resolve_data_dir(args.data_dir)
    if args.pkcs11:
        cfg, path = signers.configure_pkcs11(data_dir, args.module, token_label=args.token_label,
                                             cert_id_hex=args.cert_id)
    else:
        cfg, path = signers.configure_pkcs12(data_dir, args.pkcs12)
    print(f"İmza aracı ayarlandı: {cfg.describe()} ({path})")
    return 0


def _company_defaults(data_dir: Path) -> tuple[str | None, str | None]:
    try:
        from app.usecases.company import load_company
    except ImportError:
        return None, None
    try:
        company = load_company(data_dir)
    except UserError:
        return None, None
    if company is None:
        return None, None
    return company.vkn_tckn, company.display_name


def test_certificate_command(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import signers

    data_dir = resolve_data_dir(args.data_dir)
    vkn, name = args.vkn_tckn, args.name
    if not vkn or not name:
        c_vkn, c_name = _company_defaults(data_dir)
        vkn = vkn or c_vkn
        name = name or c_name
    if not vkn or not name:
        raise UserError(
            "Firma bilgisi bulunamadı. TEST sertifikası için VKN/TCKN ve adı verin: "
            "tezgah signer test-certificate --vkn-tckn 1234567890 --name \"Firma Adı\""
        )
    cfg = signers.use_test_certificate(data_dir, vkn, name)
    print(
        f"TEST sertifikası oluşturuldu ve imza aracı olarak ayarlandı: {cfg.pkcs12_path}\n"
        f"Sahibi: {name} (VKN/TCKN {vkn}). Bu sertifikayla imzalanan belgeleri GİB kabul etmez; "
        "yalnız deneme içindir."
    )
    return 0


def show_command(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import signers

    cfg = signers.current_signer(resolve_data_dir(args.data_dir))
    if cfg is None:
        raise UserError(
            "İmza aracı ayarlanmamış: tezgah signer configure --pkcs11 --module YOL "
            "ya da tezgah signer test-certificate"
        )
    print(cfg.describe())
    return 0
