"""``tezgah despatch respond``: our irsaliye yanıtı to a received e-İrsaliye, and what
``despatch show`` prints of the answers (ours and the receiver's)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.io import context, print_json, read_json_object


def register(dsp: argparse._SubParsersAction) -> None:
    p = dsp.add_parser(
        "respond", help="Gelen irsaliyeye irsaliye yanıtı ver (bir kez, 7 gün içinde)",
        description="Gelen e-İrsaliyeye irsaliye yanıtı (ReceiptAdvice) verir: JSON'daki "
        "satırlara göre teslim alınan, reddedilen, eksik ve fazla miktarlar (biçim: "
        "docs/receipt-advice.md). Yanıt imzalanır, GİB kurallarıyla denetlenir, saklanır ve "
        "gönderilmek üzere giden kutusuna konur. Yanıt bir kez ve irsaliye alındıktan sonra "
        "7 gün içinde verilebilir.")
    p.add_argument("ettn", metavar="ETTN", help="Gelen irsaliyenin ETTN'si ya da numarası")
    p.add_argument("--json", required=True, metavar="DOSYA", dest="json_file",
                   help="Yanıt JSON'u: {\"note\": …, \"lines\": [{\"line_id\": \"1\", "
                   "\"received\": \"18\", …}]}")
    p.add_argument("--pin-env", metavar="DEĞİŞKEN",
                   help="PIN'i (ya da PKCS#12 parolasını) bu ortam değişkeninden oku")
    p.add_argument("--out-json", action="store_true", dest="as_json", help="JSON olarak yaz")
    p.set_defaults(func=despatch_respond)
    p = dsp.add_parser(
        "resend", help="GİB'in reddettiği irsaliyeyi ya da irsaliye yanıtını yeni zarfla "
        "yeniden gönder",
        description="Aynı imzalı belge (numara ve ETTN değişmez) yeni bir zarfla giden kutusuna "
        "girer; yalnız GİB zarfı reddettiyse (ör. 1181 adres bulunamadı). İrsaliyenin alıcı "
        "etiketi GİB kullanıcı listesinden yeniden okunur (önce listeyi güncelleyin).")
    p.add_argument("ettn", metavar="ETTN", help="İrsaliyenin ya da irsaliye yanıtının ETTN'si")
    p.add_argument("--alias", default="", help="Alıcının e-İrsaliye posta kutusu etiketi")
    p.set_defaults(func=despatch_resend)
    p = dsp.add_parser("handled", help="GİB'in reddettiği irsaliyeyi ya da irsaliye yanıtını "
                       "çözüldü olarak işaretle (giden kutusu artık saymaz)")
    p.add_argument("ettn", metavar="ETTN", help="İrsaliyenin ya da irsaliye yanıtının ETTN'si")
    p.set_defaults(func=despatch_handled)


def despatch_resend(args: argparse.Namespace) -> int:
    from app.usecases.despatch_resend import resend

    resend(context(args), args.ettn, alias=args.alias)
    print("Aynı belge yeni bir zarfla gönderilmek üzere giden kutusuna alındı; "
          "'tezgah sync' gönderir.")
    return 0


def despatch_handled(args: argparse.Namespace) -> int:
    from app.usecases.despatch_resend import mark_handled

    mark_handled(context(args), args.ettn)
    print("Çözüldü olarak işaretlendi; giden kutusu bu belgeyi artık saymaz.")
    return 0


def despatch_respond(args: argparse.Namespace) -> int:
    from app.cli.commands.invoice import _secret
    from app.usecases.despatch_receiving import respond_despatch
    from app.usecases.signing import signer_kind

    ctx = context(args)
    data = read_json_object(args.json_file, "irsaliye yanıtı")
    result = respond_despatch(ctx, args.ettn, data, _secret(args, signer_kind(ctx)))
    if args.as_json:
        print_json(result)
        return 0
    print(f"İrsaliye yanıtı verildi: {result['receipt_number']} (ETTN "
          f"{result['receipt_ettn']}) — {result['status_name']}.")
    if not result["queued"]:
        print("Yanıt saklandı; irsaliyeyi gönderenin e-İrsaliye etiketi bilinmediği için "
              "henüz giden kutusunda değil. GİB kullanıcı listesini güncelleyin ('tezgah "
              "userlist import').")
    return 0


def print_sending(sending: dict[str, Any], indent: str = "") -> None:
    """How a despatch advice or our receipt advice travels (``despatch_sending.sending_of``):
    the outbox item's state, the alias, the problem, each envelope with GİB's code."""
    from app.cli.commands.outbox import ENVELOPE_STATES, ITEM_STATES

    if not sending:
        return
    print(f"{indent}Gönderim: {ITEM_STATES.get(sending['state'], sending['state'])} → "
          f"{sending['receiver_alias']}")
    if sending["problem"]:
        print(f"{indent}    {sending['problem']}")
    for e in sending["envelopes"]:
        code = f" GİB {e['gib_status']}" if e["gib_status"] is not None else ""
        print(f"{indent}  Zarf {e['uuid']}: {ENVELOPE_STATES.get(e['state'], e['state'])}"
              f"{code}, {e['attempts']} deneme — {e['message']}")


def print_exchange(info: dict[str, Any]) -> None:
    """The received side of ``despatch show``: the sender, the signature verdict, until when
    it may be answered, and each receipt advice with the outcome per line."""
    from app.usecases.receipt_text import outcome_line_text

    if info.get("direction") == "in":
        print(f"Gönderen: {info['sender_name']} ({info['sender_vkn_tckn']})")
        print(info["signature_verdict"])
        due = info["answer_due"].replace("T", " ")
        if info["answerable"]:
            print(f"Yanıt verilebilir: son gün {due} (7 gün).")
        elif not info["receipt_advices"]:
            print(f"Yanıt süresi doldu (son gün {due}).")
    for r in info.get("receipt_advices", []):
        whose = "Yanıtımız" if r["direction"] == "out" else "Alıcının yanıtı"
        print(f"{whose}: {r['number']} ({r['status_name']}) ETTN {r['ettn']}")
        if r["note"]:
            print(f"    {r['note']}")
        print_sending(r.get("sending") or {}, indent="    ")
        for ln in (r.get("outcome") or {}).get("lines", []):
            print(f"  {outcome_line_text(ln)}")
