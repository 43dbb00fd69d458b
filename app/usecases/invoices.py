"""Drafts, issuing and reading invoices.

Issuing prepares the document (UBL-TR XML with the expected number → signature → GİB XSD +
schematron) outside any transaction, then takes the write lock only to assign the number and
store the bytes (``issue_invoice``). It either completes or leaves no trace (no number used,
the draft intact).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app import clock
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import documents
from app.db.repositories import invoices as repo
from app.db.repositories import numbering as numbering_repo
from app.db.repositories import outbox as outbox_repo
from app.db.repositories.events import add_event, list_events
from app.db.repositories.events import insert_rows as insert_events
from app.domain.documents import DocumentKind
from app.domain.errors import NotFoundError, UserError, ValidationFailed
from app.domain.invoice import InvoiceData
from app.domain.invoice_json import invoice_to_json
from app.domain.money import parse_typed_decimal
from app.domain.party import Party
from app.domain.status import STATUS_NAMES, Status
from app.domain.totals import InvoiceTotals, invoice_totals
from app.outbox.queue import QUEUED_MESSAGE
from app.outbox.states import WAITING
from app.ubl.build import RenderContext, render_invoice
from app.usecases.catalog import find_customer
from app.usecases.company import party_from_row, require_company
from app.usecases.numbering import Overtaken, locked_next, peek_next, prepare_then_store

# A signing step: unsigned invoice bytes in, signed bytes out (see app.signing.sign_invoice).
SignFunction = Callable[[bytes], bytes]



def _parse(ctx: AppContext, data: dict[str, Any]) -> InvoiceData:
    customer = data.get("customer")
    party = None
    if isinstance(customer, str):
        try:
            party = find_customer(ctx, customer)
        except NotFoundError as exc:  # the invoice's "customer" field names the VKN/TCKN
            raise NotFoundError(exc.message, field="customer") from None
    return InvoiceData.from_json(data, customer=party)


def _apply(row: t.Invoice, inv: InvoiceData, totals: InvoiceTotals) -> None:
    row.profile, row.type, row.series = inv.profile.value, inv.type.value, inv.series
    row.issue_date = inv.issue_date
    row.issue_time = inv.issue_time.strftime("%H:%M:%S")
    row.currency = inv.currency
    row.customer_vkn_tckn = inv.customer.vkn_tckn
    row.customer_name = inv.customer.display_name
    row.tax_exclusive, row.tax_total = totals.tax_exclusive, totals.tax_total
    row.payable = totals.payable
    row.data = invoice_to_json(inv)
    row.updated_at = clock.local_now()
    row.lines = [
        t.InvoiceLine(position=i, name=ln.name, quantity=ln.quantity, unit=ln.unit,
                      unit_price=ln.unit_price, discount_rate=ln.discount_rate,
                      kdv_rate=ln.kdv_rate, net=lt.net, kdv_amount=lt.kdv.amount,
                      withholding_code=ln.withholding_code, exemption_code=ln.exemption_code)
        for i, (ln, lt) in enumerate(zip(inv.lines, totals.lines, strict=True), start=1)
    ]


def create_draft(ctx: AppContext, data: dict[str, Any]) -> str:
    """Store a new draft; return its ETTN (fixed from now on)."""
    inv = _parse(ctx, data)
    with ctx.db.write_session() as s:
        if data.get("ettn") and repo.out_ettn_exists(s, inv.ettn):
            raise UserError(f"{inv.ettn} ETTN'li bir fatura zaten var.", field="ettn")
        row = t.Invoice(ettn=inv.ettn, direction="out", status=Status.DRAFT,
                        created_at=clock.local_now(), signed=False)
        _apply(row, inv, invoice_totals(inv))
        repo.add(s, row)
        add_event(s, row.id, "draft-created", "Taslak oluşturuldu.")
    return inv.ettn


def update_draft(ctx: AppContext, ettn: str, data: dict[str, Any]) -> None:
    inv = _parse(ctx, {**data, "ettn": ettn})
    with ctx.db.write_session() as s:
        row = _get(s, ettn)
        if row.status != Status.DRAFT:
            raise UserError(f"{row.number} numaralı fatura kesilmiş; değiştirilemez. "
                            "Düzeltme için iade faturası kesin.")
        _apply(row, inv, invoice_totals(inv))


def _not_deletable(row: t.Invoice) -> UserError:
    if row.direction == "in":
        return UserError(f"{row.number} gelen bir faturadır; arşivden silinemez.")
    return UserError(
        f"{row.number} numaralı fatura kesilmiş; silinemez. Kesilen faturanın numarası "
        "kullanılmıştır ve belge Vergi Usul Kanunu gereği olduğu gibi saklanmalıdır "
        "(GİB e-Fatura Saklama Kılavuzu). Düzeltmek için iade faturası kesin.")


@dataclass(frozen=True)
class DeletedDrafts:
    """Drafts deleted together, kept whole so that ``restore_drafts`` can undo it."""

    ettns: tuple[str, ...]
    snapshots: tuple[dict[str, Any], ...]


def delete_drafts(ctx: AppContext, ettns: list[str]) -> DeletedDrafts:
    """Delete the drafts (all or none); an issued or received invoice is never deleted."""
    with ctx.db.write_session() as s:
        rows = [_get(s, ettn) for ettn in dict.fromkeys(ettns)]
        for row in rows:
            if row.direction != "out" or row.status != Status.DRAFT:
                raise _not_deletable(row)
        snapshots = tuple(repo.delete_draft(s, row) for row in rows)
    return DeletedDrafts(tuple(snap["invoice"]["ettn"] for snap in snapshots), snapshots)


def delete_draft(ctx: AppContext, ettn: str) -> DeletedDrafts:
    return delete_drafts(ctx, [ettn])


def restore_drafts(ctx: AppContext, deleted: DeletedDrafts) -> list[str]:
    """Undo ``delete_drafts``: the same drafts (ETTN, content, history) are back."""
    with ctx.db.write_session() as s:
        for snap in deleted.snapshots:
            if repo.out_ettn_exists(s, snap["invoice"]["ettn"]):
                raise UserError(f"{snap['invoice']['ettn']} ETTN'li bir fatura zaten var; "
                                "taslak geri alınamadı.")
            repo.restore_draft(s, snap)
    return list(deleted.ettns)


def find_ettn(ctx: AppContext, ref: str) -> str:
    """The ETTN of the invoice that ``ref`` names: its ETTN or its number (our own invoice
    first; a received number must name one invoice)."""
    with ctx.db.session() as s:
        if repo.by_ettn(s, ref) is not None:
            return ref.strip().upper()
        row = repo.out_by_number(s, ref)
        if row is not None:
            return row.ettn
        received = repo.in_by_number(s, ref)
        if len(received) == 1:
            return received[0].ettn
        if received:
            raise UserError(f"{ref.strip()} numaralı {len(received)} gelen fatura var; "
                            "ETTN'sini verin: " + ", ".join(r.ettn for r in received))
    raise NotFoundError(f"{ref.strip()} ETTN ya da numaralı fatura bulunamadı.")


def _get(s: Session, ettn: str) -> t.Invoice:
    # Our own invoice first; among received ones sharing an ETTN, the latest.
    row = repo.by_ettn(s, ettn)
    if row is None:
        raise NotFoundError(f"{ettn} ETTN'li fatura bulunamadı.")
    return row


@dataclass
class IssueResult:
    ettn: str
    number: str
    sha256: str
    signed: bool


def _validator(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.ubl.validate import get_validator

    return get_validator(ctx.rules_dir)


@dataclass(frozen=True)
class _Draft:
    """A draft as read for issuing: its row id and ETTN, its JSON as stored, the invoice."""

    id: int
    ettn: str
    data: dict[str, Any]
    inv: InvoiceData


def _read_draft(s: Session, ettn: str) -> _Draft:
    """The draft to issue, read with one plain SELECT (the invoice ``_get`` would find)."""
    r = repo.issue_candidate(s, ettn)
    if r is None:
        raise NotFoundError(f"{ettn} ETTN'li fatura bulunamadı.")
    if r.status != Status.DRAFT:
        raise UserError(f"Bu fatura zaten kesilmiş: {r.number}.")
    inv = InvoiceData.from_json(r.data, customer=party_from_row(r.data["customer"]))
    if inv.issue_date > clock.today():
        # GİB schematron (cbc:IssueDate rule): the date cannot be after the day of issue.
        raise UserError(f"Fatura tarihi ({inv.issue_date:%d.%m.%Y}) ileri bir tarih olamaz; "
                        "bugünün ya da geçmiş bir günün tarihini yazın.", field="issue_date")
    return _Draft(r.id, r.ettn, r.data, inv)


def _prepare(inv: InvoiceData, supplier: Any, number: str, sign: SignFunction | None,
             validator: Any) -> bytes:
    """Render, sign and validate the invoice with ``number``; touches no database."""
    xml = render_invoice(inv, RenderContext(supplier, number, unsigned=sign is None),
                         invoice_totals(inv))
    if sign is not None:
        xml = sign(xml)
    report = validator.validate(xml, earchive=inv.is_earchive)
    if not report.ok:
        raise ValidationFailed(
            "Fatura GİB kurallarına uymuyor; kesilmedi ve numara kullanılmadı:\n"
            + "\n".join(f"- {p.message} ({p.location})" for p in report.problems),
            report.problems)
    return xml


def _store(s: Session, draft: _Draft, expected: int, number: str, xml: bytes,
           signed: bool) -> IssueResult:
    """Inside the write transaction: check that the draft and the series' counter are still
    as read, then advance the counter and store the document, its history and (e-Fatura) its
    outbox item — a handful of plain statements, no ORM objects."""
    inv = draft.inv
    current = repo.status_and_data(s, draft.id)
    if current is None or current.status != Status.DRAFT or current.data != draft.data:
        raise Overtaken  # issued, deleted or edited meanwhile: read it again
    # Under the lock (and the series' own, on PostgreSQL): the next number and the date order
    # of the series, as they stand now.
    sequence, _number = locked_next(s, inv.series, inv.issue_date)
    if sequence != expected:
        raise Overtaken  # another invoice of the series took the number
    numbering_repo.advance(s, DocumentKind.INVOICE.value, inv.series, inv.issue_date.year,
                           sequence, inv.issue_date)
    now = clock.local_now()
    digest = hashlib.sha256(xml).hexdigest()
    document_id = documents.insert_row(s, invoice_id=draft.id, kind="invoice", content=xml,
                                       sha256=digest, now=now)
    status = Status.ISSUED
    events = [{"invoice_id": draft.id, "at": now, "kind": "issued", "code": "",
               "message": f"{number} numarasıyla kesildi"
               + ("" if signed else " (imzasız geliştirme kopyası)") + ".",
               "data": {"sha256": digest}}]
    if signed and not inv.is_earchive:
        # e-Fatura goes to its receiver through GİB: into the outbox in this same
        # transaction, so an issued invoice can never be forgotten. (e-Arşiv invoices
        # are not sent through the EFatura service.)
        outbox_repo.insert_item(
            s, document_id=document_id, kind=DocumentKind.INVOICE.value, channel="efatura",
            invoice_id=draft.id, receiver_vkn_tckn=inv.customer.vkn_tckn,
            receiver_alias=draft.data.get("customer", {}).get("alias", ""), state=WAITING,
            now=now)
        status = Status.QUEUED
        events.append({"invoice_id": draft.id, "at": now, "kind": "queued", "code": "",
                       "message": QUEUED_MESSAGE, "data": None})
    repo.mark_issued(s, draft.id, number=number, status=status, signed=signed, at=now)
    insert_events(s, events)
    if signed and inv.is_earchive:
        # e-Arşiv delivered ELEKTRONIK: the e-mail to the buyer waits in the outbox too
        from app.usecases.email_delivery import queue_on_issue

        row = s.get(t.Invoice, draft.id)
        assert row is not None
        queue_on_issue(s, row, inv)
    return IssueResult(draft.ettn, number, digest, signed)


def issue_invoice(ctx: AppContext, ettn: str, *, sign: SignFunction | None) -> IssueResult:
    """Give the draft its number and store the signed, validated XML — all or nothing.

    The number is written into the signed XML, yet rendering, signing and validating a long
    invoice takes seconds, and no one else may write meanwhile if that happens under the
    write lock. So the draft and the series' next number are read without the lock, the
    document is prepared with that number outside any transaction, and a short write
    transaction then checks that the counter (and the draft) are still as read, advances the
    counter and stores the document. When another invoice took the number meanwhile, the
    document is prepared again with the new one; after ``OPTIMISTIC_ROUNDS`` such rounds it
    is prepared inside the write transaction, as a last resort that cannot be overtaken.
    Either way the number, the date order of the series (checked under the lock) and the
    stored bytes are decided in one transaction: no gap, no duplicate, nothing half-written.

    ``sign=None`` issues an unsigned development copy (``--no-sign``)."""
    return DraftIssuer(ctx, sign).issue(ettn)


_Read = tuple[_Draft, int, str]  # the draft, the sequence expected for it, its number


class DraftIssuer:
    """Issues drafts one after another as ``issue_invoice`` does, with the company and the
    GİB validator taken once. Told which draft comes next, the write transaction that
    stores one invoice also reads the next draft and its number (under the lock: as fresh as
    it gets), which saves a read transaction per invoice; the next write transaction checks
    them again as always. Each invoice still has its own transaction: a batch stopped or
    killed midway leaves every issued invoice whole and the rest as drafts."""

    def __init__(self, ctx: AppContext, sign: SignFunction | None, *,
                 supplier: Party | None = None) -> None:
        # Missing rules or company fail here, before any number is touched.
        self.validator = _validator(ctx)
        self.supplier = supplier if supplier is not None else require_company(ctx)
        self.ctx, self.sign = ctx, sign
        self._ahead: tuple[str, _Read] | None = None

    def issue(self, ettn: str, *, next_ettn: str | None = None) -> IssueResult:
        signed = self.sign is not None
        ahead, self._ahead = self._ahead, None

        def prepare(read: _Read) -> bytes:
            draft, _expected, number = read
            return _prepare(draft.inv, self.supplier, number, self.sign, self.validator)

        def store(s: Session, read: _Read, xml: bytes) -> IssueResult:
            draft, expected, number = read
            result = _store(s, draft, expected, number, xml, signed)
            if next_ettn is not None:
                self._ahead = _read_ahead(s, next_ettn)
            return result

        return prepare_then_store(
            self.ctx, lambda s: _read_for_issue(s, ettn), prepare, store,
            first=ahead[1] if ahead is not None and ahead[0] == ettn else None)


def _read_for_issue(s: Session, ettn: str) -> _Read:
    draft = _read_draft(s, ettn)
    expected, number = peek_next(s, draft.inv.series, draft.inv.issue_date)
    return draft, expected, number


def _read_ahead(s: Session, ettn: str) -> tuple[str, _Read] | None:
    """The next draft read inside the transaction that stored the one before; None when it
    cannot be issued (its own read says why, outside this transaction)."""
    try:
        return ettn, _read_for_issue(s, ettn)
    except Exception:  # never let a look ahead undo the invoice just stored
        return None


def invoice_xml(ctx: AppContext, ettn: str) -> bytes:
    """The stored, exact bytes of the issued (or received) invoice."""
    with ctx.db.session() as s:
        row = _get(s, ettn)
        doc = documents.latest_of_invoice(s, row.id, ("invoice", "received"))
        if doc is None:
            raise UserError("Bu fatura henüz kesilmedi; XML'i yok. Önce 'tezgah invoice issue'.")
        if hashlib.sha256(doc.content).hexdigest() != doc.sha256:
            raise UserError("Saklanan belgenin özeti tutmuyor: arşiv bozulmuş olabilir. "
                            "Yedekten geri yükleyin.")
        return doc.content


def invoice_summary(row: t.Invoice) -> dict[str, Any]:
    return {
        "ettn": row.ettn, "number": row.number, "status": row.status,
        "status_name": STATUS_NAMES[Status(row.status)], "direction": row.direction,
        "profile": row.profile, "type": row.type, "issue_date": row.issue_date.isoformat(),
        "issue_time": row.issue_time, "customer_vkn_tckn": row.customer_vkn_tckn,
        "customer_name": row.customer_name, "currency": row.currency,
        "tax_exclusive": str(row.tax_exclusive), "tax_total": str(row.tax_total),
        "payable": str(row.payable), "signed": row.signed,
        "signature_valid": row.signature_valid,
    }


def signature_verdict(signature: dict[str, Any] | None) -> str:
    """The verdict on a received invoice's signature, in Turkish, from what import stored
    (``data["signature"]``: the verifier's ``valid`` and ``problems``, and the signer)."""
    if not signature:
        return "İmza doğrulanmadı (bu belge imza denetimi yapılmadan içe alınmış)."
    if signature.get("valid"):
        who = ", ".join(x for x in (signature.get("signer_name"),
                                    signature.get("signer_vkn_tckn")) if x)
        when = signature.get("signing_time")
        if when:
            when = f"imza zamanı {datetime.fromisoformat(when):%d.%m.%Y %H:%M}"
        detail = " — ".join(x for x in (who, when) if x)
        return f"İmza geçerli — {detail}." if detail else "İmza geçerli."
    problems = " ".join(signature.get("problems") or [])
    return f"İMZA GEÇERSİZ: {problems}" if problems else "İMZA GEÇERSİZ."


def show_invoice(ctx: AppContext, ettn: str) -> dict[str, Any]:
    with ctx.db.session() as s:
        row = _get(s, ettn)
        result = invoice_summary(row)
        result["data"] = row.data
        result["signature_verdict"] = (
            signature_verdict(row.data.get("signature")) if row.direction == "in" else "")
        result["events"] = list_events(s, row.id)
        return result


def list_invoices(ctx: AppContext, *, search: str = "", status: str | None = None,
                  date_from: date | None = None, date_to: date | None = None,
                  limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    amount = parse_typed_decimal(search) if search else None
    with ctx.db.session() as s:
        rows = repo.search(s, text=search, amount=amount, status=status, date_from=date_from,
                           date_to=date_to, limit=limit, offset=offset)
        return [invoice_summary(r) for r in rows]


def count_invoices(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return repo.count(s)


__all__ = ["DeletedDrafts", "DraftIssuer", "IssueResult", "create_draft", "delete_draft",
           "delete_drafts", "find_ettn", "invoice_xml", "issue_invoice", "list_invoices",
           "restore_drafts", "show_invoice", "update_draft"]
