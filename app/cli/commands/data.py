"""``tezgah customer import``/``product import`` (Excel, CSV) and ``tezgah backup``/``restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.io import context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-list", help="Müşteri ya da ürün listesini Excel/CSV'den içe al")
    p.add_argument("kind", choices=["customers", "products"], help="customers | products")
    p.add_argument("file", help=".xlsx ya da .csv dosyası (ilk satır sütun adları)")
    p.add_argument("--dry-run", action="store_true", help="Yalnızca denetle, kaydetme")
    p.set_defaults(func=import_list)
    p = sub.add_parser("backup", help="Veritabanının ve imza klasörünün tutarlı yedeği (zip)")
    p.add_argument("--out", metavar="DOSYA", help="Yedek dosyası (varsayılan: tarihli ad)")
    p.set_defaults(func=make_backup)
    p = sub.add_parser("restore", help="Yedekten geri yükle")
    p.add_argument("file")
    p.set_defaults(func=restore_backup)


def import_list(args: argparse.Namespace) -> int:
    from app.usecases import list_import

    path = Path(args.file)
    rows = (list_import.customer_rows(path) if args.kind == "customers"
            else list_import.product_rows(path))
    bad = [r for r in rows if r.error]
    for r in bad:
        print(f"Satır {r.line}: {r.error}")
    if args.dry_run:
        print(f"{len(rows) - len(bad)} satır uygun, {len(bad)} satır hatalı (kaydedilmedi).")
        return 1 if bad else 0
    ctx = context(args)
    from app.usecases import catalog

    save = (lambda d: catalog.save_customer(ctx, d)) if args.kind == "customers" else (
        lambda d: catalog.save_product(ctx, d))
    saved = list_import.save_rows(rows, save)
    print(f"{saved} kayıt içe alındı, {len(bad)} satır hatalı olduğu için atlandı.")
    return 1 if bad else 0


def make_backup(args: argparse.Namespace) -> int:
    from app.usecases import backup

    ctx = context(args)
    target = Path(args.out or backup.default_name())
    backup.backup(ctx.data_dir, target)
    print(f"Yedek alındı: {target}")
    return 0


def restore_backup(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.usecases import backup

    # Not through ``context``: a damaged or lost database refuses to open, and a restore is
    # the way back from it.
    backup.restore(resolve_data_dir(args.data_dir), Path(args.file))
    print("Yedek geri yüklendi.")
    return 0
