"""``tezgah invoice …`` and ``tezgah import``."""

from __future__ import annotations

import argparse
import os
from contextlib import nullcontext

from app.cli.io import context, print_json, read_json_object, write_bytes
from app.domain.errors import UserError

# Where an invoice is named: its ETTN or its number (ABC2026000000001).
_REF_HELP = "Faturanın ETTN'si ya da numarası"
# The envelope states of the outbox (app.outbox.states), as the window names them.
ENVELOPE_STATES = {
    "ready": "Gönderime hazır", "sending": "Gönderiliyor", "retry": "Yeniden denenecek",
    "sent": "Gönderildi", "processing": "GİB'de işleniyor", "completed": "Tamamlandı",
    "failed": "Hata",
}


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
    p = inv.add_parser("from-despatch", help="İrsaliyelerden taslak fatura oluştur (ETTN yazar)",
                       description="Aynı alıcıya kesilmiş irsaliyelerin kalemleriyle (irsaliye "
                       "kalemi başına bir fatura kalemi) ve her irsaliyenin numarası ve "
                       "tarihiyle taslak fatura oluşturur.")
    p.add_argument("ettn", nargs="+", metavar="ETTN|NUMARA",
                   help="İrsaliyenin ETTN'si ya da numarası")
    p.add_argument("--profile", default="TEMELFATURA", metavar="SENARYO",
                   help="Faturanın senaryosu (TEMELFATURA, TICARIFATURA, EARSIVFATURA …)")
    p.set_defaults(func=invoice_from_despatch)
    p = inv.add_parser("issue", help="Taslağı kes: numara ver, imzala, doğrula, sakla")
    p.add_argument("ettn", nargs="+")
    p.add_argument("--no-sign", action="store_true",
                   help="İmzasız geliştirme kopyası (GİB'e gönderilemez)")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN",
                   help="PIN'i (ya da PKCS#12 parolasını) bu ortam değişkeninden oku")
    p.set_defaults(func=invoice_issue)
    p = inv.add_parser("delete", help="Taslakları sil (kesilmiş fatura asla silinmez)",
                       description="Taslakları siler. Kesilmiş bir faturanın numarası "
                       "kullanılmıştır ve belge Vergi Usul Kanunu gereği saklanmalıdır; "
                       "kesilmiş ya da gelen fatura silinemez.")
    p.add_argument("ettn", nargs="+", metavar="ETTN", help="Silinecek taslağın ETTN'si")
    p.set_defaults(func=invoice_delete)
    p = inv.add_parser("xml", help="Kesilmiş faturanın XML'ini yaz")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--out", required=True, metavar="DOSYA")
    p.set_defaults(func=invoice_xml)
    p = inv.add_parser("show", help="Faturayı göster")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=invoice_show)
    p = inv.add_parser("list", help="Faturaları listele")
    p.add_argument("--search", default="", metavar="METİN",
                   help="Numara, müşteri, VKN/TCKN, ETTN ya da tutar")
    p.add_argument("--status", default=None, metavar="DURUM",
                   help="Yalnız bu durumdakiler (draft, issued, queued, sent, processing, "
                   "completed, failed, received, cancelled)")
    p.add_argument("--limit", type=int, default=200, metavar="SAYI", help="En çok kaç fatura")
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=invoice_list)
    p = inv.add_parser("pdf", help="Kesilmiş faturanın PDF'ini yaz")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--out", required=True, metavar="DOSYA")
    p.set_defaults(func=invoice_pdf)

    p = inv.add_parser("status", help="Faturanın GİB'e gönderim durumu ve geçmişi")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=invoice_status_cmd)
    p = inv.add_parser("cancel", help="Kesilmiş e-Arşiv faturasını iptal et (İPTAL)",
                       description="Kesilmiş bir e-Arşiv faturasını iptal eder: numarası ve "
                       "imzalı XML'i saklanır, numara yeniden kullanılmaz, iptal o günün "
                       "e-Arşiv raporunda GİB'e bildirilir. e-Fatura burada iptal edilmez; "
                       "nasıl yapılacağı söylenir. Uygulanan kural ve kaynağı yazılır.")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--reason", required=True, metavar="METİN", help="İptal nedeni (zorunlu)")
    p.set_defaults(func=invoice_cancel)

    p = inv.add_parser("email", help="e-Arşiv faturasını alıcıya e-postayla (yeniden) gönder")
    p.add_argument("ettn", metavar="ETTN|NUMARA", help=_REF_HELP)
    p.add_argument("--to", default=None, metavar="ADRES",
                   help="Bu adrese gönder (verilmezse müşterinin e-posta adresi)")
    p.set_defaults(func=invoice_email)

    p = sub.add_parser("import", help="UBL-TR fatura, e-İrsaliye ya da irsaliye yanıtı "
                                      "XML'ini gelen belge olarak içe al ve imzasını doğrula "
                                      "(imza geçerli değilse çıkış kodu 1)")
    p.add_argument("file", metavar="DOSYA.xml",
                   help="Gelen fatura, irsaliye ya da irsaliye yanıtı XML dosyası")
    p.add_argument("--json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=import_file)


def invoice_new(args: argparse.Namespace) -> int:
    from app.usecases import invoices

    print(invoices.create_draft(context(args), read_json_object(args.json, "fatura")))
    return 0


def invoice_update(args: argparse.Namespace) -> int:
    from app.usecases import invoices

    invoices.update_draft(context(args), args.ettn, read_json_object(args.json, "fatura"))
    print("Taslak güncellendi.")
    return 0


def invoice_from_despatch(args: argparse.Namespace) -> int:
    from app.usecases.despatch_invoicing import invoice_draft_from_despatches
    from app.usecases.despatches import find_despatch

    ctx = context(args)
    ettns = [find_despatch(ctx, ref) for ref in args.ettn]
    print(invoice_draft_from_despatches(ctx, ettns, profile=args.profile))
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
    from app.usecases import invoices

    ctx = context(args)
    if args.no_sign:
        signing = nullcontext(None)
    else:
        from app.usecases.signing import company_signer, signer_kind

        signing = company_signer(ctx, _secret(args, signer_kind(ctx)))
    with signing as sign:
        issuer = invoices.DraftIssuer(ctx, sign)  # company and GİB rules taken once
        for i, ettn in enumerate(args.ettn):
            following = args.ettn[i + 1] if i + 1 < len(args.ettn) else None
            print(issuer.issue(ettn, next_ettn=following).number)
    return 0


def invoice_delete(args: argparse.Namespace) -> int:
    from app.usecases import invoices

    ctx = context(args)
    # A number names an issued invoice: it is found, so that the refusal says why.
    deleted = invoices.delete_drafts(ctx, [invoices.find_ettn(ctx, e) for e in args.ettn])
    for ettn in deleted.ettns:
        print(f"Taslak silindi: {ettn}")
    return 0


def invoice_xml(args: argparse.Namespace) -> int:
    from app.domain.money import format_count_tr
    from app.usecases import invoices

    ctx = context(args)
    ettn = invoices.find_ettn(ctx, args.ettn)
    data = invoices.invoice_xml(ctx, ettn)
    write_bytes(args.out, data)
    print(f"XML yazıldı: {args.out} ({format_count_tr(len(data))} bayt, ETTN {ettn})")
    return 0


def _date(iso: str) -> str:
    """``2026-11-29`` (or an ISO date and time) → ``29.11.2026`` (``29.11.2026 10:15``)."""
    from datetime import date, datetime

    if not iso:
        return ""
    if "T" in iso:
        return f"{datetime.fromisoformat(iso):%d.%m.%Y %H:%M}"
    return f"{date.fromisoformat(iso):%d.%m.%Y}"


def _money(amount: str, currency: str) -> str:
    from decimal import Decimal

    from app.domain.money import format_money

    return format_money(Decimal(amount), currency)


def invoice_show(args: argparse.Namespace) -> int:
    from app.usecases import invoices

    ctx = context(args)
    info = invoices.show_invoice(ctx, invoices.find_ettn(ctx, args.ettn))
    cancelled = _cancellation(ctx, info)
    if args.as_json:
        print_json({**info, "cancellation": cancelled} if cancelled else info)
        return 0
    print(f"{info['number'] or '(taslak)'}  {info['status_name']}  ETTN {info['ettn']}")
    print(f"{info['profile']} / {info['type']}  {_date(info['issue_date'])} "
          f"{info['issue_time']}")
    who = "Satıcı" if info["direction"] == "in" else "Müşteri"
    print(f"{who}: {info['customer_name']} ({info['customer_vkn_tckn']})")
    print(f"Matrah: {_money(info['tax_exclusive'], info['currency'])}  "
          f"Vergiler: {_money(info['tax_total'], info['currency'])}  "
          f"Ödenecek: {_money(info['payable'], info['currency'])}")
    if info["signature_verdict"]:
        print(info["signature_verdict"])
    if cancelled:
        by = f" ({cancelled['cancelled_by']})" if cancelled["cancelled_by"] else ""
        print(f"İPTAL: {_date(cancelled['cancelled_at'])}{by} — Neden: {cancelled['reason']}")
    for e in info["events"]:
        code = f"{e['code']} " if e["code"] else ""
        print(f"  {_date(e['at'])}  {code}{e['message']}")
    return 0


def invoice_list(args: argparse.Namespace) -> int:
    from app.usecases import invoices

    rows = invoices.list_invoices(context(args), search=args.search, status=args.status,
                                  limit=args.limit)
    if args.as_json:
        print_json(rows)
        return 0
    if not rows:
        print("Fatura yok.")
        return 0
    print(f"{'Numara':<17} {'Tarih':<10}  {'Durum':<17} {'Tutar':>18}  {'ETTN':<36}  Müşteri")
    for r in rows:
        print(f"{(r['number'] or '(taslak)'):<17} {_date(r['issue_date'])}  "
              f"{r['status_name']:<17} {_money(r['payable'], r['currency']):>18}  "
              f"{r['ettn']:<36}  {r['customer_name']}")
    return 0


def invoice_email(args: argparse.Namespace) -> int:
    from app.usecases import invoices
    from app.usecases.email_delivery import send_invoice_email

    ctx = context(args)
    result = send_invoice_email(ctx, invoices.find_ettn(ctx, args.ettn), to=args.to)
    if result["sent"]:
        print(f"{result['number']}: e-posta ile gönderildi: {result['to']}")
        return 0
    last = result["events"][-1]["message"] if result["events"] else ""
    print(f"{result['number']}: e-posta giden kutusunda bekliyor ({result['to']}). {last}")
    return 1


def invoice_pdf(args: argparse.Namespace) -> int:
    from app.usecases import invoices
    from app.usecases.printing import invoice_pdf_bytes

    ctx = context(args)
    write_bytes(args.out, invoice_pdf_bytes(ctx, invoices.find_ettn(ctx, args.ettn)))
    print(f"PDF yazıldı: {args.out}")
    return 0


def import_file(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.usecases.importing import import_xml

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path} okunamadı: {exc.strerror}") from None
    result = import_xml(context(args), data)
    if result["kind"] != "invoice":  # an e-İrsaliye or irsaliye yanıtı
        if args.as_json:
            print_json(result)
        else:
            print(f"İçe alındı: {result['kind_name']} {result['number']} — "
                  f"{result['sender_name']} (ETTN {result['ettn']})")
            print(result["signature_verdict"])
            if result["note"]:
                print(result["note"])
        return 0 if result["signature_valid"] else 1
    if args.as_json:
        print_json(result)
    else:
        print(f"İçe alındı: {result['number']} — {result['supplier_name']} — "
              f"{_money(result['payable'], result['currency'])} (ETTN {result['ettn']})")
        print(result["signature_verdict"])
    if result["ettn_clash"]:
        import sys

        print(f"Uyarı: ETTN {result['ettn']} başka bir belgede de kayıtlı "
              f"({result['ettn_clash']}). ETTN her belgede tek olmalıdır; bu belge arşive "
              "alındı ama göndericiyle kontrol edin.", file=sys.stderr)
    # The document is archived either way (it is evidence); 1 says its signature is not
    # valid or its ETTN is already another document's.
    return 0 if result["signature_valid"] and not result["ettn_clash"] else 1


def invoice_status_cmd(args: argparse.Namespace) -> int:
    from app.usecases import invoices
    from app.usecases.sending import invoice_status

    ctx = context(args)
    info = invoice_status(ctx, invoices.find_ettn(ctx, args.ettn))
    answer = _customer_answer(info["events"])
    if args.as_json:
        print_json({**info, "customer_answer": answer})
        return 0
    print(f"{info['number'] or '(taslak)'}  {info['status_name']}  ETTN {info['ettn']}")
    if answer:
        reason = f" — Neden: {answer['reason']}" if answer["reason"] else ""
        print(f"  Müşteri yanıtı: {answer['code']} ({_date(answer['at'])}){reason}")
    for env in info["envelopes"]:
        state = ENVELOPE_STATES.get(env["state"], env["state"])
        print(f"  Zarf {env['uuid']}: {state} (deneme {env['attempts']}, "
              f"GİB durum kodu {env['gib_status'] or '-'}) {env['message']}".rstrip())
    for e in info["events"]:
        code = f"{e['code']} " if e["code"] else ""
        print(f"  {_date(e['at'])}  {code}{e['message']}")
    return 0


def _customer_answer(events: list[dict]) -> dict | None:  # type: ignore[type-arg]
    """The customer's KABUL / RED of a TICARIFATURA (the latest such event), or None."""
    for e in reversed(events):
        if e["kind"] in ("customer-accepted", "customer-rejected"):
            code = e["code"] or ("KABUL" if e["kind"] == "customer-accepted" else "RED")
            return {"code": code, "reason": (e["data"] or {}).get("reason", ""),
                    "at": e["at"]}
    return None


def _cancellation(ctx, info: dict) -> dict | None:  # type: ignore[no-untyped-def, type-arg]
    """When, why and by whom a cancelled invoice was cancelled (``invoice show``)."""
    from app.domain.status import Status
    from app.usecases.cancellation import cancellation_of

    if info["status"] != Status.CANCELLED:
        return None
    c = cancellation_of(ctx, info["ettn"])
    if c is None:
        return None
    return {"cancelled_at": c.cancelled_at.isoformat(timespec="seconds"), "reason": c.reason,
            "cancelled_by": c.cancelled_by, "via": c.via}


def invoice_cancel(args: argparse.Namespace) -> int:
    from app.usecases.cancellation import cancel_invoice

    result = cancel_invoice(context(args), args.ettn, args.reason, via="cli")
    print(f"{result.number} numaralı e-Arşiv faturası iptal edildi "
          f"({result.cancelled_at:%d.%m.%Y %H:%M}). Neden: {result.reason}")
    print(f"{result.cancelled_at:%d.%m.%Y} günü e-Arşiv raporunda \"faturaIptal\" olarak "
          "bildirilecek.")
    print(f"Uygulanan kural: {result.rule}")
    return 0
