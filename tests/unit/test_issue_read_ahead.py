"""A batch reads the next draft inside the transaction that stored the one before; what
changes between that read and the draft's turn is still seen."""

from __future__ import annotations

import pytest

from app.context import AppContext
from app.domain.errors import UserError
from app.usecases.invoices import DraftIssuer, create_draft, show_invoice, update_draft
from tests.fixtures.app import invoice_json

# Storage and numbering: on SQLite and on PostgreSQL (tests/fixtures/postgres.py).
pytestmark = pytest.mark.usefixtures("each_engine")


def test_a_draft_edited_after_it_was_read_ahead_is_issued_as_edited(app_ctx: AppContext) -> None:
    first, second = (create_draft(app_ctx, invoice_json()) for _ in range(2))
    issuer = DraftIssuer(app_ctx, None)
    issuer.issue(first, next_ettn=second)
    edited = invoice_json()
    edited["lines"][0]["quantity"] = "7"
    update_draft(app_ctx, second, edited)
    result = issuer.issue(second)
    info = show_invoice(app_ctx, second)
    assert result.number == info["number"] == "ABC2026000000002"
    assert info["data"]["lines"][0]["quantity"] == "7"


def test_a_draft_issued_elsewhere_after_the_read_ahead_is_not_issued_twice(
        app_ctx: AppContext) -> None:
    first, second = (create_draft(app_ctx, invoice_json()) for _ in range(2))
    issuer = DraftIssuer(app_ctx, None)
    issuer.issue(first, next_ettn=second)
    DraftIssuer(app_ctx, None).issue(second)  # another window issued it meanwhile
    with pytest.raises(UserError, match="zaten kesilmiş"):
        issuer.issue(second)
    assert show_invoice(app_ctx, second)["number"] == "ABC2026000000002"
