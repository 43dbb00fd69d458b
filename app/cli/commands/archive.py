"""``tezgah archive verify`` and ``tezgah archive export``: the archive that proves itself."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from app.cli.io import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    ar = sub.add_parser("archive", help="Arşivin bütünlüğünü denetle, bir dönemi dışa aktar"
                        ).add_subparsers(dest="archive_cmd", required=True)
    p = ar.add_parser(
        "verify", help="Saklanan her belgeyi yeniden oku, özetini ve arşiv zincirini denetle",
        description="Eksik, değiştirilmiş ya da zincir kaydı bozuk her belgeyi adıyla yazar; "
        "bir sorun varsa çıkış kodu 1'dir.")
    p.add_argument("--json", action="store_true", help="Sonucu JSON olarak yaz")
    p.add_argument("--quiet", action="store_true", help="İlerleme gösterme")
    p.set_defaults(func=verify)
    p = ar.add_parser(
        "export", help="Bir dönemin asıl belgelerini dizin ve özetleriyle zip olarak yaz",
        description="Giden ve gelen faturalar yanıtlarıyla, e-Arşiv raporları ve zarflar; "
        "dizin (CSV, JSON), SHA256SUMS, faturaların HTML görünümü ve README.txt.")
    p.add_argument("--from", dest="date_from", required=True, metavar="TARİH",
                   help="Başlangıç günü (gg.aa.yyyy ya da yyyy-aa-gg)")
    p.add_argument("--to", dest="date_to", required=True, metavar="TARİH",
                   help="Bitiş günü (dahil)")
    p.add_argument("--out", required=True, metavar="DOSYA.zip", help="Yazılacak zip dosyası")
    p.add_argument("--force", action="store_true", help="Var olan dosyanın üzerine yaz")
    p.add_argument("--quiet", action="store_true", help="İlerleme gösterme")
    p.set_defaults(func=export)


class _Progress:
    """``done/total`` on stderr: one updating line on a terminal, a line per tenth otherwise."""

    def __init__(self, what: str, stream: TextIO, quiet: bool) -> None:
        self.what, self.stream, self.quiet = what, stream, quiet
        self.tty = stream.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if self.quiet or total == 0:
            return
        tenth = done * 10 // total
        if self.tty:
            self.stream.write(f"\r{self.what}: {done}/{total}")
            if done == total:
                self.stream.write("\n")
        elif tenth != self.shown:
            self.stream.write(f"{self.what}: {done}/{total}\n")
        self.shown = tenth
        self.stream.flush()


def verify(args: argparse.Namespace) -> int:
    from app.usecases import archive

    ctx = context(args)
    report = archive.verify(ctx, on_progress=_Progress("Denetlenen kayıt", sys.stderr,
                                                       args.quiet or args.json))
    if args.json:
        result: dict[str, Any] = {"ok": report.ok, "entries": report.entries,
                                  "bytes": report.bytes_read,
                                  "problems": [p.to_dict() for p in report.problems]}
        print_json(result)
        return 0 if report.ok else 1
    for p in report.problems:
        print(p.message)
    mb = report.bytes_read / 1_000_000
    if report.ok:
        print(f"Arşiv sağlam: {report.entries} kayıt, {mb:.1f} MB yeniden okundu; her belge "
              "saklandığı gibi.")
        return 0
    print(f"ARŞİVDE SORUN VAR: {len(report.problems)} sorun ({report.entries} kayıt, "
          f"{mb:.1f} MB okundu). Yedekten geri yükleyin ve yeniden denetleyin.", file=sys.stderr)
    return 1


def export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.usecases import archive

    first = archive.parse_day(args.date_from, "--from")
    last = archive.parse_day(args.date_to, "--to")
    ctx = context(args)
    result = archive.export(ctx, first, last, Path(args.out), force=args.force,
                            on_progress=_Progress("Yazılan belge", sys.stderr, args.quiet))
    for failure in result.view_failures:
        print(f"Uyarı: görünüm oluşturulamadı: {failure}", file=sys.stderr)
    print(f"Dışa aktarıldı: {result.path} — {result.originals} asıl belge, {result.views} "
          f"görünüm ({first:%d.%m.%Y}–{last:%d.%m.%Y}). Denetlemek için README.txt'ye bakın.")
    return 0
