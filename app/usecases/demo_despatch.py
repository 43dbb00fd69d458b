"""The e-İrsaliye part of ``tezgah demo --exchange``: after the invoice, the seller issues a
despatch advice for its goods, it travels seller → GİB test simulator → the buyer's posta
kutusu, the buyer answers with an irsaliye yanıtı (one line a little short) that travels
back, and the seller's despatch advice is "Yanıtlandı" with the outcome per line.

Both demo businesses are e-İrsaliye users in the demo's own GİB user list (a DespatchAdvice
posta kutusu and gönderici birim each, ``despatch_aliases``); each sets them as its company's
e-İrsaliye addresses and imports the list, so the seller finds the buyer's address there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app import settings
from app.context import AppContext
from app.domain.errors import UserError
from app.usecases import despatches
from app.usecases.despatch_receiving import respond_despatch
from app.usecases.receipt_text import outcome_line_text, quantity_text


class Waiter(Protocol):
    def wait(self, what: str, check: Callable[[], Any]) -> Any: ...


@dataclass(frozen=True)
class DespatchExchange:
    ettn: str  # the despatch advice's
    number: str
    receipt_number: str
    receipt_ettn: str


def despatch_aliases(party: dict[str, Any]) -> tuple[str, str]:
    """The demo business's e-İrsaliye posta kutusu (PK) and gönderici birim (GB) aliases,
    beside its e-Fatura ones (``urn:mail:defaultgb@x`` → ``urn:mail:irsaliyepk@x``)."""
    domain = str(party["alias"]).split("@", 1)[1]
    return f"urn:mail:irsaliyepk@{domain}", f"urn:mail:irsaliyegb@{domain}"


def register_despatch_addresses(ctx: AppContext, party: dict[str, Any],
                                user_list: Path) -> None:
    """The business receives despatch advices at its PK and sends (and receives receipt
    advices) at its GB; GİB's user list, the demo's, tells it the other's addresses."""
    from app.usecases.userlist import import_user_list

    pk, gb = despatch_aliases(party)
    settings.write(ctx, settings.DESPATCH_POSTBOX_ALIAS, pk)
    settings.write(ctx, settings.DESPATCH_SENDER_ALIAS, gb)
    import_user_list(ctx, user_list)


SHIPMENT: dict[str, Any] = {
    "driver": {"first_name": "Hasan", "family_name": "Demir", "tckn": "14922266642",
               "title": "Şoför"},
    "vehicle_plates": ["27 ALZ 027"],
}


def _short_by_one(despatch_xml: bytes) -> dict[str, Any]:
    """The buyer's answer: everything arrived but one unit of the first line."""
    from app.ubl.despatch_read import read_despatch

    first, *rest = read_despatch(despatch_xml).lines
    return {"note": "Mallar teslim alındı; bir kalem eksik geldi.", "lines": [
        {"line_id": first.line_id, "received": quantity_text(str(first.quantity - 1)),
         "note": "1 birim eksik geldi"},
        *({"line_id": ln.line_id, "received": quantity_text(str(ln.quantity))}
          for ln in rest)]}


def exchange_despatch(seller: AppContext, buyer: AppContext, invoice_ettn: str, *,
                      sign: Any, wake: Callable[[str], None],
                      deadline: Waiter, say: Callable[[str], None],
                      first_step: int) -> DespatchExchange:
    """The despatch advice and its receipt advice, end to end; ``say`` is told each step
    (numbered from ``first_step``). ``wake(who)`` wakes the seller's or buyer's worker."""
    step = iter(range(first_step, first_step + 20))
    ettn = despatches.create_draft_from_invoice(seller, invoice_ettn, SHIPMENT)
    number = despatches.issue_despatch(seller, ettn, sign=sign).number
    say(f"{next(step)}. İrsaliye kesildi: {number} ETTN {ettn} — faturadaki mallar "
        "alıcıya sevk ediliyor.")
    wake("satıcı")

    def seller_despatch() -> dict[str, Any]:
        info = despatches.show_despatch(seller, ettn)
        if info["status"] == "failed":
            raise UserError(f"GİB test simülatörü {number} irsaliyesini reddetti; "
                            f"'tezgah --data-dir {seller.data_dir} despatch show {ettn}' "
                            "nedenini gösterir.")
        return info

    def received() -> dict[str, Any] | None:
        found = any(r["ettn"] == ettn
                    for r in despatches.list_despatches(buyer, direction="in"))
        return despatches.show_despatch(buyer, ettn) if found else None

    got = deadline.wait("irsaliyenin alıcının posta kutusuna ulaşması", received)
    say(f"{next(step)}. İrsaliye alıcının posta kutusuna ulaştı: {got['number']} — "
        f"{got['signature_verdict']}")
    deadline.wait("satıcıda irsaliye için 1300",
                  lambda: seller_despatch()["status"] == "completed")
    say(f"{next(step)}. Satıcıda 1300: irsaliye \"Alıcıya ulaştı\".")

    answer = respond_despatch(buyer, ettn,
                              _short_by_one(despatches.despatch_xml(buyer, ettn)))
    wake("alıcı")
    say(f"{next(step)}. Alıcı irsaliye yanıtı verdi: {answer['receipt_number']} — bir "
        "satırda eksik; yanıt imzalandı ve satıcıya gönderiliyor.")

    def buyer_answer() -> str:
        [ours] = [r for r in despatches.show_despatch(buyer, ettn)["receipt_advices"]
                  if r["direction"] == "out"]
        if ours["status"] == "failed":
            raise UserError(f"GİB test simülatörü {ours['number']} irsaliye yanıtını "
                            f"reddetti: {ours['sending'].get('problem', '')}")
        return str(ours["status"])

    deadline.wait("alıcının yanıtının GİB'de tamamlanması",
                  lambda: buyer_answer() == "completed")
    say(f"{next(step)}. Alıcıda 1300: irsaliye yanıtı satıcıya ulaştı.")
    info = deadline.wait("satıcıda irsaliye \"Yanıtlandı\"",
                         lambda: (lambda i: i if i["status"] == "answered"
                                  and i["outcome"] else None)(seller_despatch()))
    say(f"{next(step)}. Satıcıda \"Yanıtlandı\": {number} — {info['outcome']['summary']}")
    for line in info["outcome"]["lines"]:
        say(f"    {outcome_line_text(line)}")
    return DespatchExchange(ettn, number, answer["receipt_number"], answer["receipt_ettn"])


__all__ = ["DespatchExchange", "despatch_aliases", "exchange_despatch",
           "register_despatch_addresses"]
