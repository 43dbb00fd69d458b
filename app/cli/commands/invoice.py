"""``tezgah invoice …`` and ``tezgah import``."""

from __future__ import annotations

import argparse
import os
from contextlib import nullcontext

from app.cli.io import context, print_json, read_json_object, write_bytes
from app.domain.errors import UserError
from app.domain.money import format_decimal_tr
from app.usecases import invoices


def register(sub: argparse._SubParsersAction) -> None:
    inv = sub.add_parser("invoice", help="Faturalar").add_subparsers(
        dest="action", metavar="İŞLEM", required=True)
    p = inv.add_parser("new", help="JSON dosyasından taslak fatura oluştur (ETTN yazar)")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=invoice_new)
    p = inv.add_parser("update", help="Taslağı JSON dosyasıyla güncelle")
    p.add_argument("ettn")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=invoice_update)
    p = inv.add_parser("issue", help="Taslağı kes: numara ver, imzala, doğrula, sakla")
    p.add_argument("ettn", nargs="+")
    p.add_argument("--no-sign", action="store_true",
                   help="İmzasız geliştirme kopyası (GİB'e gönderilemez)")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN",
                   help="PIN'i (ya da PKCS#12 parolasını) bu ortam değişkeninden oku")
    p.set_defaults(func=invoice_issue)
    p = inv.add_parser("xml", help="Kesilmiş faturanın XML'ini yaz")
    p.add_argument("ettn")
    p.add_argument("--out", required=True, metavar="DOSYA")
    p.set_defaults(func=invoice_xml)
    p = inv.add_parser("show", help="Faturayı göster")
    p.add_argument("ettn")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=invoice_show)
    p = inv.add_parser("list", help="Faturaları listele")
    p.add_argument("--search", default="")
    p.add_argument("--status", default=None)
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=invoice_list)
    p = inv.add_parser("pdf", help="Kesilmiş faturanın PDF'ini yaz")
    p.add_argument("ettn")
    p.add_argument("--out", required=True, metavar="DOSYA")
    p.set_defaults(func=invoice_pdf)

    p = inv.add_parser("status", help="Faturanın GİB'e gönderim durumu ve geçmişi")
    p.add_argument("ettn")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=invoice_status_cmd)

    p = sub.add_parser("import", help="UBL-TR fatura XML'ini gelen fatura olarak içe al ve "
                                      "imzasını doğrula (imza geçerli değilse çıkış kodu 1)")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=import_file)


def invoice_new(args: argparse.Namespace) -> int:
    print(invoices.create_draft(context(args), read_json_object(args.json, "fatura")))
    return 0


def invoice_update(args: argparse.Namespace) -> int:
    invoices.update_draft(context(args), args.ettn, read_json_object(args.json, "fatura"))
    print("Taslak güncellendi.")
    return 0


def _secret(args: argparse.Namespace, kind: str | None):  # type: ignore[no-untyped-def]
    """How the signer gets its secret: a card PIN through ``TerminalPin`` (hidden prompt or
    ``--pin-env``, with the card's retry warning and never an unattended last try); a
    PKCS#12 password from ``--pin-env``; nothing for the demo certificate."""
    if kind == "pkcs11":
        from app.usecases.signers import TerminalPin

        return TerminalPin(args.pin_env)
    if args.pin_env:
        value = os.environ.get(args.pin_env)
        if value is None:
            raise UserError(f"{args.pin_env} ortam değişkeni tanımlı değil.")
        return value
    return None


def invoice_issue(args: argparse.Namespace) -> int:
    ctx = context(args)
    if args.no_sign:
        signing = nullcontext(None)
    else:
        from app.usecases.signing import company_signer, signer_kind

        signing = company_signer(ctx, _secret(args, signer_kind(ctx)))
    with signing as sign:
        for ettn in args.ettn:
            result = invoices.issue_invoice(ctx, ettn, sign=sign)
            print(result.number)
    return 0


def invoice_xml(args: argparse.Namespace) -> int:
    write_bytes(args.out, invoices.invoice_xml(context(args), args.ettn))
    return 0


def invoice_show(args: argparse.Namespace) -> int:
    info = invoices.show_invoice(context(args), args.ettn)
    if args.as_json:
        print_json(info)
        return 0
    print(f"{info['number'] or '(taslak)'}  {info['status_name']}  ETTN {info['ettn']}")
    print(f"{info['profile']} / {info['type']}  {info['issue_date']} {info['issue_time']}")
    print(f"Müşteri: {info['customer_name']} ({info['customer_vkn_tckn']})")
    from decimal import Decimal

    print(f"Ödenecek: {format_decimal_tr(Decimal(info['payable']))} {info['currency']}")
    for e in info["events"]:
        print(f"  {e['at']}  {e['kind']:<16} {e['code']:<5} {e['message']}")
    return 0


def invoice_list(args: argparse.Namespace) -> int:
    rows = invoices.list_invoices(context(args), search=args.search, status=args.status,
                                  limit=args.limit)
    if args.as_json:
        print_json(rows)
        return 0
    from decimal import Decimal

    for r in rows:
        print(f"{(r['number'] or '(taslak)'):<17} {r['issue_date']}  {r['status_name']:<17} "
              f"{format_decimal_tr(Decimal(r['payable'])):>14} {r['currency']}  "
              f"{r['customer_name']}")
    return 0


def invoice_pdf(args: argparse.Namespace) -> int:
    from app.usecases.printing import invoice_pdf_bytes

    write_bytes(args.out, invoice_pdf_bytes(context(args), args.ettn))
    print(f"PDF yazıldı: {args.out}")
    return 0


def import_file(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.usecases.importing import import_invoice_xml

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path} okunamadı: {exc.strerror}") from None
    result = import_invoice_xml(context(args), data)
    if args.as_json:
        print_json(result)
    else:
        print(f"İçe alındı: {result['number']} — {result['supplier_name']} — "
              f"{result['payable']} {result['currency']} (ETTN {result['ettn']})")
        print(result["signature_verdict"])
    # The document is archived either way (it is evidence); 1 says its signature is not valid.
    return 0 if result["signature_valid"] else 1


def invoice_status_cmd(args: argparse.Namespace) -> int:
    from app.cli.commands.outbox import show_status

    return show_status(args)
