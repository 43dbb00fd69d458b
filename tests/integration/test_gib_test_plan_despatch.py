"""GİB's acceptance test plan for a sender (e-FaturaTestPlani §5.1, "Gönderici Birim
Testleri") for e-İrsaliye, run against Tezgâh's local GİB simulator over loopback. The plan is
written for invoices; GİB's EFatura service carries despatch advices (SENDERENVELOPE,
ElementType DESPATCHADVICE) and receipt advices (POSTBOXENVELOPE, ElementType RECEIPTADVICE)
with the same ``sendDocument``, ``getApplicationResponse`` and status codes, so each item is
applied to despatch advices item for item, and each test is named after its item, as in
``test_gib_test_plan.py``. The sender is the company's DespatchAdvice gönderici birim, the
receiver the customer's DespatchAdvice posta kutusu from GİB's user list, and the documents
are the documented example signed with the TEST certificate.

For 5.1.3 the despatch channel packs up to 100 despatch advices per envelope (as many as an
invoice envelope may hold), within GİB's limit of 1000 elements of that type
(``ElementCountCheck``); so 5.1.3 is run with the plan's counts of 10 and 100, and 101
despatch advices go in two envelopes. Like the invoice plan, only 5.1.3.d (1000 despatch
advices) is marked ``slow``.

The receipt advice (irsaliye yanıtı) is a POSTBOXENVELOPE sender's document: 5.1.1.a and
5.1.1.g are run for one receipt advice queued with ``queue_receipt_advice``.

The system responses of 5.1.1.b/c (Merkez: 1200) and 5.1.1.e/f (the mailbox: then 1300) are
read from the simulator's status timeline of the envelope, so that no test depends on when
it polls. The envelope-name half of 5.1.2.a is checked with a real despatch envelope sent
under a name that is not its UUID.

Not applied: 5.1.2.b is about a mailbox's own web service answering GİB with faults; Tezgâh
is a sender and hosts no service. The plan's time limits for 5.1.3.b (1 minute) and 5.1.3.d
(5 minutes) are not asserted: they measure the machine, and these tests assert no timings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app import clock
from app.context import AppContext
from app.db import tables as t
from app.db.repositories import documents
from app.domain.documents import DocumentKind
from app.gib import codes
from app.gib.client import EFaturaClient
from app.gib.envelope import MAX_ELEMENTS, MAX_INVOICES
from app.gib.errors import Rejected
from app.gib.simulator import GibSimulator
from app.usecases import despatches
from app.usecases.company import set_company
from app.usecases.despatch_sending import queue_receipt_advice, sending_of
from app.usecases.sending import make_syncs, sync
from app.usecases.sync import outbox_rows
from app.usecases.userlist import import_user_list
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    CUSTOMER_PK,
    EXAMPLES,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
    user_list_file,
)
from tests.integration.sending import FAST, envelopes_at_simulator, received_by_simulator

pytestmark = pytest.mark.needs_http


@pytest.fixture
def users(tmp_path: Path) -> Path:
    return user_list_file(tmp_path / "users.xml")


@pytest.fixture
def sim(make_gib_simulator: Callable[..., GibSimulator], users: Path,
        installed_rules_dir: Path) -> GibSimulator:
    """A simulator checking XSD and schematron like GİB, with short status delays."""
    from app.ubl.validate import get_validator

    return make_gib_simulator(userlist_file=users, validator=get_validator(installed_rules_dir),
                              queue_delay=0.05, processing_delay=0.05, delivery_delay=0.1)


@pytest.fixture
def ctx(tmp_path: Path, installed_rules_dir: Path, users: Path) -> AppContext:
    """COMPANY's Tezgâh, with the TEST certificate and the simulator's user list."""
    from app.usecases.signers import use_test_certificate

    ctx = make_context(tmp_path / "company", installed_rules_dir, company=False)
    set_company(ctx, {**COMPANY, "alias": "urn:mail:defaultgb@deneme.invalid"})
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    import_user_list(ctx, users)
    return ctx


def _issue(ctx: AppContext, count: int) -> list[str]:
    """``count`` despatch advices from the documented example, issued signed (and queued)."""
    from app.usecases.signing import company_signer

    data = json.loads((EXAMPLES / "TEMELIRSALIYE-SEVK.json").read_text(encoding="utf-8"))
    data.pop("series", None)
    data.pop("ettn", None)
    ettns = [despatches.create_draft(ctx, dict(data)) for _ in range(count)]
    with company_signer(ctx, None) as sign:
        issuer = despatches.DespatchIssuer(ctx, sign)
        for ettn in ettns:
            issuer.issue(ettn)
    return ettns


def _status(ctx: AppContext, ettn: str) -> str:
    return despatches.show_despatch(ctx, ettn)["status"]


def _statuses(ctx: AppContext, ettns: list[str]) -> set[str]:
    return {_status(ctx, e) for e in ettns}


def _pass(ctx: AppContext, sim: GibSimulator) -> tuple[int, int]:
    """One pass of every engine (pack, send, poll once): (packed, sent)."""
    packed = sent = 0
    for engine in make_syncs(ctx, endpoint_url=sim.url, timeout=10, policy=FAST):
        report = engine.run_once()
        packed, sent = packed + report.packed, sent + report.sent
    return packed, sent


def _envelope_uuids(ctx: AppContext) -> list[str]:
    with ctx.db.session() as s:
        return list(s.scalars(select(t.Envelope.uuid).order_by(t.Envelope.id)))


# -- 5.1.1 ----------------------------------------------------------------------------------

def test_5_1_1_a_send_validated_envelope_with_sendDocument(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    [ettn] = _issue(ctx, 1)
    assert _status(ctx, ettn) == "queued"
    assert _pass(ctx, sim) == (1, 1)
    assert _status(ctx, ettn) in ("sent", "processing", "completed")
    assert envelopes_at_simulator(sim.config.data_dir) == 1
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)  # until GİB has checked it
    [env_id] = sim.state.all_ids()
    row = sim.state.get(env_id)
    # validated: GİB's checks (XSD, schematron, signature, user list) found nothing
    assert row is not None and row.checked and row.code is None
    assert (row.sender_alias, row.receiver_alias) == (SUPPLIER_GB.alias, CUSTOMER_PK.alias)


def test_5_1_1_b_c_system_response_from_merkez_says_envelope_processed(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    [ettn] = _issue(ctx, 1)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    [env_id] = sim.state.all_ids()
    row = sim.state.get(env_id)
    assert row is not None and row.processing_until < row.done_at
    # the simulator's status timeline for this envelope: Merkez's 1200 once processed
    assert row.status_at(row.processing_until) == 1200  # ZARF BASARIYLA ISLENDI
    assert codes.status(1200).gib_text.startswith("ZARF BASARI")
    assert sending_of(ctx, ettn)["envelopes"][0]["uuid"].lower() == env_id.lower()


def test_5_1_1_d_envelope_reaches_the_receivers_mailbox(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    ettns = _issue(ctx, 2)
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    [env_id] = sim.state.all_ids()
    row = sim.state.get(env_id)
    assert row is not None and row.receiver_alias == CUSTOMER_PK.alias
    assert row.receiver_vkn == CUSTOMER["vkn_tckn"]
    assert set(received_by_simulator(sim.config.data_dir)) == set(ettns)
    assert _statuses(ctx, ettns) == {"completed"}


def test_5_1_1_e_f_system_response_from_mailbox_then_success(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    [ettn] = _issue(ctx, 1)
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    [env_id] = sim.state.all_ids()
    row = sim.state.get(env_id)
    assert row is not None
    assert [row.status_at(row.processing_until), row.status_at(row.done_at)] == [1200, 1300]
    [env] = sending_of(ctx, ettn)["envelopes"]
    assert (env["state"], env["gib_status"]) == ("completed", 1300)


def test_5_1_1_g_getApplicationResponse_says_basariyla_tamamlandi(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    [ettn] = _issue(ctx, 1)
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    env_uuid = sending_of(ctx, ettn)["envelopes"][0]["uuid"]
    answer = EFaturaClient(sim.url, timeout=5).get_application_response(env_uuid)
    assert answer.status_code == 1300
    assert "TAMAMLANDI" in codes.status(1300).gib_text
    assert _status(ctx, ettn) == "completed"
    assert outbox_rows(ctx) == []


# -- 5.1.2 ----------------------------------------------------------------------------------

def test_5_1_2_a_wrong_digest_shows_gibs_code_and_message(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    [ettn] = _issue(ctx, 1)
    engines = make_syncs(ctx, endpoint_url=sim.url, timeout=5, policy=FAST)
    for engine in engines:
        engine.pack()
    with ctx.db.write_session() as s:  # simulate a corrupted digest on the wire
        s.execute(update(t.Envelope).values(md5="0" * 32))
    for engine in engines:
        engine.run_once()
    assert _status(ctx, ettn) == "failed"
    info = sending_of(ctx, ettn)
    # GİB's code and its message, as the invoice's
    assert info["state"] == "failed" and "2000" in info["problem"]
    assert "MD5" in info["problem"].upper()
    [row] = outbox_rows(ctx)
    assert row["state"] == "failed" and row["kind"] == "despatch-advice"
    assert "2000" in row["problem"]
    assert envelopes_at_simulator(sim.config.data_dir) == 0


def test_5_1_2_a_wrong_envelope_name_shows_gibs_code_and_message(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    _issue(ctx, 1)
    for engine in make_syncs(ctx, endpoint_url=sim.url, timeout=5, policy=FAST):
        engine.pack()
    with ctx.db.session() as s:
        [env] = s.scalars(select(t.Envelope)).all()
        content, md5 = env.content, env.md5
    assert md5 == hashlib.md5(content).hexdigest()
    client = EFaturaClient(sim.url, timeout=5)
    with pytest.raises(Rejected) as exc:
        client.send_document("not-a-uuid.zip", content, md5)
    assert exc.value.code in (2000, 2006)
    assert str(exc.value.code) in exc.value.message
    assert envelopes_at_simulator(sim.config.data_dir) == 0


# -- 5.1.3 ----------------------------------------------------------------------------------

def test_the_despatch_channel_packs_within_gibs_limit() -> None:
    from app.channels.despatch import DespatchChannel
    from app.gib.envelope import DESPATCH_ADVICE_ELEMENT, ELEMENT_KINDS

    assert DespatchChannel.max_documents == MAX_INVOICES == 100
    assert ELEMENT_KINDS[DESPATCH_ADVICE_ELEMENT].max_count == MAX_ELEMENTS == 1000


def test_5_1_3_a_one_envelope_with_10_despatch_advices(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    ettns = _issue(ctx, 10)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=10)
    assert (report.packed, report.completed) == (1, 1), report.messages
    assert _statuses(ctx, ettns) == {"completed"}
    received = received_by_simulator(sim.config.data_dir)
    assert set(received) == set(ettns) and set(received.values()) == {1}


def test_5_1_3_b_ten_envelopes_with_1_despatch_advice_one_after_another(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    ettns: list[str] = []
    for _ in range(10):
        ettns += _issue(ctx, 1)
        assert _pass(ctx, sim) == (1, 1)  # packed and sent before the next one is issued
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=10)
    assert envelopes_at_simulator(sim.config.data_dir) == 10
    assert len(set(_envelope_uuids(ctx))) == 10
    assert _statuses(ctx, ettns) == {"completed"}


def test_5_1_3_c_one_envelope_with_100_despatch_advices(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    ettns = _issue(ctx, 100)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=20)
    assert (report.packed, report.completed) == (1, 1), report.messages
    assert _statuses(ctx, ettns) == {"completed"}
    [env_id] = sim.state.all_ids()
    row = sim.state.get(env_id)
    assert row is not None and row.invoice_count == 100


def test_5_1_3_c_101_despatch_advices_go_in_two_envelopes(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    ettns = _issue(ctx, 101)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=20)
    assert (report.packed, report.completed) == (2, 2), report.messages
    assert _statuses(ctx, ettns) == {"completed"}
    counts = sorted(r.invoice_count or 0 for r in map(sim.state.get, sim.state.all_ids())
                    if r is not None)
    assert counts == [1, 100]


@pytest.mark.slow
def test_5_1_3_d_ten_envelopes_with_100_despatch_advices_one_after_another(ctx, sim) -> None:  # type: ignore[no-untyped-def]
    ettns: list[str] = []
    for _ in range(10):
        ettns += _issue(ctx, 100)
        assert _pass(ctx, sim) == (1, 1)
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=20)
    assert envelopes_at_simulator(sim.config.data_dir) == 10
    received = received_by_simulator(sim.config.data_dir)
    assert len(received) == 1000 and set(received.values()) == {1}
    assert _statuses(ctx, ettns) == {"completed"}


# -- the receipt advice (irsaliye yanıtı), a POSTBOXENVELOPE sender --------------------------

@pytest.fixture(scope="module")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DespatchSigners]:
    with despatch_signers(tmp_path_factory.mktemp("despatch-signers")) as found:
        yield found


@pytest.fixture
def receiver_ctx(tmp_path: Path, installed_rules_dir: Path, users: Path) -> AppContext:
    """The customer's Tezgâh: it received COMPANY's despatch advice and answers it."""
    ctx = make_context(tmp_path / "customer", installed_rules_dir, company=False)
    set_company(ctx, {**CUSTOMER, "alias": "urn:mail:defaultgb@caglayan.invalid"})
    import_user_list(ctx, users)
    return ctx


def _queue_receipt(ctx: AppContext, signers: DespatchSigners) -> int:
    receipt = signers.receipt(signers.despatch())
    with ctx.db.write_session() as s:
        doc_id = documents.insert_row(s, invoice_id=None,
                                      kind=DocumentKind.RECEIPT_ADVICE.value, content=receipt,
                                      sha256=hashlib.sha256(receipt).hexdigest(),
                                      now=clock.local_now())
        queue_receipt_advice(s, doc_id, COMPANY["vkn_tckn"], SUPPLIER_GB.alias)
    return doc_id


def _receipt_sending(ctx: AppContext, doc_id: int) -> dict:  # type: ignore[type-arg]
    from app.usecases.despatch_sending import sending_of_document

    with ctx.db.session() as s:
        return sending_of_document(s, doc_id)


def test_5_1_1_a_receipt_advice_send_validated_envelope_with_sendDocument(
        receiver_ctx: AppContext, sim: GibSimulator, signers: DespatchSigners) -> None:
    ctx = receiver_ctx
    doc_id = _queue_receipt(ctx, signers)
    assert _pass(ctx, sim) == (1, 1)
    assert envelopes_at_simulator(sim.config.data_dir) == 1
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)  # until GİB has checked it
    [env_id] = sim.state.all_ids()
    row = sim.state.get(env_id)
    # validated: a RECEIPTADVICE outside a POSTBOXENVELOPE would be refused (1160)
    assert row is not None and row.checked and row.code is None
    assert (row.sender_alias, row.receiver_alias) == (CUSTOMER_GB.alias, SUPPLIER_GB.alias)
    [env] = _receipt_sending(ctx, doc_id)["envelopes"]
    assert env["uuid"].lower() == env_id.lower() and env["attempts"] == 1


def test_5_1_1_g_receipt_advice_getApplicationResponse_says_basariyla_tamamlandi(
        receiver_ctx: AppContext, sim: GibSimulator, signers: DespatchSigners) -> None:
    ctx = receiver_ctx
    doc_id = _queue_receipt(ctx, signers)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    info = _receipt_sending(ctx, doc_id)
    [env] = info["envelopes"]
    answer = EFaturaClient(sim.url, timeout=5).get_application_response(env["uuid"])
    assert answer.status_code == 1300
    assert "TAMAMLANDI" in codes.status(1300).gib_text
    assert (info["state"], env["state"], env["gib_status"]) == ("done", "completed", 1300)
    assert outbox_rows(ctx) == []
