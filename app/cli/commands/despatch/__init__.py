"""``tezgah despatch …``: e-İrsaliye drafts, issuing and reading."""

from __future__ import annotations

import argparse

from app.cli.commands.despatch import answer as despatch_answer
from app.cli.io import context, print_json, read_json_object, write_bytes

_REF_HELP = "İrsaliyenin ETTN'si ya da numarası"


def register(sub: argparse._SubParsersAction) -> None:
    dsp = sub.add_parser("despatch", help="e-İrsaliyeler").add_subparsers(
        dest="action", metavar="İŞLEM", required=True)
    p = dsp.add_parser("new", help="JSON dosyasından taslak irsaliye oluştur (ETTN yazar)",
                       description="Taslak e-İrsaliye oluşturur (JSON biçimi: "
                       "docs/despatch-json.md). 'series' yazılmazsa firmanın irsaliye serisi "
                       "(despatch_series, yoksa IRS) kullanılır.")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=despatch_new)
    p = dsp.add_parser("update", help="Taslak irsaliyeyi JSON dosyasıyla güncelle")
    p.add_argument("ettn")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=despatch_update)
    p = dsp.add_parser("issue", help="Taslağı kes: numara ver, imzala, doğrula, sakla")
    p.add_argument("ettn", nargs="+")
    p.add_argument("--no-sign", action="store_true",
                   help="İmzasız geliştirme kopyası (GİB'e gönderilemez)")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN",
                   help="PIN'i (ya da PKCS#12 parolasını) bu ortam değişkeninden oku")
    p.set_defaults(func=despatch_issue)
    p = dsp.add_parser("delete", help="Taslak irsaliyeleri sil (kesilmiş irsaliye silinmez)")
    p.add_argument("ettn", nargs="+", metavar="ETTN")
    p.set_defaults(func=despatch_delete)
    p = dsp.add_parser("show", help="İrsaliyeyi göster")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=despatch_show)
    p = dsp.add_parser("list", help="İrsaliyeleri listele")
    p.add_argument("--search", default="", metavar="METİN",
                   help="Numara, alıcı, VKN/TCKN ya da ETTN")
    p.add_argument("--status", default=None, metavar="DURUM",
                   help="Yalnız bu durumdakiler (draft, issued …)")
    p.add_argument("--limit", type=int, default=200, metavar="SAYI")
    p.add_argument("--incoming", action="store_true",
                   help="Yalnız gelen irsaliyeler (size gönderilenler)")
    p.add_argument("--not-invoiced", action="store_true",
                   help="Yalnız henüz faturalanmamış kesilmiş irsaliyeler")
    p.add_argument("--customer", default=None, metavar="VKN/TCKN",
                   help="--not-invoiced ile: yalnız bu alıcının irsaliyeleri")
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=despatch_list)
    for name, what in (("xml", "XML'ini"), ("pdf", "PDF'ini"),
                       ("html", "GİB'in irsaliye görünümünü (HTML)")):
        p = dsp.add_parser(name, help=f"Kesilmiş irsaliyenin {what} yaz")
        p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
        p.add_argument("--out", required=True, metavar="DOSYA")
        p.set_defaults(func=despatch_file, kind=name)
    p = dsp.add_parser("from-invoice", help="Faturadan irsaliye hazırla",
                       description="Faturanın alıcısı, kalemleri ve siparişiyle doldurulmuş "
                       "irsaliye JSON'unu yazar (--out, yoksa ekrana); taşıma bilgileri "
                       "(taşıyan firma ya da şoför ve plaka) --shipment ile verilirse "
                       "doğrudan taslak oluşturur ve ETTN'sini yazar.")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help="Faturanın ETTN'si ya da numarası")
    p.add_argument("--shipment", metavar="DOSYA",
                   help="Taşıma bilgileri JSON'u (irsaliye JSON'undaki 'shipment' nesnesi)")
    p.add_argument("--out", metavar="DOSYA", help="Hazırlanan irsaliye JSON'unu bu dosyaya yaz")
    p.set_defaults(func=despatch_from_invoice)
    despatch_answer.register(dsp)


def despatch_new(args: argparse.Namespace) -> int:
    from app.usecases import despatches

    print(despatches.create_draft(context(args), read_json_object(args.json, "irsaliye")))
    return 0


def despatch_update(args: argparse.Namespace) -> int:
    from app.usecases import despatches

    despatches.update_draft(context(args), args.ettn, read_json_object(args.json, "irsaliye"))
    print("Taslak güncellendi.")
    return 0


