"""Cancelling an issued e-Arşiv invoice (İPTAL) and the cancellations of a day.

The rules (which invoice may be cancelled, what the user is told and on what source) are
``app.domain.cancellation``; the storage is ``app.db.repositories.cancellations``.

Cancelling changes the invoice's status to ``cancelled`` and appends a ``cancelled`` event
with the reason to its history, in one transaction with the cancellation row. The number is
not given back (the series counter is not touched) and the signed XML stays byte for byte
as it was; GİB learns of the cancellation from the e-Arşiv report of the Istanbul day it was
made (``cancellations_on`` feeds ``app.earsiv.report``).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from app import clock
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import cancellations as repo
from app.db.repositories import invoices as invoices_repo
from app.db.repositories import outbox as outbox_repo
from app.db.repositories.events import add_event
from app.domain.cancellation import (
    REASON_MAX,
    CancellationRefused,
    Rule,
    check_cancellable,
    clean_reason,
    rule_for,
)
from app.domain.codes import Profile
from app.domain.errors import NotFoundError
from app.earsiv.report import Cancellation
from app.outbox.states import HANDLED, WAITING
from app.usecases.invoices import find_ettn


@dataclass(frozen=True)
class CancelResult:
    """The invoice that was cancelled, when, why, and the rule applied (with its source)."""

    ettn: str
    number: str
    cancelled_at: datetime  # aware, Europe/Istanbul
    reason: str
    rule: Rule


@dataclass(frozen=True)
class CancellationInfo:
    """What ``invoice show`` and the invoice view say about a cancelled invoice."""

    number: str
    cancelled_at: datetime  # aware, Europe/Istanbul
    reason: str
    cancelled_by: str
    via: str


def _current_user() -> str:
    try:
        return getpass.getuser()[:100]
    except (OSError, KeyError, ImportError):
        return ""


def _out_row(s, ettn: str) -> t.Invoice:  # type: ignore[no-untyped-def]
    row = invoices_repo.by_ettn(s, ettn)
    if row is None:
        raise NotFoundError(f"{ettn} ETTN'li fatura bulunamadı.")
    return row


def cancellation_rule(ctx: AppContext, id_or_number: str) -> Rule:
    """The rule that applies when this invoice is cancelled (shown before asking for the
    reason); ``CancellationRefused`` — carrying how it goes instead — when Tezgâh may not
    cancel it."""
    ettn = find_ettn(ctx, id_or_number)
    with ctx.db.session() as s:
        row = _out_row(s, ettn)
        return check_cancellable(direction=row.direction, profile=row.profile,
                                 status=row.status, number=row.number)


def may_cancel(ctx: AppContext, ettn: str) -> bool:
    """Whether the invoice can be cancelled in Tezgâh (offer the action or not)."""
    try:
        cancellation_rule(ctx, ettn)
    except (CancellationRefused, NotFoundError):
        return False
    return True


def cancel_invoice(ctx: AppContext, id_or_number: str, reason: str, *, by: str | None = None,
                   via: str = "") -> CancelResult:
    """Cancel the issued e-Arşiv invoice named by its ETTN or number, for ``reason``.

    ``by`` is who cancelled it (default: the operating-system user), ``via`` from where
    (``cli``, ``ui``). Raises ``CancellationRefused`` (a ``UserError`` carrying, for an
    e-Fatura, how it is cancelled through GİB instead) when it may not be cancelled."""
    text = clean_reason(reason)
    ettn = find_ettn(ctx, id_or_number)
    who = _current_user() if by is None else by[:100]
    with ctx.db.write_session() as s:
        row = _out_row(s, ettn)  # checked again under the write lock
        rule = check_cancellable(direction=row.direction, profile=row.profile,
                                 status=row.status, number=row.number)
        at = clock.local_now()
        repo.add(s, row, at=at, reason=text, by=who, via=via[:20])
        add_event(s, row.id, "cancelled", f"İptal edildi. Neden: {text}",
                  data={"reason": text, "cancelled_by": who, "via": via,
                        "rule_source": rule.source})
        _withdraw_waiting_mail(s, row.id, at)
        number = row.number or ""
    return CancelResult(ettn, number, clock.to_istanbul(at), text, rule)


def _withdraw_waiting_mail(s: Session, invoice_id: int, at: datetime) -> None:
    """An e-mail copy still waiting for its turn is not sent for a cancelled invoice (one
    already handed to the mail server cannot be called back)."""
    for item in outbox_repo.items_of_invoice(s, invoice_id):
        if item.channel == "email" and item.state == WAITING:
            item.state, item.updated_at = HANDLED, at
            item.problem = "Fatura iptal edildi; e-posta gönderilmedi."
            add_event(s, invoice_id, "email-withdrawn", item.problem)


def cancellation_of(ctx: AppContext, id_or_number: str) -> CancellationInfo | None:
    """When, why, by whom the invoice was cancelled; None when it was not."""
    ettn = find_ettn(ctx, id_or_number)
    with ctx.db.session() as s:
        row = _out_row(s, ettn)
        c = repo.of_invoice(s, row.id)
    if c is None:
        return None
    return CancellationInfo(c.number, clock.to_istanbul(c.cancelled_at), c.reason,
                            c.cancelled_by, c.via)


def view_of(ctx: AppContext, ettn: str) -> dict[str, Any]:
    """What the invoice's window needs (plain data): ``cancellation`` (when, why, by whom;
    None unless cancelled) and ``cancel_rule`` (``{"text", "source", "allowed"}``; None for
    a draft, a received or an already cancelled invoice, which offer no cancelling)."""
    cancelled = cancellation_of(ctx, ettn)
    result: dict[str, Any] = {"cancellation": None, "cancel_rule": None}
    if cancelled is not None:
        result["cancellation"] = {
            "cancelled_at": cancelled.cancelled_at.isoformat(timespec="seconds"),
            "reason": cancelled.reason, "cancelled_by": cancelled.cancelled_by,
            "via": cancelled.via}
        return result
    try:
        rule = cancellation_rule(ctx, ettn)
    except CancellationRefused as exc:
        if exc.rule is not None:  # an e-Fatura: how it is cancelled through GİB instead
            result["cancel_rule"] = {"text": exc.rule.text, "source": exc.rule.source,
                                     "allowed": False}
        return result
    result["cancel_rule"] = {"text": rule.text, "source": rule.source, "allowed": True}
    return result


def cancellations_on(ctx: AppContext, day: date) -> list[Cancellation]:
    """The e-Arşiv cancellations made on ``day`` (Europe/Istanbul), oldest first; each with
    the invoice's number, the aware moment of cancelling and its payable amount."""
    start = datetime.combine(day, time())  # the database keeps Istanbul wall-clock times
    with ctx.db.session() as s:
        rows = repo.between(s, start, start + timedelta(days=1),
                            profile=Profile.EARSIVFATURA.value)
    return [Cancellation(r.number, clock.to_istanbul(r.cancelled_at), r.payable) for r in rows]


__all__ = ["REASON_MAX", "CancelResult", "CancellationInfo", "CancellationRefused", "Rule", "cancel_invoice",
           "cancellation_of", "cancellation_rule", "cancellations_on", "may_cancel", "rule_for",
           "view_of"]
