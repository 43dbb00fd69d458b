"""Issuing selected drafts as one batch: one signer session, progress, a safe stop, and the
first draft that cannot be issued ends the batch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import text

from app import clock
from app.context import AppContext
from app.domain.errors import UserError
from app.usecases import issuing
from app.usecases.invoices import create_draft, show_invoice
from tests.fixtures.app import invoice_json

# Storage and numbering: on SQLite and on PostgreSQL (tests/fixtures/postgres.py).
pytestmark = pytest.mark.usefixtures("each_engine")


def _last_number(ctx: AppContext, series: str = "ABC") -> int:
    with ctx.db.session() as s:
        return s.execute(text("SELECT coalesce(max(last_number), 0) FROM number_series "
                              "WHERE series = :s"), {"s": series}).scalar_one()


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Counts the signer sessions opened; signing itself is left out (unsigned copies)."""
    opened: list[object] = []

    @contextmanager
    def fake_signer(_ctx: AppContext, secret: object) -> Iterator[None]:
        opened.append(secret)
        yield None

    monkeypatch.setattr(issuing, "company_signer", fake_signer)
    return opened


def test_one_signer_session_and_progress_for_the_batch(
        app_ctx: AppContext, sessions: list[object]) -> None:
    drafts = [create_draft(app_ctx, invoice_json()) for _ in range(3)]
    steps: list[tuple[int, int, str]] = []
    results = issuing.issue_drafts(app_ctx, drafts, "PIN",
                                   on_progress=lambda *step: steps.append(step))
    assert sessions == ["PIN"]
    assert [r.ettn for r in results] == drafts
    assert [r.number for r in results] == [f"ABC2026{n:09d}" for n in (1, 2, 3)]
    assert steps == [(0, 3, drafts[0]), (1, 3, drafts[1]), (2, 3, drafts[2]), (3, 3, "")]


def test_stop_midway_leaves_the_rest_as_drafts_with_no_number_used(
        app_ctx: AppContext, sessions: list[object]) -> None:
    drafts = [create_draft(app_ctx, invoice_json()) for _ in range(3)]
    steps: list[tuple[int, int, str]] = []
    results = issuing.issue_drafts(app_ctx, drafts, None,
                                   on_progress=lambda *step: steps.append(step),
                                   should_stop=lambda: len(steps) == 1)
    assert [r.ettn for r in results] == drafts[:1]
    assert steps == [(0, 3, drafts[0]), (3, 3, "")]
    infos = [show_invoice(app_ctx, e) for e in drafts]
    assert infos[0]["status"] != "draft" and infos[0]["number"] == "ABC2026000000001"
    assert [(i["status"], i["number"]) for i in infos[1:]] == [("draft", None)] * 2
    assert _last_number(app_ctx) == 1

    # the rest later: the numbers go on without a gap
    rest = issuing.issue_drafts(app_ctx, drafts[1:], None)
    assert [r.number for r in rest] == ["ABC2026000000002", "ABC2026000000003"]


def test_stop_before_the_first_issues_nothing(app_ctx: AppContext, sessions: list[object]) -> None:
    drafts = [create_draft(app_ctx, invoice_json()) for _ in range(2)]
    assert issuing.issue_drafts(app_ctx, drafts, None, should_stop=lambda: True) == []
    assert all(show_invoice(app_ctx, e)["status"] == "draft" for e in drafts)
    assert _last_number(app_ctx) == 0


def test_a_failing_draft_ends_the_batch_and_says_where(
        app_ctx: AppContext, sessions: list[object]) -> None:
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    drafts = [create_draft(app_ctx, invoice_json()),
              create_draft(app_ctx, invoice_json(issue_date=tomorrow)),
              create_draft(app_ctx, invoice_json())]
    with pytest.raises(UserError,
                       match=r"^1 fatura kesildi; 2\. taslakta durdu: .*ileri bir tarih"):
        issuing.issue_drafts(app_ctx, drafts, None)
    statuses = [show_invoice(app_ctx, e)["status"] for e in drafts]
    assert statuses[0] != "draft" and statuses[1:] == ["draft", "draft"]  # the third waits
    assert _last_number(app_ctx) == 1

    with pytest.raises(UserError, match=r"^1\. taslakta durdu: "):  # nothing issued before it
        issuing.issue_drafts(app_ctx, drafts[1:], None)


def test_unsigned_batch_opens_no_signer(app_ctx: AppContext, sessions: list[object]) -> None:
    ettn = create_draft(app_ctx, invoice_json())
    [result] = issuing.issue_drafts(app_ctx, [ettn], None, sign=False)
    assert sessions == [] and not result.signed
