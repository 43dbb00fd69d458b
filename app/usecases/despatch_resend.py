"""After GİB finally refused one of our e-İrsaliye documents — a despatch advice or our
receipt advice (irsaliye yanıtı) — send the same signed document again, or mark the refusal
as dealt with, as ``app.usecases.outcomes`` does for an invoice.

The same rule as for invoices (``app.gib.codes.Remedy``, Ek-2 §4.1): only a refusal of the
envelope (``Remedy.NEW_ENVELOPE``: 1181 ADRES BULUNAMADI, 1110…1143 …) lets the same document
go again in a new envelope; a refused content is refused again, so it is not sent. A despatch
advice's receiver alias is read from GİB's user list when packed (update the list first); our
receipt advice goes to the alias given (``alias``) or the one it was queued with.
"""

from __future__ import annotations

from app import clock
from app.context import AppContext
from app.db import Session
from app.db.repositories import despatches as despatch_repo
from app.db.repositories import outbox as outbox_repo
from app.db.repositories import receipts as receipt_repo
from app.domain.errors import NotFoundError, UserError
from app.gib import codes
from app.outbox import machine
from app.outbox.states import FAILED


def _document_id(s: Session, ettn: str) -> tuple[int, bool]:
    """The signed document of our despatch advice or our receipt advice ``ettn``, and True
    for a despatch advice (its receiver alias is read from the user list when packed)."""
    despatch = despatch_repo.out_by_ettn(s, ettn)
    if despatch is not None and despatch.document_id is not None:
        return despatch.document_id, True
    receipt = receipt_repo.by_ettn(s, ettn)
    if receipt is not None and receipt.direction == "out":
        return receipt.document_id, False
    raise NotFoundError(f"{ettn.strip()} ETTN'li, sizin gönderdiğiniz bir irsaliye ya da "
                        "irsaliye yanıtı bulunamadı.")


def _last_code(s: Session, document_id: int) -> int | None:
    envelopes = outbox_repo.envelopes_of_document(s, document_id)
    return envelopes[-1].status_code if envelopes else None


def resend(ctx: AppContext, ettn: str, *, alias: str = "") -> None:
    """The same signed document again in a new envelope (to ``alias`` when given), exactly
    once: refused unless GİB refused its envelope and it is still failed."""
    alias = alias.strip()
    if alias and not alias.startswith("urn:mail:"):
        raise UserError("Posta kutusu etiketi 'urn:mail:' ile başlar "
                        "(örnek urn:mail:irsaliyepk@firma.com.tr).", field="alias")
    with ctx.db.write_session() as s:
        document_id, from_list = _document_id(s, ettn)
        item = outbox_repo.item_of_document(s, document_id)
        if item is None or item.state != FAILED:
            raise UserError("Bu belge GİB'ce reddedilmiş değil ya da zaten yeniden gönderilmek "
                            "üzere sırada.")
        code = _last_code(s, document_id)
        if codes.remedy(code) is not codes.Remedy.NEW_ENVELOPE:
            raise UserError(f"GİB belgenin içeriğini reddetti ({code}); aynı belge yeniden "
                            "gönderilirse yine reddedilir. Düzeltilmiş yeni bir belge kesin.")
        machine.requeue_failed_document(s, document_id, clock.local_now(), alias=alias,
                                        read_alias_again=from_list)


def mark_handled(ctx: AppContext, ettn: str) -> None:
    """The outbox stops counting the refused document."""
    with ctx.db.write_session() as s:
        if not machine.mark_handled_document(s, _document_id(s, ettn)[0], clock.local_now()):
            raise UserError("Bu belge GİB'ce reddedilmiş değil ya da zaten çözüldü olarak "
                            "işaretlenmiş.")


__all__ = ["mark_handled", "resend"]
