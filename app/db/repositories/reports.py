"""Read-only queries behind the desktop app's invoice list and dashboard.

Everything returns plain rows (dataclasses, tuples, Decimals) — never ORM objects — and
every query is bounded, so a list over 100,000 invoices only ever reads one page.
Money is summed exactly: amounts are stored as decimal text, so the sums are taken in
integer kuruş inside SQLite (``ROUND(x * 100)`` is exact for two-place decimals) and turned
back into ``Decimal`` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Float, Integer, and_, case, cast, extract, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.db import tables as t
from app.domain.status import Status

INV = t.Invoice.__table__
LINES = t.InvoiceLine.__table__

# Columns the invoice list can be sorted by (view column key → SQL column).
SORT_COLUMNS: dict[str, Any] = {
    "number": INV.c.number,
    "issue_date": INV.c.issue_date,
    "customer_name": INV.c.customer_name,
    "profile": INV.c.profile,
    "type": INV.c.type,
    "payable": cast(INV.c.payable, Float),
    "status": INV.c.status,
}


@dataclass(frozen=True)
class InvoiceFilter:
    """What the Faturalar page asks for. Empty fields do not filter."""

    search: str = ""
    statuses: tuple[str, ...] = ()
    profile: str = ""
    type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    direction: str = "out"


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    ettn: str
    number: str | None
    issue_date: date
    customer_name: str
    customer_vkn_tckn: str
    profile: str
    type: str
    currency: str
    payable: Decimal
    status: str
    signature_valid: bool | None = None  # received invoices: the verdict at import


def _kurus(col: Any) -> Any:
    """Integer kuruş of a decimal-text amount (exact: two places, far below 2**53)."""
    return cast(func.round(cast(col, Float) * 100), Integer)


def tr_lower(text: str) -> str:
    return text.replace("I", "ı").replace("İ", "i").lower()


def tr_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def tr_variants(text: str) -> list[str]:
    """Spellings to try with SQLite's LIKE, which ignores case for ASCII letters only:
    as typed, Turkish lower case, upper case and capitalised ("çağ" finds "Çağlayan")."""
    if text.isascii() and "i" not in text.lower():
        return [text]  # LIKE already matches ASCII letters in either case
    lower = tr_lower(text)
    out = [text, lower, tr_upper(text), tr_upper(lower[:1]) + lower[1:]]
    return list(dict.fromkeys(out))


def _name_like(col: Any, text: str) -> ColumnElement[bool]:
    return or_(*(col.like(f"%{v}%") for v in tr_variants(text)))


def _conditions(f: InvoiceFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.direction:
        conds.append(INV.c.direction == f.direction)
    if f.statuses:
        conds.append(INV.c.status.in_(f.statuses))
    if f.profile:
        conds.append(INV.c.profile == f.profile)
    if f.type:
        conds.append(INV.c.type == f.type)
    if f.date_from:
        conds.append(INV.c.issue_date >= f.date_from)
    if f.date_to:
        conds.append(INV.c.issue_date <= f.date_to)
    text = f.search.strip()
    if text:
        like = f"%{text}%"
        alts: list[ColumnElement[bool]] = [
            INV.c.number.like(like), _name_like(INV.c.customer_name, text),
            INV.c.ettn.like(f"{text.upper()}%"), INV.c.customer_vkn_tckn.like(f"{text}%"),
        ]
        amount = _parse_amount(text)
        if amount is not None:
            alts.append(_kurus(INV.c.payable) == int(amount * 100))
        conds.append(or_(*alts))
    return conds


def _parse_amount(text: str) -> Decimal | None:
    """``1.234,56`` / ``1234,56`` / ``1234.56`` → Decimal; None when it is not an amount."""
    cleaned = text.replace("₺", "").replace(" ", "")
    if not cleaned or not cleaned.isascii() or not any(c.isdigit() for c in cleaned):
        return None
    if "," in cleaned or re.match(r"^[0-9]{1,3}(\.[0-9]{3})+$", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")  # Turkish: "1.234,56"
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        return None
    if value != value.quantize(Decimal("0.01")):
        return None
    return value


def count_invoices(s: Session, f: InvoiceFilter) -> int:
    """COUNT of the list's rows. With the filters the page offers most (direction, statuses,
    a date range) SQLite reads the covering index ``ix_invoices_list`` alone, never the rows
    with their invoice JSON (tests/unit/test_invoice_list_plan.py checks the plan)."""
    stmt = select(func.count()).select_from(INV).where(and_(True, *_conditions(f)))
    return int(s.execute(stmt).scalar_one())


def invoice_page(s: Session, f: InvoiceFilter, *, offset: int, limit: int,
                 sort: str = "issue_date", descending: bool = True) -> list[InvoiceRow]:
    """One page of the list; rows ordered by ``sort`` and then by id (stable paging)."""
    col = SORT_COLUMNS.get(sort, INV.c.issue_date)
    order = [col.desc(), INV.c.id.desc()] if descending else [col.asc(), INV.c.id.asc()]
    stmt = (select(INV.c.id, INV.c.ettn, INV.c.number, INV.c.issue_date, INV.c.customer_name,
                   INV.c.customer_vkn_tckn, INV.c.profile, INV.c.type, INV.c.currency,
                   INV.c.payable, INV.c.status, INV.c.signature_valid)
            .where(and_(True, *_conditions(f))).order_by(*order)
            .offset(max(0, offset)).limit(max(0, limit)))
    return [InvoiceRow(r.id, r.ettn, r.number, r.issue_date, r.customer_name,
                       r.customer_vkn_tckn, r.profile, r.type, r.currency,
                       Decimal(str(r.payable)), r.status, r.signature_valid)
            for r in s.execute(stmt)]


# --- dashboard --------------------------------------------------------------------------

@dataclass
class Dashboard:
    month_sales: Decimal
    month_count: int
    year_sales: Decimal
    year_count: int
    kdv_by_rate: dict[Decimal, Decimal]  # this year, TRY invoices
    status_counts: dict[str, int]
    monthly: list[tuple[int, Decimal]] = field(default_factory=list)  # (month 1–12, sales)
    drafts: int = 0
    # Incoming invoices of this month (TRY, returns subtracted, those we answered RED left
    # out): purchases without KDV, their count and the KDV on them (indirilecek KDV).
    month_purchases: Decimal = Decimal("0.00")
    month_purchase_count: int = 0
    month_purchase_kdv: Decimal = Decimal("0.00")


def _signed(col: Any) -> Any:
    """Kuruş of an amount, negative for a return (İADE) invoice."""
    return case((INV.c.type == "IADE", -_kurus(col)), else_=_kurus(col))


def _money(kurus: int | None) -> Decimal:
    return (Decimal(int(kurus or 0)) / 100).quantize(Decimal("0.01"))


def dashboard(s: Session, today: date) -> Dashboard:
    """Sales (tax-exclusive, TRY invoices, returns subtracted) of this month and year, KDV
    per rate of this year, invoices per status and the monthly totals of this year."""
    year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
    # a cancelled invoice (İPTAL) is no sale: it is counted only among the statuses
    issued = and_(INV.c.direction == "out", INV.c.status != Status.DRAFT,
                  INV.c.status != Status.CANCELLED, INV.c.currency == "TRY")
    month_expr = func.cast(extract("month", INV.c.issue_date), Integer)  # both engines
    monthly_rows = s.execute(
        select(month_expr, func.sum(_signed(INV.c.tax_exclusive)), func.count())
        .where(issued, INV.c.issue_date.between(year_start, year_end))
        .group_by(month_expr)).all()
    monthly = {int(m): (_money(total), int(n)) for m, total, n in monthly_rows}
    kdv_rows = s.execute(
        select(LINES.c.kdv_rate, func.sum(case((INV.c.type == "IADE", -_kurus(LINES.c.kdv_amount)),
                                               else_=_kurus(LINES.c.kdv_amount))))
        .select_from(LINES.join(INV, LINES.c.invoice_id == INV.c.id))
        .where(issued, INV.c.issue_date.between(year_start, year_end))
        .group_by(LINES.c.kdv_rate)).all()
    status_rows = s.execute(select(INV.c.status, func.count())
                            .where(INV.c.direction == "out").group_by(INV.c.status)).all()
    kdv: dict[Decimal, Decimal] = {}
    for rate, kurus in kdv_rows:
        key = Decimal(str(rate)).normalize()
        kdv[key] = kdv.get(key, Decimal("0.00")) + _money(kurus)
    statuses = {str(st): int(n) for st, n in status_rows}
    month_total, month_count = monthly.get(today.month, (Decimal("0.00"), 0))
    purchases, purchase_count, purchase_kdv = _month_purchases(s, today)
    return Dashboard(
        month_sales=month_total, month_count=month_count,
        year_sales=sum((v for v, _ in monthly.values()), Decimal("0.00")),
        year_count=sum(n for _, n in monthly.values()),
        kdv_by_rate=dict(sorted(kdv.items())), status_counts=statuses,
        monthly=[(m, monthly.get(m, (Decimal("0.00"), 0))[0]) for m in range(1, 13)],
        drafts=statuses.get(Status.DRAFT, 0),
        month_purchases=purchases, month_purchase_count=purchase_count,
        month_purchase_kdv=purchase_kdv,
    )


def _month_purchases(s: Session, today: date) -> tuple[Decimal, int, Decimal]:
    """Received invoices dated this month (TRY; an IADE counts negative; one we answered
    RED is no purchase)."""
    items = t.InboxItem.__table__
    start = date(today.year, today.month, 1)
    end = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    rejected = select(items.c.invoice_id).where(items.c.answer == "RED")
    row = s.execute(
        select(func.sum(_signed(INV.c.tax_exclusive)), func.count(),
               func.sum(_signed(INV.c.tax_total)))
        .where(INV.c.direction == "in", INV.c.currency == "TRY",
               INV.c.issue_date >= start, INV.c.issue_date < end,
               INV.c.id.notin_(rejected))).one()
    return _money(row[0]), int(row[1] or 0), _money(row[2])


@dataclass(frozen=True)
class DaySales:
    """One day's sales: issued TRY invoices dated that day (İADE negative, İPTAL left out)."""

    day: date
    count: int
    tax_exclusive: Decimal
    tax_total: Decimal
    payable: Decimal


