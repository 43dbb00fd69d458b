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
    p = sub.add_parser("backup", help="Veritabanının ve imza klasörünün tutarlı yedeği (zip)",
                       description="Yedek alır; 'schedule', 'status' ve 'run-due' ile başka bir "
                       "diske ya da ağ klasörüne zamanlanmış yedek kurulur (docs/backup.md).")
    p.add_argument("--out", metavar="DOSYA", help="Yedek dosyası (varsayılan: tarihli ad)")
    p.set_defaults(func=make_backup)
    bsub = p.add_subparsers(dest="backup_cmd", metavar="İŞLEM")
    sp = bsub.add_parser(
        "schedule", help="Zamanlanmış yedeği kur ya da kapat",
        description="Yedekler posta kutusu servisi çalışıyorsa onun tarafından, yoksa program "
        "açılırken ve kapanırken alınır. Saklanan: son N günün yedeği, son 12 ayın ve son 10 "
        "yılın her birinin en yeni yedeği.")
    sp.add_argument("--folder", metavar="KLASÖR", help="Yedek klasörü (başka disk, ağ klasörü)")
    sp.add_argument("--keep", type=int, metavar="N", help="Saklanacak günlük yedek sayısı "
                    "(varsayılan 14)")
    sp.add_argument("--every", choices=["daily", "weekly"],
                    help="Sıklık: daily (her gün, varsayılan) ya da weekly (her hafta)")
    sp.add_argument("--off", action="store_true", help="Zamanlanmış yedeği kapat")
    sp.set_defaults(func=schedule_backup)
    sp = bsub.add_parser("status", help="Son yedek, yeri, doğrulandı mı, sıradaki yedek")
    sp.add_argument("--json", action="store_true", help="JSON olarak yaz")
    sp.set_defaults(func=backup_status)
    sp = bsub.add_parser("run-due", help="Zamanı geldiyse zamanlanmış yedeği al")
    sp.add_argument("--now", action="store_true", help="Zamanı gelmemiş olsa da al")
    sp.set_defaults(func=run_due_backup)
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


def schedule_backup(args: argparse.Namespace) -> int:
    import sys

    from app.domain.errors import UserError
    from app.usecases import backup_schedule

    ctx = context(args)
    if args.off:
        if args.folder or args.keep is not None or args.every:
            raise UserError("--off başka seçenekle birlikte verilmez.")
        backup_schedule.turn_off(ctx)
        print("Zamanlanmış yedek kapatıldı.")
        return 0
    folder = args.folder or backup_schedule.schedule(ctx).folder
    if not folder:
        raise UserError("Yedek klasörünü --folder ile verin.")
    warning = backup_schedule.set_schedule(ctx, folder, keep=args.keep, frequency=args.every)
    for line in backup_schedule.describe(backup_schedule.status(ctx)):
        print(line)
    if warning:
        print(warning, file=sys.stderr)
    return 0


def backup_status(args: argparse.Namespace) -> int:
    from app.cli.io import print_json
    from app.usecases import backup_schedule

    info = backup_schedule.status(context(args))
    if args.json:
        print_json(info)
    else:
        for line in backup_schedule.describe(info):
            print(line)
    return 0


def run_due_backup(args: argparse.Namespace) -> int:
    import sys

    from app.usecases import backup_schedule

    result = backup_schedule.run_due(context(args), force=args.now)
    if result.warning:
        print(result.warning, file=sys.stderr)
    if result.state == "failed":
        print(result.message, file=sys.stderr)
        return 1
    print(result.message)
    for path in result.deleted:
        print(f"Eski yedek silindi: {path.name}")
    return 0
