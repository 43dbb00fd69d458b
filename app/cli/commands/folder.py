"""``tezgah folder``: the watched folder, where a till or an ERP leaves invoice files that
become drafts (``app.usecases.watch_folder``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.io import context
from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.usecases.watch_folder import ScanReport


def register(sub: argparse._SubParsersAction) -> None:
    folder = sub.add_parser(
        "folder", help="İzlenen klasör: bırakılan fatura dosyalarından taslak",
    ).add_subparsers(dest="folder_cmd", metavar="İŞLEM", required=True)
    w = folder.add_parser(
        "watch", help="Klasörü izle; bırakılan fatura JSON'u ya da UBL'den taslak oluştur",
        description="Klasöre bırakılan *.json (fatura JSON'u ya da listesi) ve *.xml (imzasız "
        "UBL-TR fatura) dosyaları taslak olur ve islenen/ klasörüne taşınır; taslak "
        "yapılamayan dosya hatalı/ klasörüne, nedenini söyleyen bir .txt ile taşınır. "
        "Ctrl-C ya da SIGTERM ile durur.",
    )
    w.add_argument("--once", action="store_true",
                   help="Bir kez tara ve çık (bir dosya hatalıysa çıkış kodu 1)")
    w.add_argument("--interval", type=float, default=5.0, metavar="SN",
                   help="Tarama aralığı (varsayılan 5 sn)")
    w.add_argument("--path", metavar="KLASÖR",
                   help="İzlenecek klasör (verilmezse ayardaki ya da <veri klasörü>/gelen-dosyalar)")
    w.set_defaults(func=_watch)
    p = folder.add_parser("path", help="İzlenen klasörün yolunu yaz")
    p.set_defaults(func=_path)


def _folder(args: argparse.Namespace) -> tuple[object, Path]:
    from app.usecases.watch_folder import folder_path

    ctx = context(args)
    return ctx, Path(args.path).expanduser() if getattr(args, "path", None) else folder_path(ctx)


def _path(args: argparse.Namespace) -> int:
    from app.usecases.watch_folder import watching_enabled

    ctx, folder = _folder(args)
    print(folder)
    if not watching_enabled(ctx):  # type: ignore[arg-type]
        print("Klasör izleme ayarlarda kapalı; pencere ve yerel API klasöre bakmaz "
              "('tezgah folder watch' yine tarar).")
    return 0


def print_report(report: ScanReport) -> None:
    """One line per file of a scan, in Turkish (also ``tezgah api serve``'s)."""
    base = report.folder
    if report.busy:
        print("Klasörü şu anda başka bir Tezgâh tarıyor; bu tur atlandı.", flush=True)
    for o in report.outcomes:
        where = o.moved_to.relative_to(base) if o.moved_to is not None else None
        if o.ok:
            what = "daha önce taslak yapılmıştı, taşındı" if o.already else (
                f"{len(o.ettns)} taslak" if len(o.ettns) > 1 else "taslak")
            print(f"{o.name}: {what} ({', '.join(o.ettns)}) → {where}", flush=True)
        elif o.refused:
            field = f" (alan: {o.field})" if o.field else ""
            print(f"{o.name}: HATALI — {o.reason}{field} → {where}", flush=True)
        else:
            print(f"{o.name}: işlenemedi, sonraki taramada yeniden denenecek: {o.reason}",
                  flush=True)
    if report.waiting:
        print(f"{report.waiting} dosya hâlâ yazılıyor; sonraki taramada alınacak.", flush=True)


def _watch(args: argparse.Namespace) -> int:
    import contextlib
    import signal

    from app.usecases.watch_folder import scan, start_watching

    if args.interval <= 0:
        raise UserError("--interval sıfırdan büyük olmalı.")
    ctx, folder = _folder(args)
    if args.once:
        report = scan(ctx, folder)  # type: ignore[arg-type]
        print_report(report)
        if not report.outcomes and not report.waiting and not report.busy:
            print(f"{folder}: işlenecek dosya yok.")
        return 1 if report.refused or report.retrying else 0

    def _terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C

    with contextlib.suppress(ValueError):  # not in the main thread (tests)
        signal.signal(signal.SIGTERM, _terminate)
    print(f"İzlenen klasör: {folder} (her {args.interval:g} sn). Durdurmak için Ctrl-C.",
          flush=True)
    watching = start_watching(ctx, args.interval, print_report,  # type: ignore[arg-type]
                              folder=folder, only_when_enabled=False)
    try:
        while watching.alive:
            watching.join(1.0)
    except KeyboardInterrupt:
        pass
    finally:
        watching.stop()
    print("Klasör izleme durdu.", flush=True)
    return 0
