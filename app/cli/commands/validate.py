"""``tezgah validate FILE.xml [--earchive] [--json]``: GİB XSD + schematron check of a file.

Exit codes: 0 valid, 1 invalid (problems printed), 2 the file cannot be read, is not XML or
is a kind of document Tezgâh does not check yet (CreditNote …: "not supported", never
"invalid"). An envelope (``sh:StandardBusinessDocument``), an ApplicationResponse, an
e-İrsaliye (DespatchAdvice) or an irsaliye yanıtı (ReceiptAdvice) is checked as such, with
its own XSD and GİB's schematron.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.io import json_text
from app.domain.errors import UserError

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2

# The documents Tezgâh checks, by their root element ({namespace}local name).
_SUPPORTED = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2}ApplicationResponse",
    "{urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2}DespatchAdvice",
    "{urn:oasis:names:specification:ubl:schema:xsd:ReceiptAdvice-2}ReceiptAdvice",
    "{http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader}"
    "StandardBusinessDocument",
}
# Names of the UBL-TR documents Tezgâh knows of but does not check yet.
_UNSUPPORTED_TR = {
    "CreditNote": "Alacak dekontu (CreditNote)",
}

_SOURCE_TR = {"xsd": "XSD", "schematron": "Şematron"}
_DOC_TR = {
    "invoice": "Fatura",
    "envelope": "Zarf",
    "application-response": "Uygulama yanıtı",
    "despatch-advice": "e-İrsaliye",
    "receipt-advice": "İrsaliye yanıtı",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate",
        help="Bir XML belgesini GİB şeması ve şematronu ile denetle",
        description="Faturayı (ya da zarfı, uygulama yanıtını, e-İrsaliyeyi, irsaliye "
        "yanıtını) GİB'in XSD ve şematron kurallarıyla denetler. Çıkış kodu: 0 geçerli, "
        "1 geçersiz, 2 okunamayan dosya ya da desteklenmeyen belge.",
    )
    p.add_argument("file", metavar="DOSYA.xml", help="Denetlenecek XML dosyası")
    p.add_argument(
        "--earchive", action="store_true",
        help="e-Arşiv faturası olarak denetle (şematron type=earchive); verilmezse "
        "ProfileID EARSIVFATURA ise e-Arşiv kabul edilir",
    )
    p.add_argument("--json", action="store_true", help="Sonucu JSON olarak yaz")
    p.set_defaults(func=_validate)


def _unreadable(message: str) -> UserError:
    err = UserError(message)
    err.exit_code = EXIT_UNREADABLE  # type: ignore[attr-defined]
    return err


def _validate(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases.rules import validate_tree
    from app.xmlsafe import parse_bytes

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(f"'{path}' okunamadı: {exc.strerror or exc}") from exc
    try:
        tree = parse_bytes(data)
    except UserError as exc:
        raise _unreadable(f"'{path.name}': {exc.message}") from exc

    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if root.tag not in _SUPPORTED:
        return _not_supported(args, path, str(root.tag))

    # Rules are needed only once the file is known to be XML (RulesMissingError → exit 1).
    report = validate_tree(resolve_data_dir(args.data_dir), tree,
                           earchive=True if args.earchive else None)

    if args.json:
        out = report.to_json()
        out["file"] = str(path)
        print(json_text(out, ensure_ascii=False, indent=2))
    else:
        what = _DOC_TR.get(report.document, "Belge")
        kind = " (e-Arşiv)" if report.earchive else ""
        if report.ok:
            print(f"{path.name}: {what}{kind} GİB şemasına ve şematronuna uygun.")
        else:
            print(f"{path.name}: {what}{kind} GEÇERSİZ — {len(report.problems)} sorun:")
            for i, p in enumerate(report.problems, 1):
                rule = f" [{p.rule}]" if p.rule else ""
                print(f"{i}. {_SOURCE_TR.get(p.source, p.source)}{rule}: {p.message}")
                if p.location:
                    print(f"   Yer: {p.location}")
    sys.stdout.flush()
    return EXIT_VALID if report.ok else EXIT_INVALID


def _not_supported(args: argparse.Namespace, path: Path, tag: str) -> int:
    """A document Tezgâh does not check (yet): say so, exit 2 — it is not "invalid"."""
    local = tag.rsplit("}", 1)[-1]
    what = _UNSUPPORTED_TR.get(local, f"'{local}' belgesi")
    message = (f"{what} Tezgâh'ta henüz desteklenmiyor; denetlenmedi (bu geçersiz olduğu "
               "anlamına gelmez). Tezgâh faturayı (Invoice), zarfı, uygulama yanıtını, "
               "e-İrsaliyeyi (DespatchAdvice) ve irsaliye yanıtını (ReceiptAdvice) denetler.")
    if args.json:
        print(json_text({"file": str(path), "supported": False, "document": local,
                          "message": message}, ensure_ascii=False, indent=2))
    else:
        print(f"{path.name}: {message}")
    sys.stdout.flush()
    return EXIT_UNREADABLE
