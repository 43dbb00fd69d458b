"""Issuing drafts with the company's signer: one draft (the invoice editor) or many in one
signer session (the batch of selected drafts).

Each invoice is issued in its own transaction (``DraftIssuer``, as ``issue_invoice``), so a
batch stopped between two drafts leaves every issued invoice whole and the rest as drafts,
with no number used for them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from app.context import AppContext
from app.domain.errors import UserError
from app.usecases.company import require_company
from app.usecases.invoices import DraftIssuer, IssueResult, SignFunction, issue_invoice
from app.usecases.signing import company_signer

Progress = Callable[[int, int, str], None]
"""``(done, total, ettn)``: called before each draft, and with ``(total, total, "")`` at
the end."""


def _signer(ctx: AppContext, secret: object, sign: bool) -> AbstractContextManager[
        SignFunction | None]:
    return company_signer(ctx, secret) if sign else nullcontext(None)


def issue_signed(ctx: AppContext, ettn: str, secret: object) -> IssueResult:
    """One signer session (one PIN entry), then the draft is issued.
    ``secret``: as for ``company_signer`` (a PIN, a ``PinHandler``, or None)."""
    with company_signer(ctx, secret) as sign:
        return issue_invoice(ctx, ettn, sign=sign)


def issue_drafts(ctx: AppContext, ettns: list[str], secret: object, *,
                 on_progress: Progress | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 sign: bool = True) -> list[IssueResult]:
    """Issue the drafts in order in one signer session (one PIN entry); return the result of
    each issued draft, in order.

    ``should_stop`` is asked before each draft: when it answers True the batch ends there
    and returns what was issued. The first draft that cannot be issued ends the batch with a
    ``UserError`` saying how many were issued and where it stopped; the drafts after it are
    left as they are. ``sign=False`` issues unsigned development copies (``--no-sign``).
    """
    results: list[IssueResult] = []
    total = len(ettns)
    supplier = require_company(ctx) if ettns else None  # read once for the batch
    issuer: DraftIssuer | None = None
    with _signer(ctx, secret, sign) as sign_fn:
        for i, ettn in enumerate(ettns):
            if should_stop is not None and should_stop():
                break
            if on_progress is not None:
                on_progress(i, total, ettn)
            try:
                if issuer is None:  # missing rules stop the batch at its first draft
                    issuer = DraftIssuer(ctx, sign_fn, supplier=supplier)
                results.append(issuer.issue(
                    ettn, next_ettn=ettns[i + 1] if i + 1 < total else None))
            except UserError as exc:
                done = f"{len(results)} fatura kesildi; " if results else ""
                raise UserError(f"{done}{i + 1}. taslakta durdu: {exc.message}",
                                field=exc.field) from exc
    if on_progress is not None:
        on_progress(total, total, "")
    return results