def despatch_issue(args: argparse.Namespace) -> int:
    from app.cli.commands.invoice import _secret
    from app.usecases import despatches

    ctx = context(args)
    secret = None
    if not args.no_sign:
        from app.usecases.signing import signer_kind

        secret = _secret(args, signer_kind(ctx))
    for result in despatches.issue_despatches(ctx, args.ettn, secret, sign=not args.no_sign):
        print(result.number)
    return 0


def despatch_delete(args: argparse.Namespace) -> int:
    from app.usecases import despatches

    ctx = context(args)
    for ettn in despatches.delete_drafts(ctx, [despatches.find_despatch(ctx, e)
                                               for e in args.ettn]):
        print(f"Taslak silindi: {ettn}")
    return 0


def _date(iso: str) -> str:
    from datetime import date

    return f"{date.fromisoformat(iso):%d.%m.%Y}"


def despatch_show(args: argparse.Namespace) -> int:
    from app.usecases import despatches

    ctx = context(args)
    from app.usecases.despatch_sending import sending_of

    ettn = despatches.find_despatch(ctx, args.ettn)
    info = {**despatches.show_despatch(ctx, ettn), "sending": sending_of(ctx, ettn)}
    if args.as_json:
        print_json(info)
        return 0
    print(f"{info['number'] or '(taslak)'}  {info['status_name']}  ETTN {info['ettn']}")
    print(f"{info['profile']} / {info['type']}  {_date(info['issue_date'])} "
          f"{info['issue_time']}  Sevk: {_date(info['despatch_date'])} "
          f"{info['despatch_time']}")
    print(f"Alıcı: {info['receiver_name']} ({info['receiver_vkn_tckn']})")
    for i, line in enumerate(info["data"].get("lines", []), start=1):
        print(f"  {i}. {line.get('name')}: {line.get('quantity')} {line.get('unit')}")
    despatch_answer.print_exchange(info)
    despatch_answer.print_sending(info["sending"])
    return 0


def despatch_list(args: argparse.Namespace) -> int:
    from app.usecases import despatches

    if args.not_invoiced:
        from app.usecases.despatch_invoicing import not_invoiced_despatches

        rows = not_invoiced_despatches(context(args), args.customer)
    else:
        rows = despatches.list_despatches(context(args), search=args.search,
                                          status=args.status, limit=args.limit,
                                          direction="in" if args.incoming else None)
    if args.as_json:
        print_json(rows)
        return 0
    if not rows:
        print("Faturalanmamış irsaliye yok." if args.not_invoiced else "İrsaliye yok.")
        return 0
    print(f"{'Numara':<17} {'Tarih':<10}  {'Durum':<14} {'ETTN':<36}  Alıcı / Gönderen")
    for r in rows:
        party = (f"← {r['sender_name']}" if r["direction"] == "in" else r["receiver_name"])
        print(f"{(r['number'] or '(taslak)'):<17} {_date(r['issue_date'])}  "
              f"{r['status_name']:<14} {r['ettn']:<36}  {party}")
    return 0


def despatch_file(args: argparse.Namespace) -> int:
    from app.usecases import despatches

    ctx = context(args)
    ettn = despatches.find_despatch(ctx, args.ettn)
    if args.kind == "xml":
        data = despatches.despatch_xml(ctx, ettn)
    elif args.kind == "pdf":
        data = despatches.despatch_pdf(ctx, ettn)
    else:
        data = despatches.despatch_html(ctx, ettn).encode("utf-8")
    write_bytes(args.out, data)
    print(f"{args.kind.upper()} yazıldı: {args.out} (ETTN {ettn})")
    return 0


def despatch_from_invoice(args: argparse.Namespace) -> int:
    import json

    from app.usecases import despatches

    ctx = context(args)
    if args.shipment:
        shipment = read_json_object(args.shipment, "taşıma bilgileri")
        print(despatches.create_draft_from_invoice(ctx, args.ettn, shipment))
        return 0
    data = despatches.draft_json_from_invoice(ctx, args.ettn)
    if args.out:
        write_bytes(args.out, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
        print(f"İrsaliye JSON'u yazıldı: {args.out}. Taşıma bilgilerini ('shipment') "
              "doldurup 'tezgah despatch new --json' ile taslak oluşturun.")
    else:
        print_json(data)
    return 0
