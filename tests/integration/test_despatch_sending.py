"""e-İrsaliye leaves through the outbox to the local GİB simulator over real HTTP on
127.0.0.1. A despatch advice issued from docs/examples/despatch is queued by the issuing
transaction, packed in a SENDERENVELOPE to the receiver's DespatchAdvice alias from the user
list, and ``sync`` follows it to 1300: the despatch advice is completed. Sent to an alias the
receiver holds for invoices only, GİB answers 1181: it is failed with the code and the reason,
and the next sync sends nothing. A receiver with no DespatchAdvice alias gets nothing, and the
outbox says why. Lost answers and a sync killed between its steps still deliver each despatch
once. A receipt advice queued with ``queue_receipt_advice`` in the transaction that stored it
goes once, in its own POSTBOXENVELOPE, to the despatch sender's DespatchAdvice alias and
completes."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import clock
from app.context import AppContext
from app.db.repositories import documents
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.gib.simulator import GibSimulator
from app.gib.userlist import DESPATCH_ADVICE, INVOICE, RegisteredUser, UserAlias, write_user_list
from app.usecases import despatches
from app.usecases.company import set_company
from app.usecases.despatch_sending import queue_receipt_advice
from app.usecases.sending import sync
from app.usecases.sync import outbox_rows
from app.usecases.userlist import import_user_list
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    CUSTOMER_INVOICE_PK,
    CUSTOMER_PK,
    EXAMPLES,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
    user_list_file,
)
from tests.integration.sending import FAST, received_by_simulator

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


# -- despatch advices ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
T0 = "2020-01-01T00:00:00"


def _our_list(path: Path, customer_aliases: tuple[UserAlias, ...]) -> Path:
    """The user list as the despatching Tezgâh knows it: the company's own e-İrsaliye
    gönderici birim and the customer with ``customer_aliases``."""
    def alias(name: str, role: str, doc: str) -> UserAlias:
        return UserAlias(name, role, doc, T0, T0, None)

    path.write_bytes(write_user_list([
        RegisteredUser(COMPANY["vkn_tckn"], COMPANY["name"], "OZEL", T0, "ENTEGRASYON", (
            alias("urn:mail:defaultgb@deneme.invalid", "GB", INVOICE),
            alias(SUPPLIER_GB.alias, "GB", DESPATCH_ADVICE))),
        RegisteredUser(CUSTOMER["vkn_tckn"], CUSTOMER["name"], "OZEL", T0, "ENTEGRASYON",
                       customer_aliases),
    ]))
    return path


def _alias(name: str, doc: str) -> UserAlias:
    return UserAlias(name, "PK", doc, T0, T0, None)


@pytest.fixture
def sender_ctx(tmp_path: Path, installed_rules_dir: Path, users: Path) -> AppContext:
    """COMPANY's Tezgâh, with the test certificate and the same user list as the simulator."""
    from app.usecases.signers import use_test_certificate

    ctx = make_context(tmp_path / "company", installed_rules_dir, company=False)
    set_company(ctx, {**COMPANY, "alias": "urn:mail:defaultgb@deneme.invalid"})
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    import_user_list(ctx, users)
    return ctx


def _issue(ctx: AppContext, count: int = 1, example: str = "TEMELIRSALIYE-SEVK") -> list[str]:
    """Drafts of the documented example (the company's series, fresh ETTNs), issued signed."""
    from app.usecases.signing import company_signer

    data = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
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


