"""``tezgah verify FILE.xml [--json] [--trust CA.pem …] [--crl LİSTE.crl …]``: checks an
XAdES signature and whom it can be trusted from.

Exit codes: 0 valid, 1 invalid (changed, untrusted chain, another owner's certificate,
expired or revoked), 2 the file cannot be read or is not XML, 3 valid but the certificate's
revocation could not be checked (no CRL given or reachable; the result says so).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.io import json_text
from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.usecases.signers import VerificationResult

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2
EXIT_REVOCATION_UNKNOWN = 3

_STATUS = {"ok": "tamam", "failed": "HATALI", "unknown": "DENETLENEMEDİ",
           "skipped": "uygulanmadı"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify", help="İmzalı belgenin (fatura, yanıt, zarf) imzasını doğrula",
        description="İmzayı ve sertifikayı denetler: imza değeri ve özetler, güvenilen köke "
        "zincir (veri klasöründeki 'tezgah trust' kökleri ve --trust), imza zamanında "
        "geçerlilik, anahtar kullanımı, sertifikadaki VKN/TCKN'nin belgenin satıcısı olması "
        "ve iptal durumu (CRL). Çıkış kodu: 0 geçerli, 1 geçersiz, 2 okunamayan dosya, "
        "3 geçerli ama iptal durumu denetlenemedi.")
    p.add_argument("file", metavar="DOSYA.xml")
    p.add_argument("--json", action="store_true", dest="as_json", help="Sonucu JSON olarak yaz")
    p.add_argument("--trust", action="append", default=[], metavar="KÖK.pem",
                   help="Bu denetim için ayrıca güvenilecek kök / ara CA sertifikası "
                   "(birden çok kez verilebilir)")
    p.add_argument("--crl", action="append", default=[], metavar="LİSTE.crl",
                   help="Sertifika iptal listesi (CRL) dosyası (birden çok kez verilebilir)")
    p.add_argument("--no-crl-download", action="store_true",
                   help="Sertifikadaki CRL adresinden indirme yapma")
    p.set_defaults(func=verify_command)


def _yes(ok: bool) -> str:
    return "tamam" if ok else "HATALI"


def _print(r: VerificationResult) -> None:
    trust_problems = set(r.trust.problems) if r.trust else set()
    print(f"Belge: {r.document_type}  imza kimliği: {r.signature_id or '-'}")
    print(f"  İmza değeri:               {_yes(r.signature_value_ok)}")
    print(f"  Belge özeti:               {_yes(r.document_digest_ok)}")
    print(f"  İmza özellikleri özeti:    {_yes(r.signed_properties_digest_ok)}")
    print(f"  Sertifika özeti:           {_yes(r.cert_digest_ok)}")
    print(f"  İmzalayan: {r.signer_name or '-'} (VKN/TCKN {r.signer_vkn_tckn or '-'})")
    if r.signer_issuer:
        print(f"  Sertifikayı veren: {r.signer_issuer}")
    print(f"  İmza zamanı: {r.signing_time.isoformat() if r.signing_time else '-'}")
    if r.trust is not None:
        for c in r.trust.checks:
            print(f"  {c.title + ':':<27}{_STATUS.get(c.status, c.status)} — {c.message}")
    for p in r.problems:
        if p not in trust_problems:
            print(f"  - {p}")
    for n in r.gib_notes:
        print(f"  GİB notu: {n}")
    if not r.valid:
        print("  SONUÇ: İMZA GEÇERSİZ")
    elif r.trust is not None and not r.trust.revocation_checked:
        print("  SONUÇ: İMZA GEÇERLİ (sertifikanın iptal durumu denetlenemedi)")
    elif r.trust is not None and r.trust.demo_anchor:
        print("  SONUÇ: İMZA GEÇERLİ (TEST sertifikası — yalnız demo; GİB kabul etmez)")
    else:
        print("  SONUÇ: İMZA GEÇERLİ")


def _unreadable(message: str) -> UserError:
    err = UserError(message)
    err.exit_code = EXIT_UNREADABLE  # type: ignore[attr-defined]
    return err


def exit_code(results: list[VerificationResult]) -> int:
    if not results or not all(r.valid for r in results):
        return EXIT_INVALID
    if not all(r.trust is not None and r.trust.revocation_checked for r in results):
        return EXIT_REVOCATION_UNKNOWN
    return EXIT_VALID


def verify_command(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases.signers import verify_bytes
    from app.usecases.trust import trust_store

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(f"{path} okunamadı: {exc.strerror or exc}") from None
    store = trust_store(resolve_data_dir(args.data_dir), extra_anchors=args.trust,
                        crls=args.crl, fetch_crls=not args.no_crl_download)
    try:
        results = verify_bytes(data, store)
    except UserError as exc:
        raise _unreadable(f"'{path.name}': {exc.message}") from exc
    if args.as_json:
        payload = [r.to_dict() for r in results]
        print(json_text(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    else:
        for r in results:
            _print(r)
    return exit_code(results)
