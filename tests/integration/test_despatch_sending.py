"""e-İrsaliye leaves through the outbox to the local GİB simulator over real HTTP on
127.0.0.1: a receipt advice queued with ``queue_receipt_advice`` in the transaction that
stored it goes once, in its own POSTBOXENVELOPE, to the despatch sender's DespatchAdvice alias
and completes."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import clock
from app.context import AppContext
from app.db.repositories import documents
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.gib.simulator import GibSimulator
from app.usecases.company import set_company
from app.usecases.despatch_sending import queue_receipt_advice
from app.usecases.sending import sync
from app.usecases.sync import outbox_rows
from app.usecases.userlist import import_user_list
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
    user_list_file,
)
from tests.integration.sending import FAST

pytestmark = pytest.mark.needs_http


@pytest.fixture(scope="module")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DespatchSigners]:
    with despatch_signers(tmp_path_factory.mktemp("despatch-signers")) as found:
        yield found


@pytest.fixture
def users(tmp_path: Path) -> Path:
    return user_list_file(tmp_path / "users.xml")


@pytest.fixture
def sim(make_gib_simulator: Callable[..., GibSimulator], users: Path,
        installed_rules_dir: Path) -> GibSimulator:
    from app.ubl.validate import get_validator

    return make_gib_simulator(userlist_file=users, validator=get_validator(installed_rules_dir))


def _envelopes_at(sim: GibSimulator) -> list[tuple[str, str, int]]:
    """(receiver alias, sender alias, status code) of each envelope the simulator received
    (the code is NULL until checked, an 11xx when refused)."""
    with sqlite3.connect(sim.config.data_dir / "gib-simulator.sqlite3") as conn:
        return [tuple(r) for r in conn.execute(
            "SELECT receiver_alias, sender_alias, code FROM envelope ORDER BY rowid")]


# -- receipt advices (irsaliye yanıtı) --------------------------------------------------------

@pytest.fixture
def receiver_ctx(tmp_path: Path, installed_rules_dir: Path, users: Path) -> AppContext:
    """The customer's Tezgâh: it received COMPANY's despatch and answers it."""
    ctx = make_context(tmp_path / "customer", installed_rules_dir, company=False)
    set_company(ctx, {**CUSTOMER, "alias": "urn:mail:defaultgb@caglayan.invalid"})
    import_user_list(ctx, users)
    return ctx


def _store(ctx: AppContext, xml: bytes, kind: DocumentKind = DocumentKind.RECEIPT_ADVICE
           ) -> int:
    with ctx.db.write_session() as s:
        return documents.insert_row(s, invoice_id=None, kind=kind.value, content=xml,
                                    sha256=hashlib.sha256(xml).hexdigest(),
                                    now=clock.local_now())


def test_a_queued_receipt_advice_goes_once_in_a_postbox_envelope_and_completes(
        receiver_ctx: AppContext, sim: GibSimulator, signers: DespatchSigners) -> None:
    ctx = receiver_ctx
    receipt = signers.receipt(signers.despatch())
    with ctx.db.write_session() as s:
        doc_id = documents.insert_row(s, invoice_id=None,
                                      kind=DocumentKind.RECEIPT_ADVICE.value, content=receipt,
                                      sha256=hashlib.sha256(receipt).hexdigest(),
                                      now=clock.local_now())
        queue_receipt_advice(s, doc_id, COMPANY["vkn_tckn"], SUPPLIER_GB.alias)
    [row] = outbox_rows(ctx)
    assert (row["state"], row["alias"]) == ("waiting", SUPPLIER_GB.alias)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    # accepted (a RECEIPTADVICE outside a POSTBOXENVELOPE is 1160); the envelope's sender is
    # the company's own e-İrsaliye gönderici birim from the list
    assert _envelopes_at(sim) == [(SUPPLIER_GB.alias, CUSTOMER_GB.alias, None)]
    assert outbox_rows(ctx) == []
    again = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (again.packed, again.sent) == (0, 0)
    assert len(_envelopes_at(sim)) == 1


def test_only_a_stored_receipt_advice_with_an_alias_is_queued(
        receiver_ctx: AppContext, signers: DespatchSigners) -> None:
    ctx = receiver_ctx
    despatch = signers.despatch()
    receipt_id = _store(ctx, signers.receipt(despatch))
    other = _store(ctx, despatch, DocumentKind.DESPATCH_ADVICE)
    for doc_id, alias in ((other, SUPPLIER_GB.alias), (receipt_id, "  "), (10_000, "x")):
        with pytest.raises(UserError), ctx.db.write_session() as s:
            queue_receipt_advice(s, doc_id, COMPANY["vkn_tckn"], alias)
    assert outbox_rows(ctx) == []

