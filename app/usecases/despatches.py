"""e-İrsaliye we issue: drafts, issuing, reading.

Issuing follows the invoice's path (``app.usecases.numbering.prepare_then_store``): the
draft and the next number of the company's despatch series are read without the lock; the DespatchAdvice is rendered
with that number, signed (XAdES-BES, the invoice's signature slot) and validated with GİB's
XSD and schematron outside any transaction; then one short write transaction checks that the
draft and the counter are still as read, advances the counter (``number_series`` kind
``despatch-advice``), stores the signed bytes in ``documents`` (chained in the archive) and
marks the draft issued. A failure anywhere leaves the draft as it was and uses no number.

A signed despatch advice enters the outbox in that same transaction
(``app.usecases.despatch_sending.queue_despatch``: status ``queued``); ``sync`` addresses it
to the receiver's DespatchAdvice alias in GİB's user list, sends it (SENDERENVELOPE,
ElementType DESPATCHADVICE) and GİB's answers move its status. An unsigned development copy
stays ``issued``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import despatches as repo
from app.db.repositories import documents
from app.db.repositories import numbering as numbering_repo
from app.domain.despatch import DEFAULT_DESPATCH_SERIES, DespatchData
from app.domain.despatch_issue import check_issuable
from app.domain.despatch_json import despatch_to_json, from_invoice_json
from app.domain.despatch_status import DESPATCH_STATUS_NAMES, DespatchStatus
from app.domain.documents import DocumentKind
from app.domain.errors import NotFoundError, UserError, ValidationFailed
from app.domain.party import Party
from app.ubl.build import RenderContext
from app.ubl.despatch_build import render_despatch
from app.usecases.catalog import find_customer
from app.usecases.company import party_from_row, require_company
from app.usecases.despatch_sending import queue_despatch
from app.usecases.invoices import SignFunction
from app.usecases.numbering import Overtaken, locked_next, peek_next, prepare_then_store

KIND = DocumentKind.DESPATCH_ADVICE


# --- the series ----------------------------------------------------------------------------

def despatch_series(ctx: AppContext) -> str:
    """The company's despatch series (setting ``despatch_series``; "IRS" when not set)."""
    return settings.read(ctx, settings.DESPATCH_SERIES) or DEFAULT_DESPATCH_SERIES


def set_despatch_series(ctx: AppContext, series: str) -> None:
    try:
        settings.write(ctx, settings.DESPATCH_SERIES, series)
    except ValueError:
        raise UserError("İrsaliye serisi üç karakter olmalı (büyük harf ya da rakam) ya da boş "
                        "(IRS kullanılır).", field="despatch_series") from None


# --- drafts --------------------------------------------------------------------------------

def _parse(ctx: AppContext, data: dict[str, Any]) -> DespatchData:
    if not isinstance(data, dict):
        raise UserError("İrsaliye JSON'u bir nesne ({…}) olmalı.")
    if not data.get("series"):
        data = {**data, "series": despatch_series(ctx)}
    customer = data.get("customer")
    party = None
    if isinstance(customer, str):
        try:
            party = find_customer(ctx, customer)
        except NotFoundError as exc:  # "customer" names a stored customer's VKN/TCKN
            raise NotFoundError(exc.message, field="customer") from None
    return DespatchData.from_json(data, customer=party)


def _apply(row: t.Despatch, d: DespatchData) -> None:
    row.profile, row.type, row.series = d.profile.value, d.type.value, d.series
    row.issue_date, row.issue_time = d.issue_date, d.issue_time.strftime("%H:%M:%S")
    row.despatch_date = d.despatch_date
    row.despatch_time = d.despatch_time.strftime("%H:%M:%S")
    row.receiver_vkn_tckn = d.customer.vkn_tckn
    row.receiver_name = d.customer.display_name
    row.data = despatch_to_json(d)
    row.updated_at = clock.local_now()


def create_draft(ctx: AppContext, data: dict[str, Any]) -> str:
    """Store a new despatch draft (JSON as in docs/despatch-json.md; without ``series`` the
    company's despatch series); return its ETTN."""
    d = _parse(ctx, data)
    with ctx.db.write_session() as s:
        if repo.out_by_ettn(s, d.ettn) is not None:
            raise UserError(f"{d.ettn} ETTN'li bir irsaliye zaten var.", field="ettn")
        now = clock.local_now()
        row = t.Despatch(ettn=d.ettn, direction="out", status=DespatchStatus.DRAFT.value,
                         signed=False, created_at=now)
        _apply(row, d)
        repo.add(s, row)
    return d.ettn


