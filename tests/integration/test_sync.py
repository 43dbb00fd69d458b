"""Issued e-Fatura invoices travel to the local GİB simulator over loopback and end in 1300
— with every fault the simulator can inject, each invoice arrives exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import clock
from app.context import AppContext
from app.gib.simulator import GibSimulator
from app.signing import open_signer, sign_invoice
from app.usecases.invoices import show_invoice
from app.usecases.sending import invoice_status, sync
from app.usecases.sync import outbox_rows
from tests.integration.sending import (
    FAST,
    envelopes_at_simulator,
    issue_some,
    received_by_simulator,
    user_list_file,
)

# On SQLite and on PostgreSQL (tests/fixtures/postgres.py).
pytestmark = pytest.mark.usefixtures("each_engine")


def _statuses(ctx: AppContext, ettns: list[str]) -> set[str]:
    return {show_invoice(ctx, e)["status"] for e in ettns}


def test_one_invoice_signed_on_softhsm_reaches_1300(ctx: AppContext, simulator: GibSimulator,
                                                    softhsm) -> None:  # type: ignore[no-untyped-def]
    with open_signer(softhsm.config("mali_muhur"), softhsm.user_pin,
                     expected_vkn_tckn="3880530121") as signer:
        [ettn] = issue_some(ctx, lambda x: sign_invoice(x, signer), 1)
    assert show_invoice(ctx, ettn)["status"] == "queued"
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    assert report.completed == 1 and report.failed == 0
    info = invoice_status(ctx, ettn)
    assert info["status"] == "completed" and info["envelopes"][0]["gib_status"] == 1300
    codes_seen = [e["code"] for e in info["events"] if e["kind"] == "gib-status"]
    assert codes_seen[-1] == "1300"
    assert received_by_simulator(simulator.config.data_dir) == {ettn: 1}
    assert outbox_rows(ctx) == []


@pytest.mark.slow  # edit loop: a sibling test covers the same path quickly
def test_hundred_invoices_travel_in_one_envelope(ctx: AppContext, simulator: GibSimulator,
                                                 demo_sign) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 100)
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=10)
    assert (report.packed, report.completed) == (1, 1)
    assert _statuses(ctx, ettns) == {"completed"}
    assert envelopes_at_simulator(simulator.config.data_dir) == 1
    received = received_by_simulator(simulator.config.data_dir)
    assert set(received) == set(ettns) and set(received.values()) == {1}


def test_invoices_for_two_receivers_get_two_envelopes_and_earchive_stays_home(
        ctx: AppContext, simulator: GibSimulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    from tests.fixtures.app import PERSON

    ettns = issue_some(ctx, demo_sign, 2)
    earchive = issue_some(ctx, demo_sign, 1, profile="EARSIVFATURA", series="EAR",
                          customer=PERSON)
    assert show_invoice(ctx, earchive[0])["status"] == "issued"  # not sent via EFatura
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    assert report.completed == 1
    assert _statuses(ctx, ettns) == {"completed"}


@pytest.mark.parametrize("fault", ["drop", "http500", "fault2005", "fault2007",
                                   "lose_response", "hang", "slow"])
def test_every_fault_ends_delivered_exactly_once(
        ctx: AppContext, simulator: GibSimulator, demo_sign, fault: str) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 3)
    seconds = {"hang": 3.0, "slow": 0.2}.get(fault)
    simulator.faults.add(fault, times=2, operation="sendDocument",
                         **({"seconds": seconds} if seconds else {}))
    first = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=1.5, once=True)
    if fault != "slow":
        assert first.messages, "the fault should have been noticed"
        rows = outbox_rows(ctx)
        assert rows and all(r["problem"] for r in rows)  # the user sees why it waits
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=1.5)
    assert report.failed == 0
    assert _statuses(ctx, ettns) == {"completed"}
    received = received_by_simulator(simulator.config.data_dir)
    assert set(received) == set(ettns) and set(received.values()) == {1}
    assert envelopes_at_simulator(simulator.config.data_dir) == 1


@pytest.mark.parametrize("fault", ["drop", "fault2005", "lose_response"])
def test_status_query_faults_are_retried(ctx: AppContext, simulator: GibSimulator, demo_sign,
                                         fault: str) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 1)
    simulator.faults.add(fault, times=2, operation="getApplicationResponse")
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=2)
    assert report.completed == 1
    assert _statuses(ctx, ettns) == {"completed"}


def test_offline_work_waits_and_goes_out_later(ctx: AppContext, demo_sign, tmp_path: Path,
                                               make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 2)
    report = sync(ctx, endpoint_url="http://127.0.0.1:9", policy=FAST, timeout=1, once=True)
    assert report.retrying == 1 and report.sent == 0
    assert _statuses(ctx, ettns) == {"queued"}
    rows = outbox_rows(ctx)
    assert all("tekrar denenecek" in r["problem"] for r in rows)
    sim = make_gib_simulator(userlist_file=user_list_file(tmp_path / "u.xml"))
    sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert _statuses(ctx, ettns) == {"completed"}


def test_unknown_receiver_alias_is_explained(ctx: AppContext, simulator: GibSimulator,
                                             demo_sign) -> None:  # type: ignore[no-untyped-def]
    from app.usecases import catalog
    from tests.fixtures.app import CUSTOMER

    catalog.save_customer(ctx, {**CUSTOMER, "alias": ""})
    [ettn] = issue_some(ctx, demo_sign, 1)
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5, once=True)
    [row] = outbox_rows(ctx)
    assert row["state"] == "waiting" and "posta kutusu etiketi" in row["problem"]
    assert show_invoice(ctx, ettn)["status"] == "queued"


def test_a_system_response_file_is_applied_to_its_envelope(
        ctx: AppContext, simulator: GibSimulator, demo_sign) -> None:  # type: ignore[no-untyped-def]

    from app.gib.envelope import EnvelopeParty
    from app.gib.system_response import build_system_envelope
    from app.usecases.sending import apply_system_response_file

    [ettn] = issue_some(ctx, demo_sign, 1)
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5, once=True)
    env_uuid = invoice_status(ctx, ettn)["envelopes"][0]["uuid"]
    gib = EnvelopeParty("3900383669", "GIB", "GİB")
    me = EnvelopeParty("3880530121", "urn:mail:defaultgb@deneme.invalid", "Deneme")
    response = build_system_envelope(envelope_id=env_uuid, envelope_date="2026-11-27",
                                     code=1300, description="BASARIYLA TAMAMLANDI",
                                     sender=gib, receiver=me, created=clock.local_now())
    [result] = apply_system_response_file(ctx, response)
    assert result["applied"] and result["status"] == 1300
    assert show_invoice(ctx, ettn)["status"] == "completed"
    [unknown] = apply_system_response_file(ctx, response.replace(env_uuid.encode(),
                                                                 b"11111111-2222-4333-8444-555555555555"))
    assert not unknown["applied"] and "kayıtlı değil" in unknown["message"]


def test_recipient_is_decided_by_the_user_list(ctx: AppContext, tmp_path: Path) -> None:
    from app.gib.userlist import UserListStore
    from app.usecases.sending import recipient
    from tests.fixtures.app import CUSTOMER

    UserListStore(ctx.db.engine).import_file(user_list_file(tmp_path / "ul.xml"))
    registered = recipient(ctx, CUSTOMER["vkn_tckn"])
    assert registered["einvoice"] and registered["alias"].startswith("urn:mail:")
    assert recipient(ctx, "10000000146")["profile"] == "EARSIVFATURA"


def test_sync_gives_up_waiting_after_max_seconds(ctx: AppContext, demo_sign) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from app.usecases.sync import SyncPolicy

    issue_some(ctx, demo_sign, 1)
    slow_retry = SyncPolicy(poll_interval=timedelta(0), backoff=(timedelta(seconds=30),))
    report = sync(ctx, endpoint_url="http://127.0.0.1:9", policy=slow_retry, timeout=1,
                  max_seconds=2)
    assert report.retrying == 1 and report.sent == 0
    assert outbox_rows(ctx)[0]["next_attempt"] is not None


@pytest.mark.slow  # about 35 s: a real CLI process against a GİB answering a byte a second
def test_cli_sync_against_a_trickling_gib_returns_within_its_timeout(
        ctx: AppContext, simulator: GibSimulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    """``tezgah sync --timeout 5`` with GİB answering one byte a second: the timeout is a
    deadline for each call, so the run ends in seconds (it ran for minutes before)."""
    import time

    from app.cli import main

    [ettn] = issue_some(ctx, demo_sign, 1)
    simulator.faults.add("trickle", operation="sendDocument")
    started = time.monotonic()
    assert main(["--data-dir", str(ctx.data_dir), "sync", "--once", "--endpoint",
                 simulator.url, "--timeout", "5"]) == 0
    assert time.monotonic() - started < 10
    [row] = outbox_rows(ctx)
    assert "5 saniye içinde yanıt vermedi" in row["problem"]
    simulator.faults.clear()
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    assert show_invoice(ctx, ettn)["status"] == "completed"
    assert received_by_simulator(simulator.config.data_dir) == {ettn: 1}
