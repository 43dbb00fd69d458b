"""Which of our despatch advices an invoice names (``despatch_refs`` in the invoice's JSON):
the reads behind invoicing deliveries. No table of its own: an invoice's references live in
its data, so a draft that is edited or deleted frees or takes its despatches at once."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import tables as t
from app.db.tables_despatches import Despatch


def outgoing(s: Session, *, statuses: Collection[str],
             receiver_vkn_tckn: str | None = None) -> list[Despatch]:
    """Our despatch advices in ``statuses``, oldest first (optionally of one receiver)."""
    q = select(Despatch).where(Despatch.direction == "out", Despatch.status.in_(statuses))
    if receiver_vkn_tckn is not None:
        q = q.where(Despatch.receiver_vkn_tckn == receiver_vkn_tckn)
    return list(s.scalars(q.order_by(Despatch.issue_date, Despatch.number)))


def out_by_ettns(s: Session, ettns: Collection[str]) -> dict[str, Despatch]:
    rows = s.scalars(select(Despatch).where(Despatch.direction == "out",
                                            Despatch.ettn.in_(list(ettns))))
    return {r.ettn: r for r in rows}


def referenced_numbers(s: Session, customers: Collection[str], *,
                       void_statuses: Collection[str]) -> dict[str, str]:
    """Despatch numbers that our invoices to ``customers`` name (drafts included; invoices
    in ``void_statuses`` left out), each with the first such invoice's number or ETTN."""
    if not customers:
        return {}
    q = (select(t.Invoice.number, t.Invoice.ettn, t.Invoice.data)
         .where(t.Invoice.direction == "out",
                t.Invoice.customer_vkn_tckn.in_(list(customers)),
                t.Invoice.status.not_in(list(void_statuses)))
         .order_by(t.Invoice.id))
    found: dict[str, str] = {}
    for number, ettn, data in s.execute(q):
        refs: Any = (data or {}).get("despatch_refs") or []
        for ref in refs:
            key = ref.get("number") if isinstance(ref, dict) else ref
            if isinstance(key, str):
                found.setdefault(key.strip().upper(), number or ettn)
    return found
