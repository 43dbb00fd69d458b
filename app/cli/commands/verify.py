"""``tezgah verify FILE.xml [--json]``: checks an XAdES signature; exit 0 valid, 1 invalid."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.domain.errors import UserError
from app.usecases.signers import VerificationResult, verify_bytes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="İmzalı belgenin (fatura, yanıt, zarf) imzasını doğrula")
    p.add_argument("file", metavar="DOSYA.xml")
    p.add_argument("--json", action="store_true", dest="as_json", help="Sonucu JSON olarak yaz")
    p.set_defaults(func=verify_command)


def _yes(ok: bool) -> str:
    return "tamam" if ok else "HATALI"


def _print(r: VerificationResult) -> None:
    print(f"Belge: {r.document_type}  imza kimliği: {r.signature_id or '-'}")
    print(f"  İmza değeri:               {_yes(r.signature_value_ok)}")
    print(f"  Belge özeti:               {_yes(r.document_digest_ok)}")
    print(f"  İmza özellikleri özeti:    {_yes(r.signed_properties_digest_ok)}")
    print(f"  Sertifika özeti:           {_yes(r.cert_digest_ok)}")
    print(f"  İmzalayan: {r.signer_name or '-'} (VKN/TCKN {r.signer_vkn_tckn or '-'})")
    if r.signer_issuer:
        print(f"  Sertifikayı veren: {r.signer_issuer}")
    print(f"  İmza zamanı: {r.signing_time.isoformat() if r.signing_time else '-'}")
    for p in r.problems:
        print(f"  - {p}")
    for n in r.gib_notes:
        print(f"  GİB notu: {n}")
    print("  SONUÇ: İMZA GEÇERLİ" if r.valid else "  SONUÇ: İMZA GEÇERSİZ")


def verify_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Dosya bulunamadı: {path}") from None
    except OSError as exc:
        raise UserError(f"{path} okunamadı: {exc.strerror}") from None
    results = verify_bytes(data)
    if args.as_json:
        payload = [r.to_dict() for r in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    else:
        for r in results:
            _print(r)
    return 0 if results and all(r.valid for r in results) else 1
