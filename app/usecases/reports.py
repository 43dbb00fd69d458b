"""What the desktop app reads: the invoice list in pages and the dashboard sums.

The queries are ``app.db.repositories.reports``; they return plain rows (dataclasses,
tuples, Decimals) — never ORM objects — and every one is bounded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app import clock
from app.context import AppContext
from app.db.repositories import reports as repo
from app.db.repositories.reports import (  # noqa: F401  (the screens' names for them)
    SORT_COLUMNS,
    Dashboard,
    InvoiceFilter,
    InvoiceRow,
    tr_lower,
    tr_upper,
    tr_variants,
)


def count_invoices(ctx: AppContext, f: InvoiceFilter) -> int:
    with ctx.db.session() as s:
        return repo.count_invoices(s, f)


def invoice_page(ctx: AppContext, f: InvoiceFilter, *, offset: int, limit: int,
                 sort: str = "issue_date", descending: bool = True) -> list[InvoiceRow]:
    """One page of the list; rows ordered by ``sort`` and then by id (stable paging)."""
    with ctx.db.session() as s:
        return repo.invoice_page(s, f, offset=offset, limit=limit, sort=sort,
                                 descending=descending)


def dashboard(ctx: AppContext, today: date | None = None) -> Dashboard:
    """Sales (tax-exclusive, TRY invoices, returns subtracted) of this month and year, KDV
    per rate of this year, invoices per status and the monthly totals of this year."""
    with ctx.db.session() as s:
        return repo.dashboard(s, today or clock.today())


def day_sales(ctx: AppContext, day: date | None = None) -> repo.DaySales:
    """Count and sums (without KDV, KDV, payable) of the sales dated ``day`` (today in
    Türkiye by default); TRY invoices, returns subtracted, cancelled ones left out."""
    with ctx.db.session() as s:
        return repo.day_sales(s, day or clock.today())


def customer_rows(ctx: AppContext, search: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Customers for a type-ahead: name, VKN/TCKN and the stored party JSON."""
    with ctx.db.session() as s:
        return repo.customer_rows(s, search, limit)


def last_issued_of_customer(ctx: AppContext, vkn_tckn: str) -> str | None:
    """The profile last used for this customer (e-Fatura vs e-Arşiv hint), if any."""
    with ctx.db.session() as s:
        return repo.last_issued_of_customer(s, vkn_tckn)


__all__ = ["Dashboard", "InvoiceFilter", "InvoiceRow", "count_invoices", "customer_rows",
           "dashboard", "day_sales", "invoice_page", "last_issued_of_customer"]


def receiver_kind(ctx: AppContext, vkn_tckn: str, stored_alias: str = "") -> tuple[str, str]:
    """("efatura", alias) when the customer is a registered e-Fatura user, else
    ("earchive", ""). GİB's user list decides when it has been imported; without a list the
    posta kutusu alias saved with the customer stands in for it."""
    from app.gib.userlist import UserListStore

    store = UserListStore(ctx.db.engine)
    if store.count():
        alias = store.invoice_alias(vkn_tckn)
        return ("efatura", alias.alias) if alias else ("earchive", "")
    return ("efatura", stored_alias) if stored_alias else ("earchive", "")
