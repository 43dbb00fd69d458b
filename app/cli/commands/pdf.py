"""``tezgah pdf`` and ``tezgah html``: print or preview invoice XML files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.io import write_bytes
from app.domain.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "pdf",
        help="Fatura ve e-İrsaliye XML dosyalarını karekodlu PDF olarak yazdır",
        description=(
            "İmzalı fatura, e-İrsaliye ya da irsaliye yanıtı XML'inden A4 PDF üretir. "
            "Tek dosya için --out, birden çok dosya "
            "için --out-dir (her faturaya bir PDF) ya da --out (hepsi tek PDF'te)."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FATURA.xml", help="Fatura XML dosyaları")
    p.add_argument("--out", metavar="DOSYA.pdf", help="Yazılacak PDF dosyası")
    p.add_argument("--out-dir", metavar="KLASÖR", help="Her fatura için ayrı PDF bu klasöre")
    p.add_argument("--logo", metavar="LOGO.png", help="Satıcı bloğunda basılacak logo")
    p.add_argument("--test", action="store_true",
                   help="'TEST — geçerli fatura değildir' damgası bas (TEST sertifikasıyla "
                   "imzalanmış faturaya bu damga her zaman basılır)")
    p.set_defaults(func=_pdf)

    h = subparsers.add_parser(
        "html",
        help="Faturayı kendi XSLT'siyle HTML olarak göster",
        description=(
            "Faturanın içindeki XSLT ile (yoksa Tezgâh'ın şablonuyla) HTML üretir."
        ),
    )
    h.add_argument("file", metavar="FATURA.xml")
    h.add_argument("--out", metavar="DOSYA.html", help="Yazılacak HTML dosyası")
    h.add_argument("--tezgah-sablonu", action="store_true", dest="own_template",
                   help="Faturadaki XSLT yerine Tezgâh'ın şablonunu kullan")
    h.set_defaults(func=_html)


def _read(path: str) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"Dosya bulunamadı: {p}") from exc
    except OSError as exc:
        raise UserError(f"Dosya okunamadı: {p} ({exc.strerror})") from exc


def _write(path: Path, data: bytes) -> None:
    write_bytes(path, data)


def _pdf(args: argparse.Namespace) -> int:
    from app.usecases.printing import (
        document_pdf,
        documents_pdf,
        documents_to_pdf_files,
        is_test_signed,
    )

    if args.out and args.out_dir:
        raise UserError("--out ile --out-dir birlikte kullanılamaz; birini seçin.")
    logo = _read(args.logo) if args.logo else None
    files = [(f, _read(f)) for f in args.files]
    # A TEST-signed invoice is never printed without its TEST stamp.
    test_mode = args.test or any(is_test_signed(data) for _f, data in files)
    if args.out_dir:
        written = documents_to_pdf_files(files, Path(args.out_dir), logo=logo,
                                         test_mode=test_mode)
        for path in written:
            print(path)
        return 0
    if len(args.files) == 1:
        out = Path(args.out) if args.out else Path(args.files[0]).with_suffix(".pdf")
        _write(out, document_pdf(files[0][1], logo=logo, test_mode=test_mode))
    else:
        if not args.out:
            raise UserError("Birden çok fatura için --out (tek PDF) ya da --out-dir verin.")
        out = Path(args.out)
        _write(out, documents_pdf((data for _f, data in files), logo=logo,
                                  test_mode=test_mode))
    print(out)
    return 0


def _html(args: argparse.Namespace) -> int:
    from app.usecases.printing import document_html

    view = document_html(_read(args.file), prefer_embedded=not args.own_template,
                         data_dir=getattr(args, "data_dir", None))
    out = Path(args.out) if args.out else Path(args.file).with_suffix(".html")
    _write(out, view.html.encode("utf-8"))
    if view.refused:
        print(f"Uyarı: {view.message} Yerine varsayılan görünüm yazıldı.", file=sys.stderr)
    print(out)
    return 0
