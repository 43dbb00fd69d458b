"""``tezgah inbox …``: the Gelen Kutusu — invoices the posta kutusu received, their signed
originals and PDFs, the received envelopes, and our KABUL / RED answers."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from app.cli.commands.invoice import _date, _money, _secret
from app.cli.io import context, print_json, write_bytes
from app.domain.errors import UserError

_ETTN_HELP = "Gelen faturanın ETTN'si"


def register(sub: argparse._SubParsersAction) -> None:
    box = sub.add_parser(
        "inbox", help="Gelen Kutusu: gelen faturalar, KABUL/RED yanıtları, gelen zarflar",
    ).add_subparsers(dest="inbox_cmd", metavar="İŞLEM")
    box.required = True
    p = box.add_parser("list", help="Gelen faturaları listele (okunmamışlar * ile, önce)")
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=inbox_list)
    p = box.add_parser("show", help="Gelen faturayı göster (okundu olarak işaretlenir)")
    p.add_argument("ettn", metavar="ETTN", help=_ETTN_HELP)
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=inbox_show)
    p = box.add_parser("pdf", help="Gelen faturanın PDF'ini yaz")
    p.add_argument("ettn", metavar="ETTN", help=_ETTN_HELP)
    p.add_argument("--out", required=True, metavar="DOSYA")
    p.set_defaults(func=inbox_pdf)
    p = box.add_parser("xml", help="Gelen faturanın imzalı aslını (değiştirilmeden) yaz")
    p.add_argument("ettn", metavar="ETTN", help=_ETTN_HELP)
    p.add_argument("--out", required=True, metavar="DOSYA")
    p.set_defaults(func=inbox_xml)
    p = box.add_parser(
        "respond", help="Ticari faturaya KABUL ya da RED yanıtı ver (8 gün içinde, bir kez)",
        description="TICARIFATURA senaryosundaki gelen faturaya KABUL ya da RED yanıtı verir: "
        "yanıt mali mühür/e-imza ile imzalanır ve gönderilmek üzere giden kutusuna konur. "
        "Yanıt faturanın alınmasından sonra 8 gün içinde ve yalnızca bir kez verilebilir.")
    p.add_argument("ettn", metavar="ETTN", help=_ETTN_HELP)
    answer = p.add_mutually_exclusive_group(required=True)
    answer.add_argument("--accept", action="store_true", help="Faturayı kabul et (KABUL)")
    answer.add_argument("--reject", action="store_true",
                        help="Faturayı reddet (RED; --reason zorunlu)")
    p.add_argument("--reason", default="", metavar="METİN", help="Red nedeni")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN",
                   help="Kart PIN'ini (ya da PKCS#12 parolasını) bu ortam değişkeninden oku")
    p.set_defaults(func=inbox_respond)
    p = box.add_parser("envelopes", help="Gelen zarflar ve GİB'e verilen sistem yanıtı kodları")
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=inbox_envelopes)
    p = box.add_parser(
        "pull", help="Başka bir bilgisayardaki posta kutusu servisinden gelenleri al",
        description="Posta kutusu servisi bu bilgisayarla aynı veri klasörünü kullanmıyorsa "
        "gelen zarfları servisin API'sinden alır (kaldığı yerden; hiçbir şey iki kez "
        "alınmaz). Adres ve anahtar ilk verildiğinde hatırlanır (anahtar yalnızca bu "
        "bilgisayarın özel dosyasında). Bundan sonra KABUL/RED yanıtları da servis üzerinden "
        "gönderilir.")
    p.add_argument("--from", dest="url", metavar="URL",
                   help="Servisin adresi (ör. https://pk.firma.com.tr); ilk seferde gerekli")
    p.add_argument("--token-env", metavar="DEGISKEN",
                   help="API anahtarını bu ortam değişkeninden oku (serviste 'tezgah postbox "
                   "token new' ile üretilir)")
    p.add_argument("--ca", metavar="PEM", help="Servisin sertifikası için ek kök sertifika")
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=inbox_pull)


def _deadline(item: dict[str, Any]) -> str:
    """``8 gün`` / ``bugün`` / ``doldu`` for an answer still to give; ``-`` otherwise."""

    from app import clock

    if not item["answerable"] or item["answer"] or not item["answer_due"]:
        return "-"
    days = item["days_left"]
    if days is None or days < 0 or clock.local_now() > datetime.fromisoformat(item["answer_due"]):
        return "doldu"
    return "bugün" if days == 0 else f"{days} gün"


def _signature(item: dict[str, Any]) -> str:
    if item["signature_valid"] is None:
        return "denetlenmedi"
    return "geçerli" if item["signature_valid"] else "GEÇERSİZ"


def inbox_list(args: argparse.Namespace) -> int:
    from app.usecases import inbox

    rows = inbox.list_inbox(context(args))
    if args.as_json:
        print_json(rows)
        return 0
    if not rows:
        print("Gelen kutusu boş.")
        return 0
    table = [("", "ETTN", "Gönderen", "Fatura No", "Tarih", "Tutar", "Senaryo", "İmza",
              "Yanıt", "Son gün")]
    for r in rows:
        table.append(("" if r["read"] else "*", r["ettn"], r["sender_name"],
                      r["number"] or "", _date(r["issue_date"]),
                      _money(r["payable"], r["currency"]), r["profile"], _signature(r),
                      r["answer"] or "-", _deadline(r)))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    right = {5}  # amounts to the right
    for row in table:
        cells = [cell.rjust(w) if i in right else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells).rstrip())
    unread = sum(1 for r in rows if not r["read"])
    print(f"{len(rows)} fatura, {unread} okunmamış.")
    return 0


def _number(text: str) -> str:
    """``2.500000`` → ``2,5``: a quantity or a rate without its trailing zeros."""
    from decimal import Decimal, InvalidOperation

    from app.domain.money import format_decimal_tr

    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError):
        return str(text)
    places = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_decimal_tr(value, places)


def inbox_show(args: argparse.Namespace) -> int:
    from app.usecases import inbox

    info = inbox.show(context(args), args.ettn)
    if args.as_json:
        print_json(info)
        return 0
    cur = info["currency"]
    print(f"{info['number']}  {info['profile']} / {info['type']}  ETTN {info['ettn']}")
    print(f"Gönderen: {info['sender_name']} ({info['sender_vkn_tckn']})")
    print(f"Fatura tarihi: {_date(info['issue_date'])} {info['issue_time'] or ''}".rstrip())
    print(f"Alındı: {_date(info['received_at'])}"
          + (f" (zarf {info['envelope']})" if info["envelope"] else ""))
    print(info["signature_verdict"])
    print("Satırlar:")
    for n, ln in enumerate(info["lines"], 1):
        print(f"  {n}. {ln['name']} — {_number(ln['quantity'])} {ln['unit']} × "
              f"{_money(ln['unit_price'], cur)} = {_money(ln['net'], cur)} "
              f"(KDV %{_number(ln['kdv_rate'])}: {_money(ln['kdv_amount'], cur)})")
    print(f"Matrah: {_money(info['tax_exclusive'], cur)}  "
          f"Vergiler: {_money(info['tax_total'], cur)}  "
          f"Ödenecek: {_money(info['payable'], cur)}")
    for note in info["notes"]:
        print(f"Not: {note}")
    if info["answer"]:
        when = f" ({_date(info['answered_at'])})" if info["answered_at"] else ""
        reason = f" — Neden: {info['answer_reason']}" if info["answer_reason"] else ""
        print(f"Yanıt: {info['answer']} — {info['answer_name']}{when}{reason}")
    elif info["answerable"]:
        state = _deadline(info)
        due = _date(info["answer_due"]) if info["answer_due"] else "-"
        left = "süre doldu" if state == "doldu" else f"kalan: {state}"
        print(f"Yanıt verilmedi. Son gün: {due} ({left}); 'tezgah inbox respond "
              f"{info['ettn']} --accept' ya da '--reject --reason …'")
    else:
        print(f"{info['profile']} faturasına KABUL/RED yanıtı verilmez.")
    if info["events"]:
        print("Geçmiş:")
    for e in info["events"]:
        code = f"{e['code']} " if e["code"] and not e["message"].startswith(e["code"]) else ""
        print(f"  {_date(e['at'])}  {code}{e['message']}")
    return 0


def inbox_pdf(args: argparse.Namespace) -> int:
    from app.usecases import inbox

    write_bytes(args.out, inbox.pdf(context(args), args.ettn))
    print(f"PDF yazıldı: {args.out}")
    return 0


def inbox_xml(args: argparse.Namespace) -> int:
    from app.domain.money import format_count_tr as bytes_tr
    from app.usecases import inbox

    data = inbox.original(context(args), args.ettn)
    write_bytes(args.out, data)
    print(f"İmzalı asıl yazıldı: {args.out} ({bytes_tr(len(data))} bayt, ETTN {args.ettn})")
    return 0


def inbox_respond(args: argparse.Namespace) -> int:
    from app.usecases import inbox

    if args.reject and not args.reason.strip():
        raise UserError("Faturayı reddetmek için --reason ile bir red nedeni yazılmalı.")
    from app.usecases.signing import signer_kind

    ctx = context(args)
    result = inbox.respond(ctx, args.ettn, accept=args.accept, reason=args.reason,
                           secret=_secret(args, signer_kind(ctx)))
    reason = f" Neden: {result['reason']}" if result["reason"] else ""
    print(f"{result['answer']} yanıtı imzalandı ve verildi (ETTN {result['ettn']}).{reason}")
    # Where it went: this computer's outbox, or a posta kutusu service elsewhere sends it.
    history = inbox.show(ctx, result["ettn"], mark_read=False)["events"]
    noted = [e["message"] for e in history if e["kind"] == "answered"]
    if noted:
        print(noted[-1])
    if not noted or "giden kutusunda" in noted[-1]:
        print("GİB'e göndermek için: tezgah sync")
    return 0


def inbox_envelopes(args: argparse.Namespace) -> int:
    from app.usecases import inbox

    rows = inbox.envelopes(context(args))
    if args.as_json:
        print_json(rows)
        return 0
    if not rows:
        print("Gelen zarf yok.")
        return 0
    for r in rows:
        code = str(r["status_code"]) if r["status_code"] is not None else "----"
        sender = r["sender_name"] or r["sender_vkn_tckn"] or "?"
        print(f"{_date(r['received_at'])}  {code}  {r['type']:<16} {r['uuid']}  "
              f"{sender}  {r['documents']} belge")
        if r["description"]:
            print(f"    {r['description']}")
    return 0


def inbox_pull(args: argparse.Namespace) -> int:
    import os

    from app.usecases.postbox_api import pull

    token = None
    if args.token_env:
        token = os.environ.get(args.token_env, "").strip()
        if not token:
            raise UserError(f"{args.token_env} ortam değişkeni boş; API anahtarını oraya "
                            "yazın.")
    result = pull(context(args), args.url, token=token, ca_file=args.ca)
    if args.as_json:
        print_json(result)
        return 0
    print(f"{result['envelopes']} zarf alındı, {result['new']} tanesi yeni. Gelen kutusunda "
          f"{result['invoices']} fatura var.")
    return 0
