"""``tezgah export``: a period's invoices for the accountant (Excel or CSV)."""

from __future__ import annotations

import argparse
import sys

from app.cli.io import context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="Bir dönemin faturalarını muhasebeci için Excel ya da CSV olarak yaz",
        description="Her fatura bir satır; tutarlar saklanan imzalı belgelerden okunur. Excel "
        "dosyasında ayrıca her KDV oranı için bir sayfa ve aylık KDV özeti bulunur; CSV "
        "yalnız fatura satırlarıdır (; ayraçlı, ondalık virgüllü). Taslaklar yazılmaz; "
        "iptal edilen faturalar işaretlenir ve toplamlara katılmaz.")
    p.add_argument("--from", dest="date_from", required=True, metavar="TARİH",
                   help="Başlangıç günü (yyyy-aa-gg ya da gg.aa.yyyy)")
    p.add_argument("--to", dest="date_to", required=True, metavar="TARİH",
                   help="Bitiş günü (dahil)")
    p.add_argument("--out", required=True, metavar="DOSYA",
                   help="Yazılacak .xlsx ya da .csv dosyası")
    p.add_argument("--kind", choices=("sales", "purchases", "all"), default="all",
                   help="sales: giden (satış), purchases: gelen (alış), "
                   "all: ikisi (varsayılan)")
    p.add_argument("--force", action="store_true", help="Var olan dosyanın üzerine yaz")
    p.set_defaults(func=export)


def export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.usecases import accounting_export

    first = accounting_export.parse_day(args.date_from, "--from")
    last = accounting_export.parse_day(args.date_to, "--to")
    ctx = context(args)
    result = accounting_export.export(ctx, first, last, Path(args.out), kind=args.kind,
                                      force=args.force)
    for problem in result.problems:
        print(f"UYARI: {problem}", file=sys.stderr)
    print(f"Dışa aktarıldı: {result.path} — {result.rows} fatura "
          f"({first:%d.%m.%Y}–{last:%d.%m.%Y}).")
    if result.problems:
        print(f"{len(result.problems)} belge okunamadı; dosyada yoklar. Yukarıdaki uyarılara "
              "bakın ('tezgah archive verify' arşivi denetler).", file=sys.stderr)
        return 1
    return 0
