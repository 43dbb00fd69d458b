"""The Özet page's figures on both engines (a shop on a PostgreSQL server sees the same
monthly totals as one on its SQLite file)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app import clock
from app.context import AppContext
from app.usecases.invoices import create_draft, issue_invoice, show_invoice
from app.usecases.reports import dashboard
from tests.fixtures.app import invoice_json

pytestmark = pytest.mark.usefixtures("each_engine")


def test_monthly_sales_and_kdv_per_rate(app_ctx: AppContext) -> None:
    today = clock.today()
    issued = [issue_invoice(app_ctx, create_draft(app_ctx, invoice_json()), sign=None)
              for _ in range(2)]
    create_draft(app_ctx, invoice_json())  # a draft is no sale
    board = dashboard(app_ctx, today)
    totals = [Decimal(show_invoice(app_ctx, r.ettn)["tax_exclusive"]) for r in issued]
    assert board.month_sales == sum(totals)
    assert board.month_count == 2
    assert dict(board.monthly)[today.month] == sum(totals)
    assert sum(v for m, v in board.monthly if m != today.month) == 0
    assert board.drafts == 1
    assert sum(board.kdv_by_rate.values()) > 0
