"""``tezgah sign FILE.xml --out SIGNED.xml (--pkcs11 … --pin-env VAR | --pkcs12 FILE …)``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.io import write_bytes
from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.usecases.signers import TerminalPin


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sign", help="Bir UBL-TR belgesini (fatura, uygulama yanıtı) imzala")
    p.add_argument("file", metavar="DOSYA.xml", help="İmzasız belge")
    p.add_argument("--out", required=True, metavar="İMZALI.xml", help="İmzalı belgenin yazılacağı yer")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument("--pkcs11", action="store_true", help="Akıllı kart / USB imza cihazı ile")
    kind.add_argument("--pkcs12", metavar="DOSYA", help="PKCS#12 (.p12/.pfx) sertifika dosyası ile")
    p.add_argument("--module", metavar="YOL", help="PKCS#11 modülü (kart sürücüsü)")
    p.add_argument("--token-label", metavar="ETİKET", help="Kartın etiketi")
    p.add_argument("--cert-id", metavar="HEX", help="Karttaki sertifikanın kimliği (CKA_ID)")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN", help="Kart PIN'ini bu ortam değişkeninden oku")
    p.add_argument("--password-env", metavar="DEĞİŞKEN", help="PKCS#12 parolasını bu ortam değişkeninden oku")
    p.add_argument("--vkn-tckn", metavar="NO", help="Sertifika bu VKN/TCKN'ye ait olmalı")
    p.set_defaults(func=sign_command)


def secret_from(env_var: str | None, prompt: str) -> str:
    """The PIN/password from the named environment variable, else hidden terminal input."""
    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise UserError(f"{env_var} ortam değişkeni tanımlı değil.")
        return value
    if not sys.stdin.isatty():
        raise UserError(
            "PIN/parola girilemiyor: terminal yok. --pin-env / --password-env DEĞİŞKEN kullanın."
        )
    return getpass.getpass(prompt)


def sign_command(args: argparse.Namespace) -> int:
    from app.usecases.signers import SignerConfig, TerminalPin, sign_file_bytes

    src = Path(args.file)
    try:
        unsigned = src.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Dosya bulunamadı: {src}") from None
    if args.pkcs11:
        if not args.module:
            raise UserError("--pkcs11 ile --module YOL (kart sürücüsü) gerekli.")
        cfg = SignerConfig(
            kind="pkcs11",
            module_path=args.module,
            token_label=args.token_label,
            cert_id_hex=args.cert_id,
        )
        secret: str | TerminalPin = TerminalPin(args.pin_env)
    else:
        cfg = SignerConfig(kind="pkcs12", pkcs12_path=args.pkcs12)
        if args.password_env:
            secret = secret_from(args.password_env, "")
        else:
            # Asked only when needed: the demo certificate's password is kept beside it.
            secret = TerminalPin(None, "Sertifika dosyasının parolası: ")
    signed, test = sign_file_bytes(unsigned, cfg, secret, expected_vkn_tckn=args.vkn_tckn)
    del secret
    out = Path(args.out)
    write_bytes(out, signed)
    print(f"İmzalandı: {out}" + ("  (TEST SERTİFİKASI — GİB kabul etmez)" if test else ""))
    return 0