def _draft_row(s: Session, ettn: str) -> t.Despatch:
    row = repo.out_by_ettn(s, ettn)
    if row is None:
        raise NotFoundError(f"{ettn.strip()} ETTN'li irsaliye bulunamadı.")
    if row.status != DespatchStatus.DRAFT:
        raise UserError(f"{row.number} numaralı irsaliye kesilmiş; değiştirilemez ya da "
                        "silinemez. Kesilen irsaliye Vergi Usul Kanunu gereği olduğu gibi "
                        "saklanır.")
    return row


def update_draft(ctx: AppContext, ettn: str, data: dict[str, Any]) -> None:
    d = _parse(ctx, {**data, "ettn": ettn})
    with ctx.db.write_session() as s:
        _apply(_draft_row(s, ettn), d)


def delete_drafts(ctx: AppContext, ettns: list[str]) -> list[str]:
    """Delete the despatch drafts (all or none); an issued one is never deleted."""
    with ctx.db.write_session() as s:
        rows = [_draft_row(s, ettn) for ettn in dict.fromkeys(ettns)]
        for row in rows:
            repo.delete_draft(s, row)
    return [row.ettn for row in rows]


def draft_json_from_invoice(ctx: AppContext, invoice_ettn: str) -> dict[str, Any]:
    """A despatch JSON prefilled from one of our invoices (a draft or an issued one): the
    receiver, the goods, the order; an issued invoice is named in ``invoice_refs``. The
    shipment (carrier or driver and plates) is left for the user to fill in."""
    from app.usecases.invoices import find_ettn, show_invoice

    info = show_invoice(ctx, find_ettn(ctx, invoice_ettn))
    if info["direction"] != "out":
        raise UserError("Gelen bir faturadan irsaliye hazırlanamaz; kendi faturanızı seçin.")
    data = from_invoice_json(info["data"], series=despatch_series(ctx))
    if info["number"]:
        data["invoice_refs"] = [{"number": info["number"], "date": info["issue_date"]}]
    return data


def create_draft_from_invoice(ctx: AppContext, invoice_ettn: str,
                              shipment: dict[str, Any]) -> str:
    """A despatch draft from an invoice (``draft_json_from_invoice``) with ``shipment`` (the
    JSON's ``shipment`` block: carrier or driver, plates, delivery address); its ETTN."""
    data = draft_json_from_invoice(ctx, invoice_ettn)
    return create_draft(ctx, {**data, "shipment": shipment})


# --- issuing -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DespatchIssueResult:
    ettn: str
    number: str
    sha256: str
    signed: bool


@dataclass(frozen=True)
class _Read:
    id: int
    ettn: str
    data: dict[str, Any]
    despatch: DespatchData
    expected: int
    number: str


def _read_for_issue(s: Session, ettn: str) -> _Read:
    r = repo.issue_candidate(s, ettn)
    if r is None:
        raise NotFoundError(f"{ettn.strip()} ETTN'li irsaliye bulunamadı.")
    if r.status != DespatchStatus.DRAFT:
        raise UserError(f"Bu irsaliye zaten kesilmiş: {r.number}.")
    d = DespatchData.from_json(r.data, customer=party_from_row(r.data["customer"]))
    check_issuable(d, clock.today())
    expected, number = peek_next(s, d.series, d.issue_date, KIND)
    return _Read(r.id, r.ettn, r.data, d, expected, number)


def _prepare(d: DespatchData, supplier: Party, number: str, sign: SignFunction | None,
             validator: Any) -> bytes:
    """Render, sign and validate with ``number``; touches no database."""
    xml = render_despatch(d, RenderContext(supplier, number, unsigned=sign is None))
    if sign is not None:
        xml = sign(xml)
    report = validator.validate_despatch_advice(xml)
    if not report.ok:
        raise ValidationFailed(
            "İrsaliye GİB kurallarına uymuyor; kesilmedi ve numara kullanılmadı:\n"
            + "\n".join(f"- {p.message} ({p.location})" for p in report.problems),
            report.problems)
    return xml


