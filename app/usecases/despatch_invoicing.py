"""Invoicing deliveries: an invoice made from one or more of our despatch advices.

An invoice names the despatch advices it bills in ``despatch_refs`` (number and date; the
builder writes one ``cac:DespatchDocumentReference`` each). There is no link table: a
despatch advice counts as invoiced while one of our invoices to its receiver — a draft
too, but not a cancelled or rejected one — names its number, so editing or deleting that
draft frees it again.

The invoice gets one line per despatch line, in the despatches' order: quantities of the
same goods delivered on different days stay apart, so each line can be traced to its
delivery. A despatch line without a price is carried without one: the editor asks for it,
and ``invoice_draft_from_despatches`` refuses it (a draft must be issuable). A despatch
advice has no tax, so each line gets KDV %20 (``DEFAULT_KDV_RATE``) to be changed as needed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from app.context import AppContext
from app.db import tables as t
from app.db.repositories import despatch_links as repo
from app.domain.despatch_status import DespatchStatus
from app.domain.errors import NotFoundError, UserError
from app.domain.status import Status
from app.usecases.despatches import despatch_summary

# Ours, numbered and not refused by GİB: a delivery that can be invoiced.
INVOICEABLE = (DespatchStatus.ISSUED, DespatchStatus.QUEUED, DespatchStatus.SENT,
               DespatchStatus.COMPLETED, DespatchStatus.ANSWERED)
# An invoice in these states bills nothing: its despatches are to be invoiced again.
VOID_INVOICE = (Status.CANCELLED, Status.REJECTED)
# A despatch advice carries no tax: each line starts at the invoice's usual rate (the
# invoice JSON's default), for the user to change where it differs.
DEFAULT_KDV_RATE = "20"
_LINE_KEYS = ("name", "quantity", "unit", "unit_price", "seller_code", "description")


def _dmy(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d.%m.%Y")


def not_invoiced_despatches(ctx: AppContext, customer_vkn: str | None = None, *,
                            besides: Collection[str] = ()) -> list[dict[str, Any]]:
    """Our issued (queued, sent, delivered, answered) despatch advices that no draft or
    issued invoice of ours names yet, oldest first; only ``customer_vkn``'s when given.
    ``besides``: numbers an invoice being edited names already (not stored yet)."""
    vkn = customer_vkn.strip() if customer_vkn else None
    with ctx.db.session() as s:
        rows = repo.outgoing(s, statuses=[v.value for v in INVOICEABLE],
                             receiver_vkn_tckn=vkn)
        invoiced = repo.referenced_numbers(s, {r.receiver_vkn_tckn for r in rows},
                                           void_statuses=[v.value for v in VOID_INVOICE])
        taken = set(invoiced) | {n.strip().upper() for n in besides}
        return [despatch_summary(r) for r in rows if (r.number or "") not in taken]


def _check(row: t.Despatch | None, ettn: str, invoiced: dict[str, str]) -> t.Despatch:
    if row is None:
        raise NotFoundError(f"{ettn} ETTN'li irsaliye bulunamadı (kendi irsaliyelerinizden "
                            "biri olmalı; gelen irsaliye faturalanamaz).")
    if row.status == DespatchStatus.DRAFT:
        raise UserError(f"{ettn} ETTN'li irsaliye taslak; faturalamadan önce kesin.")
    if row.status not in INVOICEABLE:
        raise UserError(f"{row.number} numaralı irsaliye GİB'e ulaşmadı (durumu: hata); "
                        "faturalanamaz.")
    if row.number in invoiced:
        raise UserError(f"{row.number} numaralı irsaliye zaten faturalanmış "
                        f"({invoiced[row.number]}).")
    return row


def invoice_parts_from_despatches(ctx: AppContext, ettns: list[str]) -> dict[str, Any]:
    """The invoice JSON pieces the despatch advices give (docs/invoice-json.md):
    ``customer`` (their receiver), ``lines`` (one per despatch line) and ``despatch_refs``
    (number and date of each). Refuses drafts, received, refused or already invoiced
    despatches and despatches of different receivers."""
    wanted = list(dict.fromkeys(e.strip().upper() for e in ettns if e.strip()))
    if not wanted:
        raise UserError("Faturalanacak en az bir irsaliye seçin.")
    with ctx.db.session() as s:
        found = repo.out_by_ettns(s, wanted)
        receivers = {r.receiver_vkn_tckn for r in found.values()}
        invoiced = repo.referenced_numbers(s, receivers,
                                           void_statuses=[v.value for v in VOID_INVOICE])
        rows = [_check(found.get(e), e, invoiced) for e in wanted]
        if len(receivers) > 1:
            names = ", ".join(sorted({f"{r.receiver_name} ({r.receiver_vkn_tckn})"
                                      for r in rows}))
            raise UserError("Bir fatura tek alıcının irsaliyelerinden hazırlanır; seçilen "
                            f"irsaliyelerin alıcıları farklı: {names}.")
        lines: list[dict[str, Any]] = []
        for r in rows:
            for raw in r.data.get("lines") or []:
                line = {k: raw[k] for k in _LINE_KEYS if raw.get(k) not in (None, "")}
                lines.append({**line, "kdv_rate": DEFAULT_KDV_RATE})
        refs = [{"number": r.number, "date": r.issue_date.isoformat()} for r in rows]
        return {"customer": rows[0].data["customer"], "lines": lines, "despatch_refs": refs}


def invoice_draft_from_despatches(ctx: AppContext, ettns: list[str], *,
                                  profile: str = "TEMELFATURA") -> str:
    """A new invoice draft billing the despatch advices (``invoice_parts_from_despatches``)
    in the company's series for ``profile``; its ETTN."""
    from app.domain.codes import Profile
    from app.usecases.drafts import with_company_series
    from app.usecases.invoices import create_draft

    parts = invoice_parts_from_despatches(ctx, ettns)
    for i, line in enumerate(parts["lines"], start=1):
        if "unit_price" not in line:
            raise UserError(f"{i}. kalemin ({line.get('name', '')}) irsaliyede birim fiyatı "
                            "yok; faturayı pencerede hazırlayın ve fiyatı yazın.")
    try:
        profile = Profile(profile.strip().upper()).value
    except ValueError:
        raise UserError(f"'{profile}' bir fatura senaryosu değil.", field="profile") from None
    return create_draft(ctx, with_company_series(ctx, {"profile": profile, **parts}))


def despatch_notice(items: list[dict[str, Any]]) -> str:
    """'IRS2026000000003 (12.11.2026), …' for a list of despatch summaries."""
    return ", ".join(f"{d['number']} ({_dmy(d['issue_date'])})" for d in items)


__all__ = ["INVOICEABLE", "despatch_notice", "invoice_draft_from_despatches",
           "invoice_parts_from_despatches", "not_invoiced_despatches"]
