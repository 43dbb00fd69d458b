"""``tezgah sync``, ``tezgah outbox``, ``tezgah invoice-status`` (also ``invoice status``)."""

from __future__ import annotations

import argparse

from app.cli.commands.invoice import ENVELOPE_STATES
from app.cli.io import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="Giden kutusundakileri GİB'e gönder ve durumlarını izle")
    p.add_argument("--endpoint", metavar="URL", help="EFatura servis adresi (varsayılan: ayar)")
    p.add_argument("--once", action="store_true", help="Tek tur: gönder, bir kez sorgula, çık")
    p.add_argument("--timeout", type=float, default=60.0, help="Bağlantı zaman aşımı (saniye)")
    p.add_argument("--max-wait", type=float, default=900.0, metavar="SANİYE",
                   help="En çok bu kadar bekle; kalanlar giden kutusunda bir sonraki sefere kalır")
    p.add_argument("--response", metavar="DOSYA",
                   help="GİB'den başka yoldan alınan sistem yanıtı (SYSTEMENVELOPE) dosyasını uygula")
    p.set_defaults(func=run_sync)
    p = sub.add_parser("outbox", help="Gönderilmeyi bekleyenler ve nedenleri")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=show_outbox)


def run_sync(args: argparse.Namespace) -> int:
    if args.response:
        from pathlib import Path

        from app.domain.errors import UserError
        from app.usecases.sending import apply_system_response_file

        try:
            data = Path(args.response).read_bytes()
        except OSError as exc:
            raise UserError(f"{args.response} okunamadı: {exc.strerror}") from None
        for r in apply_system_response_file(context(args), data):
            state = f"durum {r['status']} uygulandı" if r["applied"] else r["message"]
            print(f"Zarf {r['envelope']}: {state}")
        return 0
    from app.usecases.earsiv import sync_with_reports

    work, report = sync_with_reports(context(args), endpoint_url=args.endpoint, once=args.once,
                                     timeout=args.timeout, max_seconds=args.max_wait)
    for r in work.prepared:
        print(f"e-Arşiv raporu hazırlandı: {r.day:%d.%m.%Y} (raporNo {r.rapor_no}, "
              f"{r.invoices} fatura, {r.cancellations} iptal)")
    if work.needs_card:
        days = ", ".join(f"{d:%d.%m.%Y}" for d in work.needs_card)
        print(f"e-Arşiv raporu kartınızı bekliyor: {days} — 'tezgah earsiv report --send' "
              "ile PIN'i girerek gönderin.")
    for problem in work.problems:
        print(f"  {problem}")
    print(f"Zarflanan: {report.packed}, gönderilen: {report.sent}, tamamlanan: "
          f"{report.completed}, hatalı: {report.failed}, bekleyen zarf: {report.retrying}")
    for message in dict.fromkeys(report.messages):
        print(f"  {message}")
    from app.usecases.postbox_api import pull_if_configured

    pulled = pull_if_configured(context(args), timeout=args.timeout)
    if pulled is not None:
        print(f"Posta kutusu servisinden: {pulled['new']} yeni zarf"
              + (f" — {pulled['error']}" if pulled.get("error") else ""))
    # Exit status for scripts: 1 when something could not be delivered — GİB refused or a
    # send failed for good, or (without --once) envelopes still wait when the run ends.
    if report.failed or (report.retrying and not args.once):
        import sys

        print("Bazı faturalar teslim edilemedi; ayrıntı için: tezgah outbox", file=sys.stderr)
        return 1
    return 0


def show_outbox(args: argparse.Namespace) -> int:
    from app.usecases.outcomes import outcome
    from app.usecases.sync import outbox_rows

    rows = outbox_rows(context(args))
    if args.as_json:
        print_json(rows)
        return 0
    if not rows:
        print("Giden kutusu boş.")
    ctx = context(args)
    for r in rows:
        when = f" — sonraki deneme {r['next_attempt'].replace('T', ' ')}" if r["next_attempt"] else ""
        state = ITEM_STATES.get(r["state"], r["state"])
        if r["envelope_state"] and not r.get("rejected"):
            state += f", zarf: {ENVELOPE_STATES.get(r['envelope_state'], r['envelope_state'])}"
        print(f"{r['kind_label']} {r['number'] or ''}  {r['customer'] or r['receiver']}  "
              f"[{state}]{when}")
        if r.get("rejected") and r["kind"] != "despatch-advice":  # outcomes: invoices
            found = outcome(ctx, r["ettn"])
            if found:
                print(f"    {found['text']}")
                steps = ", ".join(STEP_NAMES.get(x, x) for x in found["steps"])
                print(f"    Yapılabilecekler (Giden Kutusu'nda): {steps}")
                continue
        if r["problem"]:
            print(f"    {r['problem']}")
    return 0


# What a shop owner reads for the outbox's states (app.outbox.states) and next steps.
ITEM_STATES = {"waiting": "Gönderilmeyi bekliyor", "enveloped": "Zarfta",
               "done": "Gönderildi", "failed": "GİB reddetti", "handled": "Çözüldü"}
STEP_NAMES = {
    "resend_alias": "alıcı etiketini düzelt ve yeniden gönder",
    "resend": "yeni zarfla yeniden gönder",
    "new_copy": "düzeltip yeni fatura olarak kes",
    "earchive": "e-Arşiv olarak yeniden kes",
    "return": "iade faturası kes",
    "handled": "çözüldü olarak işaretle",
}


def show_status(args: argparse.Namespace) -> int:
    from app.usecases.sending import invoice_status

    info = invoice_status(context(args), args.ettn)
    if args.as_json:
        print_json(info)
        return 0
    print(f"{info['number']}  {info['status_name']}")
    for env in info["envelopes"]:
        print(f"  Zarf {env['uuid']}: {env['state']} (deneme {env['attempts']}, "
              f"GİB durumu {env['gib_status'] or '-'}) {env['message']}")
    for e in info["events"]:
        print(f"  {e['at']}  {e['code']:<5} {e['message']}")
    return 0