def _store(s: Session, read: _Read, xml: bytes, signed: bool) -> DespatchIssueResult:
    """Inside the write transaction: the draft and the counter as read, then the number, the
    document (and its archive entry) and the issued despatch advice, together."""
    d = read.despatch
    current = repo.status_and_data(s, read.id)
    if current is None or current.status != DespatchStatus.DRAFT or current.data != read.data:
        raise Overtaken
    sequence, _number = locked_next(s, d.series, d.issue_date, KIND)
    if sequence != read.expected:
        raise Overtaken
    numbering_repo.advance(s, KIND.value, d.series, d.issue_date.year, sequence, d.issue_date)
    now = clock.local_now()
    digest = hashlib.sha256(xml).hexdigest()
    document_id = documents.insert_row(s, invoice_id=None, kind=KIND.value, content=xml,
                                       sha256=digest, now=now)
    repo.mark_issued(s, read.id, number=read.number, status=DespatchStatus.ISSUED.value,
                     signed=signed, document_id=document_id, at=now)
    if signed:  # to its receiver through GİB, sent exactly once from here on
        queue_despatch(s, document_id, d.customer.vkn_tckn, now=now)
    return DespatchIssueResult(read.ettn, read.number, digest, signed)


class DespatchIssuer:
    """Issues despatch drafts one after another (the company and GİB's validator taken
    once), each in its own transaction, as ``app.usecases.invoices.DraftIssuer``."""

    def __init__(self, ctx: AppContext, sign: SignFunction | None, *,
                 supplier: Party | None = None) -> None:
        from app.ubl.validate import get_validator

        self.validator = get_validator(ctx.rules_dir)  # missing rules fail before a number
        self.supplier = supplier if supplier is not None else require_company(ctx)
        self.ctx, self.sign = ctx, sign

    def issue(self, ettn: str) -> DespatchIssueResult:
        signed = self.sign is not None
        return prepare_then_store(
            self.ctx, lambda s: _read_for_issue(s, ettn),
            lambda read: _prepare(read.despatch, self.supplier, read.number, self.sign,
                                  self.validator),
            lambda s, read, xml: _store(s, read, xml, signed))


def issue_despatch(ctx: AppContext, ettn: str, *,
                   sign: SignFunction | None) -> DespatchIssueResult:
    """Give the draft its number and store the signed, validated DespatchAdvice — all or
    nothing. ``sign=None`` issues an unsigned development copy (``--no-sign``)."""
    return DespatchIssuer(ctx, sign).issue(ettn)


Progress = Callable[[int, int, str], None]


def issue_despatches(ctx: AppContext, ettns: list[str], secret: object, *,
                     sign: bool = True,
                     on_progress: Progress | None = None,
                     should_stop: Callable[[], bool] | None = None,
                     ) -> list[DespatchIssueResult]:
    """Issue the drafts in order in one signer session (one PIN entry), as
    ``app.usecases.issuing.issue_drafts``: the first draft that cannot be issued stops the
    batch with a ``UserError`` saying how many were issued; the rest stay drafts.
    ``should_stop`` is asked before each draft (True: the batch ends there)."""
    from app.usecases.signing import company_signer

    results: list[DespatchIssueResult] = []
    signing: AbstractContextManager[SignFunction | None] = (
        company_signer(ctx, secret) if sign else nullcontext(None))
    with signing as sign_fn:
        issuer: DespatchIssuer | None = None
        for i, ettn in enumerate(ettns):
            if should_stop is not None and should_stop():
                break
            if on_progress is not None:
                on_progress(i, len(ettns), ettn)
            try:
                if issuer is None:
                    issuer = DespatchIssuer(ctx, sign_fn)
                results.append(issuer.issue(ettn))
            except UserError as exc:
                done = f"{len(results)} irsaliye kesildi; " if results else ""
                raise UserError(f"{done}{i + 1}. taslakta durdu: {exc.message}",
                                field=exc.field) from exc
    if on_progress is not None:
        on_progress(len(ettns), len(ettns), "")
    return results


# --- reading -------------------------------------------------------------------------------

