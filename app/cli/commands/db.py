"""``tezgah db migrate-to URL``: move the shop's database to a PostgreSQL server."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="Veritabanı işlemleri (PostgreSQL'e taşıma)"
                        ).add_subparsers(dest="db_cmd", required=True)
    p = db.add_parser(
        "migrate-to", help="SQLite veritabanını boş bir PostgreSQL veritabanına taşı ve doğrula",
        description="Veri klasöründeki SQLite veritabanının her kaydını boş bir PostgreSQL "
        "veritabanına kopyalar; kayıt sayılarını ve saklanan her belgenin özetini karşılaştırıp "
        "doğrulamadan başarılı demez. SQLite dosyası değişmez. Parolayı adrese yazmayın: "
        "PGPASSWORD ya da ~/.pgpass.")
    p.add_argument("url", metavar="postgresql://kullanıcı@sunucu:port/veritabanı")
    p.add_argument("--quiet", action="store_true", help="İlerleme gösterme")
    p.set_defaults(func=migrate_to)


def migrate_to(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases.db_transfer import migrate_to as run

    shown: dict[str, int] = {}

    def progress(table: str, count: int) -> None:
        if args.quiet:
            return
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{table}: {count}   ")
        elif table not in shown:
            sys.stderr.write(f"{table}…\n")
        shown[table] = count
        sys.stderr.flush()

    report = run(resolve_data_dir(args.data_dir), args.url, progress=progress)
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    total = sum(report.rows.values())
    print(f"Taşındı ve doğrulandı: {len(report.rows)} tablo, {total} kayıt; "
          f"{report.originals_checked} asıl belgenin özeti kaynaktakiyle aynı; arşiv zinciri "
          f"({report.archive_entries} kayıt) sağlam.")
    print("Bundan sonra bu veritabanını kullanmak için: "
          f"tezgah --database-url {report.target} … ya da TEZGAH_DATABASE_URL. "
          "SQLite dosyası olduğu gibi duruyor.")
    return 0