def test_an_issued_despatch_is_queued_and_sync_takes_it_to_completed(
        sender_ctx: AppContext, make_gib_simulator: Callable[..., GibSimulator], users: Path,
        installed_rules_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.ubl.validate import get_validator
    from app.usecases.despatch_sending import sending_of

    ctx = sender_ctx
    sim = make_gib_simulator(userlist_file=users, validator=get_validator(installed_rules_dir),
                             queue_delay=0.05, processing_delay=0.05, delivery_delay=0.05)
    [ettn] = _issue(ctx)
    assert _status(ctx, ettn) == "queued"  # by the issuing transaction itself
    [row] = outbox_rows(ctx)
    assert (row["kind_label"], row["number"], row["ettn"]) == (
        "e-İrsaliye", "IRS2026000000001", ettn)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    assert _status(ctx, ettn) == "completed"
    # SENDERENVELOPE from the company's DespatchAdvice GB to the customer's DespatchAdvice PK
    assert _envelopes_at(sim) == [(CUSTOMER_PK.alias, SUPPLIER_GB.alias, None)]
    assert received_by_simulator(sim.config.data_dir) == {ettn: 1}
    info = sending_of(ctx, ettn)
    assert (info["state"], info["receiver_alias"]) == ("done", CUSTOMER_PK.alias)
    [env] = info["envelopes"]
    assert (env["state"], env["gib_status"], env["attempts"]) == ("completed", 1300, 1)
    assert outbox_rows(ctx) == []
    from app.cli import main

    assert main(["--data-dir", str(ctx.data_dir), "despatch", "show", ettn]) == 0
    shown = capsys.readouterr().out
    assert "IRS2026000000001  Alıcıya ulaştı" in shown
    assert f"Gönderim: Gönderildi → {CUSTOMER_PK.alias}" in shown and "GİB 1300" in shown


def test_a_despatch_refused_by_gib_is_failed_with_the_reason_and_never_sent_again(
        sender_ctx: AppContext, sim: GibSimulator, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.usecases.despatch_sending import sending_of

    ctx = sender_ctx
    # This Tezgâh's list says the customer's e-Fatura posta kutusu takes despatch advices too;
    # GİB's list (the simulator's) knows it for invoices only.
    import_user_list(ctx, _our_list(tmp_path / "ours.xml", (
        _alias(CUSTOMER_INVOICE_PK.alias, INVOICE),
        _alias(CUSTOMER_INVOICE_PK.alias, DESPATCH_ADVICE))))
    [ettn] = _issue(ctx)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (0, 1)
    assert _status(ctx, ettn) == "failed"
    info = sending_of(ctx, ettn)
    assert info["state"] == "failed" and info["problem"].startswith("1181 ")
    assert info["envelopes"][0]["gib_status"] == 1181
    [row] = outbox_rows(ctx)
    assert row["rejected"] and row["kind"] == "despatch-advice" and "1181" in row["problem"]
    from app.cli import main

    assert main(["--data-dir", str(ctx.data_dir), "outbox"]) == 0
    listed = capsys.readouterr().out
    assert f"e-İrsaliye IRS2026000000001  {CUSTOMER['name']}  [GİB reddetti]" in listed
    assert "1181" in listed
    again = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (again.packed, again.sent) == (0, 0)
    assert len(_envelopes_at(sim)) == 1 and _status(ctx, ettn) == "failed"


def test_nothing_is_sent_to_a_receiver_without_a_despatch_alias(
        sender_ctx: AppContext, sim: GibSimulator, tmp_path: Path) -> None:
    ctx = sender_ctx
    import_user_list(ctx, _our_list(tmp_path / "ours.xml",
                                    (_alias(CUSTOMER_INVOICE_PK.alias, INVOICE),)))
    [ettn] = _issue(ctx)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.packed, report.sent) == (0, 0)
    [row] = outbox_rows(ctx)
    assert row["state"] == "waiting" and "e-İrsaliye kullanıcısı" in row["problem"]
    assert CUSTOMER["vkn_tckn"] in row["problem"]
    assert _status(ctx, ettn) == "queued" and _envelopes_at(sim) == []
    # once GİB's list names the customer's DespatchAdvice alias, the next sync sends it
    import_user_list(ctx, _our_list(tmp_path / "ours.xml", (
        _alias(CUSTOMER_PK.alias, DESPATCH_ADVICE),)))
    assert sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5).completed == 1
    assert _status(ctx, ettn) == "completed"


@pytest.mark.parametrize("fault", ["drop", "http500", "lose_response"])
def test_a_lost_send_or_answer_still_delivers_each_despatch_once(
        sender_ctx: AppContext, sim: GibSimulator, fault: str) -> None:
    ctx = sender_ctx
    ettns = _issue(ctx, 2)
    sim.faults.add(fault, times=2, operation="sendDocument")
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert {_status(ctx, e) for e in ettns} == {"completed"}
    received = received_by_simulator(sim.config.data_dir)
    assert set(received) == set(ettns) and set(received.values()) == {1}


def _sync_process(data_dir: Path, url: str, failpoint: str | None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("TEZGAH_FAILPOINT", None)
    if failpoint:
        env["TEZGAH_FAILPOINT"] = failpoint
    return subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "sync",
                             "--endpoint", url, "--timeout", "3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_a_sync_killed_between_its_steps_sends_each_despatch_once(
        sender_ctx: AppContext, sim: GibSimulator) -> None:
    from app import settings

    ctx = sender_ctx
    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.05)
    settings.write(ctx, settings.SYNC_RETRY_SECONDS, 0.1)
    ettns: list[str] = []
    # the despatch engine is the one that sends here (no invoices wait): it dies there
    for point in ("after-mark-sending", "after-send", "after-mark-sent", "after-poll"):
        ettns += _issue(ctx)
        proc = _sync_process(ctx.data_dir, sim.url, point)
        proc.wait(timeout=120)
        assert proc.returncode == -signal.SIGKILL, (point, proc.stderr.read() if proc.stderr
                                                    else "")
    final = _sync_process(ctx.data_dir, sim.url, None)
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert {_status(ctx, e) for e in ettns} == {"completed"}
    received = received_by_simulator(sim.config.data_dir)
    assert set(received) == set(ettns) and set(received.values()) == {1}


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