def find_despatch(ctx: AppContext, ref: str) -> str:
    """The ETTN of the despatch advice ``ref`` names: its ETTN or its number."""
    with ctx.db.session() as s:
        row = repo.by_ettn(s, ref) or repo.out_by_number(s, ref)
        if row is None:
            raise NotFoundError(f"{ref.strip()} ETTN ya da numaralı irsaliye bulunamadı.")
        return row.ettn


def _get(s: Session, ettn: str) -> t.Despatch:
    row = repo.by_ettn(s, ettn)
    if row is None:
        raise NotFoundError(f"{ettn.strip()} ETTN'li irsaliye bulunamadı.")
    return row


def despatch_summary(row: t.Despatch) -> dict[str, Any]:
    return {
        "ettn": row.ettn, "number": row.number, "status": row.status,
        "status_name": DESPATCH_STATUS_NAMES[DespatchStatus(row.status)],
        "direction": row.direction, "profile": row.profile, "type": row.type,
        "series": row.series, "issue_date": row.issue_date.isoformat(),
        "issue_time": row.issue_time, "despatch_date": row.despatch_date.isoformat(),
        "despatch_time": row.despatch_time, "receiver_vkn_tckn": row.receiver_vkn_tckn,
        "receiver_name": row.receiver_name, "signed": row.signed,
        "issued_at": row.issued_at.isoformat(timespec="seconds") if row.issued_at else None,
        "sender_vkn_tckn": row.sender_vkn_tckn, "sender_name": row.sender_name,
    }


def show_despatch(ctx: AppContext, ettn: str) -> dict[str, Any]:
    """One despatch advice with its receipt advices (``despatch_receiving.exchange_of``)."""
    from app.usecases.despatch_receiving import exchange_of

    with ctx.db.session() as s:
        row = _get(s, ettn)
        return {**despatch_summary(row), "data": row.data, **exchange_of(s, row)}


def list_despatches(ctx: AppContext, *, search: str = "", status: str | None = None,
                    limit: int = 200, offset: int = 0,
                    direction: str | None = None) -> list[dict[str, Any]]:
    """``direction``: only ours (out) or only received ones (in); None: both."""
    with ctx.db.session() as s:
        return [despatch_summary(r) for r in repo.search(s, text=search, status=status,
                                                         limit=limit, offset=offset,
                                                         direction=direction)]


def despatch_xml(ctx: AppContext, ettn: str) -> bytes:
    """The stored, exact bytes of the issued despatch advice."""
    with ctx.db.session() as s:
        row = _get(s, ettn)
        if row.document_id is None:
            raise UserError("Bu irsaliye henüz kesilmedi; XML'i yok. Önce 'tezgah despatch "
                            "issue'.")
        doc = s.get(t.Document, row.document_id)
        assert doc is not None, "an issued despatch advice has its document"
        if hashlib.sha256(doc.content).hexdigest() != doc.sha256:
            raise UserError("Saklanan belgenin özeti tutmuyor: arşiv bozulmuş olabilir. "
                            "Yedekten geri yükleyin.")
        return doc.content


def despatch_pdf(ctx: AppContext, ettn: str) -> bytes:
    """The issued despatch advice as an A4 PDF (``app.usecases.printing.document_pdf``: the
    company's logo; marked TEST when unsigned or signed with the TEST certificate)."""
    from app.usecases.company import company_logo
    from app.usecases.printing import document_pdf, is_test_document

    xml = despatch_xml(ctx, ettn)
    with ctx.db.session() as s:
        ours = _get(s, ettn).direction == "out"
    # a received despatch advice is printed without our logo: it is the sender's document
    return document_pdf(xml, logo=company_logo(ctx) if ours else None,
                        test_mode=is_test_document(xml))


def despatch_html(ctx: AppContext, ettn: str) -> str:
    """The issued despatch advice as HTML through GİB's irsaliye.xslt (with its karekod)."""
    from app.pdf.despatch_html import render_despatch_html_view

    return render_despatch_html_view(despatch_xml(ctx, ettn), rules_dir=ctx.rules_dir).html


__all__ = ["DespatchIssueResult", "DespatchIssuer", "create_draft",
           "create_draft_from_invoice", "delete_drafts", "despatch_html", "despatch_pdf", "despatch_series",
           "despatch_summary", "despatch_xml", "draft_json_from_invoice", "find_despatch",
           "issue_despatch", "issue_despatches", "list_despatches", "set_despatch_series",
           "show_despatch", "update_draft"]
