"""Legal invoice numbers: ``SSSYYYYNNNNNNNNN``, gapless and unique per series and year.

The document is prepared (rendered, signed, validated) with the number ``peek_next`` expects,
outside any lock; the counter row is then read and advanced inside the short transaction that
stores the document, which holds the write lock from its first statement (``BEGIN
IMMEDIATE`` on SQLite; on PostgreSQL the write lock and, in ``locked_next``, a lock of the
series' counter) and checks that the expected number is still the next one. If anything fails — a
crash, a power cut, a full disk — the counter is rolled back with everything else, so no
number is ever burnt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from app.context import AppContext
from app.db import Session
from app.db.repositories import numbering as repo
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.domain.invoice import INVOICE_NUMBER_RE

MAX_SEQUENCE = 999_999_999
# How a message names a document of each numbered kind: (the document, its date).
_NAMES = {DocumentKind.INVOICE: ("fatura", "Fatura tarihini"),
          DocumentKind.DESPATCH_ADVICE: ("irsaliye", "İrsaliye tarihini"),
          DocumentKind.RECEIPT_ADVICE: ("irsaliye yanıtı", "Yanıt tarihini")}


def format_number(series: str, year: int, sequence: int,
                  kind: DocumentKind = DocumentKind.INVOICE) -> str:
    number = f"{series}{year:04d}{sequence:09d}"
    # GİB schematron InvoiceIDCheck (the despatch advice's number follows the same rule)
    if not INVOICE_NUMBER_RE.match(number):
        raise UserError(f"{_NAMES[kind][0].capitalize()} numarası '{number}' GİB biçimine "
                        "uymuyor.")
    return number


def peek_next(s: Session, series: str, issue_date: date,
              kind: DocumentKind = DocumentKind.INVOICE) -> tuple[int, str]:
    """The next number of ``kind``'s ``series`` for the issue date's year, changing nothing.
    Read without the write lock it is a guess to prepare a document with; the storing
    transaction reads it again under the lock (``BEGIN IMMEDIATE``), checks it is the same
    and advances the counter (``app.db.repositories.numbering.advance``). Each document kind
    counts its own series."""
    last_number, last_date = repo.peek(s, kind.value, series, issue_date.year)
    return _next(series, issue_date, last_number, last_date, kind)


def locked_next(s: Session, series: str, issue_date: date,
                kind: DocumentKind = DocumentKind.INVOICE) -> tuple[int, str]:
    """``peek_next`` inside the storing transaction, with the counter locked until it ends
    (``app.db.repositories.numbering.lock``): what it answers stays true until the counter is
    advanced in the same transaction, however many computers issue into the series."""
    repo.lock(s, kind.value, series, issue_date.year)
    return peek_next(s, series, issue_date, kind)


def _next(series: str, issue_date: date, last_number: int, last_date: date | None,
          kind: DocumentKind = DocumentKind.INVOICE) -> tuple[int, str]:
    # Invoices (and despatch advices) are numbered in date order (VUK md. 231/5 sıra
    # numarası): a later number must not carry an earlier date than one already issued.
    noun, date_label = _NAMES[kind]
    if last_date is not None and issue_date < last_date:
        raise UserError(
            f"{series} serisinde {last_date:%d.%m.%Y} tarihli {noun} kesilmiş; yeni {noun} "
            f"daha eski bir tarihle ({issue_date:%d.%m.%Y}) kesilemez. {date_label} "
            "düzeltin.", field="issue_date")
    sequence = last_number + 1
    if sequence > MAX_SEQUENCE:
        raise UserError(f"{series} serisi {issue_date.year} yılı için doldu; yeni bir seri "
                        "tanımlayın.")
    return sequence, format_number(series, issue_date.year, sequence, kind)


# Optimistic rounds (prepare outside the lock, store if the number still holds) before the
# last resort of preparing inside the write transaction, which cannot be overtaken.
OPTIMISTIC_ROUNDS = 3

R = TypeVar("R")  # what is read for issuing: the draft and the number expected for it
T = TypeVar("T")  # what storing answers


class Overtaken(Exception):
    """Raised inside the storing transaction to roll it back: the series counter or the
    draft changed while the document was being prepared."""


def prepare_then_store(ctx: AppContext, read: Callable[[Session], R],
                       prepare: Callable[[R], bytes], store: Callable[[Session, R, bytes], T],
                       *, first: R | None = None) -> T:
    """Issue one numbered document: ``read`` the draft and the number it expects without the
    lock (``first``: already read), ``prepare`` the document with that number outside any
    transaction (render, sign, validate), then ``store`` it in a short write transaction,
    which raises ``Overtaken`` when the counter or the draft moved meanwhile; then it is read
    and prepared again. After ``OPTIMISTIC_ROUNDS`` such rounds it is read, prepared and
    stored inside one write transaction, which nothing can overtake."""
    done = first
    for _round in range(OPTIMISTIC_ROUNDS):
        if done is None:
            with ctx.db.session() as s:
                done = read(s)
        current, done = done, None
        document = prepare(current)
        try:
            with ctx.db.write_session() as s:
                return store(s, current, document)
        except Overtaken:
            continue
    with ctx.db.write_session() as s:
        current = read(s)
        return store(s, current, prepare(current))
