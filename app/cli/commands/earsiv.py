"""``tezgah earsiv report`` and ``tezgah earsiv status``: the daily e-Arşiv report to GİB."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from app.cli.commands.invoice import _secret
from app.cli.io import context, print_json, write_bytes
from app.domain.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    ea = sub.add_parser("earsiv", help="e-Arşiv raporu (GİB'e günlük bildirim)").add_subparsers(
        dest="earsiv_cmd", required=True)
    p = ea.add_parser(
        "report", help="Günün e-Arşiv raporunu hazırla (imzala, zaman damgası al, giden "
        "kutusuna koy); --send ile GİB'e gönder",
        description="Gün verilmezse raporu hazırlanmamış bütün geçmiş günler. Bir günün raporu "
        "bir kez hazırlanır; gönderilemeyen rapor aynı içerikle yeniden gönderilir.")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="YYYY-AA-GG", help="Raporlanacak gün")
    when.add_argument("--from", dest="date_from", metavar="YYYY-AA-GG",
                      help="Bu günden (--to ile) itibaren")
    p.add_argument("--to", dest="date_to", metavar="YYYY-AA-GG", help="Bu güne kadar")
    p.add_argument("--out", metavar="DOSYA.xml", help="İmzalı raporu bu dosyaya da yaz "
                   "(tek gün)")
    p.add_argument("--send", action="store_true", help="Hazırlanan raporları hemen GİB'e gönder")
    p.add_argument("--rebuild", action="store_true",
                   help="GİB'in reddettiği raporu yeni rapor numarasıyla yeniden oluştur")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN",
                   help="Kart PIN'ini (ya da PKCS#12 parolasını) bu ortam değişkeninden oku")
    p.set_defaults(func=earsiv_report)
    p = ea.add_parser("status", help="Günlerin e-Arşiv rapor durumu")
    p.add_argument("--json", action="store_true", help="JSON olarak yaz")
    p.set_defaults(func=earsiv_status)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{option} tarihi YYYY-AA-GG biçiminde olmalı: {text!r}") from None


def _days(ctx, args: argparse.Namespace) -> list[date]:  # type: ignore[no-untyped-def]
    from app import clock
    from app.usecases import earsiv

    if args.date_to and not args.date_from:
        raise UserError("--to ancak --from ile birlikte verilir.")
    if args.date:
        return [_day(args.date, "--date")]
    if args.date_from:
        first = _day(args.date_from, "--from")
        last = _day(args.date_to, "--to") if args.date_to else clock.today() - timedelta(days=1)
        if last < first:
            raise UserError("--to, --from'dan önce olamaz.")
        wanted = {r.day for r in earsiv.report_days(ctx)}
        return [d for d in sorted(wanted) if first <= d <= last]
    return [r.day for r in earsiv.report_days(ctx)
            if r.day < clock.today() and r.state in (earsiv.NOT_BUILT, earsiv.STATE_FAILED)]


def earsiv_report(args: argparse.Namespace) -> int:
    from app.usecases import earsiv

    ctx = context(args)
    days = _days(ctx, args)
    if not days:
        print("Hazırlanacak e-Arşiv raporu yok.")
        if not args.send:
            return 0
    if args.out and len(days) != 1:
        raise UserError("--out yalnız tek gün için verilir (--date).")
    from app.usecases.signing import signer_kind

    missing_stamp = False
    with earsiv.services(ctx) as svc, \
            earsiv.company_signer(ctx, _secret(args, signer_kind(ctx))) as signer:
        for day in days:
            r = earsiv.prepare_report(ctx, day, signer, svc.tsa, rebuild=args.rebuild)
            if r.resent:
                head = "gönderilemeyen rapor aynı içerikle yeniden gönderilecek"
            elif r.already:
                head = "rapor zaten hazırlanmış"
            elif r.stored:
                head = "rapor hazırlandı, giden kutusuna kondu"
            else:
                head = "rapor imzalandı (zaman damgası yok; saklanmadı)"
            print(f"{day:%d.%m.%Y}: {head} — raporNo {r.rapor_no}, {r.invoices} fatura, "
                  f"{r.cancellations} iptal, imza XAdES-{r.level}.")
            if r.checked_with:
                print(f"  Denetim: {r.checked_with}.")
            for note in r.notes:
                print(f"  Not: {note}")
            if not r.timestamped:
                missing_stamp = True
            if args.out:
                write_bytes(args.out, r.xml)
                print(f"  Yazıldı: {args.out}" + ("" if r.timestamped else
                                                  " (zaman damgası eksik)"))
        if args.send:
            if missing_stamp:
                raise UserError("Zaman damgası olmayan e-Arşiv raporu GİB'e gönderilmez: "
                                "zaman damgası sunucusunu (TSA) ayarlayıp tekrar deneyin.")
            from app.usecases.sending import sync

            report = sync(ctx, endpoint_url=svc.efatura_url, earsiv_signer=signer)
            print(f"Gönderim: {report.sent} gönderildi, {report.completed} tamamlandı, "
                  f"{report.failed} hatalı, {report.retrying} bekliyor.")
            for message in dict.fromkeys(report.messages):
                print(f"  {message}")
    if args.send:
        rows = {r.day: r for r in earsiv.report_days(ctx)}
        for day in days:
            row = rows.get(day)
            if row is not None:
                print(f"{day:%d.%m.%Y}: {row.state_name}" + (f" — {row.message}"
                                                              if row.message else ""))
    return 0


def earsiv_status(args: argparse.Namespace) -> int:
    from app.usecases import earsiv

    ctx = context(args)
    rows = earsiv.report_days(ctx)
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print("e-Arşiv faturası yok; rapor gerekmiyor.")
        return 0
    for r in rows:
        late = " GECİKTİ" if r.overdue else ""
        print(f"{r.day:%d.%m.%Y}  son gün {r.due:%d.%m.%Y %H:%M}  {r.invoices} fatura  "
              f"{r.cancellations} iptal  {r.state_name}{late}  {r.rapor_no or '-'}"
              + (f"  {r.message}" if r.message else ""))
    return 0