def day_sales(s: Session, day: date) -> DaySales:
    """The sales of ``day`` (an Istanbul date), counted as the dashboard counts them."""
    row = s.execute(
        select(func.count(), func.sum(_signed(INV.c.tax_exclusive)),
               func.sum(_signed(INV.c.tax_total)), func.sum(_signed(INV.c.payable)))
        .where(INV.c.direction == "out", INV.c.status != Status.DRAFT,
               INV.c.status != Status.CANCELLED, INV.c.currency == "TRY",
               INV.c.issue_date == day)).one()
    return DaySales(day, int(row[0] or 0), _money(row[1]), _money(row[2]), _money(row[3]))


# --- small helpers for pickers ----------------------------------------------------------

def customer_rows(s: Session, search: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Customers for a type-ahead: name, VKN/TCKN and the stored party JSON."""
    cust = t.Customer.__table__
    stmt = select(cust.c.vkn_tckn, cust.c.display_name, cust.c.data).order_by(
        cust.c.display_name).limit(limit)
    text = search.strip()
    if text:
        stmt = stmt.where(or_(_name_like(cust.c.display_name, text),
                              cust.c.vkn_tckn.like(f"{text}%")))
    return [{"vkn_tckn": r.vkn_tckn, "name": r.display_name, "data": r.data}
            for r in s.execute(stmt)]


def last_issued_of_customer(s: Session, vkn_tckn: str) -> str | None:
    """The profile last used for this customer (e-Fatura vs e-Arşiv hint), if any."""
    return s.execute(select(INV.c.profile).where(
        INV.c.customer_vkn_tckn == vkn_tckn, INV.c.direction == "out",
        INV.c.status != Status.DRAFT).order_by(INV.c.id.desc()).limit(1)).scalar()
